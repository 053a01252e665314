dnl vm_fault_t: 1c8f422059ae "mm: change return type to vm_fault_t" (v4.17, typedef int), __bitwise
dnl unsigned int from 3d3539018d2c "mm: create the new vm_fault_t type" (v5.1).  Absent on 4.14.
AC_DEFUN([HM_AC_KERNEL_SRC_VM_FAULT_T], [
HM_LINUX_TEST_SRC([vm_fault_t], [
#include <linux/mm_types.h>
], [
	vm_fault_t hm_x = 0;

	(void)hm_x;
])
])
AC_DEFUN([HM_AC_KERNEL_VM_FAULT_T], [
HM_LINUX_TEST_RESULT([vm_fault_t],
	[HM_RESULT([HAVE_VM_FAULT_T], [yes])],
	[HM_RESULT([HAVE_VM_FAULT_T], [no], [no vm_fault_t typedef (< 4.17)])])
])
HM_PROBE_REGISTER([VM_FAULT_T])
