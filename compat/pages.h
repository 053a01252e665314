/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pages mode: a regions= range gets struct pages (ZONE_DEVICE, the
 * MEMORY_DEVICE_GENERIC type device-dax uses) and is mapped with entries
 * GUP can resolve: futexes, O_DIRECT, vmsplice, process_vm_readv, RDMA and
 * MAP_POPULATE work on it.  Two flavours, as device-dax had them:
 *
 *  - devmap (pfn_t and pte_devmap, up to 6.16; HM_PAGES_DEVMAP): entries
 *    hold no page reference and no rmap; GUP finds the pages through the
 *    dev_pagemap.  VMAs are VM_MIXEDMAP, so zap never touches the pages.
 *  - folio (vmf_insert_folio_pmd() and vmf_insert_page_mkwrite(), 6.15+,
 *    the only one once pfn_t is gone in 6.17; HM_PAGES_FOLIO): ZONE_DEVICE
 *    memory is refcounted folios like page cache; every entry holds a
 *    reference and an rmap count, a huge entry maps a whole folio of its
 *    own order, PTEs map single pages of any folio.  VMAs are not
 *    VM_MIXEDMAP (zap must drop those references).
 *
 * 6.15 and 6.16 have both; they are not supported (no such target).
 * HM_PAGES_REASON is the first reason this build cannot offer pages mode,
 * NULL if it can.
 */
#ifndef HM_COMPAT_PAGES_H
#define HM_COMPAT_PAGES_H

#include "features.h"

#if defined(HAVE_PTE_DEVMAP) && defined(HAVE_PFN_T) && \
	defined(HAVE_VMF_INSERT_MIXED_PFN_T) && !defined(HAVE_VMF_INSERT_FOLIO_PMD)
#define HM_PAGES_DEVMAP_API	1
#else
#define HM_PAGES_DEVMAP_API	0
#endif

#if !defined(HAVE_PFN_T) && defined(HAVE_VMF_INSERT_FOLIO_PMD) && \
	defined(HAVE_VMF_INSERT_PAGE_MKWRITE) && \
	defined(HAVE_DEV_PAGEMAP_VMEMMAP_SHIFT)
#define HM_PAGES_FOLIO_API	1
#else
#define HM_PAGES_FOLIO_API	0
#endif

#if !defined(HAVE_CONFIG_ZONE_DEVICE)
#define HM_PAGES_REASON \
	"kernel built without CONFIG_ZONE_DEVICE (no struct pages for device memory)"
#elif !defined(HAVE_MEMREMAP_PAGES)
#define HM_PAGES_REASON \
	"kernel does not export memremap_pages() (4.14 has only the devm_memremap_pages(dev, res, ref, altmap) form, not supported)"
#elif !defined(HAVE_DEV_PAGEMAP_RANGE)
#define HM_PAGES_REASON \
	"struct dev_pagemap has no range (5.4-5.9 form, not supported)"
#elif !defined(HAVE_MEMORY_DEVICE_GENERIC)
#define HM_PAGES_REASON	"kernel has no MEMORY_DEVICE_GENERIC pagemaps"
#elif !HM_PAGES_DEVMAP_API && !HM_PAGES_FOLIO_API
#define HM_PAGES_REASON \
	"kernel has neither devmap entries (pfn_t, vmf_insert_mixed) nor the folio inserts (vmf_insert_folio_pmd, vmf_insert_page_mkwrite, compound pagemaps) alone"
#elif !defined(HAVE_INIT_PSEUDO)
#define HM_PAGES_REASON \
	"kernel has no init_pseudo() for the region's own inode"
#elif !defined(HAVE_FS_DAX)
#define HM_PAGES_REASON \
	"kernel built without CONFIG_FS_DAX: huge faults of struct-page mappings need a DAX VMA"
#else
#define HM_PAGES_REASON	NULL
#endif

#if defined(HAVE_CONFIG_ZONE_DEVICE) && defined(HAVE_MEMREMAP_PAGES) && \
	defined(HAVE_DEV_PAGEMAP_RANGE) && defined(HAVE_MEMORY_DEVICE_GENERIC) && \
	defined(HAVE_INIT_PSEUDO) && defined(HAVE_FS_DAX)
#define HM_PAGES_DEVMAP	HM_PAGES_DEVMAP_API
#define HM_PAGES_FOLIO	HM_PAGES_FOLIO_API
#else
#define HM_PAGES_DEVMAP	0
#define HM_PAGES_FOLIO	0
#endif

