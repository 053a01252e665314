/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vm_flags_set(): "mm: introduce vma->vm_flags wrapper functions"
 * (bc292ab00f6c, 6.3) made vma->vm_flags read-only.
 */
#ifndef HM_COMPAT_VM_FLAGS_SET_H
#define HM_COMPAT_VM_FLAGS_SET_H

#include <linux/mm.h>

static inline void hm_vm_flags_set(struct vm_area_struct *vma,
				   vm_flags_t flags)
{
#ifdef HAVE_VM_FLAGS_SET
	vm_flags_set(vma, flags);
#else
	vma->vm_flags |= flags;
#endif
}

#endif /* HM_COMPAT_VM_FLAGS_SET_H */
