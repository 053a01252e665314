// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap pages mode: struct pages for a regions= range, so that GUP users
 * (futexes, O_DIRECT, vmsplice, process_vm_readv, RDMA, MAP_POPULATE) work
 * on its mappings.  The range becomes ZONE_DEVICE memory of type
 * MEMORY_DEVICE_GENERIC, as device-dax serves its ranges; every page points
 * at the region's own inode (page->mapping, page->index = page offset), which
 * the futex and rmap code use as the key of the memory.
 *
 * Pinned pages outlive mappings: an O_DIRECT request in flight, a pipe
 * buffer from vmsplice or an RDMA registration holds page references after
 * munmap and close.  memunmap_pages() must not run under them (it waits
 * without bound up to 5.16, and frees the memmap under them later), so a
 * region holds a module reference from its first pages-mode mapping until
 * no mapping exists and no page is referenced beyond its idle count; the
 * check runs when the last mapping goes away and then backs off.
 *
 * alloc= regions have struct pages already (ordinary kernel memory, see
 * hm_region_allocate()); pages mode adopts them: the same inode, identity,
 * busy tracking and release, no pagemap.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/jiffies.h>
#include <linux/memremap.h>
#include <linux/module.h>
#include <linux/mount.h>
#include <linux/page_ref.h>
#include <linux/slab.h>

#include "hugemap.h"

#define HM_IDLE_FIRST	(HZ / 5)
#define HM_IDLE_MAX	(5 * HZ)

const char *hm_pages_unavailable(const struct hm_region *r)
{
	return r->kind == HUGEMAP_KIND_ALLOC ? HM_ALLOC_PAGES_REASON :
					       HM_PAGES_REASON;
}

u64 hm_pages_memmap_bytes(const struct hm_region *r)
{
	return hm_pages_mode(r) && r->kind == HUGEMAP_KIND_PHYS ?
	       (r->size >> PAGE_SHIFT) * sizeof(struct page) : 0;
}

/* Why the mappings of @r are (not) GUP-capable, in words and as a code. */
void hm_pages_set_gup_reason(struct hm_region *r)
{
	char memmap[16];

	if (hm_pages_mode(r)) {
		r->gup_reason = HUGEMAP_GUP_OK;
		r->gup_why[0] = '\0';
		return;
	}
	if (r->kind == HUGEMAP_KIND_ALLOC && !HM_BUILD_ALLOC_PAGES) {
		r->gup_reason = HUGEMAP_GUP_KERNEL;
		scnprintf(r->gup_why, sizeof(r->gup_why), "pages: %s\n",
			  HM_ALLOC_PAGES_REASON ?: "not supported by this build");
	} else if (r->kind == HUGEMAP_KIND_ALLOC) {
		r->gup_reason = HUGEMAP_GUP_PFN_MODE;
		strscpy(r->gup_why,
			"pages: not requested (pfn mode is the default; :pages costs no memory here, the pages exist, but may map with smaller entries)\n",
			sizeof(r->gup_why));
	} else if (r->cache != HUGEMAP_CACHE_WB) {
		r->gup_reason = HUGEMAP_GUP_CACHE;
		strscpy(r->gup_why,
			"pages: device memory (wc/uc) is always mapped by PFN\n",
			sizeof(r->gup_why));
	} else if (!HM_BUILD_PAGES) {
		r->gup_reason = HUGEMAP_GUP_KERNEL;
		scnprintf(r->gup_why, sizeof(r->gup_why), "pages: %s\n",
			  HM_PAGES_REASON ?: "not supported by this build");
	} else {
		r->gup_reason = HUGEMAP_GUP_PFN_MODE;
		hm_format_size(memmap, sizeof(memmap),
			       (r->size >> PAGE_SHIFT) * sizeof(struct page));
		scnprintf(r->gup_why, sizeof(r->gup_why),
			  "pages: not requested (pfn mode is the default; the :pages option costs %s of struct pages)\n",
			  memmap);
	}
}

#if HM_BUILD_ALLOC_PAGES

static struct file_system_type hm_fs_type = {
	.name = HM_NAME,
	HM_PSEUDO_FS_TYPE_OPS
	.kill_sb = kill_anon_super,
};

static struct vfsmount *hm_mnt;
static bool hm_pages_leaked;	/* an inode stays: keep the mount too */

int hm_pages_init(void)
{
	hm_mnt = kern_mount(&hm_fs_type);
	if (IS_ERR(hm_mnt)) {
		int ret = PTR_ERR(hm_mnt);

		hm_mnt = NULL;
		pr_err("cannot mount the internal filesystem (%d)\n", ret);
		return ret;
	}
	return 0;
}

void hm_pages_exit(void)
{
	if (hm_mnt && !hm_pages_leaked)
		kern_unmount(hm_mnt);
	hm_mnt = NULL;
}

