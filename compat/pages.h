/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pages mode: a regions= range gets struct pages (ZONE_DEVICE, the
 * MEMORY_DEVICE_GENERIC type device-dax uses) and is mapped with devmap
 * entries, which GUP resolves through the range's dev_pagemap: futexes,
 * O_DIRECT, vmsplice, process_vm_readv, RDMA and MAP_POPULATE work on it.
 * This is the devmap flavour (pfn_t and pte_devmap, up to 6.16).  Where
 * ZONE_DEVICE huge entries are refcounted folios (vmf_insert_folio_pmd(),
 * 6.15+) a different flavour is needed; it is not built yet, and such
 * kernels keep PFN mode.  HM_PAGES_REASON is the first reason this build
 * cannot offer pages mode, NULL if it can.
 */
#ifndef HM_COMPAT_PAGES_H
#define HM_COMPAT_PAGES_H

#include "features.h"

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
#elif defined(HAVE_VMF_INSERT_FOLIO_PMD)
#define HM_PAGES_REASON \
	"kernel maps ZONE_DEVICE memory as refcounted folios (vmf_insert_folio_pmd): that flavour is not implemented yet"
#elif !defined(HAVE_PTE_DEVMAP) || !defined(HAVE_PFN_T)
#define HM_PAGES_REASON	"kernel has no devmap page-table entries"
#elif !defined(HAVE_VMF_INSERT_MIXED_PFN_T)
#define HM_PAGES_REASON	"kernel does not export vmf_insert_mixed(pfn_t)"
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
	!defined(HAVE_VMF_INSERT_FOLIO_PMD) && defined(HAVE_PTE_DEVMAP) && \
	defined(HAVE_PFN_T) && defined(HAVE_VMF_INSERT_MIXED_PFN_T) && \
	defined(HAVE_INIT_PSEUDO) && defined(HAVE_FS_DAX)
#define HM_BUILD_PAGES	1
#else
#define HM_BUILD_PAGES	0
#endif

/*
 * Huge entries of pages mode are devmap entries whatever PFN mode uses;
 * mprotect(2) must keep the devmap bit (see HM_PMD_KEEPS_MARK).
 */
#if HM_BUILD_PAGES && HM_BUILD_PMD && defined(HAVE_PMD_MODIFY_KEEPS_DEVMAP)
#define HM_PAGES_PMD	1
#else
#define HM_PAGES_PMD	0
#endif

#if HM_PAGES_PMD && HM_BUILD_PUD
#define HM_PAGES_PUD	1
#else
#define HM_PAGES_PUD	0
#endif

#endif /* HM_COMPAT_PAGES_H */
