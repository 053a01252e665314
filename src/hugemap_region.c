// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap regions: parsing and validation of the module parameters,
 * claiming or allocating the memory, and kernel-side access to it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/io.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/nodemask.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "hugemap.h"

static const char * const hm_cache_names[] = {
	[HUGEMAP_CACHE_WB] = "wb",
	[HUGEMAP_CACHE_WC] = "wc",
	[HUGEMAP_CACHE_UC] = "uc",
};

int hm_format_size(char *buf, size_t len, u64 size)
{
	static const char units[] = "KMGTPE";
	int i = -1;

	while (size >= 1024 && !(size & 1023) && i < 5) {
		size >>= 10;
		i++;
	}
	if (i < 0)
		return scnprintf(buf, len, "%llu", size);
	return scnprintf(buf, len, "%llu%c", size, units[i]);
}

const char *hm_cache_name(const struct hm_region *r)
{
	return hm_cache_names[r->cache];
}

/* The usable entry sizes, largest first, e.g. "1G 2M 4K". */
int hm_format_fault_sizes(const struct hm_region *r, char *buf, size_t size)
{
	int level, len = 0;

	buf[0] = '\0';
	for (level = HM_PUD; level >= HM_PTE; level--) {
		if (!hm_level_usable(r, level))
			continue;
		len += scnprintf(buf + len, size - len, "%s", len ? " " : "");
		len += hm_format_size(buf + len, size - len,
				      hm_level_size(level));
	}
	return len;
}

/*
 * Does the region hold a physically contiguous, @size-aligned block of
 * @size bytes at offset @off?  Returns its physical address in @phys.
 */
bool hm_region_block(const struct hm_region *r, u64 off, u64 size,
		     phys_addr_t *phys)
{
	u64 chunk = hm_chunk_size(r);

	if (off >= r->size || size > r->size - off)
		return false;
	if (r->kind == HUGEMAP_KIND_PHYS) {
		*phys = r->base + off;
	} else {
		if (size > chunk || (off & (chunk - 1)) + size > chunk)
			return false;
		*phys = page_to_phys(r->chunks[off >> r->chunk_shift]) +
			(off & (chunk - 1));
	}
	return IS_ALIGNED(*phys, size);
}

/* The struct page of page @i of the region (pages mode: there is one). */
struct page *hm_region_page(const struct hm_region *r, unsigned long i)
{
	unsigned int shift;

	if (r->kind == HUGEMAP_KIND_PHYS)
		return pfn_to_page(PHYS_PFN(r->base) + i);
	shift = r->chunk_shift - PAGE_SHIFT;
	return pfn_to_page(page_to_pfn(r->chunks[i >> shift]) +
			   (i & ((1UL << shift) - 1)));
}

/* Can some @size block of the region be mapped with one entry? */
static bool hm_region_has_block(const struct hm_region *r, u64 size)
{
	if (r->kind == HUGEMAP_KIND_ALLOC)
		return hm_chunk_size(r) >= size;
	return round_up(r->base, size) + size <= r->base + r->size &&
	       round_up(r->base, size) >= r->base;
}

static void hm_add_reason(struct hm_region *r, enum hm_level level,
			  const char *why)
{
	size_t used = strlen(r->reasons);
	char sz[16];

	hm_format_size(sz, sizeof(sz), hm_level_size(level));
	scnprintf(r->reasons + used, sizeof(r->reasons) - used, "%s: %s\n",
		  sz, why);
}

/*
 * Work out which entry sizes the kernel, the CPU, max_fault and the
 * region allow, and record why each larger size is not usable.
 */
