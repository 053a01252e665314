/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A devmap PTE for a ZONE_DEVICE page (pages mode): vmf_insert_mixed()
 * with PFN_DEV|PFN_MAP, as device-dax did while devmap entries existed.
 * The PTE is special and devmap: zap never touches the page, GUP finds it
 * through the dev_pagemap.
 */
#ifndef HM_COMPAT_VMF_INSERT_MIXED_H
#define HM_COMPAT_VMF_INSERT_MIXED_H

#include <linux/mm.h>
#include "vm_fault_t.h"
#include "pfn_t.h"
#include "pages.h"

static inline vm_fault_t hm_vmf_insert_devmap_pte(struct vm_area_struct *vma,
						  unsigned long addr,
						  unsigned long pfn)
{
#if HM_PAGES_DEVMAP
	return vmf_insert_mixed(vma, addr,
				__pfn_to_pfn_t(pfn, PFN_DEV | PFN_MAP));
#else
	return VM_FAULT_SIGBUS;
#endif
}

#endif /* HM_COMPAT_VMF_INSERT_MIXED_H */
