dnl __transparent_hugepage_enabled(vma): the THP gate of __handle_mm_fault() before any
dnl ->huge_fault call, from 7635d9cbe832 "mm, thp, proc: report THP eligibility for each vma"
dnl (v5.3) until hugepage_vma_check() (v6.0); backported to RHEL 8 (4.18.0-3xx).  It honours
dnl THP "never" for every VMA but DAX ones: without DAX, ->huge_fault is never asked for a PUD
dnl under "never" (a PMD still comes from ->fault), so PUD entries need fake DAX there
dnl (compat/fake_dax.h).  Declaration/inline only: compile probe.
AC_DEFUN([HM_AC_KERNEL_SRC_TRANSPARENT_HUGEPAGE_ENABLED], [
HM_LINUX_TEST_SRC([transparent_hugepage_enabled], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
static bool __used hm_gate(struct vm_area_struct *vma)
{
	return __transparent_hugepage_enabled(vma);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_TRANSPARENT_HUGEPAGE_ENABLED], [
HM_LINUX_TEST_RESULT([transparent_hugepage_enabled],
	[HM_RESULT([HAVE___TRANSPARENT_HUGEPAGE_ENABLED], [yes])],
	[HM_RESULT([HAVE___TRANSPARENT_HUGEPAGE_ENABLED], [no], [no __transparent_hugepage_enabled(vma) (5.3-5.19, RHEL 8)])])
])
HM_PROBE_REGISTER([TRANSPARENT_HUGEPAGE_ENABLED])
