dnl vmf_insert_folio_pud(vmf, folio, write): map a PUD-order folio with one PUD, refcounted and in
dnl the rmap ("mm/huge_memory: add vmf_insert_folio_pud()", A. Popple, 6.15, with the fs/dax
dnl refcount series); only where the architecture has PUD THPs (x86_64).  Pages mode's PUD
dnl entries on kernels whose ZONE_DEVICE memory is mapped as folios.
AC_DEFUN([HM_AC_KERNEL_SRC_VMF_INSERT_FOLIO_PUD], [
HM_LINUX_TEST_SRC([vmf_insert_folio_pud], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
static vm_fault_t __used hm_call(struct vm_fault *vmf, struct folio *folio)
{
	return vmf_insert_folio_pud(vmf, folio, true);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMF_INSERT_FOLIO_PUD], [
HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_folio_pud], [vmf_insert_folio_pud],
	[HM_RESULT([HAVE_VMF_INSERT_FOLIO_PUD], [yes])],
	[HM_RESULT([HAVE_VMF_INSERT_FOLIO_PUD], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMF_INSERT_FOLIO_PUD])
