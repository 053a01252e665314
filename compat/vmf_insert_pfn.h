/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmf_insert_pfn(): added as an inline around vm_insert_pfn() by "mm:
 * introduce vmf_insert_pfn()" (4.17), out of line since vm_insert_pfn()
 * was removed (5.0).  4.14 only has int vm_insert_pfn().
 */
#ifndef HM_COMPAT_VMF_INSERT_PFN_H
#define HM_COMPAT_VMF_INSERT_PFN_H

#include <linux/mm.h>
#include "vm_fault_t.h"

static inline vm_fault_t hm_vmf_insert_pfn(struct vm_area_struct *vma,
					   unsigned long addr,
					   unsigned long pfn)
{
#if defined(HAVE_VMF_INSERT_PFN)
	return vmf_insert_pfn(vma, addr, pfn);
#elif defined(HAVE_VM_INSERT_PFN)
	int err = vm_insert_pfn(vma, addr, pfn);

	if (err == -ENOMEM)
		return VM_FAULT_OOM;
	if (err < 0 && err != -EBUSY)
		return VM_FAULT_SIGBUS;
	return VM_FAULT_NOPAGE;
#else
#error "configure found neither vmf_insert_pfn() nor vm_insert_pfn()"
#endif
}

#endif /* HM_COMPAT_VMF_INSERT_PFN_H */
