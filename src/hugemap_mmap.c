// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap mappings: address selection, fault handlers per entry size and
 * the VMA hooks that keep huge entries safe.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/ratelimit.h>

#include "hugemap.h"

bool hm_pte_batch = true;
module_param_named(pte_batch, hm_pte_batch, bool, 0444);
MODULE_PARM_DESC(pte_batch,
		 "A PTE fault maps the whole PMD-sized block around the address (default Y)");

const unsigned int hm_level_shift[HM_NR_LEVELS] = {
	[HM_PTE] = PAGE_SHIFT,
	[HM_PMD] = PMD_SHIFT,
	[HM_PUD] = PUD_SHIFT,
};

static u64 hm_vma_offset(struct vm_area_struct *vma, unsigned long addr)
{
	return ((u64)vma->vm_pgoff << PAGE_SHIFT) + (addr - vma->vm_start);
}

/*
 * Could the @level entry covering @addr be installed in @vma?  Its virtual
 * range must lie inside the VMA and its physical range must be one aligned
 * block of the region.
 */
static bool hm_entry_fits(struct hm_region *r, struct vm_area_struct *vma,
			  unsigned long addr, enum hm_level level,
			  phys_addr_t *phys)
{
	u64 size = hm_level_size(level);
	unsigned long start = addr & ~(size - 1);

	if (!hm_level_usable(r, level))
		return false;
	if (start < vma->vm_start || start + size > vma->vm_end ||
	    start + size < start)
		return false;
	return hm_region_block(r, hm_vma_offset(vma, start), size, phys);
}

/* Does any possible @level entry of @vma intersect [start, end)? */
static bool hm_range_may_hold(struct hm_region *r, struct vm_area_struct *vma,
			      unsigned long start, unsigned long end,
			      enum hm_level level)
{
	u64 size = hm_level_size(level);
	unsigned long addr = start & ~(size - 1);
	phys_addr_t phys;

	for (; addr < end && addr >= (start & ~(size - 1)); addr += size)
		if (hm_entry_fits(r, vma, addr, level, &phys))
			return true;
	return false;
}

/*
 * Does the file range [off, off + len) hold a whole, physically aligned
 * block for one @level entry?  @phys gets the physical address of @off.
 */
static bool hm_range_has_block(struct hm_region *r, u64 off, u64 len,
			       enum hm_level level, phys_addr_t *phys)
{
	u64 size = hm_level_size(level);
	phys_addr_t block;
	u64 first;

	if (!hm_level_usable(r, level) || len < size ||
	    !hm_region_block(r, off, PAGE_SIZE, phys))
		return false;
	first = off + (round_up(*phys, size) - *phys);
	return first + size <= off + len && first + size > first &&
	       hm_region_block(r, first, size, &block);
}

/*
 * The PTE entries around @addr that one PTE fault maps with hm_pte_batch:
 * the naturally aligned block a PMD entry would cover, bounded by the VMA
 * and by the physically contiguous chunk of the region holding @addr.
 */
static void hm_pte_batch_range(struct hm_region *r, struct vm_area_struct *vma,
			       unsigned long addr, unsigned long *start,
			       unsigned long *end)
{
	unsigned long bsize = hm_level_size(HM_PMD);
	unsigned long bstart = addr & ~(bsize - 1);
	u64 off = hm_vma_offset(vma, addr), cstart = 0, cend = r->size;

	if (r->kind == HUGEMAP_KIND_ALLOC) {
		cstart = off & ~(hm_chunk_size(r) - 1);
		cend = min_t(u64, cstart + hm_chunk_size(r), r->size);
	}
	*start = max(vma->vm_start, bstart);
	*end = bstart + bsize > bstart ? min(vma->vm_end, bstart + bsize) :
					 vma->vm_end;
	if (off - cstart < addr - *start)
		*start = addr - (unsigned long)(off - cstart);
	if (cend - off < *end - addr)
		*end = addr + (unsigned long)(cend - off);
}

/*
 * An ordinary (allocated) page in a VM_MIXEDMAP VMA, devmap flavour: a
 * refcounted, rmapped PTE.  A PTE already there (another thread, the
 * batch) is success, as for the other inserts.
 */
static vm_fault_t hm_insert_page(struct vm_area_struct *vma,
				 unsigned long addr, unsigned long pfn)
{
	switch (vm_insert_page(vma, addr, pfn_to_page(pfn))) {
	case 0:
	case -EBUSY:
		return VM_FAULT_NOPAGE;
	case -ENOMEM:
		return VM_FAULT_OOM;
	default:
		return VM_FAULT_SIGBUS;
	}
}

