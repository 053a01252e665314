/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmf_insert_pfn_pmd():
 *  - (vma, addr, pmd, pfn_t, write) up to "mm/huge_memory: fix
 *    vmf_insert_pfn_{pmd, pud}() crash, handle unaligned addresses"
 *    (fce86ff5802b, 5.2);
 *  - (vmf, pfn_t, write) from 5.2, a static inline around the exported
 *    vmf_insert_pfn_pmd_prot() from 9a9731b18c9b (5.8) until 6.5;
 *  - (vmf, unsigned long pfn, write) from 21aa65bf82a7 (6.17).
 */
#ifndef HM_COMPAT_VMF_INSERT_PFN_PMD_H
#define HM_COMPAT_VMF_INSERT_PFN_PMD_H

#include <linux/mm.h>
#include <linux/huge_mm.h>
#include "vm_fault_t.h"
#include "pfn_t.h"
#include "features.h"
#include "pages.h"

static inline vm_fault_t hm_vmf_insert_pfn_pmd(struct vm_fault *vmf,
					       unsigned long pfn, bool write)
{
#if !HM_BUILD_PMD
	return VM_FAULT_FALLBACK;
#elif defined(HAVE_VMF_INSERT_PFN_PMD_ULONG)
	return vmf_insert_pfn_pmd(vmf, pfn, write);
#elif defined(HAVE_VMF_INSERT_PFN_PMD_PFN_T)
	return vmf_insert_pfn_pmd(vmf, __pfn_to_pfn_t(pfn, HM_PFN_T_FLAGS_PMD),
				  write);
#elif defined(HAVE_VMF_INSERT_PFN_PMD_VMA)
	return vmf_insert_pfn_pmd(vmf->vma, vmf->address & PMD_MASK, vmf->pmd,
				  __pfn_to_pfn_t(pfn, HM_PFN_T_FLAGS_PMD),
				  write);
#else
#error "HM_BUILD_PMD set without a vmf_insert_pfn_pmd() form"
#endif
}

/*
 * Pages mode: a devmap PMD (PFN_DEV|PFN_MAP) whatever PFN mode uses, so
 * that GUP finds the ZONE_DEVICE pages through their dev_pagemap.
 */
static inline vm_fault_t hm_vmf_insert_devmap_pmd(struct vm_fault *vmf,
						  unsigned long pfn, bool write)
{
#if !HM_PAGES_DEVMAP || !HM_PAGES_PMD
	return VM_FAULT_FALLBACK;
#elif defined(HAVE_VMF_INSERT_PFN_PMD_PFN_T)
	return vmf_insert_pfn_pmd(vmf, __pfn_to_pfn_t(pfn, PFN_DEV | PFN_MAP),
				  write);
#elif defined(HAVE_VMF_INSERT_PFN_PMD_VMA)
	return vmf_insert_pfn_pmd(vmf->vma, vmf->address & PMD_MASK, vmf->pmd,
				  __pfn_to_pfn_t(pfn, PFN_DEV | PFN_MAP), write);
#else
#error "HM_PAGES_PMD set without a pfn_t vmf_insert_pfn_pmd() form"
#endif
}

#endif /* HM_COMPAT_VMF_INSERT_PFN_PMD_H */
