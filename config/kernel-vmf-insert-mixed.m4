dnl vm_fault_t vmf_insert_mixed(vma, addr, pfn_t) ("mm: introduce vmf_insert_mixed", 4.17-4.20;
dnl exported, takes an unsigned long pfn from "mm: remove callers of pfn_t functionality", 6.17).
dnl Pages mode inserts devmap PTEs with it (PFN_DEV|PFN_MAP), as device-dax did.
AC_DEFUN([HM_AC_KERNEL_SRC_VMF_INSERT_MIXED_PFN_T], [
HM_LINUX_TEST_SRC([vmf_insert_mixed_pfn_t], [
#include <linux/mm.h>
#include <linux/pfn_t.h>
static vm_fault_t __used hm_call(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn)
{
	return vmf_insert_mixed(vma, addr, __pfn_to_pfn_t(pfn, PFN_DEV | PFN_MAP));
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMF_INSERT_MIXED_PFN_T], [
HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_mixed_pfn_t], [vmf_insert_mixed],
	[HM_RESULT([HAVE_VMF_INSERT_MIXED_PFN_T], [yes])],
	[HM_RESULT([HAVE_VMF_INSERT_MIXED_PFN_T], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMF_INSERT_MIXED_PFN_T])
