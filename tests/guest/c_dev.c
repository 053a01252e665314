// SPDX-License-Identifier: GPL-2.0
/* hugemap guest tests: device memory (ivshmem BAR) and alloc= regions */
#include "hmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

static void touch_model(const struct hm *h, u64 pmd_size, char *p, u64 off, u64 len, u64 seed,
			const char *what, struct counts *c)
{
	struct model m;
	char b1[128];
	long long bad;

	stats_reset(h);
	bad = touch(p, len, h->page, off, seed);
	if (bad >= 0)
		hm_fail("%s: write/read back mismatch at +0x%llx", what, bad);
	stats_read(h, c);
	model_touch(h, pmd_size, ~0ULL, (u64)(uintptr_t)p, len, off, h->page, &m);
	if (c->pud != m.pud || c->pmd != m.pmd || c->pte != m.pte || c->ptent != m.ptent)
		hm_fail("%s: addr=%p len=0x%llx base=0x%llx chunk=0x%llx: %s, expected pud=%llu pmd=%llu pte=%llu (entries %llu)",
			what, p, (unsigned long long)len, (unsigned long long)h->base,
			(unsigned long long)h->chunk, counts_str(c, b1, sizeof(b1)),
			(unsigned long long)m.pud, (unsigned long long)m.pmd, (unsigned long long)m.pte,
			(unsigned long long)m.ptent);
}

static void pread_check(const struct hm *h, u64 off, u64 len, u64 step, u64 seed, const char *what)
{
	static char buf[1 << 20];
	u64 x;
	long long bad;

	for (x = 0; x < len; x += sizeof(buf)) {
		u64 want = len - x < sizeof(buf) ? len - x : sizeof(buf);
		ssize_t n = pread(h->fd, buf, want, (off_t)(off + x));

		if (n != (ssize_t)want)
			hm_fail("%s: pread at 0x%llx: %s", what, (unsigned long long)(off + x),
				n < 0 ? errname(errno) : "short");
		bad = check(buf, want, step, off + x, seed);
		if (bad >= 0)
			hm_fail("%s: pread data mismatch at region offset 0x%llx", what,
				(unsigned long long)(off + x + bad));
	}
}

