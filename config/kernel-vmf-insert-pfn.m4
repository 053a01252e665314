dnl vmf_insert_pfn(vma, addr, pfn) -> vm_fault_t: ae2b01f37044 "mm: introduce vmf_insert_pfn" (v4.17,
dnl static inline around vm_insert_pfn in 4.17-4.19, RHEL 8); out of line (exported) since
dnl ae2b01f37044's follow-up "mm: remove vm_insert_pfn()" (v5.0).
AC_DEFUN([HM_AC_KERNEL_SRC_VMF_INSERT_PFN], [
HM_LINUX_TEST_SRC([vmf_insert_pfn], [
#include <linux/mm.h>
static vm_fault_t (*hm_fn)(struct vm_area_struct *, unsigned long, unsigned long) __used;
static void __used hm_call(struct vm_area_struct *vma, unsigned long addr, unsigned long pfn)
{
	hm_fn = vmf_insert_pfn;
	(void)vmf_insert_pfn(vma, addr, pfn);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMF_INSERT_PFN], [
HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_pfn], [vmf_insert_pfn vm_insert_pfn],
	[HM_RESULT([HAVE_VMF_INSERT_PFN], [yes])],
	[HM_RESULT([HAVE_VMF_INSERT_PFN], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMF_INSERT_PFN])