/*
 * PFN mode: a PFN entry; pages mode: an entry GUP can resolve, devmap or
 * refcounted by flavour (compat/pages.h), refcounted for allocated pages.
 */
static vm_fault_t hm_insert_pte(struct hm_region *r, struct vm_fault *vmf,
				unsigned long addr, unsigned long pfn)
{
	bool write = addr == (vmf->address & PAGE_MASK) &&
		     (vmf->flags & FAULT_FLAG_WRITE);

	if (!hm_pages_mode(r))
		return hm_vmf_insert_pfn(vmf->vma, addr, pfn);
	if (HM_PAGES_FOLIO)
		return hm_vmf_insert_folio_pte(vmf, addr, pfn, write);
	if (r->kind == HUGEMAP_KIND_ALLOC)
		return hm_insert_page(vmf->vma, addr, pfn);
	return hm_vmf_insert_devmap_pte(vmf->vma, addr, pfn);
}

/*
 * One PTE for the faulting page, then, with hm_pte_batch, the rest of its
 * batch range: a PTE-only mapping takes about as many faults as a PMD one.
 * The batch shares the faulting page's page table, which exists once the
 * first insert succeeded, so no PMD leaf can appear under it.  A PTE
 * another thread inserted first is left as it is.
 */
static vm_fault_t hm_fault_pte(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct hm_region *r = vma->vm_private_data;
	unsigned long addr = vmf->address & PAGE_MASK, a, start, end;
	unsigned long pfn, n = 1;
	phys_addr_t phys;
	vm_fault_t ret;

	if (!hm_entry_fits(r, vma, addr, HM_PTE, &phys))
		return VM_FAULT_SIGBUS;
	pfn = PHYS_PFN(phys);
	ret = hm_insert_pte(r, vmf, addr, pfn);
	if (ret != VM_FAULT_NOPAGE)
		return ret;
	atomic64_inc(&r->stats.faults[HM_PTE]);
	if (hm_pte_batch) {
		hm_pte_batch_range(r, vma, addr, &start, &end);
		for (a = start; a < end; a += PAGE_SIZE) {
			if (a == addr)
				continue;
			if (hm_insert_pte(r, vmf, a, pfn + ((long)(a - addr) >> PAGE_SHIFT)) !=
			    VM_FAULT_NOPAGE)
				break;
			n++;
		}
	}
	atomic64_add(n, &r->stats.pte_entries);
	return ret;
}

static vm_fault_t hm_fault_level(struct vm_fault *vmf, enum hm_level level,
				 bool count_fallback)
{
	struct vm_area_struct *vma = vmf->vma;
	struct hm_region *r = vma->vm_private_data;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	unsigned long pfn;
	phys_addr_t phys;
	vm_fault_t ret;

	if (level == HM_PTE)
		return hm_fault_pte(vmf);
	if (!hm_entry_fits(r, vma, vmf->address, level, &phys)) {
		if (count_fallback && hm_level_usable(r, level))
			atomic64_inc(&r->stats.fallbacks);
		return VM_FAULT_FALLBACK;
	}
	pfn = PHYS_PFN(phys);
	if (hm_pages_mode(r) && HM_PAGES_FOLIO)
		ret = level == HM_PUD ? hm_vmf_insert_folio_pud(vmf, pfn, write) :
					hm_vmf_insert_folio_pmd(vmf, pfn, write);
	else if (hm_pages_mode(r))
		ret = level == HM_PUD ? hm_vmf_insert_devmap_pud(vmf, pfn, write) :
					hm_vmf_insert_devmap_pmd(vmf, pfn, write);
	else if (level == HM_PUD)
		ret = hm_vmf_insert_pfn_pud(vmf, pfn, write);
	else
		ret = hm_vmf_insert_pfn_pmd(vmf, pfn, write);
	if (ret == VM_FAULT_NOPAGE)
		atomic64_inc(&r->stats.faults[level]);
	return ret;
}

/* ->huge_fault: the core asks for a PUD or a PMD entry. */
vm_fault_t hm_huge_fault(struct vm_fault *vmf, unsigned int order)
{
	if (order == PUD_ORDER)
		return hm_fault_level(vmf, HM_PUD, true);
	if (order == PMD_ORDER)
		return hm_fault_level(vmf, HM_PMD, true);
	return VM_FAULT_FALLBACK;
}

