/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How many page-table entries map the folio of @page: folio_mapcount()
 * where it exists (5.16+; config/kernel-folio-mapcount.m4), page_mapcount()
 * before (the same number for the single pages and folio heads pages mode
 * asks about).
 */
#ifndef HM_COMPAT_FOLIO_MAPCOUNT_H
#define HM_COMPAT_FOLIO_MAPCOUNT_H

#include <linux/mm.h>

static inline int hm_folio_mapcount(struct page *page)
{
#ifdef HAVE_FOLIO_MAPCOUNT
	return folio_mapcount(page_folio(page));
#else
	return page_mapcount(page);
#endif
}

#endif /* HM_COMPAT_FOLIO_MAPCOUNT_H */
