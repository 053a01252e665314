dnl zap_vma_ptes(vma, addr, size): drop the entries of a range of a VM_PFNMAP VMA; exported
dnl since 2.6; int before "mm: change return type to void" (4.18), void since; renamed
dnl zap_special_vma_range() in 7.x.  The driver ignores the return value.
AC_DEFUN([HM_AC_KERNEL_SRC_ZAP_VMA_PTES], [
HM_LINUX_TEST_SRC([zap_vma_ptes], [
#include <linux/mm.h>
static void __used hm_call(struct vm_area_struct *vma)
{
	zap_vma_ptes(vma, vma->vm_start, PAGE_SIZE);
}
], [])
HM_LINUX_TEST_SRC([zap_special_vma_range], [
#include <linux/mm.h>
static void __used hm_call(struct vm_area_struct *vma)
{
	zap_special_vma_range(vma, vma->vm_start, PAGE_SIZE);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_ZAP_VMA_PTES], [
HM_LINUX_TEST_RESULT_SYMBOL([zap_vma_ptes], [zap_vma_ptes],
	[HM_RESULT([HAVE_ZAP_VMA_PTES], [yes])],
	[HM_RESULT([HAVE_ZAP_VMA_PTES], [no], [$hm_why])])
HM_LINUX_TEST_RESULT_SYMBOL([zap_special_vma_range], [zap_special_vma_range],
	[HM_RESULT([HAVE_ZAP_SPECIAL_VMA_RANGE], [yes])],
	[HM_RESULT([HAVE_ZAP_SPECIAL_VMA_RANGE], [no], [$hm_why])])
])
HM_PROBE_REGISTER([ZAP_VMA_PTES])
