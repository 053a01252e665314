/* SPDX-License-Identifier: GPL-2.0 */
/*
 * file_operations.mmap_prepare: "mm: introduce new .mmap_prepare() file
 * callback" (c84bf6dd2b83, 6.16) deprecates ->mmap.  The driver uses it
 * where the descriptor carries a vma_flags_t and vm_operations_struct has
 * ->mapped (7.1), which tells the driver about each new VMA so that the
 * mapping count stays exact; elsewhere it keeps ->mmap.  HM_FOPS_MMAP and
 * HM_VM_OPS_MAPPED expand to the initializers naming the driver's
 * hm_mmap_prepare()/hm_vm_mapped() or hm_mmap().
 */
#ifndef HM_COMPAT_MMAP_PREPARE_H
#define HM_COMPAT_MMAP_PREPARE_H

#include <linux/fs.h>
#include <linux/mm.h>

#if defined(HAVE_FOPS_MMAP_PREPARE) && defined(HAVE_VM_OPS_MAPPED) && \
	defined(HAVE_VMA_DESC_VMA_FLAGS)
#define HM_MMAP_PREPARE		1
#define HM_FOPS_MMAP		.mmap_prepare = hm_mmap_prepare,
#define HM_VM_OPS_MAPPED	.mapped = hm_vm_mapped,

static inline bool hm_desc_shared(const struct vm_area_desc *desc)
{
	return vma_desc_test(desc, VMA_MAYSHARE_BIT);
}

/* VM_PFNMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP | VM_HUGEPAGE */
static inline void hm_desc_set_flags(struct vm_area_desc *desc)
{
	vma_desc_set_flags(desc, VMA_PFNMAP_BIT, VMA_IO_BIT,
			   VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT,
			   VMA_HUGEPAGE_BIT);
}

/* pages mode, folio flavour: VM_DONTEXPAND | VM_DONTDUMP | VM_HUGEPAGE */
static inline void hm_desc_set_pages_flags(struct vm_area_desc *desc)
{
	vma_desc_set_flags(desc, VMA_DONTEXPAND_BIT, VMA_DONTDUMP_BIT,
			   VMA_HUGEPAGE_BIT);
}
#else
#define HM_MMAP_PREPARE		0
#define HM_FOPS_MMAP		.mmap = hm_mmap,
#define HM_VM_OPS_MAPPED
#endif

#endif /* HM_COMPAT_MMAP_PREPARE_H */
