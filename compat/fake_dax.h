/* SPDX-License-Identifier: GPL-2.0 */
/*
 * "Fake DAX": S_DAX on the device inode makes vma_is_dax() true for our
 * VMAs.  It is needed where
 *  - zap/split of a huge non-anonymous entry only skips struct-page
 *    accounting for DAX VMAs: before vma_is_special_huge() ("mm: Split
 *    huge pages on write-notify or COW", 5.8), and
 *  - the fault gate never calls ->huge_fault for non-DAX file VMAs:
 *    hugepage_vma_check() with the VM_NO_KHUGEPAGED test of 6.0 until
 *    "mm/thp: fix "mm: thp: kill __transhuge_page_enabled()"" (6.7/6.8);
 *  - the THP gate before ->huge_fault honours "never" for non-DAX VMAs
 *    (__transparent_hugepage_enabled(), 5.3-5.19 and RHEL 8), for PUDs;
 * and harmful where DAX huge entries are refcounted folios ("fs/dax: Fix
 * ZONE_DEVICE page reference counts", 6.15, detected by
 * vmf_insert_folio_pmd()): unmap would drop references it never took.
 */
#ifndef HM_COMPAT_FAKE_DAX_H
#define HM_COMPAT_FAKE_DAX_H

#include <linux/fs.h>

#if !defined(HAVE_VMA_IS_SPECIAL_HUGE) && !defined(HAVE_VMF_INSERT_FOLIO_PMD)
#define HM_HUGE_NEEDS_DAX	1	/* huge entries unsafe on unmap otherwise */
#else
#define HM_HUGE_NEEDS_DAX	0
#endif

#if defined(HAVE_HUGEPAGE_VMA_CHECK)
#define HM_HUGE_FAULT_NEEDS_DAX	1	/* ->huge_fault never called otherwise */
#else
#define HM_HUGE_FAULT_NEEDS_DAX	0
#endif

/*
 * __transparent_hugepage_enabled() (5.3-5.19, RHEL 8) honours THP "never"
 * for all but DAX VMAs before ->huge_fault: a PMD still comes from ->fault,
 * a PUD never would.  Only where a PUD entry can be built at all (a
 * vmf_insert_pfn_pud and an mprotect(2) that is safe for PUD leaves).
 */
#if defined(HAVE___TRANSPARENT_HUGEPAGE_ENABLED) && \
	defined(HAVE_CONFIG_THP_PUD) && defined(HAVE_VMF_INSERT_PFN_PUD) && \
	(defined(HAVE_VM_OPS_MPROTECT) || defined(HAVE_CHANGE_HUGE_PUD))
#define HM_PUD_FAULT_NEEDS_DAX	1	/* no PUD under THP "never" otherwise */
#else
#define HM_PUD_FAULT_NEEDS_DAX	0
#endif

#if defined(HAVE_FS_DAX) && !defined(HAVE_VMF_INSERT_FOLIO_PMD) && \
	(HM_HUGE_NEEDS_DAX || HM_HUGE_FAULT_NEEDS_DAX || HM_PUD_FAULT_NEEDS_DAX)
#define HM_FAKE_DAX		1
#else
#define HM_FAKE_DAX		0
#endif

/* Mark the inode behind @filp as DAX where this kernel needs it. */
static inline void hm_fake_dax_open(struct file *filp)
{
#if HM_FAKE_DAX
	struct inode *inode = filp->f_mapping->host;

	if (!IS_DAX(inode))
		inode_set_flags(inode, S_DAX, S_DAX);
#endif
}

#endif /* HM_COMPAT_FAKE_DAX_H */
