dnl alloc_contig_pages(nr, gfp, nid, nodemask): 5e27a2df03b8 "mm/page_alloc: introduce
dnl alloc_contig_pages()" (v5.7, CONFIG_CONTIG_ALLOC); a macro around alloc_contig_pages_noprof()
dnl with memory allocation profiling (v6.10).  Exported only on some kernels: probe the export.
dnl free_contig_range(pfn, nr): exported since the CMA/gigantic page work (v3.x); nr_pages type
dnl changed int -> unsigned long over time (callers pass unsigned long).
AC_DEFUN([HM_AC_KERNEL_SRC_CONTIG], [
HM_LINUX_TEST_SRC([alloc_contig_pages], [
#include <linux/gfp.h>
#include <linux/mm.h>
static struct page * __used hm_call(unsigned long nr, int nid, nodemask_t *mask)
{
	return alloc_contig_pages(nr, GFP_KERNEL, nid, mask);
}
], [])
HM_LINUX_TEST_SRC([free_contig_range], [
#include <linux/gfp.h>
#include <linux/mm.h>
static void __used hm_call(unsigned long pfn, unsigned long nr)
{
	free_contig_range(pfn, nr);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_CONTIG], [
HM_LINUX_TEST_RESULT_SYMBOL([alloc_contig_pages], [alloc_contig_pages alloc_contig_pages_noprof],
	[HM_RESULT([HAVE_ALLOC_CONTIG_PAGES], [yes])],
	[HM_RESULT([HAVE_ALLOC_CONTIG_PAGES], [no], [$hm_why])])
HM_LINUX_TEST_RESULT_SYMBOL([free_contig_range], [free_contig_range],
	[HM_RESULT([HAVE_FREE_CONTIG_RANGE], [yes])],
	[HM_RESULT([HAVE_FREE_CONTIG_RANGE], [no], [$hm_why])])
])
HM_PROBE_REGISTER([CONTIG])
