/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which entry sizes this build can install, from the configure probes,
 * and for each size the first reason it cannot.  A huge PFN entry is only
 * installed when the kernel can tell it from a struct-page THP (special
 * or devmap bit), can keep it safe under munmap/mprotect and exports the
 * insert helper.
 */
#ifndef HM_COMPAT_FEATURES_H
#define HM_COMPAT_FEATURES_H

#include <linux/mm.h>
#include "fake_dax.h"

#if defined(HAVE_PMD_PFNMAP) || (defined(HAVE_PTE_DEVMAP) && defined(HAVE_PFN_T))
#define HM_PMD_MARKED		1
#else
#define HM_PMD_MARKED		0
#endif

/*
 * A devmap PMD must stay devmap under mprotect(2): where pmd_modify() drops
 * the bit (x86 4.14) the entry comes back as a plain huge PMD that lockless
 * GUP takes for a THP.  Special PMDs (HAVE_PMD_PFNMAP) do not depend on it.
 */
#if defined(HAVE_PMD_PFNMAP) || defined(HAVE_PMD_MODIFY_KEEPS_DEVMAP)
#define HM_PMD_KEEPS_MARK	1
#else
#define HM_PMD_KEEPS_MARK	0
#endif

#if defined(HAVE_PUD_PFNMAP) || (defined(HAVE_PTE_DEVMAP) && defined(HAVE_PFN_T))
#define HM_PUD_MARKED		1
#else
#define HM_PUD_MARKED		0
#endif

#if defined(HAVE_VM_OPS_MAY_SPLIT) || defined(HAVE_VM_OPS_SPLIT)
#define HM_HAVE_SPLIT_HOOK	1
#else
#define HM_HAVE_SPLIT_HOOK	0
#endif

/*
 * mprotect(2) handles leaf PUDs itself from 6.12 (change_huge_pud()).
 * Before, it takes a leaf PUD for a corrupt table, and the driver's
 * ->mprotect hook drops the PUD entries of the range first; they refault
 * with the new protection.
 */
#if defined(HAVE_CHANGE_HUGE_PUD)
#define HM_MPROTECT_NEEDS_HOOK	0
#else
#define HM_MPROTECT_NEEDS_HOOK	1
#endif

#if !defined(HAVE_CONFIG_TRANSPARENT_HUGEPAGE)
#define HM_PMD_REASON	"kernel built without CONFIG_TRANSPARENT_HUGEPAGE"
#elif !defined(HAVE_VMF_INSERT_PFN_PMD)
#define HM_PMD_REASON	"kernel does not export vmf_insert_pfn_pmd"
#elif !HM_PMD_MARKED
#define HM_PMD_REASON \
	"kernel has neither special nor devmap PMD entries (4.14 vmf_insert_pfn_pmd BUGs on such a pfn, lockless GUP takes the entry for a THP)"
#elif !HM_PMD_KEEPS_MARK
#define HM_PMD_REASON \
	"kernel's pmd_modify() drops the devmap bit (x86 _PAGE_CHG_MASK without _PAGE_DEVMAP): after mprotect lockless GUP would take the entry for a THP"
#elif HM_HUGE_NEEDS_DAX && !HM_FAKE_DAX
#define HM_PMD_REASON \
	"kernel only unmaps DAX huge entries safely and CONFIG_FS_DAX is off"
#else
#define HM_PMD_REASON	NULL
#endif

#if defined(__PAGETABLE_PUD_FOLDED)
#define HM_PUD_REASON \
	"no PUD level: the page tables have too few levels (CONFIG_PGTABLE_LEVELS), the PUD is folded into the PGD"
#elif !defined(HAVE_CONFIG_TRANSPARENT_HUGEPAGE) || !defined(HAVE_CONFIG_THP_PUD)
#define HM_PUD_REASON \
	"kernel built without CONFIG_HAVE_ARCH_TRANSPARENT_HUGEPAGE_PUD"
#elif !defined(HAVE_VMF_INSERT_PFN_PUD)
#define HM_PUD_REASON	"kernel does not export vmf_insert_pfn_pud"
#elif !HM_PUD_MARKED
#define HM_PUD_REASON \
	"kernel has neither special nor devmap PUD entries (lockless GUP would take the entry for a THP)"
#elif !HM_HAVE_SPLIT_HOOK
#define HM_PUD_REASON \
	"kernel has no vm_operations_struct split hook to refuse partial unmaps inside a PUD"
#elif HM_MPROTECT_NEEDS_HOOK && !defined(HAVE_VM_OPS_MPROTECT)
#define HM_PUD_REASON \
	"kernel has no vm_operations_struct mprotect hook and mprotect(2) cannot change huge PUDs"
#elif HM_HUGE_NEEDS_DAX && !HM_FAKE_DAX
#define HM_PUD_REASON \
	"kernel only unmaps DAX huge entries safely and CONFIG_FS_DAX is off"
#elif HM_HUGE_FAULT_NEEDS_DAX && !HM_FAKE_DAX
#define HM_PUD_REASON \
	"kernel never calls ->huge_fault for PFN maps and CONFIG_FS_DAX is off"
#else
#define HM_PUD_REASON	NULL
#endif

#if defined(HAVE_CONFIG_TRANSPARENT_HUGEPAGE) && \
	defined(HAVE_VMF_INSERT_PFN_PMD) && HM_PMD_MARKED && HM_PMD_KEEPS_MARK && \
	(!HM_HUGE_NEEDS_DAX || HM_FAKE_DAX)
#define HM_BUILD_PMD	1
#else
#define HM_BUILD_PMD	0
#endif

#if HM_BUILD_PMD && defined(HAVE_CONFIG_THP_PUD) && \
	defined(HAVE_VMF_INSERT_PFN_PUD) && HM_PUD_MARKED && \
	HM_HAVE_SPLIT_HOOK && \
	(!HM_MPROTECT_NEEDS_HOOK || defined(HAVE_VM_OPS_MPROTECT)) && \
	(!HM_HUGE_FAULT_NEEDS_DAX || HM_FAKE_DAX)
#define HM_BUILD_PUD	1
#else
#define HM_BUILD_PUD	0
#endif

#endif /* HM_COMPAT_FEATURES_H */
