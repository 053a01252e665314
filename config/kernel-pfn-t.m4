dnl pfn_t: <linux/pfn_t.h> 01c8f1c44b83 "mm, dax, gpu: convert vm_insert_mixed to pfn_t" (4.5);
dnl removed by 21aa65bf82a7 "mm: remove callers of pfn_t functionality" and follow-ups (v6.17).
AC_DEFUN([HM_AC_KERNEL_SRC_PFN_T], [
HM_LINUX_TEST_SRC([pfn_t], [
#include <linux/mm.h>
#include <linux/pfn_t.h>
], [
	pfn_t hm_p = __pfn_to_pfn_t((unsigned long)hm_arg, PFN_DEV | PFN_MAP);

	(void)hm_p;
])
])
AC_DEFUN([HM_AC_KERNEL_PFN_T], [
HM_LINUX_TEST_RESULT([pfn_t],
	[HM_RESULT([HAVE_PFN_T], [yes])],
	[HM_RESULT([HAVE_PFN_T], [no], [no <linux/pfn_t.h> / __pfn_to_pfn_t (6.17+)])])
])
HM_PROBE_REGISTER([PFN_T])
