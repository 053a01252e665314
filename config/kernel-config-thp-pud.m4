dnl CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD: a6bf2bb0 "mm: add support for PUD-sized
dnl transparent hugepages" (4.11); selected by x86_64 (all), powerpc (6.6+), riscv (6.17+); never arm64.
AC_DEFUN([HM_AC_KERNEL_SRC_CONFIG_THP_PUD], [
HM_LINUX_TEST_SRC([config_thp_pud], [
#if !defined(CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD)
#error CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD is not set
#endif
], [])
])
AC_DEFUN([HM_AC_KERNEL_CONFIG_THP_PUD], [
HM_LINUX_TEST_RESULT([config_thp_pud],
	[HM_RESULT([HAVE_CONFIG_THP_PUD], [yes])],
	[HM_RESULT([HAVE_CONFIG_THP_PUD], [no], [CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD not set (arch has no PUD THP)])])
])
HM_PROBE_REGISTER([CONFIG_THP_PUD])