/*
 * ->fault: the core wants a PTE.  It skips ->huge_fault for PFN maps in
 * some cases (THP "never" on most kernels, always on 6.0-6.7 without DAX);
 * while the PMD slot is still empty a PMD entry can be installed from here
 * just as well.
 */
static vm_fault_t hm_fault(struct vm_fault *vmf)
{
	struct hm_region *r = vmf->vma->vm_private_data;
	pmd_t pmd = vmf->pmd ? READ_ONCE(*vmf->pmd) : __pmd(0);
	vm_fault_t ret;

	/*
	 * Another thread installed a PMD leaf since the core looked: a PTE
	 * insert would walk it as a table (6.1 arm64, c08).  The access is
	 * retried and now hits the leaf.
	 */
	if (!pmd_none(pmd) && pmd_bad(pmd))
		return VM_FAULT_NOPAGE;
	if (hm_level_usable(r, HM_PMD) && vmf->pmd && pmd_none(pmd)) {
		ret = hm_fault_level(vmf, HM_PMD, false);
		if (ret != VM_FAULT_FALLBACK)
			return ret;
	}
	return hm_fault_level(vmf, HM_PTE, false);
}

/* The largest entry size any mapping of @r can hold. */
static enum hm_level hm_top_level(const struct hm_region *r)
{
	return fls(r->levels) - 1;
}

/*
 * Drop every entry mapping the file range [off, off + len) in every
 * mapping of the region, widened to whole entries of the largest size any
 * mapping can hold: an entry of another mm must never be zapped in part,
 * which would split it without that mm's mmap_lock.  An entry of size S
 * maps an S-aligned physical block, so the file offsets it covers follow
 * from the physical phase of any offset inside it.
 */
static void hm_zap_file_range(struct hm_region *r,
			      struct address_space *mapping, u64 off, u64 len)
{
	u64 mask = hm_level_size(hm_top_level(r)) - 1;
	u64 start = off, end = off + len;
	phys_addr_t phys;

	if (!len)
		return;
	if (hm_region_block(r, start, PAGE_SIZE, &phys))
		start -= min_t(u64, start, phys & mask);
	if (hm_region_block(r, end - PAGE_SIZE, PAGE_SIZE, &phys))
		end += -(phys + PAGE_SIZE) & mask;
	end = min_t(u64, end, r->size);
	unmap_mapping_range(mapping, start, end - start, 1);
}

/*
 * ->open runs for the new VMA of a split, a fork and an mremap() move.
 * A fork copies the entries into the child's own tables, which the kernel
 * does for huge PFN leaves.  A move may not: move_page_tables() takes a
 * PUD leaf for a corrupt table ("bad pud", clearing it without a TLB
 * flush; 6.1), hands a devmap PMD leaf to move_ptes() as a table (kernels
 * without the CVE-2020-10757 fix, e.g. 4.14.67), or splits it through a
 * struct page that does not exist (arm64 5.10).  ->open cannot tell a move
 * from a split, so for both, in the current mm, the entries of the new
 * VMA's file range are dropped first: nothing huge is left to move or
 * split, and the new VMA refaults at its own phase.  A split keeps every
 * possible entry whole (hm_vm_split()), so it only costs refaults.
 */
static void hm_vm_open(struct vm_area_struct *vma)
{
	struct hm_region *r = vma->vm_private_data;

	atomic_inc(&r->stats.mappings);
	if (vma->vm_mm != current->mm || !vma->vm_file ||
	    hm_top_level(r) == HM_PTE)
		return;
	hm_zap_file_range(r, vma->vm_file->f_mapping,
			  (u64)vma->vm_pgoff << PAGE_SHIFT,
			  vma->vm_end - vma->vm_start);
}

static void hm_vm_close(struct vm_area_struct *vma)
{
	struct hm_region *r = vma->vm_private_data;

	if (atomic_dec_and_test(&r->stats.mappings) && hm_pages_mode(r))
		hm_pages_unmapped(r);
}

#if HM_MMAP_PREPARE
/* ->mapped: a VMA set up by hm_mmap_prepare() now exists. */
static int hm_vm_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
			const struct file *file, void **vm_private_data)
{
	struct hm_region *r = file->private_data;

	if (hm_pages_mode(r))
		hm_pages_mmap(r);
	else
		atomic_inc(&r->stats.mappings);
	return 0;
}
#endif