/* memremap_pages() works on whole subsections (2 MiB). */
u64 hm_pages_align(void)
{
#if HM_BUILD_PAGES
	return SUBSECTION_SIZE;
#else
	return PAGE_SIZE;
#endif
}

/*
 * The order of the region's folios: order 0 where the kernel has no
 * compound ZONE_DEVICE pages; else as large as the largest entry the
 * region can use, so that every huge entry maps part of one folio (GUP
 * takes its references on the folio of the entry's first page).
 */
static unsigned int hm_pages_folio_order(const struct hm_region *r)
{
	u64 align = r->base | r->size;

	if (!HM_PAGES_COMPOUND)
		return 0;
	if (HM_PAGES_PUD && hm_max_level >= HM_PUD &&
	    hm_cpu_has_pud_leaves() && IS_ALIGNED(align, PUD_SIZE))
		return PUD_SHIFT - PAGE_SHIFT;
	if (HM_PAGES_PMD && hm_max_level >= HM_PMD &&
	    hm_cpu_has_pmd_leaves() && IS_ALIGNED(align, PMD_SIZE))
		return PMD_SHIFT - PAGE_SHIFT;
	return 0;
}

/*
 * References held on a folio beyond its idle count of 1 (a
 * MEMORY_DEVICE_GENERIC page or folio is at 1 while nothing else holds it,
 * an allocated one holds the driver's reference; the references of a
 * folio are on its head) and beyond the one each mapping entry holds
 * where entries hold one (folio flavour, allocated pages).
 */
static unsigned long hm_pages_extra_refs(const struct hm_region *r,
					 struct page *head)
{
	int count = page_ref_count(head);

	if (HM_PAGES_FOLIO || r->kind == HUGEMAP_KIND_ALLOC)
		count -= hm_folio_mapcount(head);
	if (count == 1)
		return 0;
	return count > 1 ? count - 1 : 1;
}

unsigned long hm_pages_referenced(struct hm_region *r)
{
	unsigned long i, n = r->size >> PAGE_SHIFT, refs = 0;
	unsigned long step = 1UL << r->folio_order;

	if (!r->inode)
		return 0;
	for (i = 0; i < n; i += step) {
		refs += hm_pages_extra_refs(r, hm_region_page(r, i));
		if (!(i & 4095))
			cond_resched();
	}
	return refs;
}

/* page->mapping/index (the folio's, on its head) as get_futex_key() reads them */
static void hm_pages_set_identity(struct page *head, struct address_space *m,
				  pgoff_t index)
{
#if HM_PAGES_FOLIO
	struct folio *folio = page_folio(head);

	folio->mapping = m;
	folio->index = index;
#else
	head->mapping = m;
	head->index = index;
#endif
}

static void hm_pages_idle_work(struct work_struct *work)
{
	struct hm_region *r = container_of(to_delayed_work(work),
					   struct hm_region, idle_work);
	unsigned long refs;

	mutex_lock(&r->busy_lock);
	if (!r->busy || atomic_read(&r->stats.mappings) > 0)
		goto out;
	refs = hm_pages_referenced(r);
	r->pinned = refs;
	if (refs) {
		if (!r->busy_logged)
			pr_info_ratelimited("hugemap%u: %lu page references still held after the last mapping went away (O_DIRECT in flight, pipe buffers, RDMA registrations): the module stays loaded until they are released\n",
					    r->index, refs);
		r->busy_logged = true;
		schedule_delayed_work(&r->idle_work, r->idle_delay);
		r->idle_delay = min_t(unsigned long, r->idle_delay * 2,
				      HM_IDLE_MAX);
		goto out;
	}
	r->busy = false;
	r->busy_logged = false;
	/* hm_exit() waits for this work before the module goes away */
	module_put(THIS_MODULE);
out:
	mutex_unlock(&r->busy_lock);
}

/*
 * A pages-mode mapping is being made: the region is busy from now on, and
 * the mapping is counted under the same lock the idle check takes.
 */
void hm_pages_mmap(struct hm_region *r)
{
	mutex_lock(&r->busy_lock);
	if (!r->busy) {
		__module_get(THIS_MODULE);
		r->busy = true;
	}
	r->idle_delay = HM_IDLE_FIRST;
	atomic_inc(&r->stats.mappings);
	mutex_unlock(&r->busy_lock);
}

/* The last mapping of @r went away: see whether its pages are idle. */
void hm_pages_unmapped(struct hm_region *r)
{
	mod_delayed_work(system_wq, &r->idle_work, 0);
}

/* The region's own inode, which its pages point to. */
static struct inode *hm_pages_inode(struct hm_region *r, int item,
				    const char *text)
{
	struct inode *inode = alloc_anon_inode(hm_mnt->mnt_sb);

	if (IS_ERR(inode)) {
		pr_err("%s item %d \"%s\": cannot create the region inode (%ld)\n",
		       r->kind == HUGEMAP_KIND_PHYS ? "regions" : "alloc",
		       item, text, PTR_ERR(inode));
		return inode;
	}
	/* DAX VMA: huge faults whatever THP says, no THP accounting */
	inode_set_flags(inode, S_DAX, S_DAX);
	return inode;
}

