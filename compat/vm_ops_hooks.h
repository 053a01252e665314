/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Optional vm_operations_struct hooks the driver uses to keep huge
 * entries safe:
 *  - ->split, added for device-dax alignment in 4.18 and renamed
 *    ->may_split in 5.11;
 *  - ->mprotect, "mm: Add 'mprotect' hook to struct vm_operations_struct"
 *    (SGX series, 5.11).
 * Each HM_VM_OPS_* expands to the designated initializer for the driver's
 * hm_vm_split() / hm_vm_mprotect(), or to nothing where the kernel has no
 * such hook.
 */
#ifndef HM_COMPAT_VM_OPS_HOOKS_H
#define HM_COMPAT_VM_OPS_HOOKS_H

#include <linux/mm.h>

#if defined(HAVE_VM_OPS_MAY_SPLIT)
#define HM_VM_OPS_SPLIT		.may_split = hm_vm_split,
#elif defined(HAVE_VM_OPS_SPLIT)
#define HM_VM_OPS_SPLIT		.split = hm_vm_split,
#else
#define HM_VM_OPS_SPLIT
#endif

#if defined(HAVE_VM_OPS_MPROTECT)
#define HM_VM_OPS_MPROTECT	.mprotect = hm_vm_mprotect,
#else
#define HM_VM_OPS_MPROTECT
#endif

#endif /* HM_COMPAT_VM_OPS_HOOKS_H */