void hm_region_init_levels(struct hm_region *r)
{
	static const char * const build_reason[HM_NR_LEVELS] = {
		[HM_PMD] = HM_PMD_REASON,
		[HM_PUD] = HM_PUD_REASON,
	};
	const bool built[HM_NR_LEVELS] = {
		[HM_PTE] = true,
		[HM_PMD] = HM_BUILD_PMD,
		[HM_PUD] = HM_BUILD_PUD,
	};
	const bool pages[HM_NR_LEVELS] = {
		[HM_PTE] = true,
		[HM_PMD] = HM_PAGES_PMD,
		[HM_PUD] = HM_PAGES_PUD,
	};
	int level;

	r->levels = BIT(HM_PTE);
	r->reasons[0] = '\0';
	for (level = HM_PUD; level > HM_PTE; level--) {
		if (!built[level]) {
			hm_add_reason(r, level, build_reason[level] ?:
				      "not supported by this build");
			continue;
		}
		if (hm_pages_mode(r) && r->kind == HUGEMAP_KIND_ALLOC &&
		    !HM_PAGES_FOLIO) {
			hm_add_reason(r, level,
				      "pages mode: ordinary pages are mapped by PTEs on this kernel (huge entries of allocated pages need vmf_insert_folio_pmd/pud, 6.15+)");
			continue;
		}
		if (hm_pages_mode(r) && !pages[level]) {
			hm_add_reason(r, level, level == HM_PMD ?
				      HM_PAGES_PMD_REASON :
				      "pages mode: not supported by this build");
			continue;
		}
		if (hm_pages_mode(r) && r->kind == HUGEMAP_KIND_ALLOC &&
		    level == HM_PUD) {
			hm_add_reason(r, level,
				      "pages mode: allocated folios are at most PMD-size (the kernel would split a PTE-mapped 1 GiB folio of ordinary memory: MADV_COLD)");
			continue;
		}
		if (hm_pages_mode(r) && HM_PAGES_COMPOUND &&
		    hm_level_shift[level] > PAGE_SHIFT + r->folio_order) {
			hm_add_reason(r, level,
				      "pages mode: larger than the region's folios (base and size must be aligned to the entry size)");
			continue;
		}
		if (hm_pages_mode(r) && HM_PAGES_FOLIO &&
		    hm_level_shift[level] != PAGE_SHIFT + r->folio_order) {
			hm_add_reason(r, level,
				      "pages mode: this kernel maps a folio whole or by PTEs, and the region's folios have the larger entry's size");
			continue;
		}
		if (level == HM_PUD && !hm_cpu_has_pud_leaves()) {
			hm_add_reason(r, level, "CPU lacks 1 GiB pages (pdpe1gb)");
			continue;
		}
		if (level == HM_PMD && !hm_cpu_has_pmd_leaves()) {
			hm_add_reason(r, level, "CPU lacks PMD-size pages");
			continue;
		}
		if (level > hm_max_level) {
			hm_add_reason(r, level, "disabled by max_fault");
			continue;
		}
		if (!hm_region_has_block(r, hm_level_size(level))) {
			hm_add_reason(r, level, r->kind == HUGEMAP_KIND_ALLOC ?
				      "allocated chunks are smaller" :
				      "region holds no aligned block of this size");
			continue;
		}
		r->levels |= BIT(level);
	}
}

static struct hm_region *hm_region_new(unsigned int index, u32 kind)
{
	struct hm_region *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	r->index = index;
	r->kind = kind;
	r->nid = NUMA_NO_NODE;
	hm_pages_region_init(r);
	return r;
}

/* Give back the chunks of an alloc= region (all of them, or a partial set). */
static void hm_region_free_chunks(struct hm_region *r)
{
	unsigned long i, j;

	for (i = 0; r->chunks && i < r->nr_chunks; i++) {
		unsigned long pfn, n = 1UL << (r->chunk_shift - PAGE_SHIFT);

		if (!r->chunks[i])
			continue;
		pfn = page_to_pfn(r->chunks[i]);
		if (r->split) {
			for (j = 0; j < n; j++)
				__free_page(pfn_to_page(pfn + j));
			cond_resched();
		} else if (r->contig) {
			hm_free_contig_pages(r->chunks[i], n);
		} else {
			__free_pages(r->chunks[i], r->chunk_shift - PAGE_SHIFT);
		}
	}
	kvfree(r->chunks);
	r->chunks = NULL;
	r->nr_chunks = 0;
	r->contig = false;
	r->split = false;
}

