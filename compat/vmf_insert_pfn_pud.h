/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmf_insert_pfn_pud(): same history as vmf_insert_pfn_pmd() (see
 * vmf_insert_pfn_pmd.h).  Its prototype is visible on every architecture
 * but it is only built with CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD
 * (never on arm64), so configure checks the export, not the declaration.
 */
#ifndef HM_COMPAT_VMF_INSERT_PFN_PUD_H
#define HM_COMPAT_VMF_INSERT_PFN_PUD_H

#include <linux/mm.h>
#include <linux/huge_mm.h>
#include "vm_fault_t.h"
#include "pfn_t.h"
#include "features.h"
#include "pages.h"

static inline vm_fault_t hm_vmf_insert_pfn_pud(struct vm_fault *vmf,
					       unsigned long pfn, bool write)
{
#if !HM_BUILD_PUD
	return VM_FAULT_FALLBACK;
#elif defined(HAVE_VMF_INSERT_PFN_PUD_ULONG)
	return vmf_insert_pfn_pud(vmf, pfn, write);
#elif defined(HAVE_VMF_INSERT_PFN_PUD_PFN_T)
	return vmf_insert_pfn_pud(vmf, __pfn_to_pfn_t(pfn, HM_PFN_T_FLAGS_PUD),
				  write);
#elif defined(HAVE_VMF_INSERT_PFN_PUD_VMA)
	return vmf_insert_pfn_pud(vmf->vma, vmf->address & PUD_MASK, vmf->pud,
				  __pfn_to_pfn_t(pfn, HM_PFN_T_FLAGS_PUD),
				  write);
#else
#error "HM_BUILD_PUD set without a vmf_insert_pfn_pud() form"
#endif
}

/*
 * Pages mode: a devmap PUD (PFN_DEV|PFN_MAP) whatever PFN mode uses, so
 * that GUP finds the ZONE_DEVICE pages through their dev_pagemap.
 */
static inline vm_fault_t hm_vmf_insert_devmap_pud(struct vm_fault *vmf,
						  unsigned long pfn, bool write)
{
#if !HM_PAGES_DEVMAP || !HM_PAGES_PUD
	return VM_FAULT_FALLBACK;
#elif defined(HAVE_VMF_INSERT_PFN_PUD_PFN_T)
	return vmf_insert_pfn_pud(vmf, __pfn_to_pfn_t(pfn, PFN_DEV | PFN_MAP),
				  write);
#elif defined(HAVE_VMF_INSERT_PFN_PUD_VMA)
	return vmf_insert_pfn_pud(vmf->vma, vmf->address & PUD_MASK, vmf->pud,
				  __pfn_to_pfn_t(pfn, PFN_DEV | PFN_MAP), write);
#else
#error "HM_PAGES_PUD set without a pfn_t vmf_insert_pfn_pud() form"
#endif
}

#endif /* HM_COMPAT_VMF_INSERT_PFN_PUD_H */