/* devmem DEV MODE PMD_SIZE: an ivshmem BAR (or any phys region) with cache mode MODE */
int cmd_devmem(int argc, char **argv)
{
	struct hm h;
	struct hugemap_info in;
	struct counts c;
	u64 pmd_size, len, d;
	char buf[64], b1[128], *p, *q;
	int err, r, want_mode;
	long long bad;

	if (argc < 4)
		hm_fail("usage: devmem DEV uc|wc|wb PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[3], "PMD_SIZE");
	want_mode = !strcmp(argv[2], "uc") ? HUGEMAP_CACHE_UC :
		    !strcmp(argv[2], "wc") ? HUGEMAP_CACHE_WC : HUGEMAP_CACHE_WB;
	if (sys_read(&h, "cache_mode", buf, sizeof(buf)) < 0 || strcmp(buf, argv[2]))
		hm_fail("sysfs cache_mode \"%s\", expected %s", buf, argv[2]);
	r = hm_info(h.fd, &in, sizeof(in));
	if (r)
		hm_fail("GET_INFO: %s", errname(-r));
	if ((int)in.cache_mode != want_mode)
		hm_fail("ioctl cache_mode %u, expected %d", in.cache_mode, want_mode);
	if (in.kind != HUGEMAP_KIND_PHYS || in.base != h.base || in.size != h.size)
		hm_fail("ioctl kind %u base 0x%llx size %llu vs sysfs base 0x%llx size %llu",
			in.kind, (unsigned long long)in.base, (unsigned long long)in.size,
			(unsigned long long)h.base, (unsigned long long)h.size);
	len = h.size > GiB ? GiB : h.size;
	p = hm_map(&h, 0, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("mmap %llu bytes: %s", (unsigned long long)len, errname(err));
	vm_flags_check(p, "sh pf io de dd", "BAR mapping");
	touch_model(&h, pmd_size, p, 0, len, 131, "BAR", &c);
	/* a dense piece in the middle (region offset d) for pread */
	d = len / 2;
	fill(p + d, 65536, 8, d, 132);
	pread_check(&h, d, 65536, 8, 132, "BAR dense");
	pread_check(&h, 0, d < (64ULL << 20) ? d : (64ULL << 20), h.page, 131, "BAR sparse");
	/* a second mapping sees it */
	q = hm_map(&h, 0, len, NULL, MAP_SHARED, PROT_READ, &err);
	if (q == MAP_FAILED)
		hm_fail("second mmap: %s", errname(err));
	bad = check(q + d, 65536, 8, d, 132);
	if (bad < 0)
		bad = check(q, d, h.page, 0, 131);
	if (bad < 0)
		bad = check(q + d + 65536, len - d - 65536, h.page, d + 65536, 131);
	if (bad >= 0)
		hm_fail("second mapping: mismatch");
	munmap(q, len);
	munmap(p, len);
	hm_pass("%s BAR %s at 0x%llx: %s, sizes=%s; mmap->pread and 2nd mapping ok",
		argv[2], fmt_size(h.size, buf, sizeof(buf)), (unsigned long long)h.base,
		counts_str(&c, b1, sizeof(b1)), h.sizes_str);
}

/* alloc DEV PMD_SIZE SIZE [NODE] */
int cmd_alloc(int argc, char **argv)
{
	struct hm h;
	struct hugemap_info in;
	struct counts c;
	u64 pmd_size, size, x;
	char buf[64], b1[128], *p;
	int err, r;
	long long node = -2, sn;

	if (argc < 4)
		hm_fail("usage: alloc DEV PMD_SIZE SIZE [NODE]");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	size = arg_size(argv[3], "SIZE");
	if (argc > 4)
		node = atoll(argv[4]);
	if (sys_read(&h, "kind", buf, sizeof(buf)) < 0 || strcmp(buf, "alloc"))
		hm_fail("sysfs kind \"%s\"", buf);
	if (h.size != size)
		hm_fail("size %llu, expected %llu", (unsigned long long)h.size, (unsigned long long)size);
	if (h.base != 0)
		hm_fail("sysfs base 0x%llx for an alloc region", (unsigned long long)h.base);
	if (!h.chunk || h.size % h.chunk || h.chunk % h.page)
		hm_fail("chunk_size %llu", (unsigned long long)h.chunk);
	r = hm_info(h.fd, &in, sizeof(in));
	if (r)
		hm_fail("GET_INFO: %s", errname(-r));
	if (in.kind != HUGEMAP_KIND_ALLOC || in.base || in.size != size || in.chunk_size != h.chunk)
		hm_fail("ioctl kind %u base 0x%llx size %llu chunk %llu", in.kind,
			(unsigned long long)in.base, (unsigned long long)in.size,
			(unsigned long long)in.chunk_size);
	if (sys_read(&h, "numa_node", buf, sizeof(buf)) < 0)
		hm_fail("numa_node unreadable");
	sn = atoll(buf);
	if (sn != in.numa_node)
		hm_fail("numa_node sysfs %lld ioctl %d", sn, in.numa_node);
	if (node >= 0 && sn != node)
		hm_fail("numa_node %lld, requested %lld", sn, node);
	/* no node requested: the node the pages came from */
	snprintf(buf, sizeof(buf), "/sys/devices/system/node/node%lld", sn);
	if (node < 0 && (sn < 0 || access(buf, F_OK)))
		hm_fail("numa_node %lld: not an online node of this system", sn);
	/* a chunk that holds a PMD gets PMD entries unless the kernel says why not */
	if (h.chunk >= pmd_size && h.chunk % pmd_size == 0 && !has_size(&h, pmd_size) &&
	    !unavailable_has(&h, pmd_size))
		hm_fail("chunk_size %llu >= PMD but fault_sizes \"%s\" lacks %llu and unavailable gives no reason",
			(unsigned long long)h.chunk, h.sizes_str, (unsigned long long)pmd_size);

	p = hm_map(&h, 0, size, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("mmap: %s", errname(err));
	stats_reset(&h);
	for (x = 0; x < size; x += 8)
		if (*(volatile u64 *)(p + x))
			hm_fail("fresh region not zero at +0x%llx", (unsigned long long)x);
	stats_read(&h, &c);
	{
		struct model m;

		model_touch(&h, pmd_size, ~0ULL, (u64)(uintptr_t)p, size, 0, h.page, &m);
		if (c.pud != m.pud || c.pmd != m.pmd || c.pte != m.pte || c.ptent != m.ptent)
			hm_fail("read faults %s, expected pud=%llu pmd=%llu pte=%llu entries=%llu (chunk %llu, addr %p)",
				counts_str(&c, b1, sizeof(b1)), (unsigned long long)m.pud,
				(unsigned long long)m.pmd, (unsigned long long)m.pte,
				(unsigned long long)m.ptent,
				(unsigned long long)h.chunk, p);
	}
	counts_str(&c, b1, sizeof(b1));
	fill(p, size, 8, 0, 141);
	munmap(p, size);
	p = hm_map(&h, 0, size, NULL, MAP_SHARED, PROT_READ, &err);
	if (p == MAP_FAILED)
		hm_fail("remap: %s", errname(err));
	if (check(p, size, 8, 0, 141) >= 0)
		hm_fail("data lost across remap");
	munmap(p, size);
	pread_check(&h, 0, size, 8, 141, "alloc");
	hm_pass("size=%s chunk=%s node=%lld sizes=%s zeroed; %s; round trip mmap/remap/pread ok",
		fmt_size(size, buf, 32), fmt_size(h.chunk, buf + 32, 32), sn, h.sizes_str, b1);
}