static void hm_region_free(struct hm_region *r)
{
	if (!r)
		return;
	hm_pages_release(r);
	if (r->ioaddr)
		iounmap(r->ioaddr);
	if (r->kaddr)
		memunmap(r->kaddr);
	if (r->res)
		release_mem_region(r->base, r->size);
	hm_region_free_chunks(r);
	kfree(r);
}

/* Claim and map a physical range given by regions=. */
static int hm_region_claim(struct hm_region *r, int item, const char *text)
{
	int ret;

	ret = region_intersects(r->base, r->size, IORESOURCE_SYSTEM_RAM,
				IORES_DESC_NONE);
	if (ret != REGION_DISJOINT) {
		pr_err("regions item %d \"%s\": intersects System RAM managed by the kernel\n",
		       item, text);
		return -EINVAL;
	}
	r->res = request_mem_region(r->base, r->size, HM_NAME);
	if (!r->res) {
		pr_err("regions item %d \"%s\": range already claimed (see /proc/iomem)\n",
		       item, text);
		return -EBUSY;
	}
	if (hm_pages_mode(r))
		return hm_pages_claim(r, item, text);
	switch (r->cache) {
	case HUGEMAP_CACHE_WB:
		r->kaddr = memremap(r->base, r->size, MEMREMAP_WB);
		break;
	case HUGEMAP_CACHE_WC:
		r->ioaddr = ioremap_wc(r->base, r->size);
		break;
	default:
		r->ioaddr = ioremap(r->base, r->size);
		break;
	}
	if (!r->kaddr && !r->ioaddr) {
		pr_err("regions item %d \"%s\": cannot map the range %s\n",
		       item, text, hm_cache_names[r->cache]);
		return -ENOMEM;
	}
	return 0;
}

/* The zeroed array of chunk pointers for chunks of 2^@shift bytes. */
static int hm_region_new_chunks(struct hm_region *r, unsigned int shift)
{
	r->chunk_shift = shift;
	r->nr_chunks = r->size >> shift;
	/* kvmalloc() refuses (and WARNs about) anything above INT_MAX */
	if (r->nr_chunks > INT_MAX / sizeof(*r->chunks)) {
		r->nr_chunks = 0;
		return -E2BIG;
	}
	r->chunks = kvmalloc_array(r->nr_chunks, sizeof(*r->chunks),
				   GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN |
				   __GFP_RETRY_MAYFAIL);
	if (!r->chunks) {
		r->nr_chunks = 0;
		return -ENOMEM;
	}
	return 0;
}

/*
 * The chunks are all there: with a requested node, every chunk must be on
 * it (the allocations were restricted to it; this is the proof); without
 * one, report the node they came from if it is the same for all.
 */
static int hm_region_check_node(struct hm_region *r)
{
	unsigned long i;
	int nid;

	nid = page_to_nid(r->chunks[0]);
	for (i = 1; i < r->nr_chunks; i++)
		if (page_to_nid(r->chunks[i]) != nid)
			break;
	if (r->nid == NUMA_NO_NODE) {
		if (i == r->nr_chunks)
			r->nid = nid;
		return 0;
	}
	return i == r->nr_chunks && nid == r->nid ? 0 : -EXDEV;
}

/*
 * How much alloc= may take: what the kernel estimates it can hand out
 * without swapping (MemAvailable) less 1/16 of the RAM it manages, left
 * for everything else.  Checked before each alloc= item, so after the
 * earlier items have taken theirs.
 */
static u64 hm_alloc_limit(void)
{
	struct sysinfo si;
	u64 avail, keep;

	si_meminfo(&si);
	avail = (u64)max(si_mem_available(), 0L) << PAGE_SHIFT;
	keep = (u64)si.totalram * si.mem_unit / 16;
	return avail > keep ? avail - keep : 0;
}

