/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memremap_pages(): struct pages (ZONE_DEVICE) and a direct mapping for a
 * physical range.  One form is supported: memremap_pages(pgmap, nid) with
 * the range in pgmap->range (5.10+, RHEL 8).  MEMORY_DEVICE_GENERIC needs
 * no callbacks; a NULL pgmap->ref (where it is a pointer, up to 5.16) makes
 * the kernel use its internal reference.
 */
#ifndef HM_COMPAT_MEMREMAP_PAGES_H
#define HM_COMPAT_MEMREMAP_PAGES_H

#include <linux/err.h>
#include <linux/memremap.h>
#include "pages.h"

/*
 * Compound pages (vmemmap_shift, 5.17+): struct pages grouped in folios of
 * 2^order pages, the way device-dax lays out its ranges.  Where the field
 * exists GUP relies on it for huge entries (see
 * config/kernel-dev-pagemap-vmemmap-shift.m4); before, pages are order 0.
 */
#ifdef HAVE_DEV_PAGEMAP_VMEMMAP_SHIFT
#define HM_PAGES_COMPOUND	1
#else
#define HM_PAGES_COMPOUND	0
#endif

#if HM_BUILD_PAGES
static inline void *hm_memremap_pages(struct dev_pagemap *pgmap,
				      phys_addr_t base, u64 size, int nid,
				      unsigned int order)
{
#if HM_PAGES_COMPOUND
	pgmap->vmemmap_shift = order;
#else
	if (order)
		return ERR_PTR(-EINVAL);
#endif
	pgmap->type = MEMORY_DEVICE_GENERIC;
	pgmap->nr_range = 1;
	pgmap->range.start = base;
	pgmap->range.end = base + size - 1;
	return memremap_pages(pgmap, nid);
}

static inline void hm_memunmap_pages(struct dev_pagemap *pgmap)
{
	memunmap_pages(pgmap);
}
#else
struct dev_pagemap;

static inline void *hm_memremap_pages(struct dev_pagemap *pgmap,
				      phys_addr_t base, u64 size, int nid,
				      unsigned int order)
{
	return ERR_PTR(-EOPNOTSUPP);
}

static inline void hm_memunmap_pages(struct dev_pagemap *pgmap)
{
}
#endif

#endif /* HM_COMPAT_MEMREMAP_PAGES_H */
