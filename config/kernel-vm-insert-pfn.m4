dnl int vm_insert_pfn(vma, addr, pfn): removed by "mm: remove vm_insert_pfn()" (Matthew Wilcox, v5.0);
dnl the only PTE insert on 4.14.
AC_DEFUN([HM_AC_KERNEL_SRC_VM_INSERT_PFN], [
HM_LINUX_TEST_SRC([vm_insert_pfn], [
#include <linux/mm.h>
static int (*hm_fn)(struct vm_area_struct *, unsigned long, unsigned long) __used;
static void __used hm_call(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn)
{
	hm_fn = vm_insert_pfn;
	(void)vm_insert_pfn(vma, addr, pfn);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VM_INSERT_PFN], [
HM_LINUX_TEST_RESULT_SYMBOL([vm_insert_pfn], [vm_insert_pfn],
	[HM_RESULT([HAVE_VM_INSERT_PFN], [yes])],
	[HM_RESULT([HAVE_VM_INSERT_PFN], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VM_INSERT_PFN])
