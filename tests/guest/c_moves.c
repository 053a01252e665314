// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap guest tests: mremap moves of huge-mapped ranges in and out of
 * phase (c05b), a split in one process while another holds a PUD entry
 * over the same offsets (c05c).
 */
#include "hmtest.h"

#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

static sigjmp_buf probe_env;

static void probe_sig(int sig)
{
	siglongjmp(probe_env, sig);
}

/*
 * Read one byte at @p in this process (the TLB of this mm is what a
 * stale translation would live in); returns 0 or the signal taken.
 */
static int probe_read(const volatile char *p)
{
	struct sigaction sa, osegv, obus;
	int sig;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = probe_sig;
	sigaction(SIGSEGV, &sa, &osegv);
	sigaction(SIGBUS, &sa, &obus);
	sig = sigsetjmp(probe_env, 1);
	if (!sig)
		(void)*p;
	sigaction(SIGSEGV, &osegv, NULL);
	sigaction(SIGBUS, &obus, NULL);
	return sig;
}

/*
 * Write (@wr 1) or read and check every page of [p, p + len) (region
 * offset @roff): the faults taken must be exactly the model's for that
 * range (@wr 2: read, at most the model's).
 */
static void touch_counted(struct hm *h, u64 pmd_size, char *p, u64 len, u64 roff, u64 seed,
			  int wr, const char *what)
{
	struct counts c;
	struct model m;
	long long bad;
	char b1[128];

	stats_reset(h);
	if (wr == 1)
		fill(p, len, h->page, roff, seed);
	bad = check(p, len, h->page, roff, seed);
	if (bad >= 0)
		hm_fail("%s: data wrong at +0x%llx", what, bad);
	stats_read(h, &c);
	model_touch(h, pmd_size, ~0ULL, (u64)(uintptr_t)p, len, roff, h->page, &m);
	if (wr == 2 ? c.pud > m.pud || c.pmd > m.pmd || c.pte > m.pte || c.ptent > m.ptent :
		      c.pud != m.pud || c.pmd != m.pmd || c.pte != m.pte || c.ptent != m.ptent)
		hm_fail("%s: faults %s, expected pud=%llu pmd=%llu pte=%llu", what,
			counts_str(&c, b1, sizeof(b1)), (unsigned long long)m.pud,
			(unsigned long long)m.pmd, (unsigned long long)m.pte);
}

/*
 * Map one entry of size @esz at offset 0, fill it (one fault of that
 * size), move it with MREMAP_FIXED to an address of virtual phase @phase
 * modulo @esz and check: the move succeeds, the data follows, the old
 * address faults in this process (no stale translation), and reading the
 * new range takes the faults the new phase allows.
 */
