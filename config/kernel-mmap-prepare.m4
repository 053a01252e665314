dnl file_operations.mmap_prepare(struct vm_area_desc *): c84bf6dd2b83 "mm: introduce new .mmap_prepare()
dnl file callback" (v6.16).  struct vm_area_desc flags: vm_flags (6.16-6.19), vma_flags + the
dnl VMA_*_BIT API (union in 6.19, vma_flags only from 7.1).
AC_DEFUN([HM_AC_KERNEL_SRC_MMAP_PREPARE], [
HM_LINUX_TEST_SRC([fops_mmap_prepare], [
#include <linux/fs.h>
#include <linux/mm.h>
static int hm_mmap_prepare(struct vm_area_desc *desc)
{
	return 0;
}
static const struct file_operations hm_fops __used = {
	.mmap_prepare = hm_mmap_prepare,
};
], [])
HM_LINUX_TEST_SRC([vma_desc_vma_flags], [
#include <linux/fs.h>
#include <linux/mm.h>
static void __used hm_call(struct vm_area_desc *desc)
{
	vma_flags_t hm_f = desc->vma_flags;

	(void)hm_f;
	vma_desc_set_flags(desc, VMA_PFNMAP_BIT, VMA_IO_BIT);
}
], [])
HM_LINUX_TEST_SRC([vma_desc_vm_flags], [
#include <linux/fs.h>
#include <linux/mm.h>
static void __used hm_call(struct vm_area_desc *desc)
{
	desc->vm_flags |= VM_PFNMAP;
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_MMAP_PREPARE], [
HM_LINUX_TEST_RESULT([fops_mmap_prepare],
	[HM_RESULT([HAVE_FOPS_MMAP_PREPARE], [yes])],
	[HM_RESULT([HAVE_FOPS_MMAP_PREPARE], [no], [no file_operations.mmap_prepare (6.16+)])])
HM_LINUX_TEST_RESULT([vma_desc_vma_flags],
	[HM_RESULT([HAVE_VMA_DESC_VMA_FLAGS], [yes])],
	[HM_RESULT([HAVE_VMA_DESC_VMA_FLAGS], [no], [no vm_area_desc.vma_flags / vma_desc_set_flags() (6.19+)])])
HM_LINUX_TEST_RESULT([vma_desc_vm_flags],
	[HM_RESULT([HAVE_VMA_DESC_VM_FLAGS], [yes])],
	[HM_RESULT([HAVE_VMA_DESC_VM_FLAGS], [no], [no vm_area_desc.vm_flags (6.16-6.19 only)])])
])
HM_PROBE_REGISTER([MMAP_PREPARE])
