dnl CONFIG_ARCH_SUPPORTS_{PMD,PUD}_PFNMAP: 6.12 "mm: introduce ARCH_SUPPORTS_HUGE_PFNMAP and
dnl special bits to pmd/pud" (Peter Xu, v6.12): huge PFNMAP entries are pmd/pud_special, no devmap needed.
AC_DEFUN([HM_AC_KERNEL_SRC_PFNMAP], [
HM_LINUX_TEST_SRC([pmd_pfnmap], [
#if !defined(CONFIG_ARCH_SUPPORTS_PMD_PFNMAP)
#error CONFIG_ARCH_SUPPORTS_PMD_PFNMAP is not set
#endif
], [])
HM_LINUX_TEST_SRC([pud_pfnmap], [
#if !defined(CONFIG_ARCH_SUPPORTS_PUD_PFNMAP)
#error CONFIG_ARCH_SUPPORTS_PUD_PFNMAP is not set
#endif
], [])
])
AC_DEFUN([HM_AC_KERNEL_PFNMAP], [
HM_LINUX_TEST_RESULT([pmd_pfnmap],
	[HM_RESULT([HAVE_PMD_PFNMAP], [yes])],
	[HM_RESULT([HAVE_PMD_PFNMAP], [no], [CONFIG_ARCH_SUPPORTS_PMD_PFNMAP not set (6.12+)])])
HM_LINUX_TEST_RESULT([pud_pfnmap],
	[HM_RESULT([HAVE_PUD_PFNMAP], [yes])],
	[HM_RESULT([HAVE_PUD_PFNMAP], [no], [CONFIG_ARCH_SUPPORTS_PUD_PFNMAP not set (6.12+, x86_64 only)])])
])
HM_PROBE_REGISTER([PFNMAP])
