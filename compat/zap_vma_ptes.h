/* SPDX-License-Identifier: GPL-2.0 */
/*
 * zap_vma_ptes(): drop the entries of part of a VM_PFNMAP VMA.  Returns
 * int before 4.18 (ignored here), renamed zap_special_vma_range() in 7.x.
 */
#ifndef HM_COMPAT_ZAP_VMA_PTES_H
#define HM_COMPAT_ZAP_VMA_PTES_H

#include <linux/mm.h>

static inline void hm_zap_vma_ptes(struct vm_area_struct *vma,
				   unsigned long addr, unsigned long size)
{
#if defined(HAVE_ZAP_SPECIAL_VMA_RANGE)
	zap_special_vma_range(vma, addr, size);
#elif defined(HAVE_ZAP_VMA_PTES)
	zap_vma_ptes(vma, addr, size);
#else
#error "configure found neither zap_vma_ptes() nor zap_special_vma_range()"
#endif
}

#endif /* HM_COMPAT_ZAP_VMA_PTES_H */
