/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libhugemap: entry-size prediction and mapping. */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hugemap_internal.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

static int check_sizes(const uint64_t *sizes, unsigned int n)
{
	unsigned int i;

	if (n == 0 || n > HUGEMAP_MAX_SIZES)
		return -EINVAL;
	for (i = 0; i < n; i++) {
		if (!sizes[i] || (sizes[i] & (sizes[i] - 1)))
			return -EINVAL;
		if (i && sizes[i] >= sizes[i - 1])
			return -EINVAL;
	}
	return 0;
}

int hugemap_geometry_from_info(const struct hugemap_info *info,
			       struct hugemap_geometry *g)
{
	unsigned int n = 0;

	if (!info || !g)
		return -EINVAL;
	memset(g, 0, sizeof(*g));
	while (n < HUGEMAP_MAX_SIZES && info->fault_sizes[n]) {
		g->fault_sizes[n] = info->fault_sizes[n];
		n++;
	}
	if (check_sizes(g->fault_sizes, n))
		return -EPROTO;
	g->nr_fault_sizes = n;
	g->size = info->size;
	g->chunk_size = info->chunk_size;
	g->kind = info->kind;
	g->base = info->base;
	/* info.base is 0 without CAP_SYS_ADMIN; a phys region at physical
	 * address 0 is treated as "unknown" too, which predicts the same
	 * thing for addresses the driver picked. */
	g->base_known = info->kind == HUGEMAP_KIND_PHYS && info->base != 0;
	return 0;
}

int hugemap_geometry_from_region(const struct hugemap_region *r,
				 struct hugemap_geometry *g)
{
	if (!r || !g)
		return -EINVAL;
	memset(g, 0, sizeof(*g));
	if (check_sizes(r->fault_sizes, r->nr_fault_sizes))
		return -EPROTO;
	memcpy(g->fault_sizes, r->fault_sizes,
	       r->nr_fault_sizes * sizeof(uint64_t));
	g->nr_fault_sizes = r->nr_fault_sizes;
	g->size = r->size;
	g->chunk_size = r->chunk_size;
	g->kind = r->kind;
	g->base = r->base;
	g->base_known = r->kind == HUGEMAP_KIND_PHYS && r->base_known;
	return 0;
}

uint64_t hugemap_best_entry_size(const struct hugemap_geometry *g,
				 uint64_t length)
{
	unsigned int i;

	if (!g || g->nr_fault_sizes == 0 || g->nr_fault_sizes > HUGEMAP_MAX_SIZES)
		return 0;
	for (i = 0; i < g->nr_fault_sizes; i++)
		if (g->fault_sizes[i] <= length)
			return g->fault_sizes[i];
	return g->fault_sizes[g->nr_fault_sizes - 1];
}

/*
 * Physical address (modulo any entry size) behind region offset @off of a
 * mapping of @offset at @addr.
 */
static uint64_t phys_of(const struct hugemap_geometry *g, uint64_t addr,
			uint64_t offset, uint64_t off)
{
	if (g->kind == HUGEMAP_KIND_ALLOC)
		return off;		/* chunks aligned to their size */
	if (g->base_known)
		return g->base + off;
	/* Unknown base: assume the address was chosen in phase. */
	return (addr - offset) + off;
}

static int same_chunk(const struct hugemap_geometry *g, uint64_t off,
		      uint64_t len)
{
	uint64_t chunk = g->chunk_size ? g->chunk_size : g->size;

	if (g->kind != HUGEMAP_KIND_ALLOC || chunk == 0)
		return 1;
	return off / chunk == (off + len - 1) / chunk;
}

int hugemap_predict(const struct hugemap_geometry *g, uint64_t addr,
		    uint64_t offset, uint64_t length,
		    uint64_t pud_size, uint64_t pmd_size,
		    struct hugemap_prediction *p)
{
	unsigned int n, i;
	uint64_t page, va, end;

	if (!g || !p)
		return -EINVAL;
	memset(p, 0, sizeof(*p));
	n = g->nr_fault_sizes;
	if (check_sizes(g->fault_sizes, n))
		return -EINVAL;
	page = g->fault_sizes[n - 1];
	if (length == 0 || (addr | offset | length) & (page - 1))
		return -EINVAL;
	if (offset > g->size || length > g->size - offset)
		return -ENXIO;
	if (addr + length < addr)	/* wraps the address space */
		return -EINVAL;
	/* Infer the level sizes from the list when not given. */
	if (!pmd_size && n >= 2)
		pmd_size = g->fault_sizes[n - 2];
	if (!pud_size && n >= 3)
		pud_size = g->fault_sizes[n - 3];

	va = addr;
	end = addr + length;
	while (va < end) {
		for (i = 0; i < n; i++) {
			uint64_t s = g->fault_sizes[i];
			uint64_t vb = va & ~(s - 1);
			uint64_t ob;

			if (vb < addr || end - vb < s)
				continue;
			ob = offset + (vb - addr);
			if (phys_of(g, addr, offset, ob) & (s - 1))
				continue;
			if (!same_chunk(g, ob, s))
				continue;
			p->faults[i]++;
			if (!p->first_entry_size)
				p->first_entry_size = s;
			if (s > p->entry_size)
				p->entry_size = s;
			if (s == page)
				p->pte_faults++;
			else if (s == pmd_size)
				p->pmd_faults++;
			else if (s == pud_size)
				p->pud_faults++;
			va = vb + s;
			break;
		}
		if (i == n)	/* cannot happen: the page size always fits */
			return -EINVAL;
	}
	return 0;
}

