dnl pte devmap: __HAVE_ARCH_PTE_DEVMAP in <asm/pgtable.h> (4.5, "mm, x86: get_user_pages() for dax
dnl mappings"), replaced by CONFIG_ARCH_HAS_PTE_DEVMAP ("mm: introduce ARCH_HAS_PTE_DEVMAP", Robin Murphy,
dnl v5.3; arm64 gained devmap then); removed with pfn_t in v6.17.
AC_DEFUN([HM_AC_KERNEL_SRC_PTE_DEVMAP], [
HM_LINUX_TEST_SRC([pte_devmap], [
#include <linux/mm.h>
#if !defined(CONFIG_ARCH_HAS_PTE_DEVMAP) && !defined(__HAVE_ARCH_PTE_DEVMAP)
#error no pte devmap on this arch/kernel
#endif
], [])
])
AC_DEFUN([HM_AC_KERNEL_PTE_DEVMAP], [
HM_LINUX_TEST_RESULT([pte_devmap],
	[HM_RESULT([HAVE_PTE_DEVMAP], [yes])],
	[HM_RESULT([HAVE_PTE_DEVMAP], [no], [neither CONFIG_ARCH_HAS_PTE_DEVMAP nor __HAVE_ARCH_PTE_DEVMAP])])
])
HM_PROBE_REGISTER([PTE_DEVMAP])