/*
 * Allocate and zero an alloc= region from the largest chunks available.
 * Never invokes the OOM killer (contiguous allocations, __GFP_NORETRY for
 * buddy orders above 0, __GFP_RETRY_MAYFAIL for single pages), stops on a
 * fatal signal, and keeps nothing when it fails.
 *
 * Pages mode maps the chunks' own struct pages, which GUP references one
 * by one: in the folio flavour a chunk is one folio (compound, at most PMD
 * order: vmf_insert_folio_pmd() maps a folio of exactly that order), else
 * a chunk is split into single pages, each with its own reference count
 * (the kernels of the devmap flavour map ordinary pages by PTE only).
 */
static int hm_region_allocate(struct hm_region *r, int item, const char *text)
{
	unsigned int order = min_t(unsigned int, HM_MAX_BUDDY_ORDER,
				   ilog2(r->size) - PAGE_SHIFT);
	gfp_t gfp = GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN;
	u64 limit = hm_alloc_limit();
	bool pages = hm_pages_mode(r);
	const char *why;
	unsigned long i;
	int ret;

	if (pages && HM_PAGES_FOLIO) {
		gfp |= __GFP_COMP;
		order = min_t(unsigned int, order, PMD_SHIFT - PAGE_SHIFT);
	}

	if (r->size > limit) {
		pr_err("alloc item %d \"%s\": more than the %llu MiB this machine can spare (MemAvailable less 1/16 of MemTotal)\n",
		       item, text, limit >> 20);
		return -ENOMEM;
	}
	if (r->nid != NUMA_NO_NODE)
		gfp |= __GFP_THISNODE;

	/* One PUD-size contiguous chunk per PUD where the allocator exists. */
	if (HM_HAVE_CONTIG_ALLOC && HM_BUILD_PUD && !pages &&
	    IS_ALIGNED(r->size, PUD_SIZE)) {
		ret = hm_region_new_chunks(r, PUD_SHIFT);
		if (ret)
			goto fail;
		r->contig = true;
		for (i = 0; i < r->nr_chunks; i++) {
			if (fatal_signal_pending(current)) {
				ret = -EINTR;
				goto fail;
			}
			r->chunks[i] = hm_alloc_contig_pages(PUD_SIZE >> PAGE_SHIFT,
							     r->nid);
			if (!r->chunks[i])
				break;
			memset(page_address(r->chunks[i]), 0, PUD_SIZE);
			cond_resched();
		}
		if (i == r->nr_chunks)
			goto done;
		hm_region_free_chunks(r);
	}

	/* Buddy chunks: the largest order that divides the size and succeeds. */
	while (order > 0 && !IS_ALIGNED(r->size, PAGE_SIZE << order))
		order--;
	for (;;) {
		ret = hm_region_new_chunks(r, PAGE_SHIFT + order);
		if (ret)
			goto fail;
		r->split = pages && !HM_PAGES_FOLIO;
		for (i = 0; i < r->nr_chunks; i++) {
			if (fatal_signal_pending(current)) {
				ret = -EINTR;
				goto fail;
			}
			r->chunks[i] = alloc_pages_node(r->nid, gfp |
							(order ? __GFP_NORETRY :
							 __GFP_RETRY_MAYFAIL),
							order);
			if (!r->chunks[i])
				break;
			if (r->split && order)
				split_page(r->chunks[i], order);
			cond_resched();
		}
		if (i == r->nr_chunks)
			goto done;
		hm_region_free_chunks(r);
		if (!order) {
			ret = -ENOMEM;
			goto fail;
		}
		order--;
	}
done:
	ret = hm_region_check_node(r);
	if (!ret && pages) {
		r->folio_order = r->split ? 0 : order;
		ret = hm_pages_adopt(r, item, text);
		if (ret)
			goto fail_quiet;
	}
	if (!ret)
		return 0;
fail:
	hm_region_free_chunks(r);
	switch (ret) {
	case -EINTR:
		why = "interrupted by a fatal signal";
		break;
	case -E2BIG:
		why = "too many chunks to track";
		ret = -ENOMEM;
		break;
	case -EXDEV:
		why = "memory not on the requested node";
		ret = -ENOMEM;
		break;
	default:
		why = r->nid == NUMA_NO_NODE ? "out of memory" :
		      "out of memory on the requested node";
		break;
	}
	pr_err("alloc item %d \"%s\": %s, nothing kept\n", item, text, why);
	return ret;
fail_quiet:
	hm_region_free_chunks(r);
	return ret;
}

