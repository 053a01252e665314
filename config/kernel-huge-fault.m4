dnl vm_operations_struct.huge_fault: (vmf, enum page_entry_size) since a00cc7d9dd93 "mm, x86: add support
dnl for PUD-sized transparent hugepages" (4.11; int on 4.14, vm_fault_t 4.17+); (vmf, unsigned int order)
dnl since 1d024e7a8dab "mm: remove enum page_entry_size" (v6.6).
dnl enum page_entry_size is compatible with unsigned int, so the order probe also requires that the
dnl enum does not exist (it redeclares it).
AC_DEFUN([HM_AC_KERNEL_SRC_HUGE_FAULT], [
HM_LINUX_TEST_SRC([huge_fault_order], [
#include <linux/mm.h>
enum page_entry_size { hm_no_page_entry_size };
static vm_fault_t hm_huge_fault(struct vm_fault *vmf, unsigned int order)
{
	return 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.huge_fault = hm_huge_fault,
};
], [])
HM_LINUX_TEST_SRC([huge_fault_pe_size], [
#include <linux/mm.h>
static vm_fault_t hm_huge_fault(struct vm_fault *vmf, enum page_entry_size pe_size)
{
	return pe_size == PE_SIZE_PUD ? VM_FAULT_FALLBACK : 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.huge_fault = hm_huge_fault,
};
], [])
HM_LINUX_TEST_SRC([huge_fault_pe_size_int], [
#include <linux/mm.h>
static int hm_huge_fault(struct vm_fault *vmf, enum page_entry_size pe_size)
{
	return pe_size == PE_SIZE_PUD ? VM_FAULT_FALLBACK : 0;
}
static const struct vm_operations_struct hm_ops __used = {
	.huge_fault = hm_huge_fault,
};
], [])
])
AC_DEFUN([HM_AC_KERNEL_HUGE_FAULT], [
HM_LINUX_TEST_RESULT([huge_fault_order],
	[HM_RESULT([HAVE_HUGE_FAULT_ORDER], [yes])],
	[HM_RESULT([HAVE_HUGE_FAULT_ORDER], [no], [huge_fault takes enum page_entry_size (< 6.6)])])
AS_IF([hm_fact_compiled hm_huge_fault_pe_size || hm_fact_compiled hm_huge_fault_pe_size_int],
	[HM_RESULT([HAVE_HUGE_FAULT_PE_SIZE], [yes])],
	[HM_RESULT([HAVE_HUGE_FAULT_PE_SIZE], [no], [no enum page_entry_size huge_fault (6.6+)])])
])
HM_PROBE_REGISTER([HUGE_FAULT])
