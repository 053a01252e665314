dnl vm_flags_set/vm_flags_clear: bc292ab00f6c "mm: introduce vma->vm_flags wrapper functions" (v6.3);
dnl vma->vm_flags is const from then on.
AC_DEFUN([HM_AC_KERNEL_SRC_VM_FLAGS_SET], [
HM_LINUX_TEST_SRC([vm_flags_set], [
#include <linux/mm.h>
static void __used hm_call(struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_PFNMAP | VM_DONTEXPAND);
	vm_flags_clear(vma, VM_MAYWRITE);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VM_FLAGS_SET], [
HM_LINUX_TEST_RESULT([vm_flags_set],
	[HM_RESULT([HAVE_VM_FLAGS_SET], [yes])],
	[HM_RESULT([HAVE_VM_FLAGS_SET], [no], [no vm_flags_set() (< 6.3)])])
])
HM_PROBE_REGISTER([VM_FLAGS_SET])
