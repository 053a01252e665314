/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hugemap: physical memory regions as character devices whose mappings
 * use the largest page-table entries the kernel allows.
 */
#ifndef HUGEMAP_H
#define HUGEMAP_H

#include <linux/atomic.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <uapi/linux/hugemap.h>

#include "hugemap_compat.h"

#define HM_NAME			"hugemap"
#define HM_MAX_REGIONS		64

/* Entry levels, smallest first; HUGEMAP_FAULT_* in the uapi header. */
enum hm_level {
	HM_PTE = HUGEMAP_FAULT_PTE,
	HM_PMD = HUGEMAP_FAULT_PMD,
	HM_PUD = HUGEMAP_FAULT_PUD,
	HM_NR_LEVELS,
};

/*
 * faults[]: faults served at each level; pte_entries: PTEs the PTE faults
 * inserted, the faulting page and the batch around it (hm_pte_batch).
 */
struct hm_stats {
	atomic64_t faults[HM_NR_LEVELS];
	atomic64_t pte_entries;
	atomic64_t fallbacks;
	atomic_t mappings;
};

/**
 * struct hm_region - one /dev/hugemapN
 * @index:	N
 * @kind:	HUGEMAP_KIND_PHYS or HUGEMAP_KIND_ALLOC
 * @cache:	HUGEMAP_CACHE_*
 * @nid:	NUMA node, NUMA_NO_NODE if unknown
 * @size:	bytes
 * @base:	physical base (PHYS regions)
 * @chunk_shift: log2 of the contiguous chunk size (ALLOC regions)
 * @nr_chunks:	number of chunks (ALLOC regions)
 * @chunks:	first page of each chunk (ALLOC regions)
 * @contig:	chunks come from the contiguous allocator (ALLOC regions)
 * @split:	chunks were split into single pages (ALLOC regions, pages mode)
 * @res:	our claim on the physical range (PHYS regions)
 * @kaddr:	kernel mapping for read/write (PHYS wb regions)
 * @ioaddr:	kernel mapping for read/write (PHYS wc/uc regions)
 * @levels:	bitmap of usable HM_* levels
 * @reasons:	why larger levels are unusable, one line each
 * @mode:	HUGEMAP_MAP_PFN or HUGEMAP_MAP_PAGES
 * @gup_reason:	HUGEMAP_GUP_*, why mappings are not GUP-capable
 * @gup_why:	the same in words, empty in pages mode
 * @pgmap:	ZONE_DEVICE pagemap (pages mode)
 * @folio_order: pages mode: struct pages form folios of 2^order pages
 * @inode:	the region's own inode: page->mapping, i_mmap (pages mode)
 * @busy_lock:	serialises @busy with mmap and the idle check
 * @busy:	pages mode: a mapping was made since the region was last idle;
 *		holds a module reference until no page is referenced any more
 * @busy_logged: the "still referenced" line was logged for this episode
 * @idle_delay:	next idle check delay (jiffies), backs off
 * @pinned:	referenced pages found by the last idle check
 * @idle_work:	checks for references once the last mapping is gone
 * @stats:	fault statistics
 * @cdev:	character device
 * @dev:	class device
 */
struct hm_region {
	unsigned int index;
	u32 kind;
	u32 cache;
	int nid;
	u64 size;
	phys_addr_t base;
	unsigned int chunk_shift;
	unsigned long nr_chunks;
	struct page **chunks;
	bool contig;
	bool split;
	struct resource *res;
	void *kaddr;
	void __iomem *ioaddr;
	unsigned long levels;
	char reasons[512];
	u32 mode;
	u32 gup_reason;
	char gup_why[256];
	struct dev_pagemap *pgmap;
	unsigned int folio_order;
	struct inode *inode;
	struct mutex busy_lock;	/* @busy vs mmap and the idle check */
	bool busy;
	bool busy_logged;
	unsigned long idle_delay;
	unsigned long pinned;
	struct delayed_work idle_work;
	struct hm_stats stats;
	struct cdev cdev;
	struct device *dev;
};

extern unsigned int hm_max_level;
extern bool hm_pte_batch;
extern const unsigned int hm_level_shift[HM_NR_LEVELS];

static inline u64 hm_level_size(enum hm_level level)
{
	return 1ULL << hm_level_shift[level];
}

static inline bool hm_level_usable(const struct hm_region *r,
				   enum hm_level level)
{
	return r->levels & BIT(level);
}

static inline u64 hm_chunk_size(const struct hm_region *r)
{
	return r->kind == HUGEMAP_KIND_PHYS ? r->size : 1ULL << r->chunk_shift;
}

/* hugemap_region.c */
int hm_regions_create(const char *regions, const char *alloc,
		      struct hm_region ***out, unsigned int *nr_out);
void hm_regions_destroy(struct hm_region **regions, unsigned int nr);
bool hm_region_block(const struct hm_region *r, u64 off, u64 size,
		     phys_addr_t *phys);
struct page *hm_region_page(const struct hm_region *r, unsigned long i);
ssize_t hm_region_xfer(struct hm_region *r, u64 off, void *buf, size_t len,
		       bool write);
void hm_region_init_levels(struct hm_region *r);
int hm_format_size(char *buf, size_t len, u64 size);
int hm_format_fault_sizes(const struct hm_region *r, char *buf, size_t size);
const char *hm_cache_name(const struct hm_region *r);

static inline bool hm_pages_mode(const struct hm_region *r)
{
	return r->mode == HUGEMAP_MAP_PAGES;
}

/* hugemap_pages.c */
int hm_pages_init(void);
void hm_pages_exit(void);
const char *hm_pages_unavailable(const struct hm_region *r);
u64 hm_pages_align(void);
int hm_pages_claim(struct hm_region *r, int item, const char *text);
int hm_pages_adopt(struct hm_region *r, int item, const char *text);
void hm_pages_release(struct hm_region *r);
u64 hm_pages_memmap_bytes(const struct hm_region *r);
void hm_pages_set_gup_reason(struct hm_region *r);
void hm_pages_mmap(struct hm_region *r);
void hm_pages_unmapped(struct hm_region *r);
unsigned long hm_pages_referenced(struct hm_region *r);
void hm_pages_region_init(struct hm_region *r);

/* hugemap_mmap.c */
struct vm_area_desc;
int hm_mmap(struct file *filp, struct vm_area_struct *vma);
int hm_mmap_prepare(struct vm_area_desc *desc);
unsigned long hm_get_unmapped_area(struct file *filp, unsigned long addr,
				   unsigned long len, unsigned long pgoff,
				   unsigned long flags);

/* hugemap_sysfs.c */
int hm_sysfs_init(void);
void hm_sysfs_exit(void);
int hm_sysfs_add(struct hm_region *r, dev_t devt);
void hm_sysfs_remove(struct hm_region *r, dev_t devt);
int hm_fill_info(struct hm_region *r, struct hugemap_info *info,
		 bool show_base);

#endif /* HUGEMAP_H */
