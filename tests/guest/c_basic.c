// SPDX-License-Identifier: GPL-2.0
/* hugemap guest tests: entry size, alignment, integrity, refusals, info */
#include "hmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

static u64 maxfault_size(const struct hm *h, u64 pmd_size)
{
	char buf[16];

	if (sys_read(h, "max_fault", buf, sizeof(buf)) < 0)
		hm_fail("cannot read max_fault");
	if (!strcmp(buf, "pte"))
		return h->page;
	if (!strcmp(buf, "pmd"))
		return pmd_size;
	if (!strcmp(buf, "pud"))
		return ~0ULL;
	hm_fail("max_fault reads \"%s\"", buf);
}

/* map, reset, touch every page, compare with the model; returns counts */
static void map_touch_model(const struct hm *h, u64 pmd_size, u64 off, u64 len, void *hint,
			    int flags, const char *what, struct counts *c, struct model *m,
			    void **addr, int keep)
{
	char b1[128];
	int err;
	long long bad;
	void *p = hm_map(h, off, len, hint, MAP_SHARED | flags, PROT_READ | PROT_WRITE, &err);

	if (p == MAP_FAILED)
		hm_fail("%s: mmap off=0x%llx len=0x%llx: %s", what, (unsigned long long)off,
			(unsigned long long)len, errname(err));
	stats_reset(h);
	bad = touch(p, len, h->page, off, 0x1000 + off);
	if (bad >= 0)
		hm_fail("%s: data mismatch at +0x%llx", what, bad);
	bad = check(p, len, h->page, off, 0x1000 + off);
	if (bad >= 0)
		hm_fail("%s: re-read mismatch at +0x%llx", what, bad);
	stats_read(h, c);
	model_touch(h, pmd_size, maxfault_size(h, pmd_size), (u64)(uintptr_t)p, len, off,
		    h->page, m);
	if (c->pud != m->pud || c->pmd != m->pmd || c->pte != m->pte || c->ptent != m->ptent)
		hm_fail("%s: addr=%p off=0x%llx len=0x%llx: %s, expected pud=%llu pmd=%llu pte=%llu (entries %llu)",
			what, p, (unsigned long long)off, (unsigned long long)len,
			counts_str(c, b1, sizeof(b1)), (unsigned long long)m->pud,
			(unsigned long long)m->pmd, (unsigned long long)m->pte,
			(unsigned long long)m->ptent);
	/*
	 * Lower bound only: some kernels (6.1) also try a PUD fault where the
	 * VMA cannot hold the PUD block, and the driver counts that refusal.
	 * At a MAP_FIXED address out of phase the kernel itself may skip the
	 * huge fault (6.1 arm64): then nothing reaches the driver to count.
	 */
	if (m->fb && !c->fb && !(flags & MAP_FIXED))
		hm_fail("%s: addr=%p fallbacks=0, expected at least 1 (model %llu)", what, p,
			(unsigned long long)m->fb);
	if (addr)
		*addr = p;
	if (!keep)
		munmap(p, len);
}

