dnl __pte_offset_map(): page-table walkers map a PTE table through a helper that may fail and that
dnl treats huge and devmap PMDs as "no table" ("mm/pgtable: allow pte_offset_map[_lock]() to
dnl fail", H. Dickins, 6.5).  Before, walkers such as MADV_COLD/MADV_PAGEOUT's call
dnl pmd_trans_unstable(), which on x86 does not know devmap PMDs (pmd_trans_huge() excludes them)
dnl and clears one as a "bad pmd" without a TLB flush (found by the pages-mode stress on 4.18,
dnl 5.10 and 6.1).  Pages mode uses devmap PMDs only where this exists (or off x86).
AC_DEFUN([HM_AC_KERNEL_SRC_PTE_OFFSET_MAP_MAY_FAIL], [
HM_LINUX_TEST_SRC([pte_offset_map_may_fail], [
#include <linux/mm.h>
static pte_t * __used hm_call(pmd_t *pmd, unsigned long addr, pmd_t *val)
{
	return __pte_offset_map(pmd, addr, val);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_PTE_OFFSET_MAP_MAY_FAIL], [
HM_LINUX_TEST_RESULT([pte_offset_map_may_fail],
	[HM_RESULT([HAVE_PTE_OFFSET_MAP_MAY_FAIL], [yes])],
	[HM_RESULT([HAVE_PTE_OFFSET_MAP_MAY_FAIL], [no], [no __pte_offset_map(): walkers use pmd_trans_unstable(), blind to devmap PMDs on x86])])
])
HM_PROBE_REGISTER([PTE_OFFSET_MAP_MAY_FAIL])