/*
 * What get_futex_key() and the rmap code read, set once before any
 * mapping: on each folio head (a tail's index follows from its head).
 */
static void hm_pages_set_identities(struct hm_region *r,
				    struct address_space *m)
{
	unsigned long i, n = r->size >> PAGE_SHIFT;

	for (i = 0; i < n; i += 1UL << r->folio_order) {
		hm_pages_set_identity(hm_region_page(r, i), m, m ? i : 0);
		if (!(i & 4095))
			cond_resched();
	}
}

/* Pages mode for an alloc= region: its pages get the region's identity. */
int hm_pages_adopt(struct hm_region *r, int item, const char *text)
{
	struct inode *inode = hm_pages_inode(r, item, text);

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	r->inode = inode;
	hm_pages_set_identities(r, inode->i_mapping);
	return 0;
}

int hm_pages_claim(struct hm_region *r, int item, const char *text)
{
	struct inode *inode;
	void *addr;

	if (!HM_BUILD_PAGES)
		return -EOPNOTSUPP;
	inode = hm_pages_inode(r, item, text);
	if (IS_ERR(inode))
		return PTR_ERR(inode);
	r->pgmap = kzalloc(sizeof(*r->pgmap), GFP_KERNEL);
	if (!r->pgmap) {
		iput(inode);
		return -ENOMEM;
	}
	r->folio_order = hm_pages_folio_order(r);
	addr = hm_memremap_pages(r->pgmap, r->base, r->size, r->nid,
				 r->folio_order);
	if (IS_ERR(addr)) {
		pr_err("regions item %d \"%s\": memremap_pages() failed (%ld): no struct pages for the range\n",
		       item, text, PTR_ERR(addr));
		kfree(r->pgmap);
		r->pgmap = NULL;
		iput(inode);
		return PTR_ERR(addr);
	}
	r->kaddr = addr;
	r->inode = inode;
	hm_pages_set_identities(r, inode->i_mapping);
	return 0;
}

/*
 * Give the struct pages back (an alloc= region's pages then go back to the
 * page allocator with its chunks).  Nothing maps the region and no page is
 * referenced (the module could not unload otherwise); should a page still
 * be referenced, the pagemap or the allocated pages are leaked rather than
 * freed under their user.
 */
void hm_pages_release(struct hm_region *r)
{
	unsigned long refs;
	int tries;

	if (!r->inode)
		return;
	cancel_delayed_work_sync(&r->idle_work);
	for (tries = 0; tries < 10; tries++) {
		refs = hm_pages_referenced(r);
		if (!refs)
			break;
		msleep(100);
	}
	if (refs) {
		pr_err("hugemap%u: %lu page references still held at unload: the struct pages are left in place\n",
		       r->index, refs);
		hm_pages_leaked = true;
		r->pgmap = NULL;
		r->kaddr = NULL;
		r->inode = NULL;
		if (r->kind == HUGEMAP_KIND_ALLOC) {
			kvfree(r->chunks);
			r->chunks = NULL;
			r->nr_chunks = 0;
		}
		return;
	}
	hm_pages_set_identities(r, NULL);
	if (r->pgmap) {
		hm_memunmap_pages(r->pgmap);
		kfree(r->pgmap);
		r->pgmap = NULL;
		r->kaddr = NULL;
	}
	iput(r->inode);
	r->inode = NULL;
}

#else /* !HM_BUILD_ALLOC_PAGES */

int hm_pages_init(void)
{
	return 0;
}

void hm_pages_exit(void)
{
}

u64 hm_pages_align(void)
{
	return PAGE_SIZE;
}

unsigned long hm_pages_referenced(struct hm_region *r)
{
	return 0;
}

static void hm_pages_idle_work(struct work_struct *work)
{
}

void hm_pages_mmap(struct hm_region *r)
{
	atomic_inc(&r->stats.mappings);
}

void hm_pages_unmapped(struct hm_region *r)
{
}

int hm_pages_claim(struct hm_region *r, int item, const char *text)
{
	return -EOPNOTSUPP;
}

int hm_pages_adopt(struct hm_region *r, int item, const char *text)
{
	return -EOPNOTSUPP;
}

void hm_pages_release(struct hm_region *r)
{
}

#endif /* HM_BUILD_ALLOC_PAGES */

/* Per-region state of pages mode; every region has it, PFN ones unused. */
void hm_pages_region_init(struct hm_region *r)
{
	mutex_init(&r->busy_lock);
	INIT_DELAYED_WORK(&r->idle_work, hm_pages_idle_work);
	r->idle_delay = HM_IDLE_FIRST;
}
