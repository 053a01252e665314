/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pfn_t: the huge insert helpers took a pfn_t until "mm: remove callers of
 * pfn_t functionality" (21aa65bf82a7, 6.17).  Which flags the pfn carries
 * decides the entry type the kernel builds:
 *  - PFN_DEV alone gives a "special" entry where the architecture supports
 *    huge PFN maps (ARCH_SUPPORTS_P?D_PFNMAP, 6.12+);
 *  - PFN_DEV|PFN_MAP gives a devmap entry (ARCH_HAS_PTE_DEVMAP), which
 *    lockless GUP checks against a dev_pagemap (there is none, so GUP
 *    falls back to the slow path, which refuses VM_PFNMAP).
 * A huge entry that is neither would be taken for a struct-page THP by
 * lockless GUP, so the driver never creates one (see features.h).
 */
#ifndef HM_COMPAT_PFN_T_H
#define HM_COMPAT_PFN_T_H

#ifdef HAVE_PFN_T
#include <linux/pfn_t.h>

#ifdef HAVE_PMD_PFNMAP
#define HM_PFN_T_FLAGS_PMD	PFN_DEV
#else
#define HM_PFN_T_FLAGS_PMD	(PFN_DEV | PFN_MAP)
#endif

#ifdef HAVE_PUD_PFNMAP
#define HM_PFN_T_FLAGS_PUD	PFN_DEV
#else
#define HM_PFN_T_FLAGS_PUD	(PFN_DEV | PFN_MAP)
#endif
#endif /* HAVE_PFN_T */

#endif /* HM_COMPAT_PFN_T_H */
