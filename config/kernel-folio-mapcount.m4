dnl folio_mapcount(folio): how many page-table entries map a folio (5.16, "mm: Add
dnl folio_mapcount()"); page_mapcount() before it, and only it: 6.13 removed page_mapcount().
dnl Pages mode counts the page references beyond the mappings' own (sysfs page_refs).  Up to
dnl 6.1 folio_mapcount() is out of line and not exported (modpost: undefined): no there.
AC_DEFUN([HM_AC_KERNEL_SRC_FOLIO_MAPCOUNT], [
HM_LINUX_TEST_SRC([folio_mapcount], [
#include <linux/mm.h>
static int __used hm_call(struct page *page)
{
	return folio_mapcount(page_folio(page));
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_FOLIO_MAPCOUNT], [
AS_IF([hm_fact_compiled hm_folio_mapcount && test -z "$(hm_fact_undefined hm_folio_mapcount)"],
	[HM_RESULT([HAVE_FOLIO_MAPCOUNT], [yes])],
	[HM_RESULT([HAVE_FOLIO_MAPCOUNT], [no], [not usable by modules, page_mapcount() instead])])
])
HM_PROBE_REGISTER([FOLIO_MAPCOUNT])
