dnl change_huge_pud(): "mm/mprotect: fix dax pud handlings" (Peter Xu, v6.12); before it mprotect
dnl clears a leaf PUD as "bad" (pud_none_or_clear_bad in change_pud_range).
AC_DEFUN([HM_AC_KERNEL_SRC_CHANGE_HUGE_PUD], [
HM_LINUX_TEST_SRC([change_huge_pud], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
static __typeof__(change_huge_pud) *hm_fn __used;
], [])
])
AC_DEFUN([HM_AC_KERNEL_CHANGE_HUGE_PUD], [
HM_LINUX_TEST_RESULT([change_huge_pud],
	[HM_RESULT([HAVE_CHANGE_HUGE_PUD], [yes])],
	[HM_RESULT([HAVE_CHANGE_HUGE_PUD], [no], [change_huge_pud() not declared (< 6.12)])])
])
HM_PROBE_REGISTER([CHANGE_HUGE_PUD])
