dnl vm_operations_struct hooks:
dnl  split(vma, addr): 31383c6865a5 "mm, hugetlbfs: introduce ->split() to vm_operations_struct" (v4.15)
dnl  may_split(vma, addr): dd3b614f858d "mm: Rename vm_operations_struct->split to may_split" (v5.11)
dnl  mprotect(vma, start, end, newflags): 95bb7c42ac8a "mm: Add 'mprotect' hook to struct
dnl    vm_operations_struct" (v5.11, SGX)
dnl  pagesize(vma): 05ea88608d4e "mm, hugetlbfs: introduce ->pagesize() to vm_operations_struct" (v4.17)
dnl  mapped(start, end, pgoff, file, private): "mm: add vm_ops->mapped hook" for mmap_prepare users (v7.1)
AC_DEFUN([HM_AC_KERNEL_SRC_VM_OPS], [
HM_LINUX_TEST_SRC([vm_ops_split], [
#include <linux/mm.h>
static int hm_split(struct vm_area_struct *vma, unsigned long addr)
{
	return 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.split = hm_split,
};
], [])
HM_LINUX_TEST_SRC([vm_ops_may_split], [
#include <linux/mm.h>
static int hm_may_split(struct vm_area_struct *vma, unsigned long addr)
{
	return 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.may_split = hm_may_split,
};
], [])
HM_LINUX_TEST_SRC([vm_ops_mprotect], [
#include <linux/mm.h>
static int hm_mprotect(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	return 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.mprotect = hm_mprotect,
};
], [])
HM_LINUX_TEST_SRC([vm_ops_pagesize], [
#include <linux/mm.h>
static unsigned long hm_pagesize(struct vm_area_struct *vma)
{
	return PAGE_SIZE;
}
static const struct vm_operations_struct hm_ops __used = {
	.pagesize = hm_pagesize,
};
], [])
HM_LINUX_TEST_SRC([vm_ops_mapped], [
#include <linux/mm.h>
static int hm_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
		     const struct file *file, void **vm_private_data)
{
	return 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.mapped = hm_mapped,
};
], [])
])
AC_DEFUN([HM_AC_KERNEL_VM_OPS], [
HM_LINUX_TEST_RESULT([vm_ops_split],
	[HM_RESULT([HAVE_VM_OPS_SPLIT], [yes])],
	[HM_RESULT([HAVE_VM_OPS_SPLIT], [no], [no vm_ops->split (4.18-5.10 only)])])
HM_LINUX_TEST_RESULT([vm_ops_may_split],
	[HM_RESULT([HAVE_VM_OPS_MAY_SPLIT], [yes])],
	[HM_RESULT([HAVE_VM_OPS_MAY_SPLIT], [no], [no vm_ops->may_split (5.11+)])])
HM_LINUX_TEST_RESULT([vm_ops_mprotect],
	[HM_RESULT([HAVE_VM_OPS_MPROTECT], [yes])],
	[HM_RESULT([HAVE_VM_OPS_MPROTECT], [no], [no vm_ops->mprotect (5.11+)])])
HM_LINUX_TEST_RESULT([vm_ops_pagesize],
	[HM_RESULT([HAVE_VM_OPS_PAGESIZE], [yes])],
	[HM_RESULT([HAVE_VM_OPS_PAGESIZE], [no], [no vm_ops->pagesize (4.17+)])])
HM_LINUX_TEST_RESULT([vm_ops_mapped],
	[HM_RESULT([HAVE_VM_OPS_MAPPED], [yes])],
	[HM_RESULT([HAVE_VM_OPS_MAPPED], [no], [no vm_ops->mapped (7.1+)])])
])
HM_PROBE_REGISTER([VM_OPS])
