dnl vmf_insert_pfn_pud forms (mm/huge_memory.c, declared unconditionally in <linux/huge_mm.h>):
dnl  VMA   (vma, addr, pud_t *, pfn_t, bool): 4.14-5.1 and RHEL 8.0 (int, vm_fault_t from 4.17)
dnl  PFN_T (vmf, pfn_t, bool): fce86ff5802b "mm/huge_memory: fix vmf_insert_pfn_{pmd, pud}() crash,
dnl        handle unaligned addresses" (v5.2); 5.8-6.4 a static inline around the exported _prot form
dnl        (9a9731b18c9b "mm: Add vmf_insert_pfn_xxx_prot() for huge page-table entries", v5.8), exported
dnl        again after "mm: remove vmf_insert_pfn_xxx_prot() for huge page-table entries" (v6.5)
dnl  ULONG (vmf, unsigned long pfn, bool): pfn_t removal series (v6.17)
dnl  PROT  exported vmf_insert_pfn_pud_prot(vmf, pfn_t, pgprot_t, bool): 5.8-6.4
dnl Usable = a form compiles AND the function (or its _prot backing symbol) is in Module.symvers AND
dnl modpost reports nothing undefined.  Form macros are only defined for a usable form.
dnl PUD: only with CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD; on arm64 declared but never built.
AC_DEFUN([HM_AC_KERNEL_SRC_VMF_INSERT_PFN_PUD], [
HM_LINUX_TEST_SRC([vmf_insert_pfn_pud_vma], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/pfn_t.h>
static void __used hm_call(struct vm_area_struct *vma, unsigned long addr, pud_t *p, pfn_t pfn)
{
	(void)vmf_insert_pfn_pud(vma, addr, p, pfn, true);
}
], [])
HM_LINUX_TEST_SRC([vmf_insert_pfn_pud_pfn_t], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/pfn_t.h>
static vm_fault_t (*hm_fn)(struct vm_fault *, pfn_t, bool) __used;
static void __used hm_call(struct vm_fault *vmf, pfn_t pfn)
{
	hm_fn = vmf_insert_pfn_pud;
	(void)vmf_insert_pfn_pud(vmf, pfn, true);
}
], [])
HM_LINUX_TEST_SRC([vmf_insert_pfn_pud_ulong], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
static vm_fault_t (*hm_fn)(struct vm_fault *, unsigned long, bool) __used;
static void __used hm_call(struct vm_fault *vmf, unsigned long pfn)
{
	hm_fn = vmf_insert_pfn_pud;
	(void)vmf_insert_pfn_pud(vmf, pfn, true);
}
], [])
HM_LINUX_TEST_SRC([vmf_insert_pfn_pud_prot], [
#include <linux/mm.h>
#include <linux/huge_mm.h>
#include <linux/pfn_t.h>
static vm_fault_t (*hm_fn)(struct vm_fault *, pfn_t, pgprot_t, bool) __used;
static void __used hm_call(struct vm_fault *vmf, pfn_t pfn, pgprot_t prot)
{
	hm_fn = vmf_insert_pfn_pud_prot;
	(void)vmf_insert_pfn_pud_prot(vmf, pfn, prot, true);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMF_INSERT_PFN_PUD], [
hm_usable=no
hm_usable_why=
for hm_form in vma pfn_t ulong; do
	HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_pfn_pud_$hm_form], [vmf_insert_pfn_pud vmf_insert_pfn_pud_prot],
		[hm_r=yes; hm_usable=yes], [hm_r=no; test -n "$hm_usable_why" || ! hm_fact_compiled hm_vmf_insert_pfn_pud_$hm_form || hm_usable_why=$hm_why])
	case $hm_form in
	vma) HM_RESULT([HAVE_VMF_INSERT_PFN_PUD_VMA], [$hm_r], [$hm_why]) ;;
	pfn_t) HM_RESULT([HAVE_VMF_INSERT_PFN_PUD_PFN_T], [$hm_r], [$hm_why]) ;;
	ulong) HM_RESULT([HAVE_VMF_INSERT_PFN_PUD_ULONG], [$hm_r], [$hm_why]) ;;
	esac
done
test -n "$hm_usable_why" || hm_usable_why="no vmf_insert_pfn_pud form compiles"
HM_RESULT([HAVE_VMF_INSERT_PFN_PUD], [$hm_usable], [$hm_usable_why])
HM_LINUX_TEST_RESULT_SYMBOL([vmf_insert_pfn_pud_prot], [vmf_insert_pfn_pud_prot],
	[HM_RESULT([HAVE_VMF_INSERT_PFN_PUD_PROT], [yes])],
	[HM_RESULT([HAVE_VMF_INSERT_PFN_PUD_PROT], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMF_INSERT_PFN_PUD])