static void c05b_one(struct hm *h, u64 pmd_size, u64 esz, u64 phase, u64 seed,
		     char *out, size_t *used, size_t size)
{
	char what[96], b1[16], b2[16];
	char *p, *q, *dst;
	int err, sig;

	snprintf(what, sizeof(what), "%s entry moved to phase +%s", fmt_size(esz, b1, sizeof(b1)),
		 phase ? fmt_size(phase, b2, sizeof(b2)) : "0");
	/* a PTE-only kernel: place the block at an aligned hint (batches follow PMD blocks) */
	p = hm_map(h, 0, esz, has_size(h, esz) ? NULL : free_va(esz, esz, 0), MAP_SHARED,
		   PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("%s: mmap: %s", what, errname(err));
	if ((u64)(uintptr_t)p % esz)
		hm_fail("%s: mmap returned %p, not %s aligned", what, (void *)p, b1);
	touch_counted(h, pmd_size, p, esz, 0, seed, 1, what);
	dst = free_va(esz, esz, phase);
	q = mremap(p, esz, esz, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
	if (q == MAP_FAILED)
		hm_fail("%s: mremap to %p: %s", what, (void *)dst, errname(errno));
	sig = probe_read(p);
	if (sig != SIGSEGV)
		hm_fail("%s: the old address %p still reads (signal %d): stale translation",
			what, (void *)p, sig);
	/*
	 * huge entries are dropped before a move and refault (exactly the
	 * model); PTEs may be moved with their tables: at most the model
	 */
	touch_counted(h, pmd_size, q, esz, 0, seed, has_size(h, esz) ? 0 : 2, what);
	fill(q, esz, h->page, 0, seed + 1);
	if (check(q, esz, h->page, 0, seed + 1) >= 0)
		hm_fail("%s: write after the move does not read back", what);
	munmap(q, esz);
	*used += snprintf(out + *used, size - *used, " %s:+%s=ok", b1,
			  phase ? b2 : "0");
}

/* c05b DEV PMD_SIZE: mremap moves of PUD and PMD mappings in and out of phase */
int cmd_c05b(int argc, char **argv)
{
	char out[1024] = "";
	size_t used = 0;
	u64 pmd_size, seed = 500;
	struct hm h;
	int i, n = 0;

	if (argc < 3)
		hm_fail("usage: c05b DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	for (i = 0; i < h.nsizes; i++) {
		u64 esz = h.sizes[i];

		if (esz <= h.page || esz > h.size)
			continue;
		c05b_one(&h, pmd_size, esz, 0, seed++, out, &used, sizeof(out));
		if (esz > pmd_size)
			c05b_one(&h, pmd_size, esz, pmd_size, seed++, out, &used, sizeof(out));
		c05b_one(&h, pmd_size, esz, h.page, seed++, out, &used, sizeof(out));
		n++;
	}
	if (!n) {
		/* PTE-only: a PMD-sized block of (batched) PTEs, moved in and out of phase */
		if (pmd_size > h.size)
			hm_fail("fault_sizes '%s' and a region smaller than a PMD", h.sizes_str);
		c05b_one(&h, pmd_size, pmd_size, 0, seed++, out, &used, sizeof(out));
		c05b_one(&h, pmd_size, pmd_size, h.page, seed++, out, &used, sizeof(out));
		used += snprintf(out + used, sizeof(out) - used, " (PTE-only: %s)", h.sizes_str);
	}
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("mappings=%llu after unmapping", (unsigned long long)sys_u64(&h, "stats/mappings"));
	hm_pass("moves%s", out);
}

/*
 * c05c DEV PMD_SIZE: process A maps the largest entry at offset 0 and
 * touches it; process B (a forked child that unmapped its copy) maps two
 * PMD entries at offset 0, touches them and moves them one page past a
 * PMD boundary.  The entries B's move drops must be whole in A too: a
 * partial zap of A's entry would split it without A's mmap_lock (a BUG on
 * DEBUG_VM kernels).  A's data stays, and A refaults with the same size.
 */
int cmd_c05c(int argc, char **argv)
{
	u64 pmd_size, esz, blen;
	struct counts c;
	char b1[128], b2[16], b3[128];
	struct model m;
	struct hm h;
	char *p;
	int err, st;
	pid_t pid;

	if (argc < 3)
		hm_fail("usage: c05c DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	esz = h.sizes[0];
	blen = 2 * pmd_size;
	if (blen > h.size)
		hm_fail("needs 2 PMDs of region (fault_sizes '%s')", h.sizes_str);
	if (esz < blen)
		esz = blen;	/* no PUD: A holds the same PMD entries (or PTE batches) B moves */
	p = hm_map(&h, 0, esz, has_size(&h, esz) ? NULL : free_va(esz, pmd_size, 0), MAP_SHARED,
		   PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("A: mmap %s: %s", fmt_size(esz, b2, sizeof(b2)), errname(err));
	stats_reset(&h);
	fill(p, esz, h.page, 0, 601);
	stats_read(&h, &c);
	counts_str(&c, b1, sizeof(b1));
	pid = fork();
	if (pid < 0)
		hm_fail("fork: %s", errname(errno));
	if (!pid) {
		char *q, *dst;

		if (munmap(p, esz))
			_exit(10);
		q = hm_map(&h, 0, blen, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
		if (q == MAP_FAILED)
			_exit(11);
		if (check(q, blen, h.page, 0, 601) >= 0)
			_exit(12);
		fill(q, blen, h.page, 0, 602);
		dst = free_va(blen, pmd_size, h.page);
		q = mremap(q, blen, blen, MREMAP_MAYMOVE | MREMAP_FIXED, dst);
		if (q == MAP_FAILED)
			_exit(13);
		if (check(q, blen, h.page, 0, 602) >= 0)
			_exit(14);
		munmap(q, blen);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid)
		hm_fail("waitpid: %s", errname(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		hm_fail("B: status 0x%x (10 munmap, 11 mmap, 12 data, 13 mremap, 14 data after move)",
			st);
	/* B rewrote [0, 2 PMD) with seed 602; A must see that and its own rest */
	stats_reset(&h);
	if (check(p, blen, h.page, 0, 602) >= 0 ||
	    check(p + blen, esz - blen, h.page, blen, 601) >= 0)
		hm_fail("A: data wrong after B's move");
	stats_read(&h, &c);
	counts_str(&c, b3, sizeof(b3));
	fill(p, esz, h.page, 0, 603);
	if (check(p, esz, h.page, 0, 603) >= 0)
		hm_fail("A: data wrong after refill");
	/* whatever B's move dropped refaults at A's own sizes, never smaller */
	model_touch(&h, pmd_size, ~0ULL, (u64)(uintptr_t)p, esz, 0, h.page, &m);
	if (c.pud > m.pud || c.pmd > m.pmd || c.pte > m.pte)
		hm_fail("A: re-read took %s, more than the model's pud=%llu pmd=%llu pte=%llu",
			b3, (unsigned long long)m.pud, (unsigned long long)m.pmd,
			(unsigned long long)m.pte);
	munmap(p, esz);
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("mappings=%llu after unmapping", (unsigned long long)sys_u64(&h, "stats/mappings"));
	hm_pass("A %s first touch %s, B moved 2 PMDs +1 page, A intact, A re-read %s",
		fmt_size(esz, b2, sizeof(b2)), b1, b3);
}
