dnl vmf_insert_page_mkwrite(vmf, page, write): a refcounted, rmapped PTE for a struct page from a
dnl fault handler without VM_MIXEDMAP (6.15, what device-dax uses for its PTE faults since
dnl "fs/dax: properly refcount fs dax pages").  Pages mode's PTEs in the folio flavour.
AC_DEFUN([HM_AC_KERNEL_SRC_VMF_INSERT_PAGE_MKWRITE], [
HM_LINUX_TEST_SRC([vmf_insert_page_mkwrite], [
#include <linux/mm.h>
static vm_fault_t __used hm_call(struct vm_fault *vmf, struct page *page)
{
	return vmf_insert_page_mkwrite(vmf, page, true);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMF_INSERT_PAGE_MKWRITE], [
HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_page_mkwrite], [vmf_insert_page_mkwrite],
	[HM_RESULT([HAVE_VMF_INSERT_PAGE_MKWRITE], [yes])],
	[HM_RESULT([HAVE_VMF_INSERT_PAGE_MKWRITE], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMF_INSERT_PAGE_MKWRITE])
