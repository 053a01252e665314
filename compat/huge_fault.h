/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vm_operations_struct.huge_fault: took an enum page_entry_size until
 * "mm: remove enum page_entry_size" (1d024e7a8dab, 6.6), an order since.
 * The driver implements one handler taking an order; HM_HUGE_FAULT_OP()
 * names the kernel-facing adapter to put in vm_operations_struct.
 */
#ifndef HM_COMPAT_HUGE_FAULT_H
#define HM_COMPAT_HUGE_FAULT_H

#include <linux/mm.h>
#include "vm_fault_t.h"

#ifndef PMD_ORDER
#define PMD_ORDER	(PMD_SHIFT - PAGE_SHIFT)
#endif
#ifndef PUD_ORDER
#define PUD_ORDER	(PUD_SHIFT - PAGE_SHIFT)
#endif

vm_fault_t hm_huge_fault(struct vm_fault *vmf, unsigned int order);

#if defined(HAVE_HUGE_FAULT_ORDER)
#define HM_HUGE_FAULT_OP	hm_huge_fault
#elif defined(HAVE_HUGE_FAULT_PE_SIZE)
static inline vm_fault_t hm_huge_fault_pe_size(struct vm_fault *vmf,
					       enum page_entry_size pe_size)
{
	switch (pe_size) {
	case PE_SIZE_PUD:
		return hm_huge_fault(vmf, PUD_ORDER);
	case PE_SIZE_PMD:
		return hm_huge_fault(vmf, PMD_ORDER);
	default:
		return VM_FAULT_FALLBACK;
	}
}

#define HM_HUGE_FAULT_OP	hm_huge_fault_pe_size
#else
#error "configure found no usable vm_operations_struct.huge_fault prototype"
#endif

#endif /* HM_COMPAT_HUGE_FAULT_H */