/*
 * NUMBER[SUFFIX] as the parameters take it: decimal digits, or hexadecimal
 * digits after "0x"; SUFFIX one of K M G T P E (either case), each a factor
 * of 1024.  Unlike memparse(), overflow of the number or of the scaled
 * value is an error (-ERANGE), and so is a leading zero before another
 * digit (memparse() would read it as octal).  -EINVAL if no number.
 */
static int hm_parse_num(const char *s, u64 *val, const char **end)
{
	static const char suffixes[] = "KMGTPE";
	unsigned int base = 10, digit, shift;
	const char *p = s, *sfx;
	u64 v = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!isxdigit(*p))
			return -EINVAL;
	} else if (!isdigit(p[0]) || (p[0] == '0' && isdigit(p[1]))) {
		return -EINVAL;
	}
	for (; isxdigit(*p); p++) {
		digit = isdigit(*p) ? *p - '0' : _tolower(*p) - 'a' + 10;
		if (digit >= base)
			break;
		if (v > (U64_MAX - digit) / base)
			return -ERANGE;
		v = v * base + digit;
	}
	sfx = *p ? strchr(suffixes, toupper(*p)) : NULL;
	if (sfx) {
		shift = 10 * (sfx - suffixes + 1);
		if (v > U64_MAX >> shift)
			return -ERANGE;
		v <<= shift;
		p++;
	}
	*val = v;
	*end = p;
	return 0;
}

/* The item text for messages: at most 63 characters. */
static void hm_item_text(char *buf, size_t len, const char *text)
{
	if (strscpy(buf, text, len) < 0 && len > 4)
		strscpy(buf + len - 4, "...", 4);
}

/*
 * The options after SIZE@BASE: a cache mode (wb, wc, uc) and a map mode
 * (pfn, pages), each at most once, in any order.  Returns NULL or what is
 * wrong.
 */
static const char *hm_parse_region_opts(struct hm_region *r, const char *opts)
{
	bool cache_set = false, mode_set = false;
	char opt[8];
	size_t len;
	int i;

	r->cache = HUGEMAP_CACHE_WB;
	r->mode = HUGEMAP_MAP_PFN;
	while (*opts == ':') {
		opts++;
		len = strcspn(opts, ":");
		if (!len || len >= sizeof(opt))
			return "unknown option (wb, wc, uc, pfn or pages)";
		memcpy(opt, opts, len);
		opt[len] = '\0';
		opts += len;
		if (!strcmp(opt, "pfn") || !strcmp(opt, "pages")) {
			if (mode_set)
				return "map mode given twice";
			mode_set = true;
			r->mode = strcmp(opt, "pfn") ? HUGEMAP_MAP_PAGES :
						       HUGEMAP_MAP_PFN;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(hm_cache_names); i++)
			if (!strcmp(opt, hm_cache_names[i]))
				break;
		if (i == ARRAY_SIZE(hm_cache_names))
			return "unknown option (wb, wc, uc, pfn or pages)";
		if (cache_set)
			return "cache mode given twice";
		cache_set = true;
		r->cache = i;
	}
	if (*opts)
		return "cannot parse, expected SIZE@BASE[:wb|wc|uc][:pfn|pages]";
	return NULL;
}

/* Can pages mode serve @r?  NULL or why not. */
static const char *hm_pages_refusal(struct hm_region *r, char *buf, size_t len)
{
	char align[16];

	if (!hm_pages_mode(r))
		return NULL;
	if (hm_pages_unavailable(r)) {
		scnprintf(buf, len, "pages mode unavailable: %s",
			  hm_pages_unavailable(r));
		return buf;
	}
	if (r->kind == HUGEMAP_KIND_ALLOC)
		return NULL;
	if (r->cache != HUGEMAP_CACHE_WB)
		return "pages mode needs write-back memory (wb), device memory stays pfn";
	if (!IS_ALIGNED(r->base, hm_pages_align()) ||
	    !IS_ALIGNED(r->size, hm_pages_align())) {
		hm_format_size(align, sizeof(align), hm_pages_align());
		scnprintf(buf, len,
			  "pages mode needs base and size aligned to %s (memory hotplug subsections)",
			  align);
		return buf;
	}
	return NULL;
}

