/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hugemap's internal kernel API: one shim per kernel API difference,
 * selected by the HAVE_* results of configure (hugemap_config.h).  The
 * driver includes only this header for anything version dependent.
 */
#ifndef HM_COMPAT_H
#define HM_COMPAT_H

#include "vm_fault_t.h"
#include "huge_fault.h"
#include "features.h"
#include "fake_dax.h"
#include "pfn_t.h"
#include "vmf_insert_pfn.h"
#include "vmf_insert_pfn_pmd.h"
#include "vmf_insert_pfn_pud.h"
#include "vm_flags_set.h"
#include "vm_ops_hooks.h"
#include "vma_start_write.h"
#include "zap_vma_ptes.h"
#include "mmap_prepare.h"
#include "get_unmapped_area.h"
#include "class_create.h"
#include "sysfs_emit.h"
#include "copy_struct_to_user.h"
#include "alloc_contig_pages.h"
#include "cpu_huge_pages.h"
#include "pages.h"
#include "memremap_pages.h"
#include "vmf_insert_mixed.h"
#include "insert_folio.h"
#include "pseudo_fs.h"
#include "folio_mapcount.h"

#endif /* HM_COMPAT_H */
