dnl vmf_insert_folio_pmd: "mm/huge_memory: add vmf_insert_folio_pmd()" in the series "fs/dax: Fix
dnl ZONE_DEVICE page reference counts" (A. Popple, v6.15): DAX huge entries become refcounted folios,
dnl so zap/split drop folio references of DAX VMAs: the driver must not fake S_DAX there.
AC_DEFUN([HM_AC_KERNEL_SRC_VMF_INSERT_FOLIO_PMD], [
HM_LINUX_TEST_SRC([vmf_insert_folio_pmd], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
static vm_fault_t (*hm_fn)(struct vm_fault *, struct folio *, bool) __used;
static void __used hm_call(struct vm_fault *vmf, struct folio *folio)
{
	hm_fn = vmf_insert_folio_pmd;
	(void)vmf_insert_folio_pmd(vmf, folio, true);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMF_INSERT_FOLIO_PMD], [
HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_folio_pmd], [vmf_insert_folio_pmd],
	[HM_RESULT([HAVE_VMF_INSERT_FOLIO_PMD], [yes])],
	[HM_RESULT([HAVE_VMF_INSERT_FOLIO_PMD], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMF_INSERT_FOLIO_PMD])