static int hm_parse_region(struct hm_region *r, int item, const char *text)
{
	const char *what = "cannot parse, expected SIZE@BASE[:wb|wc|uc][:pfn|pages]";
	const char *end, *bad_opt;
	char buf[64], why[192];
	u64 base;
	int ret;

	hm_item_text(buf, sizeof(buf), text);
	ret = hm_parse_num(text, &r->size, &end);
	if (!ret && *end != '@')
		ret = -EINVAL;
	if (!ret)
		ret = hm_parse_num(end + 1, &base, &end);
	if (ret)
		goto bad;
	r->base = base;
	bad_opt = hm_parse_region_opts(r, end);
	if (bad_opt) {
		what = bad_opt;
		goto bad;
	}
	if (!r->size)
		what = "size is zero";
	else if (!PAGE_ALIGNED(r->size))
		what = "size not a multiple of the page size";
	else if (!PAGE_ALIGNED(base))
		what = "base not a multiple of the page size";
	else if (r->size > U64_MAX - base)
		what = "range reaches or wraps past 2^64";
	else if (base + r->size - 1 > iomem_resource.end)
		what = "range beyond the physical address space";
	else
		what = hm_pages_refusal(r, why, sizeof(why));
	if (!what)
		return 0;
	ret = -EINVAL;
bad:
	pr_err("regions item %d \"%s\": %s\n", item, buf,
	       ret == -ERANGE ? "number too large (more than 64 bits)" : what);
	return -EINVAL;
}

static int hm_parse_alloc(struct hm_region *r, int item, const char *text)
{
	const char *what = "cannot parse, expected SIZE[@NODE][:pfn|pages]";
	const char *end, *opt = strchr(text, ':');
	size_t nlen;
	unsigned int node;
	char buf[64], num[16], why[192];
	int ret;

	hm_item_text(buf, sizeof(buf), text);
	r->mode = HUGEMAP_MAP_PFN;
	if (opt && !strcmp(opt, ":pages")) {
		r->mode = HUGEMAP_MAP_PAGES;
		what = hm_pages_refusal(r, why, sizeof(why));
		if (what) {
			ret = -EINVAL;
			goto bad;
		}
		what = "cannot parse, expected SIZE[@NODE][:pfn|pages]";
	} else if (opt && strcmp(opt, ":pfn")) {
		ret = -EINVAL;
		goto bad;
	}
	ret = hm_parse_num(text, &r->size, &end);
	if (ret || (*end && *end != '@' && end != opt))
		goto bad;
	if (*end == '@') {
		/* decimal digits only: no sign, no space, no suffix */
		nlen = opt ? opt - end - 1 : strlen(end + 1);
		if (!nlen || nlen >= sizeof(num))
			goto bad;
		memcpy(num, end + 1, nlen);
		num[nlen] = '\0';
		if (!isdigit(num[0]) || (num[0] == '0' && num[1]) ||
		    strspn(num, "0123456789") != nlen)
			goto bad;
		if (kstrtouint(num, 10, &node) || node >= MAX_NUMNODES ||
		    !node_online(node)) {
			what = "node is not online";
			goto bad;
		}
		r->nid = node;
	}
	if (!r->size || !PAGE_ALIGNED(r->size)) {
		what = "size must be a non-zero multiple of the page size";
		goto bad;
	}
	return 0;
bad:
	pr_err("alloc item %d \"%s\": %s\n", item, buf,
	       ret == -ERANGE ? "number too large (more than 64 bits)" : what);
	return -EINVAL;
}

