dnl hugepage_vma_check(vma, vm_flags, smaps, in_pf, enforce_sysfs): 7da4e2cb8b1f "mm: thp: kill
dnl __transhuge_page_enabled()" (v6.0): the fault gate that never calls ->huge_fault for non-DAX file
dnl VMAs; fixed by "mm/thp: fix "mm: thp: kill __transhuge_page_enabled()"" and replaced by
dnl thp_vma_allowable_orders() (v6.8).  Declaration only: it is not exported.
AC_DEFUN([HM_AC_KERNEL_SRC_HUGEPAGE_VMA_CHECK], [
HM_LINUX_TEST_SRC([hugepage_vma_check], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
], [
	BUILD_BUG_ON(!__builtin_types_compatible_p(__typeof__(hugepage_vma_check),
		bool (struct vm_area_struct *, unsigned long, bool, bool, bool)));
])
])
AC_DEFUN([HM_AC_KERNEL_HUGEPAGE_VMA_CHECK], [
HM_LINUX_TEST_RESULT([hugepage_vma_check],
	[HM_RESULT([HAVE_HUGEPAGE_VMA_CHECK], [yes])],
	[HM_RESULT([HAVE_HUGEPAGE_VMA_CHECK], [no], [no 5-argument hugepage_vma_check() (6.0-6.7 only)])])
])
HM_PROBE_REGISTER([HUGEPAGE_VMA_CHECK])
