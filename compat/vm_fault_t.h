/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vm_fault_t: introduced by "mm: introduce vm_fault_t" (1c8f422059ae,
 * 4.17); 4.14 fault handlers return int.
 */
#ifndef HM_COMPAT_VM_FAULT_T_H
#define HM_COMPAT_VM_FAULT_T_H

#include <linux/mm.h>

#ifndef HAVE_VM_FAULT_T
#define vm_fault_t int
#endif

#endif /* HM_COMPAT_VM_FAULT_T_H */
