/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pages mode, folio flavour (compat/pages.h): entries that hold a folio
 * reference and an rmap count, as device-dax makes them since "fs/dax:
 * properly refcount fs dax pages" (6.15).  A PUD or PMD entry maps a whole
 * folio of its own order (the kernel WARNs otherwise; the region's folios
 * are made that size); a PTE maps one page of any folio.
 */
#ifndef HM_COMPAT_INSERT_FOLIO_H
#define HM_COMPAT_INSERT_FOLIO_H

#include <linux/mm.h>
#include <linux/huge_mm.h>
#include "vm_fault_t.h"
#include "pages.h"

static inline vm_fault_t hm_vmf_insert_folio_pud(struct vm_fault *vmf,
						 unsigned long pfn, bool write)
{
#if HM_PAGES_FOLIO && HM_PAGES_PUD
	return vmf_insert_folio_pud(vmf, page_folio(pfn_to_page(pfn)), write);
#else
	return VM_FAULT_FALLBACK;
#endif
}

static inline vm_fault_t hm_vmf_insert_folio_pmd(struct vm_fault *vmf,
						 unsigned long pfn, bool write)
{
#if HM_PAGES_FOLIO && HM_PAGES_PMD
	return vmf_insert_folio_pmd(vmf, page_folio(pfn_to_page(pfn)), write);
#else
	return VM_FAULT_FALLBACK;
#endif
}

/*
 * One PTE at @addr (the faulting address or another page of the same PTE
 * batch): vmf_insert_page_mkwrite() takes the address from the vm_fault.
 */
static inline vm_fault_t hm_vmf_insert_folio_pte(struct vm_fault *vmf,
						 unsigned long addr,
						 unsigned long pfn, bool write)
{
#if HM_PAGES_FOLIO
	struct vm_fault one = {
		.vma = vmf->vma,
		.gfp_mask = vmf->gfp_mask,
		.pgoff = vmf->pgoff + ((long)(addr - (vmf->address & PAGE_MASK)) >> PAGE_SHIFT),
		.address = addr,
		.real_address = addr,
		.flags = vmf->flags,
	};

	return vmf_insert_page_mkwrite(&one, pfn_to_page(pfn), write);
#else
	return VM_FAULT_SIGBUS;
#endif
}

#endif /* HM_COMPAT_INSERT_FOLIO_H */
