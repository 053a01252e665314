/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Physically contiguous allocations larger than the buddy allocator's
 * largest order: alloc_contig_pages() ("mm/page_alloc.c: implement
 * alloc_contig_pages()", 5eb00db3bbb3, 5.7) where it is exported to
 * modules; otherwise the driver uses the largest buddy order.
 *
 * MAX_ORDER_NR_PAGES is the size of the largest buddy block on every
 * kernel, whether MAX_ORDER is exclusive (<6.4), inclusive (6.4) or
 * renamed MAX_PAGE_ORDER (6.8).
 */
#ifndef HM_COMPAT_ALLOC_CONTIG_PAGES_H
#define HM_COMPAT_ALLOC_CONTIG_PAGES_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/log2.h>
#include <linux/nodemask.h>
#include <linux/numa.h>
#include <linux/topology.h>

#define HM_MAX_BUDDY_ORDER	ilog2(MAX_ORDER_NR_PAGES)

#if defined(HAVE_ALLOC_CONTIG_PAGES) && defined(HAVE_FREE_CONTIG_RANGE)
#define HM_HAVE_CONTIG_ALLOC	1

/*
 * With a node (not NUMA_NO_NODE) only that node: the nodemask, because
 * alloc_contig_range() ignores placement flags such as __GFP_THISNODE.
 * Without one the search starts at the local node: the allocator takes
 * @nid as a real node (its zonelist; NUMA_NO_NODE oopses).  Migration and
 * compaction only: never the OOM killer.
 */
static inline struct page *hm_alloc_contig_pages(unsigned long nr_pages,
						 int nid)
{
	nodemask_t only = NODE_MASK_NONE;

	if (nid == NUMA_NO_NODE)
		return alloc_contig_pages(nr_pages, GFP_KERNEL | __GFP_NOWARN,
					  numa_mem_id(), NULL);
	node_set(nid, only);
	return alloc_contig_pages(nr_pages, GFP_KERNEL | __GFP_NOWARN, nid,
				  &only);
}

static inline void hm_free_contig_pages(struct page *page,
					unsigned long nr_pages)
{
	free_contig_range(page_to_pfn(page), nr_pages);
}
#else
#define HM_HAVE_CONTIG_ALLOC	0

static inline struct page *hm_alloc_contig_pages(unsigned long nr_pages,
						 int nid)
{
	return NULL;
}

static inline void hm_free_contig_pages(struct page *page,
					unsigned long nr_pages)
{
}
#endif

#endif /* HM_COMPAT_ALLOC_CONTIG_PAGES_H */