/*
 * Splitting the VMA inside a possible huge entry would leave the kernel to
 * split the leaf: impossible for a PUD before 6.12, and through a struct
 * page that does not exist for a PMD on arm64 5.10 (devmap entries count
 * as THPs there).  Refuse, as device-dax does for its alignment.
 */
static int __maybe_unused hm_vm_split(struct vm_area_struct *vma,
				      unsigned long addr)
{
	static const char * const names[HM_NR_LEVELS] = {
		[HM_PMD] = "PMD",
		[HM_PUD] = "PUD",
	};
	struct hm_region *r = vma->vm_private_data;
	phys_addr_t phys;
	int level;

	for (level = HM_PUD; level > HM_PTE; level--) {
		if (IS_ALIGNED(addr, hm_level_size(level)) ||
		    !hm_entry_fits(r, vma, addr, level, &phys))
			continue;
		pr_info_ratelimited("hugemap%u: refusing to split a mapping inside a %s entry at %#lx\n",
				    r->index, names[level], addr);
		return -EINVAL;
	}
	return 0;
}

/*
 * Before 6.12 mprotect() takes a PUD leaf for a corrupt table ("bad pud")
 * and clears it.  Drop the PUD entries of the range first (whole entries:
 * only whole ones can exist inside this VMA) and let them refault with the
 * new protection.  mmap_lock is held for write, and the VMA is
 * write-locked where faults can run under a per-VMA lock, so no fault
 * re-installs them before the protection has changed.  Where the VMA
 * cannot be write-locked from a module, refuse.
 */
static int __maybe_unused hm_vm_mprotect(struct vm_area_struct *vma,
					 unsigned long start,
					 unsigned long end,
					 unsigned long newflags)
{
	struct hm_region *r = vma->vm_private_data;
	unsigned long size = hm_level_size(HM_PUD);

	if (!HM_MPROTECT_NEEDS_HOOK || newflags == vma->vm_flags ||
	    !hm_range_may_hold(r, vma, start, end, HM_PUD))
		return 0;
	if (!HM_VMA_WRITE_LOCKABLE) {
		pr_info_ratelimited("hugemap%u: mprotect of PUD-mapped range refused: this kernel cannot change protections of PUD entries\n",
				    r->index);
		return -EINVAL;
	}
	hm_vma_start_write(vma);
	start = max(vma->vm_start, round_down(start, size));
	end = min(vma->vm_end, round_up(end, size));
	/* zap_vma_ptes() only works on VM_PFNMAP VMAs */
	if (hm_pages_mode(r))
		hm_zap_file_range(r, vma->vm_file->f_mapping,
				  hm_vma_offset(vma, start), end - start);
	else
		hm_zap_vma_ptes(vma, start, end - start);
	return 0;
}

/*
 * ptrace and /proc/PID/mem: GUP refuses VM_PFNMAP, so copy directly (pages
 * mode gets here only if GUP failed).
 */
static int hm_vm_access(struct vm_area_struct *vma, unsigned long addr,
			void *buf, int len, int write)
{
	struct hm_region *r = vma->vm_private_data;

	if (write && !(vma->vm_flags & VM_WRITE))
		return -EFAULT;
	if (len <= 0 || addr < vma->vm_start || addr >= vma->vm_end)
		return -EFAULT;
	len = min_t(unsigned long, len, vma->vm_end - addr);
	return hm_region_xfer(r, hm_vma_offset(vma, addr), buf, len, write);
}

static const struct vm_operations_struct hm_vm_ops = {
	.open = hm_vm_open,
	.close = hm_vm_close,
	.fault = hm_fault,
	.huge_fault = HM_HUGE_FAULT_OP,
	.access = hm_vm_access,
	HM_VM_OPS_SPLIT
	HM_VM_OPS_MPROTECT
	HM_VM_OPS_MAPPED
};

/* Validate a mapping request: shared, inside the region. */
static int hm_check_vma(struct hm_region *r, vm_flags_t flags,
			unsigned long pgoff, unsigned long len)
{
	u64 pages = r->size >> PAGE_SHIFT;

	if (!(flags & VM_MAYSHARE)) {
		pr_info_ratelimited("hugemap%u: private mappings are not supported, use MAP_SHARED\n",
				    r->index);
		return -EINVAL;
	}
	if (pgoff >= pages || (len >> PAGE_SHIFT) > pages - pgoff) {
		pr_info_ratelimited("hugemap%u: mapping of %lu bytes at page offset %lu exceeds the region\n",
				    r->index, len, pgoff);
		return -ENXIO;
	}
	return 0;
}