#define HM_BUILD_PAGES	(HM_PAGES_DEVMAP || HM_PAGES_FOLIO)

/*
 * alloc= regions in pages mode map memory that has struct pages already:
 * no pagemap, no ZONE_DEVICE, no FS_DAX.  They need the region's inode (a
 * pseudo filesystem: init_pseudo() or mount_pseudo()) and then map by
 * PTEs with vm_insert_page() (every kernel), or, in the folio flavour,
 * PMD-order folios by vmf_insert_folio_pmd().
 */
#if HM_BUILD_PAGES
#define HM_BUILD_ALLOC_PAGES	1
#define HM_ALLOC_PAGES_REASON	NULL
#elif !defined(HAVE_INIT_PSEUDO) && !defined(HAVE_MOUNT_PSEUDO)
#define HM_BUILD_ALLOC_PAGES	0
#define HM_ALLOC_PAGES_REASON \
	"kernel has neither init_pseudo() nor mount_pseudo() for the region's own inode"
#elif defined(HAVE_FOPS_MMAP_PREPARE) && defined(HAVE_VM_OPS_MAPPED) && \
	defined(HAVE_VMA_DESC_VMA_FLAGS)
/* vm_insert_page() needs VM_MIXEDMAP, which hm_desc_set_pages_flags() does not set */
#define HM_BUILD_ALLOC_PAGES	0
#define HM_ALLOC_PAGES_REASON \
	"kernel has ->mmap_prepare but not the folio inserts: no VM_MIXEDMAP mapping of ordinary pages"
#else
#define HM_BUILD_ALLOC_PAGES	1
#define HM_ALLOC_PAGES_REASON	NULL
#endif

/*
 * Huge entries.  Devmap flavour: devmap entries whatever PFN mode uses;
 * mprotect(2) must keep the devmap bit (see HM_PMD_KEEPS_MARK).  Folio
 * flavour: the kernel's own folio entries, as for THPs.
 */
/*
 * A devmap PMD must also survive the kernel's page-table walkers: before
 * 6.5 MADV_COLD/MADV_PAGEOUT (and others) test pmd_trans_unstable(), which
 * x86 answers "bad" for a devmap PMD, and clear it ("bad pmd"); see
 * config/kernel-pte-offset-map-may-fail.m4.  arm64 takes devmap PMDs for
 * huge ones there.
 */
#if defined(CONFIG_X86) && !defined(HAVE_PTE_OFFSET_MAP_MAY_FAIL)
#define HM_PAGES_WALKERS_KNOW_DEVMAP	0
#else
#define HM_PAGES_WALKERS_KNOW_DEVMAP	1
#endif

#if HM_PAGES_DEVMAP && HM_BUILD_PMD && defined(HAVE_PMD_MODIFY_KEEPS_DEVMAP) && \
	HM_PAGES_WALKERS_KNOW_DEVMAP
#define HM_PAGES_PMD	1
#elif HM_PAGES_FOLIO && defined(HAVE_CONFIG_TRANSPARENT_HUGEPAGE)
#define HM_PAGES_PMD	1
#else
#define HM_PAGES_PMD	0
#endif

#if HM_PAGES_DEVMAP && !defined(HAVE_PMD_MODIFY_KEEPS_DEVMAP)
#define HM_PAGES_PMD_REASON \
	"pages mode: mprotect(2) would drop the devmap bit of the entry"
#elif HM_PAGES_DEVMAP && !HM_PAGES_WALKERS_KNOW_DEVMAP
#define HM_PAGES_PMD_REASON \
	"pages mode: this kernel's page walkers (MADV_COLD, MADV_PAGEOUT) clear a devmap PMD as a bad one (pmd_trans_unstable(), before 6.5)"
#else
#define HM_PAGES_PMD_REASON	"pages mode: not supported by this build"
#endif

#if HM_PAGES_DEVMAP && HM_BUILD_PUD
#define HM_PAGES_PUD	1
#elif HM_PAGES_FOLIO && HM_BUILD_PUD && defined(HAVE_VMF_INSERT_FOLIO_PUD)
#define HM_PAGES_PUD	1
#else
#define HM_PAGES_PUD	0
#endif

#endif /* HM_COMPAT_PAGES_H */
