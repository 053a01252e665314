dnl pmd_modify() and the devmap bit: mprotect(2) rebuilds a huge PMD through
dnl change_huge_pmd() -> pmd_modify(), which keeps only the bits of the
dnl architecture's change mask.  x86 left _PAGE_DEVMAP out of _PAGE_CHG_MASK
dnl (so out of _HPAGE_CHG_MASK) in 4.14 (the 4.14.67 kit); it is there in RHEL 8's
dnl 4.18 and in 5.10.  Without it a devmap PMD comes back from mprotect(2) as a
dnl plain huge PMD, which lockless GUP (gup_huge_pmd) takes for a THP and
dnl dereferences a struct page that does not exist: an Oops in
dnl get_user_pages_fast() on the next futex or O_DIRECT on the range.
dnl arm64's pmd_modify() (pte_modify) replaces only the bits of its protection
dnl mask and so keeps PTE_DEVMAP; kernels without _PAGE_DEVMAP (6.17+) use
dnl special PMDs.  Only x86 has something to check.
AC_DEFUN([HM_AC_KERNEL_SRC_PMD_MODIFY_DEVMAP], [
HM_LINUX_TEST_SRC([pmd_modify_devmap], [
#include <linux/mm.h>
#include <linux/bug.h>
#include <asm/pgtable.h>
], [
#if defined(CONFIG_X86) && defined(_PAGE_DEVMAP)
	BUILD_BUG_ON(!(_HPAGE_CHG_MASK & _PAGE_DEVMAP));
#endif
])
])
AC_DEFUN([HM_AC_KERNEL_PMD_MODIFY_DEVMAP], [
HM_LINUX_TEST_RESULT([pmd_modify_devmap],
	[HM_RESULT([HAVE_PMD_MODIFY_KEEPS_DEVMAP], [yes])],
	[HM_RESULT([HAVE_PMD_MODIFY_KEEPS_DEVMAP], [no],
		[x86 _HPAGE_CHG_MASK lacks _PAGE_DEVMAP: pmd_modify() (mprotect) turns a devmap PMD into a plain one])])
])
HM_PROBE_REGISTER([PMD_MODIFY_DEVMAP])