static pgprot_t hm_pgprot(struct hm_region *r, pgprot_t prot)
{
	switch (r->cache) {
	case HUGEMAP_CACHE_WC:
		return pgprot_writecombine(prot);
	case HUGEMAP_CACHE_UC:
		return pgprot_noncached(prot);
	default:
		return prot;
	}
}

#if HM_MMAP_PREPARE
#if HM_PAGES_DEVMAP || (HM_BUILD_ALLOC_PAGES && !HM_PAGES_FOLIO)
/* hm_desc_set_pages_flags() does not set VM_MIXEDMAP */
#error "devmap entries and vm_insert_page() need VM_MIXEDMAP"
#endif
int hm_mmap_prepare(struct vm_area_desc *desc)
{
	struct hm_region *r = desc->file->private_data;
	int ret;

	ret = hm_check_vma(r, hm_desc_shared(desc) ? VM_MAYSHARE : 0,
			   desc->pgoff, desc->end - desc->start);
	if (ret)
		return ret;
	if (hm_pages_mode(r))
		hm_desc_set_pages_flags(desc);
	else
		hm_desc_set_flags(desc);
	desc->page_prot = hm_pgprot(r, desc->page_prot);
	desc->vm_ops = &hm_vm_ops;
	desc->private_data = r;
	return 0;
}
#endif

int hm_mmap(struct file *filp, struct vm_area_struct *vma)
{
	struct hm_region *r = filp->private_data;
	int ret;

	ret = hm_check_vma(r, vma->vm_flags, vma->vm_pgoff,
			   vma->vm_end - vma->vm_start);
	if (ret)
		return ret;
	vma->vm_page_prot = hm_pgprot(r, vma->vm_page_prot);
	vma->vm_ops = &hm_vm_ops;
	vma->vm_private_data = r;
	if (hm_pages_mode(r)) {
		/*
		 * struct pages: GUP-able (no VM_IO or VM_PFNMAP).  Devmap
		 * entries need VM_MIXEDMAP to keep zap, fork and split from
		 * treating them as THPs; folio entries need the opposite, zap
		 * must drop the references they hold.
		 */
		hm_vm_flags_set(vma, (HM_PAGES_FOLIO ? 0 : VM_MIXEDMAP) |
				VM_DONTEXPAND | VM_DONTDUMP | VM_HUGEPAGE);
		hm_pages_mmap(r);
		return 0;
	}
	hm_vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP |
			VM_HUGEPAGE);
	atomic_inc(&r->stats.mappings);
	return 0;
}

/*
 * The largest entry size that can be used for @len bytes at file offset
 * @off, else the PTE batch block where one fits (0 if none); @phys gets
 * the physical address of @off.
 */
static u64 hm_mapping_align(struct hm_region *r, u64 off, u64 len,
			    phys_addr_t *phys)
{
	int level;

	for (level = HM_PUD; level > HM_PTE; level--)
		if (hm_range_has_block(r, off, len, level, phys))
			return hm_level_size(level);
	/* PTE batches cover PMD-sized virtual blocks: start the mapping on one */
	if (hm_pte_batch && len >= hm_level_size(HM_PMD) &&
	    hm_region_block(r, off, PAGE_SIZE, phys))
		return hm_level_size(HM_PMD);
	return 0;
}

/*
 * Choose an address whose alignment phase matches the physical address at
 * the requested offset for the largest entry size the length allows, like
 * device-dax: search for len + size and slide the result.  MAP_FIXED and a
 * usable hint are left to the default search, as is anything that fails.
 */
unsigned long hm_get_unmapped_area(struct file *filp, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags)
{
	struct hm_region *r = filp->private_data;
	unsigned long len_align, addr_align;
	phys_addr_t phys;
	u64 size;

	if (flags & MAP_FIXED)
		goto plain;
	if (addr) {
		addr_align = hm_mm_get_unmapped_area(filp, addr, len, pgoff,
						     flags);
		if (addr_align == addr)
			return addr;
	}
	size = hm_mapping_align(r, (u64)pgoff << PAGE_SHIFT, len, &phys);
	if (!size)
		goto plain;
	len_align = len + size;
	if (len_align < len)
		goto plain;
	addr_align = hm_mm_get_unmapped_area(filp, 0, len_align, pgoff, flags);
	if (IS_ERR_VALUE(addr_align))
		goto plain;
	return addr_align + ((phys - addr_align) & (size - 1));
plain:
	return hm_mm_get_unmapped_area(filp, addr, len, pgoff, flags);
}
