dnl vma_is_special_huge(): 5.8 "mm: Split huge pages on write-notify or COW" / "mm: Add a
dnl vmf_insert_mixed_prot() function" TTM huge-fault series (Thomas Hellstrom, v5.8); made static to
dnl mm/huge_memory.c (returning false for DAX) in v7.1.
AC_DEFUN([HM_AC_KERNEL_SRC_VMA_IS_SPECIAL_HUGE], [
HM_LINUX_TEST_SRC([vma_is_special_huge], [
#include <linux/mm.h>
static bool __used hm_call(struct vm_area_struct *vma)
{
	return vma_is_special_huge(vma);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMA_IS_SPECIAL_HUGE], [
HM_LINUX_TEST_RESULT([vma_is_special_huge],
	[HM_RESULT([HAVE_VMA_IS_SPECIAL_HUGE], [yes])],
	[HM_RESULT([HAVE_VMA_IS_SPECIAL_HUGE], [no], [vma_is_special_huge() not in <linux/mm.h> (5.8-7.0 only)])])
])
HM_PROBE_REGISTER([VMA_IS_SPECIAL_HUGE])