/* c01 DEV pud|pmd|pte EXPECT_PUD PMD_SIZE ARCH */
int cmd_c01(int argc, char **argv)
{
	struct hm h;
	struct counts c;
	char mf[16], unav[512] = "", b1[128];
	u64 pmd_size, npmd, npte, len = GiB;
	int expect_pud, expect_pmd, err;
	long long bad;
	void *p;
	const char *mode;

	if (argc < 6)
		hm_fail("usage: c01 DEV pud|pmd|pte EXPECT_PUD PMD_SIZE ARCH [EXPECT_PMD]");
	hm_open(&h, argv[1]);
	mode = argv[2];
	expect_pud = atoi(argv[3]);
	pmd_size = arg_size(argv[4], "PMD_SIZE");
	/* EXPECT_PMD 0: a PTE-only kernel (tests/targets.conf expect_pmd) */
	expect_pmd = argc > 6 ? atoi(argv[6]) : 1;
	if (sys_read(&h, "max_fault", mf, sizeof(mf)) < 0 || strcmp(mf, mode))
		hm_fail("sysfs max_fault is \"%s\", expected \"%s\"", mf, mode);
	sys_read(&h, "unavailable", unav, sizeof(unav));
	if (h.size < len)
		hm_fail("region is %llu bytes, need 1 GiB", (unsigned long long)h.size);
	npmd = len / pmd_size;
	npte = len / h.page;

	p = hm_map(&h, 0, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("mmap 1 GiB at offset 0: %s", errname(err));
	stats_reset(&h);
	bad = touch(p, len, h.page, 0, 1);
	if (bad >= 0)
		hm_fail("data mismatch at +0x%llx", bad);
	stats_read(&h, &c);
	counts_str(&c, b1, sizeof(b1));
	hm_diag("c01 %s: addr=%p %s fault_sizes=\"%s\" unavailable=\"%s\"", mode, p, b1,
		h.sizes_str, unav);
	if (!expect_pmd && (!strcmp(mode, "pmd") || (!strcmp(mode, "pud") && !expect_pud))) {
		/* no PMD (nor PUD) entries: every page a PTE, the PMD size unavailable with a reason */
		char want[24];

		/* pte_batch: one fault per PMD-sized virtual block touched */
		u64 nf = h.batch ? ((u64)(uintptr_t)p + len - 1) / pmd_size -
				   (u64)(uintptr_t)p / pmd_size + 1 : npte;

		if (c.pud || c.pmd || c.pte != nf || c.ptent != npte)
			hm_fail("%s, expected pud=0 pmd=0 pte=%llu (entries %llu) on a PTE-only kernel (fault_sizes=%s)",
				b1, (unsigned long long)nf, (unsigned long long)npte, h.sizes_str);
		fmt_size(pmd_size, want, sizeof(want));
		strcat(want, ":");
		if (!unavailable_has(&h, pmd_size))
			hm_fail("%s but unavailable has no \"%s\" line: \"%s\"", b1, want, unav);
	} else if (!strcmp(mode, "pud")) {
		if (expect_pud) {
			if (c.pud != 1 || c.pmd || c.pte)
				hm_fail("%s, expected pud=1 pmd=0 pte=0 (addr=%p fault_sizes=%s unavailable=\"%s\")",
					b1, p, h.sizes_str, unav);
		} else {
			if (c.pud || c.pmd != npmd || c.pte)
				hm_fail("%s, expected pud=0 pmd=%llu pte=0 (addr=%p fault_sizes=%s)",
					b1, (unsigned long long)npmd, p, h.sizes_str);
			if (!strcmp(argv[5], "x86_64")) {
				char *l = unav;
				int found = 0;

				for (; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
					if (!strncmp(l, "1G:", 3))
						found = 1;
				if (!found)
					hm_fail("%s but unavailable has no \"1G:\" line: \"%s\"", b1, unav);
			}
		}
	} else if (!strcmp(mode, "pmd")) {
		if (c.pud || c.pmd != npmd || c.pte)
			hm_fail("%s, expected pud=0 pmd=%llu pte=0", b1, (unsigned long long)npmd);
	} else if (!strcmp(mode, "pte")) {
		/*
		 * pte_batch: one fault per PMD-sized virtual block the mapping
		 * touches (max_fault=pte: the address need not be PMD aligned),
		 * every PTE inserted
		 */
		u64 nf = h.batch ? ((u64)(uintptr_t)p + len - 1) / pmd_size -
				   (u64)(uintptr_t)p / pmd_size + 1 : npte;

		if (c.pud || c.pmd || c.pte != nf || c.ptent != npte)
			hm_fail("%s, expected pud=0 pmd=0 pte=%llu (entries %llu; pte_batch %s)", b1,
				(unsigned long long)nf, (unsigned long long)npte, h.batch ? "Y" : "N");
	} else {
		hm_fail("bad mode %s", mode);
	}
	bad = check(p, len, h.page, 0, 1);
	if (bad >= 0)
		hm_fail("re-read mismatch at +0x%llx", bad);
	if (munmap(p, len))
		hm_fail("munmap: %s", errname(errno));
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("stats/mappings %llu after munmap",
			(unsigned long long)sys_u64(&h, "stats/mappings"));
	for (char *q = unav; *q; q++)
		if (*q == '\n')
			*q = ';';
	hm_pass("%s addr_mod_1G=0x%llx sizes=%s%s%s", b1,
		(unsigned long long)((uintptr_t)p & (GiB - 1)), h.sizes_str,
		unav[0] ? " unavailable=" : "", unav);
}

/*
 * The alignment get_unmapped_area gives @len bytes: the largest huge entry
 * that fits, on a PTE-only kernel the PTE batch block (pte_batch, len of a
 * PMD or more), else a page.
 */
static u64 c02_align(const struct hm *h, u64 len, u64 pmd_size)
{
	u64 e = largest_fit(h, len);

	if (e)
		return e;
	return h->batch && len >= pmd_size ? pmd_size : h->page;
}

/* c02 DEV RESV_BASE PMD_SIZE EXPECT_PUD [EXPECT_PMD] */
int cmd_c02(int argc, char **argv)
{
	struct hm h;
	struct counts c;
	struct model m;
	u64 base, pmd_size, e, len, off;
	int expect_pud, expect_pmd, i, has_pud = 0;
	char out[1024];
	size_t used = 0;
	void *p, *hint;
	char b1[128];
	struct { u64 off, len; } plain[3];

	if (argc < 5)
		hm_fail("usage: c02 DEV RESV_BASE PMD_SIZE EXPECT_PUD [EXPECT_PMD]");
	hm_open(&h, argv[1]);
	base = arg_size(argv[2], "RESV_BASE");
	pmd_size = arg_size(argv[3], "PMD_SIZE");
	expect_pud = atoi(argv[4]);
	/* EXPECT_PMD 0: a PTE-only kernel (tests/targets.conf expect_pmd) */
	expect_pmd = argc > 5 ? atoi(argv[5]) : 1;
	h.base = base;
	for (i = 0; i < h.nsizes; i++)
		if (h.sizes[i] > pmd_size)
			has_pud = 1;
	if (has_pud != !!expect_pud)
		hm_fail("fault_sizes \"%s\" %s a PUD size but EXPECT_PUD=%d", h.sizes_str,
			has_pud ? "has" : "lacks", expect_pud);
	if (has_size(&h, pmd_size) != !!expect_pmd)
		hm_fail("fault_sizes \"%s\" %s PMD size %llu but EXPECT_PMD=%d", h.sizes_str,
			expect_pmd ? "lacks" : "has", (unsigned long long)pmd_size, expect_pmd);
	if (h.size < 2 * GiB)
		hm_fail("region too small (%llu), need 2 GiB", (unsigned long long)h.size);
	used += snprintf(out + used, sizeof(out) - used, "sizes=%s", h.sizes_str);

	/* 1: no hint: address congruent to the physical address modulo the entry */
	plain[0].off = 0; plain[0].len = GiB;
	plain[1].off = pmd_size; plain[1].len = 2 * pmd_size;
	plain[2].off = GiB; plain[2].len = GiB;
	for (i = 0; i < 3; i++) {
		off = plain[i].off;
		len = plain[i].len;
		e = c02_align(&h, len, pmd_size);
		map_touch_model(&h, pmd_size, off, len, NULL, 0, "nohint", &c, &m, &p, 0);
		if (((uintptr_t)p % e) != ((base + off) % e))
			hm_fail("off=0x%llx len=0x%llx: addr %p mod %s != phys mod (0x%llx)",
				(unsigned long long)off, (unsigned long long)len, p,
				fmt_size(e, b1, sizeof(b1)), (unsigned long long)((base + off) % e));
		used += snprintf(out + used, sizeof(out) - used, " [off=%s len=%s: %s-aligned pud=%llu pmd=%llu pte=%llu]",
				 fmt_size(off, b1, 32), fmt_size(len, b1 + 32, 32),
				 fmt_size(e, b1 + 64, 32), (unsigned long long)c.pud,
				 (unsigned long long)c.pmd, (unsigned long long)c.pte);
	}

	/* 2: offset of one page, length shorter than PMD: small entries */
	off = h.page;
	len = pmd_size - h.page;
	map_touch_model(&h, pmd_size, off, len, NULL, 0, "short", &c, &m, NULL, 0);
	if (c.pud || c.pmd || c.ptent != len / h.page || c.pte != m.pte)
		hm_fail("short: %s, expected PTEs only, %llu entries in %llu faults",
			counts_str(&c, b1, sizeof(b1)), (unsigned long long)(len / h.page),
			(unsigned long long)m.pte);
	used += snprintf(out + used, sizeof(out) - used, " [off=page len=PMD-page: pte=%llu fallbacks=%llu]",
			 (unsigned long long)c.pte, (unsigned long long)c.fb);
	/* offset of one page, 4 PMDs: edges small, middle PMD */
	len = 4 * pmd_size;
	map_touch_model(&h, pmd_size, off, len, NULL, 0, "page-offset", &c, &m, &p, 0);
	used += snprintf(out + used, sizeof(out) - used, " [off=page len=4PMD: pmd=%llu pte=%llu fallbacks=%llu]",
			 (unsigned long long)c.pmd, (unsigned long long)c.pte, (unsigned long long)c.fb);

	/* 3: free aligned hint is honoured */
	for (i = 0; i < 2; i++) {
		len = i ? GiB : 2 * pmd_size;
		off = i ? GiB : pmd_size;
		e = c02_align(&h, len, pmd_size);
		hint = free_va(len, e, base + off);
		map_touch_model(&h, pmd_size, off, len, hint, 0, "hint", &c, &m, &p, 0);
		if (p != hint)
			hm_fail("hint %p (len %s) not honoured: got %p", hint,
				fmt_size(len, b1, sizeof(b1)), p);
		used += snprintf(out + used, sizeof(out) - used, " [hint len=%s ok pud=%llu pmd=%llu]",
				 fmt_size(len, b1, 32), (unsigned long long)c.pud,
				 (unsigned long long)c.pmd);
	}

	/* 4: MAP_FIXED at an address misaligned by one page: honoured, smaller entries */
	len = 4 * pmd_size;
	off = pmd_size;
	hint = free_va(len, pmd_size, base + off + h.page);
	{
		/* occupy the range first so MAP_FIXED really replaces something */
		void *r = mmap(hint, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

		if (r != hint)
			hm_fail("cannot place placeholder at %p", hint);
	}
	map_touch_model(&h, pmd_size, off, len, hint, MAP_FIXED, "fixed", &c, &m, &p, 0);
	if (p != hint)
		hm_fail("MAP_FIXED %p returned %p", hint, p);
	if (c.pmd || c.pud)
		hm_fail("MAP_FIXED misaligned: %s", counts_str(&c, b1, sizeof(b1)));
	used += snprintf(out + used, sizeof(out) - used, " [MAP_FIXED misaligned: pte=%llu fallbacks=%llu]",
			 (unsigned long long)c.pte, (unsigned long long)c.fb);
	/* MAP_FIXED at an aligned address: PMD entries */
	hint = free_va(len, pmd_size, base + off);
	map_touch_model(&h, pmd_size, off, len, hint, MAP_FIXED, "fixed-aligned", &c, &m, &p, 0);
	if (p != hint)
		hm_fail("MAP_FIXED %p returned %p", hint, p);
	used += snprintf(out + used, sizeof(out) - used, " [MAP_FIXED aligned: pmd=%llu]",
			 (unsigned long long)c.pmd);
	hm_pass("%s", out);
}

/* c03 DEV PMD_SIZE: integrity across mappings, processes and read/write */
struct c03arg { struct hm *h; u64 off, len; };

static int c03_child(void *a)
{
	struct c03arg *ca = a;
	struct hm h2;
	int err;
	long long bad;
	void *p;

	/* a fresh open in the child: a second, independent mapping */
	h2 = *ca->h;
	h2.fd = open(h2.dev, O_RDWR);
	if (h2.fd < 0)
		return 10;
	p = hm_map(&h2, ca->off, ca->len, NULL, MAP_SHARED, PROT_READ, &err);
	if (p == MAP_FAILED)
		return 11;
	bad = check(p, ca->len, 8, ca->off, 3);
	if (bad >= 0) {
		fprintf(stderr, "# child mismatch at +0x%llx\n", bad);
		return 12;
	}
	return 0;
}

int cmd_c03(int argc, char **argv)
{
	struct hm h;
	struct c03arg ca;
	u64 pmd_size, off, len, x, woff, wlen;
	int err, st;
	long long bad;
	char *p, *buf;
	ssize_t n;

	if (argc < 3)
		hm_fail("usage: c03 DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	off = pmd_size;
	len = 4 * pmd_size;
	if (len > 64ULL << 20)
		len = pmd_size > 32ULL << 20 ? pmd_size : 64ULL << 20;
	if (len < 2 * pmd_size && off + 2 * pmd_size <= h.size)
		len = 2 * pmd_size;
	if (off + len > h.size)
		hm_fail("region too small");
	p = hm_map(&h, off, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("mmap: %s", errname(err));
	fill(p, len, 8, off, 3);
	bad = check(p, len, 8, off, 3);
	if (bad >= 0)
		hm_fail("readback through the same mapping: mismatch at +0x%llx", bad);

	/* second process, second mapping */
	ca.h = &h; ca.off = off; ca.len = len;
	st = in_child(c03_child, &ca);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		hm_fail("second process: %s %d (10 open, 11 mmap, 12 mismatch)",
			WIFEXITED(st) ? "exit" : "signal",
			WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));

	/* pread at the same offset */
	buf = malloc(1 << 20);
	if (!buf)
		hm_fail("malloc");
	for (x = 0; x < len; x += 1 << 20) {
		u64 want = len - x < (1 << 20) ? len - x : (1 << 20);

		n = pread(h.fd, buf, want, (off_t)(off + x));
		if (n != (ssize_t)want)
			hm_fail("pread at 0x%llx: %s (n=%zd)", (unsigned long long)(off + x),
				n < 0 ? errname(errno) : "short", n);
		bad = check(buf, want, 8, off + x, 3);
		if (bad >= 0)
			hm_fail("pread data mismatch at region offset 0x%llx",
				(unsigned long long)(off + x + bad));
	}

	/* pwrite across a PMD boundary, read via the mapping */
	wlen = 1 << 20;
	woff = off + pmd_size - wlen / 2;
	fill(buf, wlen, 8, woff, 4);
	n = pwrite(h.fd, buf, wlen, (off_t)woff);
	if (n != (ssize_t)wlen)
		hm_fail("pwrite at 0x%llx: %s (n=%zd)", (unsigned long long)woff,
			n < 0 ? errname(errno) : "short", n);
	bad = check(p + (woff - off), wlen, 8, woff, 4);
	if (bad >= 0)
		hm_fail("pwrite data not visible via mapping at +0x%llx", bad);

	/* lseek + read/write: SEEK_SET/CUR/END, the end of the region, past it */
	if (lseek(h.fd, (off_t)off, SEEK_SET) != (off_t)off ||
	    read(h.fd, buf, 4096) != 4096 || check(buf, 4096, 8, off, 3) >= 0 ||
	    lseek(h.fd, 0, SEEK_CUR) != (off_t)(off + 4096))
		hm_fail("lseek(SEEK_SET 0x%llx) + read: %s", (unsigned long long)off,
			errname(errno));
	fill(buf, 4096, 8, off + 4096, 5);
	if (write(h.fd, buf, 4096) != 4096 || check(p + 4096, 4096, 8, off + 4096, 5) >= 0)
		hm_fail("write after read: %s, or not visible via the mapping", errname(errno));
	fill(p + 4096, 4096, 8, off + 4096, 3);
	if (lseek(h.fd, 0, SEEK_END) != (off_t)h.size)
		hm_fail("lseek(SEEK_END) != region size %llu", (unsigned long long)h.size);
	n = read(h.fd, buf, 4096);
	if (n != 0)
		hm_fail("read at the end: %zd (%s), expected 0", n, errname(errno));
	n = write(h.fd, buf, 4096);
	if (n != -1 || errno != ENOSPC)
		hm_fail("write at the end: %zd (%s), expected ENOSPC", n, errname(errno));
	if (lseek(h.fd, 1, SEEK_END) != -1 || errno != EINVAL)
		hm_fail("lseek past the end: %s, expected EINVAL", errname(errno));

	/* unmap all, close, reopen, remap: still there */
	munmap(p, len);
	close(h.fd);
	h.fd = open(h.dev, O_RDWR);
	if (h.fd < 0)
		hm_fail("reopen: %s", errname(errno));
	p = hm_map(&h, off, len, NULL, MAP_SHARED, PROT_READ, &err);
	if (p == MAP_FAILED)
		hm_fail("remap: %s", errname(err));
	bad = check(p, woff - off, 8, off, 3);
	if (bad < 0)
		bad = check(p + (woff - off), wlen, 8, woff, 4);
	if (bad < 0)
		bad = check(p + (woff - off) + wlen, len - (woff - off) - wlen, 8, woff + wlen, 3);
	if (bad >= 0)
		hm_fail("after remap: mismatch");
	munmap(p, len);
	hm_pass("%llu MiB at off 0x%llx: same-map, 2nd process, pread, pwrite(1 MiB across PMD), lseek+read/write (end: 0, ENOSPC, EINVAL), remap all ok",
		(unsigned long long)(len >> 20), (unsigned long long)off);
}

/* c09 DEV PMD_SIZE: refusals */
struct refusal {
	const char *name;
	u64 off, len;
	int flags;
	int ok[4];
};

int cmd_c09(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size;
	char out[1024], logs[1024];
	size_t used = 0;
	int i, j, err, nlog;
	long long seq;
	void *p;

	if (argc < 3)
		hm_fail("usage: c09 DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	{
		struct refusal r[] = {
			{ "private", 0, 16 * h.page, MAP_PRIVATE, { EINVAL } },
			{ "off-past-end", h.size, h.page, MAP_SHARED, { EINVAL, ENXIO } },
			{ "off-far-past-end", h.size + GiB, h.page, MAP_SHARED, { EINVAL, ENXIO } },
			{ "len-past-end", h.size - h.page, 2 * h.page, MAP_SHARED, { EINVAL, ENXIO } },
			{ "len-whole+page", 0, h.size + h.page, MAP_SHARED, { EINVAL, ENXIO } },
			{ "overflow", 0x7ffffffffffff000ULL & ~(h.page - 1), 16 * h.page, MAP_SHARED,
			  { EINVAL, ENXIO, EOVERFLOW, ENOMEM } },
			{ "overflow-len", h.page, ~0ULL - h.page * 2 + 1, MAP_SHARED,
			  { EINVAL, ENXIO, EOVERFLOW, ENOMEM } },
			{ "unaligned-off", h.page / 2, h.page, MAP_SHARED, { EINVAL } },
			{ "zero-len", 0, 0, MAP_SHARED, { EINVAL } },
		};

		used += snprintf(out + used, sizeof(out) - used, "mappings=%llu",
				 (unsigned long long)sys_u64(&h, "stats/mappings"));
		for (i = 0; i < (int)(sizeof(r) / sizeof(r[0])); i++) {
			int good = 0;

			seq = kmsg_next();
			p = hm_map(&h, r[i].off, r[i].len, NULL, r[i].flags,
				   PROT_READ | PROT_WRITE, &err);
			nlog = kmsg_since(seq, logs, sizeof(logs));
			if (p != MAP_FAILED)
				hm_fail("%s (off=0x%llx len=0x%llx) was mapped at %p", r[i].name,
					(unsigned long long)r[i].off, (unsigned long long)r[i].len, p);
			for (j = 0; j < 4; j++)
				if (r[i].ok[j] && r[i].ok[j] == err)
					good = 1;
			if (!good)
				hm_fail("%s: errno %s", r[i].name, errname(err));
			if (nlog > 1)
				hm_fail("%s: %d kernel log lines: %s", r[i].name, nlog, logs);
			used += snprintf(out + used, sizeof(out) - used, " %s=%s/%dlog", r[i].name,
					 errname(err), nlog);
		}
	}
	/* mremap growth */
	{
		u64 len = 2 * pmd_size;
		void *q;

		p = hm_map(&h, 0, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
		if (p == MAP_FAILED)
			hm_fail("mmap for mremap: %s", errname(err));
		*(volatile u64 *)p = 5;
		seq = kmsg_next();
		q = mremap(p, len, len + h.page, 0);
		err = q == MAP_FAILED ? errno : 0;
		nlog = kmsg_since(seq, logs, sizeof(logs));
		if (q != MAP_FAILED)
			hm_fail("mremap growth in place succeeded");
		if (err != EFAULT && err != EINVAL && err != ENOMEM)
			hm_fail("mremap growth in place: %s", errname(err));
		if (nlog > 1)
			hm_fail("mremap: %d log lines: %s", nlog, logs);
		used += snprintf(out + used, sizeof(out) - used, " mremap-grow=%s", errname(err));
		seq = kmsg_next();
		q = mremap(p, len, len + pmd_size, MREMAP_MAYMOVE);
		err = q == MAP_FAILED ? errno : 0;
		nlog = kmsg_since(seq, logs, sizeof(logs));
		if (q != MAP_FAILED)
			hm_fail("mremap growth (MAYMOVE) succeeded");
		if (err != EFAULT && err != EINVAL)
			hm_fail("mremap growth (MAYMOVE): %s", errname(err));
		if (nlog > 1)
			hm_fail("mremap: %d log lines: %s", nlog, logs);
		if (*(volatile u64 *)p != 5)
			hm_fail("mapping changed after failed mremap");
		used += snprintf(out + used, sizeof(out) - used, " mremap-grow-maymove=%s", errname(err));
		munmap(p, len);
	}
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("stats/mappings=%llu after refusals",
			(unsigned long long)sys_u64(&h, "stats/mappings"));
	hm_pass("%s", out);
}

/* c12 DEV RESV_SIZE RESV_BASE PMD_SIZE EXPECT_PUD */
int cmd_c12(int argc, char **argv)
{
	struct hm h;
	struct hugemap_info in, in2;
	struct counts c;
	u64 size, base, pmd_size, minsz, e;
	int expect_pud, r, i, err;
	char buf[256], b1[128];
	const char *kinds[] = { "phys", "alloc" }, *modes[] = { "wb", "wc", "uc" };
	const char *mfs[] = { "pte", "pmd", "pud" };
	void *p1, *p2, *p3;
	unsigned char raw[sizeof(struct hugemap_info) + 64];

	if (argc < 6)
		hm_fail("usage: c12 DEV RESV_SIZE RESV_BASE PMD_SIZE EXPECT_PUD");
	hm_open(&h, argv[1]);
	size = arg_size(argv[2], "RESV_SIZE");
	base = arg_size(argv[3], "RESV_BASE");
	pmd_size = arg_size(argv[4], "PMD_SIZE");
	expect_pud = atoi(argv[5]);

	memset(&in, 0xa5, sizeof(in));
	r = hm_info(h.fd, &in, sizeof(in));
	if (r)
		hm_fail("GET_INFO argsz=%zu: %s", sizeof(in), errname(-r));
	if (in.argsz != sizeof(in))
		hm_fail("argsz out %u, expected %zu", in.argsz, sizeof(in));
	if (in.version != HUGEMAP_INFO_VERSION)
		hm_fail("version %u", in.version);
	if (in.pad0)
		hm_fail("pad0=0x%x", in.pad0);
	if (in.index != (unsigned)h.idx)
		hm_fail("index %u, device %d", in.index, h.idx);
	if (in.kind != HUGEMAP_KIND_PHYS)
		hm_fail("kind %u", in.kind);
	if (sys_read(&h, "kind", buf, sizeof(buf)) < 0 || strcmp(buf, kinds[0]))
		hm_fail("sysfs kind \"%s\"", buf);
	if (in.size != size || h.size != size)
		hm_fail("size: ioctl %llu sysfs %llu expected %llu", (unsigned long long)in.size,
			(unsigned long long)h.size, (unsigned long long)size);
	if (in.base != base || h.base != base)
		hm_fail("base: ioctl 0x%llx sysfs 0x%llx expected 0x%llx",
			(unsigned long long)in.base, (unsigned long long)h.base,
			(unsigned long long)base);
	if (in.chunk_size != size || h.chunk != size)
		hm_fail("chunk_size: ioctl %llu sysfs %llu (phys: must equal size)",
			(unsigned long long)in.chunk_size, (unsigned long long)h.chunk);
	if (in.cache_mode != HUGEMAP_CACHE_WB ||
	    sys_read(&h, "cache_mode", buf, sizeof(buf)) < 0 || strcmp(buf, modes[0]))
		hm_fail("cache_mode: ioctl %u sysfs \"%s\"", in.cache_mode, buf);
	if ((long long)in.numa_node != (long long)sys_u64(&h, "numa_node") &&
	    !(in.numa_node == -1 && sys_read(&h, "numa_node", buf, sizeof(buf)) > 0 &&
	      !strcmp(buf, "-1")))
		hm_fail("numa_node: ioctl %d sysfs differs", in.numa_node);
	for (i = 0; i < HUGEMAP_MAX_SIZES; i++) {
		u64 want = i < h.nsizes ? h.sizes[i] : 0;

		if (in.fault_sizes[i] != want)
			hm_fail("fault_sizes[%d] ioctl %llu, sysfs \"%s\"", i,
				(unsigned long long)in.fault_sizes[i], h.sizes_str);
	}
	if (in.page_size != h.page)
		hm_fail("page_size %llu, sysconf %llu", (unsigned long long)in.page_size,
			(unsigned long long)h.page);
	if (in.pmd_size != pmd_size)
		hm_fail("pmd_size %llu, expected %llu", (unsigned long long)in.pmd_size,
			(unsigned long long)pmd_size);
	if (expect_pud && (!in.pud_size || h.sizes[0] != in.pud_size))
		hm_fail("pud_size %llu, fault_sizes \"%s\"", (unsigned long long)in.pud_size,
			h.sizes_str);
	if (in.max_fault != HUGEMAP_FAULT_PUD ||
	    sys_read(&h, "max_fault", buf, sizeof(buf)) < 0 || strcmp(buf, mfs[2]))
		hm_fail("max_fault ioctl %u sysfs \"%s\"", in.max_fault, buf);

	/* counters after a known sequence */
	if (in.mappings != 0)
		hm_fail("mappings=%llu before any mmap", (unsigned long long)in.mappings);
	stats_reset(&h);
	p1 = hm_map(&h, 0, GiB, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	p2 = hm_map(&h, GiB + pmd_size, 2 * pmd_size, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	p3 = hm_map(&h, GiB + h.page, 3 * h.page, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
	if (p1 == MAP_FAILED || p2 == MAP_FAILED || p3 == MAP_FAILED)
		hm_fail("mmap: %s", errname(err));
	/* shared PFN map, I/O, cannot grow, not dumped */
	vm_flags_check(p1, "sh pf io de dd", "1 GiB mapping");
	*(volatile u64 *)p1 = 1;				/* 1 PUD or 1 PMD */
	*(volatile u64 *)p2 = 2;				/* 2 PMDs */
	*(volatile u64 *)((char *)p2 + pmd_size) = 3;
	for (i = 0; i < 3; i++)					/* 3 PTEs */
		*(volatile u64 *)((char *)p3 + i * h.page) = 4;
	stats_read(&h, &c);
	r = hm_info(h.fd, &in2, sizeof(in2));
	if (r)
		hm_fail("GET_INFO: %s", errname(-r));
	if (in2.pud_faults != c.pud || in2.pmd_faults != c.pmd || in2.pte_faults != c.pte ||
	    in2.fallbacks != c.fb || in2.mappings != c.maps)
		hm_fail("ioctl counters pud=%llu pmd=%llu pte=%llu fb=%llu maps=%llu, sysfs %s maps=%llu",
			(unsigned long long)in2.pud_faults, (unsigned long long)in2.pmd_faults,
			(unsigned long long)in2.pte_faults, (unsigned long long)in2.fallbacks,
			(unsigned long long)in2.mappings, counts_str(&c, b1, sizeof(b1)),
			(unsigned long long)c.maps);
	e = (u64)expect_pud;
	if (!has_size(&h, pmd_size)) {
		/* PTE-only kernel: the model's (batched) PTE faults at the touched points */
		struct model m1, m2, m3;

		model_touch(&h, pmd_size, ~0ULL, (u64)(uintptr_t)p1, GiB, 0, GiB, &m1);
		model_touch(&h, pmd_size, ~0ULL, (u64)(uintptr_t)p2, 2 * pmd_size, GiB + pmd_size,
			    pmd_size, &m2);
		model_touch(&h, pmd_size, ~0ULL, (u64)(uintptr_t)p3, 3 * h.page, GiB + h.page,
			    h.page, &m3);
		if (c.pud || c.pmd || c.pte != m1.pte + m2.pte + m3.pte ||
		    c.ptent != m1.ptent + m2.ptent + m3.ptent || c.maps != 3)
			hm_fail("PTE-only: after 1G+2xPMD+3 pages touches: %s maps=%llu, expected pte=%llu (entries %llu) maps=3",
				counts_str(&c, b1, sizeof(b1)), (unsigned long long)c.maps,
				(unsigned long long)(m1.pte + m2.pte + m3.pte),
				(unsigned long long)(m1.ptent + m2.ptent + m3.ptent));
	} else if (c.pud != e || c.pmd != (expect_pud ? 2 : 3) || c.pte != (h.batch ? 1 : 3) ||
	    c.ptent != 3 || c.maps != 3)
		hm_fail("after 1G+2xPMD+3 pages touches: %s maps=%llu, expected pud=%llu pmd=%d pte=%d (entries 3) maps=3",
			counts_str(&c, b1, sizeof(b1)), (unsigned long long)c.maps,
			(unsigned long long)e, expect_pud ? 2 : 3, h.batch ? 1 : 3);
	munmap(p1, GiB);
	munmap(p2, 2 * pmd_size);
	munmap(p3, 3 * h.page);
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("mappings %llu after munmap", (unsigned long long)sys_u64(&h, "stats/mappings"));

	/* argsz below the minimum */
	minsz = offsetof(struct hugemap_info, fault_sizes) + sizeof(in.fault_sizes);
	r = hm_info(h.fd, &in2, (unsigned)minsz - 1);
	if (r != -EINVAL)
		hm_fail("argsz=%llu: %s, expected EINVAL", (unsigned long long)minsz - 1,
			errname(-r));
	r = hm_info(h.fd, &in2, 0);
	if (r != -EINVAL)
		hm_fail("argsz=0: %s, expected EINVAL", errname(-r));
	/* exactly the minimum: works, nothing written past it */
	memset(raw, 0x5a, sizeof(raw));
	r = hm_info(h.fd, (struct hugemap_info *)raw, (unsigned)minsz);
	if (r)
		hm_fail("argsz=%llu (minimum): %s", (unsigned long long)minsz, errname(-r));
	for (i = (int)minsz; i < (int)sizeof(raw); i++)
		if (raw[i] != 0x5a)
			hm_fail("argsz=%llu: byte %d past argsz written", (unsigned long long)minsz, i);
	if (((struct hugemap_info *)raw)->argsz != minsz)
		hm_fail("argsz=%llu: argsz out %u", (unsigned long long)minsz,
			((struct hugemap_info *)raw)->argsz);
	/* larger than known: works, argsz out = what the kernel knows */
	memset(raw, 0x5a, sizeof(raw));
	r = hm_info(h.fd, (struct hugemap_info *)raw, sizeof(raw));
	if (r)
		hm_fail("argsz=%zu (larger): %s", sizeof(raw), errname(-r));
	if (((struct hugemap_info *)raw)->argsz != sizeof(in))
		hm_diag("argsz=%zu in -> %u out", sizeof(raw), ((struct hugemap_info *)raw)->argsz);
	hm_pass("size=%s base=0x%llx wb sizes=%s pud_size=%llu pmd_size=%llu page=%llu node=%d; after seq %s maps=3; argsz %llu->EINVAL %llu->ok; pad0=0",
		fmt_size(size, b1, 32), (unsigned long long)base, h.sizes_str,
		(unsigned long long)in.pud_size, (unsigned long long)in.pmd_size,
		(unsigned long long)in.page_size, in.numa_node, counts_str(&c, b1 + 32, 96),
		(unsigned long long)minsz - 1, (unsigned long long)minsz);
}