static int ensure_info(struct hugemap *h)
{
	struct hugemap_info info;

	if (h->have_info)
		return 0;
	return hugemap_get_info(h, &info);
}

static int finish(struct hugemap *h, void *addr, uint64_t offset,
		  uint64_t length, int prot, struct hugemap_mapping *m)
{
	struct hugemap_geometry g;
	int r;

	memset(m, 0, sizeof(*m));
	m->addr = addr;
	m->offset = offset;
	m->length = length;
	m->prot = prot;
	r = hugemap_geometry_from_info(&h->info, &g);
	if (!r)
		r = hugemap_predict(&g, (uint64_t)(uintptr_t)addr, offset,
				    length, h->info.pud_size,
				    h->info.pmd_size, &m->predicted);
	/* A prediction failure does not undo a mapping the kernel made. */
	(void)r;
	return 0;
}

static int check_range(struct hugemap *h, uint64_t offset, uint64_t *length)
{
	int r = ensure_info(h);

	if (r)
		return r;
	if (offset > h->info.size)
		return -ENXIO;
	if (*length == 0)
		*length = h->info.size - offset;
	if (*length == 0 || *length > h->info.size - offset)
		return -ENXIO;
	if ((uint64_t)(size_t)*length != *length ||
	    (uint64_t)(off_t)offset != offset)
		return -EOVERFLOW;
	return 0;
}

int hugemap_map(struct hugemap *h, uint64_t offset, uint64_t length,
		int prot, struct hugemap_mapping *m)
{
	return hugemap_map_at(h, NULL, offset, length, prot, 0, m);
}

static int map_aligned(struct hugemap *h, uint64_t offset, uint64_t length,
		       int prot, struct hugemap_mapping *m)
{
	struct hugemap_geometry g;
	uint64_t align, phase, res, target, reslen;
	void *p;
	int r;

	r = hugemap_geometry_from_info(&h->info, &g);
	if (r)
		return r;
	if (g.kind == HUGEMAP_KIND_PHYS && !g.base_known)
		/* Only the driver knows the phase: let it choose. */
		return hugemap_map_at(h, NULL, offset, length, prot, 0, m);
	align = hugemap_best_entry_size(&g, length);
	phase = phys_of(&g, 0, 0, offset) & (align - 1);
	if (length > UINT64_MAX - align)
		return -ENOMEM;
	reslen = length + align;
	p = mmap(NULL, (size_t)reslen, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	res = (uint64_t)(uintptr_t)p;
	target = (res & ~(align - 1)) + phase;
	if (target < res)
		target += align;
	p = mmap((void *)(uintptr_t)target, (size_t)length, prot,
		 MAP_SHARED | MAP_FIXED, h->fd, (off_t)offset);
	if (p == MAP_FAILED) {
		r = -errno;
		munmap((void *)(uintptr_t)res, (size_t)reslen);
		return r;
	}
	if (target > res)
		munmap((void *)(uintptr_t)res, (size_t)(target - res));
	if (res + reslen > target + length)
		munmap((void *)(uintptr_t)(target + length),
		       (size_t)(res + reslen - target - length));
	return finish(h, p, offset, length, prot, m);
}

int hugemap_map_at(struct hugemap *h, void *addr, uint64_t offset,
		   uint64_t length, int prot, int flags,
		   struct hugemap_mapping *m)
{
	int mflags = MAP_SHARED;
	void *p;
	int r;

	if (!h || !m || (flags & ~(HUGEMAP_MAP_FIXED | HUGEMAP_MAP_NOREPLACE |
				   HUGEMAP_MAP_ALIGN)))
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	r = check_range(h, offset, &length);
	if (r)
		return r;
	if ((flags & HUGEMAP_MAP_ALIGN) && !addr)
		return map_aligned(h, offset, length, prot, m);
	if (flags & HUGEMAP_MAP_FIXED)
		mflags |= MAP_FIXED;
	else if (flags & HUGEMAP_MAP_NOREPLACE)
		mflags |= MAP_FIXED_NOREPLACE;
	p = mmap(addr, (size_t)length, prot, mflags, h->fd, (off_t)offset);
	if (p == MAP_FAILED)
		return -errno;
	if ((flags & HUGEMAP_MAP_NOREPLACE) && p != addr) {
		/* Kernels before 4.17 ignore MAP_FIXED_NOREPLACE. */
		munmap(p, (size_t)length);
		return -EEXIST;
	}
	return finish(h, p, offset, length, prot, m);
}

int hugemap_unmap(struct hugemap_mapping *m)
{
	if (!m || !m->addr)
		return -EINVAL;
	if (munmap(m->addr, (size_t)m->length) < 0)
		return -errno;
	m->addr = NULL;
	return 0;
}