/* Both ranges are validated: base + size - 1 does not wrap. */
static bool hm_overlaps(const struct hm_region *a, const struct hm_region *b)
{
	return a->base <= b->base + (b->size - 1) &&
	       b->base <= a->base + (a->size - 1);
}

/*
 * Split a comma separated parameter and call @parse on each item.  Items
 * are numbered from 1 in messages.
 */
static int hm_parse_list(const char *param, u32 kind,
			 struct hm_region **regions, unsigned int *nr)
{
	char *copy, *s, *item, shown[64];
	int ret = 0, n = 0, i;

	if (!param || !*param)
		return 0;
	copy = kstrdup(param, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	s = strim(copy);
	while ((item = strsep(&s, ",")) != NULL) {
		struct hm_region *r;

		n++;
		if (*nr == HM_MAX_REGIONS) {
			pr_err("%s item %d: more than %d regions\n",
			       kind == HUGEMAP_KIND_PHYS ? "regions" : "alloc",
			       n, HM_MAX_REGIONS);
			ret = -EINVAL;
			break;
		}
		r = hm_region_new(*nr, kind);
		if (!r) {
			ret = -ENOMEM;
			break;
		}
		regions[(*nr)++] = r;
		hm_item_text(shown, sizeof(shown), item);
		if (kind == HUGEMAP_KIND_PHYS) {
			ret = hm_parse_region(r, n, item);
			for (i = 0; !ret && i < *nr - 1; i++) {
				if (regions[i]->kind != HUGEMAP_KIND_PHYS ||
				    !hm_overlaps(regions[i], r))
					continue;
				pr_err("regions item %d \"%s\": overlaps item %d\n",
				       n, shown, i + 1);
				ret = -EINVAL;
			}
			if (!ret)
				ret = hm_region_claim(r, n, shown);
		} else {
			ret = hm_parse_alloc(r, n, item);
			if (!ret)
				ret = hm_region_allocate(r, n, shown);
		}
		if (ret)
			break;
		hm_region_init_levels(r);
		hm_pages_set_gup_reason(r);
	}
	kfree(copy);
	return ret;
}

int hm_regions_create(const char *regions, const char *alloc,
		      struct hm_region ***out, unsigned int *nr_out)
{
	struct hm_region **r;
	unsigned int nr = 0;
	int ret;

	r = kcalloc(HM_MAX_REGIONS, sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	ret = hm_parse_list(regions, HUGEMAP_KIND_PHYS, r, &nr);
	if (!ret)
		ret = hm_parse_list(alloc, HUGEMAP_KIND_ALLOC, r, &nr);
	if (ret) {
		hm_regions_destroy(r, nr);
		return ret;
	}
	*out = r;
	*nr_out = nr;
	return 0;
}

void hm_regions_destroy(struct hm_region **regions, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		hm_region_free(regions[i]);
	kfree(regions);
}

/*
 * Copy between the region at @off and the kernel buffer @buf.  Returns the
 * number of bytes copied (short at the end of the region).
 */
ssize_t hm_region_xfer(struct hm_region *r, u64 off, void *buf, size_t len,
		       bool write)
{
	size_t done = 0;

	if (off >= r->size)
		return 0;
	len = min_t(u64, len, r->size - off);
	while (done < len) {
		u64 pos = off + done;
		size_t n = len - done;
		void *k;

		if (r->kind == HUGEMAP_KIND_ALLOC) {
			u64 in = pos & (hm_chunk_size(r) - 1);

			n = min_t(u64, n, hm_chunk_size(r) - in);
			k = page_address(r->chunks[pos >> r->chunk_shift]) + in;
		} else if (r->kaddr) {
			k = r->kaddr + pos;
		} else {
			if (write)
				memcpy_toio(r->ioaddr + pos, buf + done, n);
			else
				memcpy_fromio(buf + done, r->ioaddr + pos, n);
			done += n;
			continue;
		}
		if (write)
			memcpy(k, buf + done, n);
		else
			memcpy(buf + done, k, n);
		done += n;
	}
	return done;
}
