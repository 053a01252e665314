// SPDX-License-Identifier: GPL-2.0
/* hugemap guest tests: fork, munmap, mprotect, madvise, concurrency, walkers */
#include "hmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

static char *map_or_fail(const struct hm *h, u64 off, u64 len, const char *what)
{
	int err;
	void *p = hm_map(h, off, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);

	if (p == MAP_FAILED)
		hm_fail("%s: mmap off=0x%llx len=0x%llx: %s", what, (unsigned long long)off,
			(unsigned long long)len, errname(err));
	return p;
}

/*
 * the "big" mapping: 1 GiB at 0 (PUD where available), or 4 PMD blocks where a
 * PMD maps more than 256 MiB (64K pages: 512M), so that the cases' holes and
 * parts at 3 PMDs and beyond stay inside it
 */
static u64 big_len(const struct hm *h)
{
	u64 pmd = h->page * (h->page / 8), len = GiB;

	if (4 * pmd > len)
		len = 4 * pmd;
	return h->size >= len ? len : h->size;
}

static void wr(int fd, char c)
{
	if (write(fd, &c, 1) != 1)
		_exit(90);
}

static char rd(int fd)
{
	char c = 0;

	if (read(fd, &c, 1) != 1)
		return 0;
	return c;
}

/* c04 DEV PMD_SIZE: fork shares writes both ways */
int cmd_c04(int argc, char **argv)
{
	struct hm h;
	u64 len, area = 16, m0, m1, m2, m3, m4;
	char *p, b1[128];
	int p2c[2], c2p[2], st;
	long long bad;
	pid_t pid;
	struct counts c;

	if (argc < 3)
		hm_fail("usage: c04 DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	len = big_len(&h);
	area *= h.page;
	m0 = sys_u64(&h, "stats/mappings");
	p = map_or_fail(&h, 0, len, "c04");
	m1 = sys_u64(&h, "stats/mappings");
	stats_reset(&h);
	fill(p, area, 64, 0, 41);			/* A: parent, before fork */
	*(volatile u64 *)(p + len / 2) = 0;
	*(volatile u64 *)(p + len - area) = 0;
	stats_read(&h, &c);
	counts_str(&c, b1, sizeof(b1));
	if (pipe(p2c) || pipe(c2p))
		hm_fail("pipe: %s", errname(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		hm_fail("fork: %s", errname(errno));
	if (!pid) {
		if (check(p, area, 64, 0, 41) >= 0)
			_exit(2);
		fill(p + len / 2, area, 64, len / 2, 42);	/* B: child */
		wr(c2p[1], 'b');
		if (rd(p2c[0]) != 'c')
			_exit(3);
		if (check(p + len - area, area, 64, len - area, 43) >= 0)
			_exit(4);			/* C: parent, after fork */
		_exit(0);
	}
	if (rd(c2p[0]) != 'b') {
		waitpid(pid, &st, 0);
		hm_fail("child did not report (status 0x%x: exit 2 = parent's pre-fork data wrong)", st);
	}
	bad = check(p + len / 2, area, 64, len / 2, 42);
	m2 = sys_u64(&h, "stats/mappings");
	fill(p + len - area, area, 64, len - area, 43);
	wr(p2c[1], 'c');
	if (waitpid(pid, &st, 0) < 0)
		hm_fail("waitpid: %s", errname(errno));
	if (bad >= 0)
		hm_fail("parent does not see the child's write at +0x%llx", (unsigned long long)(len / 2 + bad));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		hm_fail("child %s %d (4 = parent's post-fork write not seen)",
			WIFEXITED(st) ? "exit" : "signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
	m3 = sys_u64(&h, "stats/mappings");
	if (check(p, area, 64, 0, 41) >= 0)
		hm_fail("parent data A changed");
	munmap(p, len);
	m4 = sys_u64(&h, "stats/mappings");
	if (m4 != m0)
		hm_fail("mappings before %llu, mapped %llu, forked %llu, child gone %llu, unmapped %llu",
			(unsigned long long)m0, (unsigned long long)m1, (unsigned long long)m2,
			(unsigned long long)m3, (unsigned long long)m4);
	if (m1 != m0 + 1 || m3 != m1)
		hm_fail("mappings: before %llu mapped %llu (child gone %llu)",
			(unsigned long long)m0, (unsigned long long)m1, (unsigned long long)m3);
	hm_pass("%s map, %s before fork; both ways ok; mappings %llu->%llu->%llu(forked)->%llu->%llu",
		fmt_size(len, b1 + 100, 28), b1, (unsigned long long)m0, (unsigned long long)m1,
		(unsigned long long)m2, (unsigned long long)m3, (unsigned long long)m4);
}

/* child: touch one u64 at the address (write if arg says so) */
struct tch { volatile u64 *a; int write; };
static void sig_exit(int sig)
{
	_exit(200 + sig);
}

static int touch_child(void *arg)
{
	struct tch *t = arg;
	struct sigaction sa;

	/* a handled signal: the kernel does not log "segfault at ..." */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = sig_exit;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);

	if (t->write)
		*t->a = 77;
	else
		(void)*t->a;
	return 0;
}

/* c05 DEV PMD_SIZE: one-page hole inside a huge entry */
static void c05_one(struct hm *h, u64 off, u64 len, u64 hole, const char *name,
		    char *out, size_t *used, size_t outlen)
{
	char *p = map_or_fail(h, off, len, name), b1[128];
	struct counts c;
	long long bad;
	int r, e, st;
	struct tch t;

	stats_reset(h);
	fill(p, len, h->page, off, 51);
	stats_read(h, &c);
	counts_str(&c, b1, sizeof(b1));
	r = munmap(p + hole, h->page);
	e = errno;
	if (r) {
		if (e != EINVAL)
			hm_fail("%s: munmap of one page: %s", name, errname(e));
		bad = check(p, len, h->page, off, 51);
		if (bad >= 0)
			hm_fail("%s: munmap refused but data wrong at +0x%llx", name, bad);
		*(volatile u64 *)(p + hole) = 5;
		if (*(volatile u64 *)(p + hole) != 5)
			hm_fail("%s: hole page not writable after refused munmap", name);
		*used += snprintf(out + *used, outlen - *used, " %s(%s): EINVAL, intact;", name, b1);
		munmap(p, len);
		return;
	}
	bad = check(p, hole, h->page, off, 51);
	if (bad < 0)
		bad = check(p + hole + h->page, len - hole - h->page, h->page, off + hole + h->page, 51);
	if (bad >= 0)
		hm_fail("%s: after the hole, data wrong", name);
	t.a = (volatile u64 *)(p + hole);
	t.write = 0;
	st = in_child(touch_child, &t);
	if (!status_is_sig(st, SIGSEGV))
		hm_fail("%s: reading the hole: status 0x%x, expected SIGSEGV", name, st);
	*used += snprintf(out + *used, outlen - *used, " %s(%s): split, rest ok, hole SIGSEGV;",
			  name, b1);
	munmap(p, hole);
	munmap(p + hole + h->page, len - hole - h->page);
}

/*
 * mremap(MREMAP_FIXED) of a huge-mapped range to an address one PMD out of
 * PUD phase (and one page out of PMD phase): the move must succeed or fail
 * with an errno, the data must follow, the kernel log stay clean ("bad pud").
 */
static void c05_mremap(struct hm *h, u64 pmd_size, char *out, size_t *used, size_t size)
{
	static const u64 shift[2] = { 0, 1 };
	int i;

	for (i = 0; i < 2; i++) {
		u64 len = big_len(h), dst;
		int err;
		char *p = hm_map(h, 0, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
		char *res, *q;
		long long bad;

		if (p == MAP_FAILED)
			hm_fail("mremap: mmap: %s", errname(err));
		fill(p, len, h->page, 0, 71 + i);
		res = mmap(NULL, 3 * len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (res == MAP_FAILED)
			hm_fail("mremap: reserve: %s", errname(errno));
		dst = (((u64)(uintptr_t)res + len - 1) & ~(len - 1)) + pmd_size +
		      shift[i] * h->page;
		q = mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)(uintptr_t)dst);
		if (q == MAP_FAILED) {
			err = errno;
			bad = check(p, len, h->page, 0, 71 + i);
			if (bad >= 0)
				hm_fail("mremap refused (%s) and data wrong at +0x%llx", errname(err), bad);
			*used += snprintf(out + *used, size - *used, " mremap%s=%s", i ? "-page" : "-pmd",
					  errname(err));
			munmap(p, len);
		} else {
			bad = check(q, len, h->page, 0, 71 + i);
			if (bad >= 0)
				hm_fail("mremap moved, data wrong at +0x%llx", bad);
			*used += snprintf(out + *used, size - *used, " mremap%s=moved,intact",
					  i ? "-page" : "-pmd");
			munmap(q, len);
		}
		munmap(res, 3 * len);
	}
}

int cmd_c05(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size;
	char out[1024];
	size_t used = 0;

	if (argc < 3)
		hm_fail("usage: c05 DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	out[0] = 0;
	c05_one(&h, 0, big_len(&h), 3 * pmd_size + 5 * h.page, "1G-map", out, &used, sizeof(out));
	c05_one(&h, pmd_size, 4 * pmd_size, pmd_size + 3 * h.page, "4PMD-map", out, &used,
		sizeof(out));
	c05_mremap(&h, pmd_size, out, &used, sizeof(out));
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("mappings=%llu after unmapping", (unsigned long long)sys_u64(&h, "stats/mappings"));
	hm_pass("%s", out[0] == ' ' ? out + 1 : out);
}

/*
 * c06: mprotect part/whole to PROT_READ.  A protection change is enforced
 * everywhere, except a split inside a possible huge entry (EINVAL, as for
 * munmap).  Where the kernel's mprotect cannot change a PUD leaf (< 6.12)
 * the driver drops the entries and they refault: reading the range after
 * the change takes at most the model's faults, never smaller entries.
 */
static const char *c06_one(struct hm *h, u64 pmd_size, char *p, u64 len, u64 roff, u64 start,
			   u64 plen, int want_einval, const char *name)
{
	struct counts c;
	struct model m;
	struct tch t;
	int r, e, st;
	long long bad;
	char b1[128];

	fill(p, len, h->page, roff, 61);
	r = mprotect(p + start, plen, PROT_READ);
	e = errno;
	if (r) {
		if (e != EINVAL || !want_einval)
			hm_fail("%s: mprotect: %s, expected %s", name, errname(e),
				want_einval ? "EINVAL" : "success");
		fill(p + start, plen, h->page, roff + start, 62);
		bad = check(p + start, plen, h->page, roff + start, 62);
		if (bad >= 0)
			hm_fail("%s: mprotect refused but write/read fails", name);
		bad = check(p, start, h->page, roff, 61);
		if (bad >= 0)
			hm_fail("%s: data before the range wrong", name);
		return "EINVAL";
	}
	if (want_einval)
		hm_fail("%s: mprotect split inside a huge entry succeeded", name);
	stats_reset(h);
	bad = check(p, len, h->page, roff, 61);
	if (bad >= 0)
		hm_fail("%s: read after mprotect(READ) wrong at +0x%llx", name, bad);
	stats_read(h, &c);
	model_touch(h, pmd_size, ~0ULL, (u64)(uintptr_t)p, len, roff, h->page, &m);
	if (c.pud > m.pud || c.pmd > m.pmd || c.pte > m.pte)
		hm_fail("%s: reading after mprotect took %s, model pud=%llu pmd=%llu pte=%llu",
			name, counts_str(&c, b1, sizeof(b1)), (unsigned long long)m.pud,
			(unsigned long long)m.pmd, (unsigned long long)m.pte);
	t.a = (volatile u64 *)(p + start + plen / 2);
	t.write = 1;
	st = in_child(touch_child, &t);
	if (!status_is_sig(st, SIGSEGV))
		hm_fail("%s: write to read-only part: status 0x%x, expected SIGSEGV", name, st);
	t.write = 0;
	st = in_child(touch_child, &t);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		hm_fail("%s: read of read-only part in child: status 0x%x", name, st);
	if (mprotect(p + start, plen, PROT_READ | PROT_WRITE))
		hm_fail("%s: mprotect back to RW: %s", name, errname(errno));
	fill(p, len, h->page, roff, 63);
	bad = check(p, len, h->page, roff, 63);
	if (bad >= 0)
		hm_fail("%s: write after mprotect RW wrong at +0x%llx", name, bad);
	return "enforced";
}

int cmd_c06(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size, len;
	char *p, out[512];
	const char *a, *b;
	size_t used = 0;
	int pud;

	if (argc < 3)
		hm_fail("usage: c06 DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	len = big_len(&h);
	pud = len > pmd_size && has_size(&h, len);
	p = map_or_fail(&h, 0, len, "c06");
	a = c06_one(&h, pmd_size, p, len, 0, 0, pmd_size, pud, "1G-map part");
	b = c06_one(&h, pmd_size, p, len, 0, 0, len, 0, "1G-map whole");
	used += snprintf(out + used, sizeof(out) - used, "1G-map: part=%s whole=%s;", a, b);
	munmap(p, len);
	if (pud && h.size >= 2 * len) {
		p = map_or_fail(&h, 0, 2 * len, "c06");
		a = c06_one(&h, pmd_size, p, 2 * len, 0, len, len, 0, "2G-map second 1G");
		b = c06_one(&h, pmd_size, p, 2 * len, 0, 0, 2 * len, 0, "2G-map whole");
		used += snprintf(out + used, sizeof(out) - used, " 2G-map: second-1G=%s whole=%s;",
				 a, b);
		munmap(p, 2 * len);
	}
	len = 4 * pmd_size;
	p = map_or_fail(&h, pmd_size, len, "c06");
	a = c06_one(&h, pmd_size, p, len, pmd_size, pmd_size, pmd_size, 0, "4PMD-map part");
	b = c06_one(&h, pmd_size, p, len, pmd_size, 0, len, 0, "4PMD-map whole");
	used += snprintf(out + used, sizeof(out) - used, " 4PMD-map: part=%s whole=%s", a, b);
	munmap(p, len);
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("mappings=%llu after unmapping", (unsigned long long)sys_u64(&h, "stats/mappings"));
	hm_pass("%s", out);
}

/* c07 DEV PMD_SIZE: MADV_DONTNEED keeps device data */
int cmd_c07(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size, len;
	char *p, out[512];
	size_t used = 0;
	int i;

	if (argc < 3)
		hm_fail("usage: c07 DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	for (i = 0; i < 2; i++) {
		u64 off = i ? pmd_size : 0, st = i ? pmd_size : 0, ml;
		int r, e;
		long long bad;

		len = i ? 4 * pmd_size : big_len(&h);
		ml = i ? pmd_size : len;
		p = map_or_fail(&h, off, len, "c07");
		fill(p, len, h.page, off, 71 + i);
		r = madvise(p + st, ml, MADV_DONTNEED);
		e = r ? errno : 0;
		if (r && e != EINVAL)
			hm_fail("madvise(DONTNEED): %s", errname(e));
		bad = check(p, len, h.page, off, 71 + i);
		if (bad >= 0)
			hm_fail("%s: after madvise (%s) data wrong at +0x%llx", i ? "4PMD part" : "1G whole",
				errname(e), bad);
		used += snprintf(out + used, sizeof(out) - used, "%s%s: madvise=%s, data intact",
				 i ? "; " : "", i ? "PMD part of 4PMD-map" : "whole 1G-map",
				 r ? "EINVAL" : "0");
		munmap(p, len);
	}

	/* mlock/munlock and mlockall: accepted as on any PFN mapping, data intact */
	len = big_len(&h);
	p = map_or_fail(&h, 0, len, "c07 mlock");
	fill(p, len, h.page, 0, 73);
	if (mlock(p, len))
		hm_fail("mlock: %s", errname(errno));
	if (check(p, len, h.page, 0, 73) >= 0)
		hm_fail("after mlock: data wrong");
	if (munlock(p, len))
		hm_fail("munlock: %s", errname(errno));
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		hm_fail("mlockall: %s", errname(errno));
	{
		char *q = map_or_fail(&h, 0, len, "c07 mlockall");
		long long bad = check(q, len, h.page, 0, 73);

		munlockall();
		if (bad >= 0)
			hm_fail("mapping made under mlockall(MCL_FUTURE): data wrong at +0x%llx", bad);
		munmap(q, len);
	}
	munmap(p, len);
	used += snprintf(out + used, sizeof(out) - used, "; mlock/munlock/mlockall: 0, data intact");
	hm_pass("%s", out);
}

/* c08 DEV PMD_SIZE [THREADS ROUNDS]: concurrent faults */
#define C08_MAXT 32
struct c08 {
	pthread_barrier_t bar;
	char *p;
	u64 blk, nblk, page, seed;
	int nthr;
};
struct c08t { struct c08 *s; int t; };

static void *c08_thread(void *arg)
{
	struct c08t *a = arg;
	struct c08 *s = a->s;
	u64 ppb = s->blk / s->page, i, b, pg;
	int t = a->t;

	pthread_barrier_wait(&s->bar);
	/* own block t, then shared blocks nthr.. starting at different pages */
	for (i = 0; i < ppb; i++) {
		u64 x = (u64)t * s->blk + i * s->page + (u64)t * 8;

		*(volatile u64 *)(s->p + x) = pat(x, s->seed);
	}
	for (b = 0; b < s->nblk - (u64)s->nthr; b++) {
		u64 bb = (u64)s->nthr + (b + (u64)t) % (s->nblk - (u64)s->nthr);

		for (i = 0; i < ppb; i++) {
			u64 x;

			pg = (i + (u64)t * ppb / (u64)s->nthr) % ppb;
			x = bb * s->blk + pg * s->page + (u64)t * 8;
			*(volatile u64 *)(s->p + x) = pat(x, s->seed);
		}
	}
	return NULL;
}

/* PUD phase: every thread touches 64 pages spread over the same 1 GiB at once */
static void *c08_pud_thread(void *arg)
{
	struct c08t *a = arg;
	struct c08 *s = a->s;
	u64 i, x;

	pthread_barrier_wait(&s->bar);
	for (i = 0; i < 64; i++) {
		x = ((i * 16 + (u64)a->t) % 1024) * (GiB / 1024) + (u64)a->t * 8;
		*(volatile u64 *)(s->p + x) = pat(x, s->seed);
	}
	return NULL;
}

static void c08_pud(struct hm *h, struct c08 *s, int rounds, u64 *figs)
{
	struct c08t ta[C08_MAXT];
	pthread_t th[C08_MAXT];
	struct counts c;
	int r, t, err;
	u64 i, x;

	for (r = 0; r < rounds; r++) {
		s->p = hm_map(h, 0, GiB, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
		if (s->p == MAP_FAILED)
			hm_fail("PUD round %d: mmap: %s", r, errname(err));
		s->seed = 900 + (u64)r;
		stats_reset(h);
		for (t = 0; t < s->nthr; t++) {
			ta[t].s = s;
			ta[t].t = t;
			if (pthread_create(&th[t], NULL, c08_pud_thread, &ta[t]))
				hm_fail("pthread_create");
		}
		for (t = 0; t < s->nthr; t++)
			pthread_join(th[t], NULL);
		stats_read(h, &c);
		for (t = 0; t < s->nthr; t++)
			for (i = 0; i < 64; i++) {
				x = ((i * 16 + (u64)t) % 1024) * (GiB / 1024) + (u64)t * 8;
				if (*(volatile u64 *)(s->p + x) != pat(x, s->seed))
					hm_fail("PUD round %d: word at +0x%llx wrong", r,
						(unsigned long long)x);
			}
		if (c.pud < 1 || c.pud > (u64)s->nthr || c.pmd || c.pte)
			hm_fail("PUD round %d: pud=%llu pmd=%llu pte=%llu, expected pud 1..%d only",
				r, (unsigned long long)c.pud, (unsigned long long)c.pmd,
				(unsigned long long)c.pte, s->nthr);
		figs[0] += c.pud;
		if (c.pud > figs[1])
			figs[1] = c.pud;
		munmap(s->p, GiB);
	}
}

int cmd_c08(int argc, char **argv)
{
	u64 pudfigs[2] = { 0, 0 };
	struct hm h;
	struct c08 s;
	struct c08t ta[C08_MAXT];
	pthread_t th[C08_MAXT];
	struct counts c;
	struct model m;
	u64 pmd_size, len, distinct, total = 0, tmin = ~0ULL, tmax = 0, ppb;
	u64 sp = 0, sm = 0, st = 0;
	int rounds = 20, r, t, err;
	u64 b, i;

	if (argc < 3)
		hm_fail("usage: c08 DEV PMD_SIZE [THREADS ROUNDS]");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	s.nthr = argc > 3 ? atoi(argv[3]) : 8;
	if (argc > 4)
		rounds = atoi(argv[4]);
	if (s.nthr < 1 || s.nthr > C08_MAXT || rounds < 1)
		hm_fail("bad THREADS/ROUNDS");
	s.page = h.page;
	s.blk = has_size(&h, pmd_size) ? pmd_size : 64 * h.page;
	s.nblk = 2 * (u64)s.nthr;
	while (s.nblk * s.blk > h.size || s.nblk * s.blk >= GiB)
		s.blk /= 2;
	len = s.nblk * s.blk;
	ppb = s.blk / s.page;
	if (pthread_barrier_init(&s.bar, NULL, (unsigned)s.nthr))
		hm_fail("barrier");
	for (r = 0; r < rounds; r++) {
		s.p = hm_map(&h, 0, len, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
		if (s.p == MAP_FAILED)
			hm_fail("round %d: mmap: %s", r, errname(err));
		if (!r) {
			model_touch(&h, pmd_size, ~0ULL, (u64)(uintptr_t)s.p, len, 0, h.page, &m);
			distinct = m.pud + m.pmd + m.pte;
		}
		s.seed = 800 + (u64)r;
		stats_reset(&h);
		for (t = 0; t < s.nthr; t++) {
			ta[t].s = &s;
			ta[t].t = t;
			if (pthread_create(&th[t], NULL, c08_thread, &ta[t]))
				hm_fail("pthread_create");
		}
		for (t = 0; t < s.nthr; t++)
			pthread_join(th[t], NULL);
		stats_read(&h, &c);
		/* verify every written word */
		for (b = 0; b < s.nblk; b++)
			for (i = 0; i < ppb; i++)
				for (t = 0; t < s.nthr; t++) {
					u64 x = b * s.blk + i * s.page + (u64)t * 8;

					if (b < (u64)s.nthr && (int)b != t)
						continue;
					if (*(volatile u64 *)(s.p + x) != pat(x, s.seed))
						hm_fail("round %d: word at +0x%llx (block %llu thread %d) wrong",
							r, (unsigned long long)x, (unsigned long long)b, t);
				}
		{
			u64 tot = c.pud + c.pmd + c.pte;

			/*
			 * A thread racing another one's fault takes one more;
			 * with pte_batch a thread may meet a batch in progress
			 * once per batch range.
			 */
			u64 slack = (u64)s.nthr * (1 + (h.batch ? m.pte : 0));

			if (c.pud < m.pud || c.pmd < m.pmd || c.pte < m.pte ||
			    tot < distinct || tot > distinct + slack)
				hm_fail("round %d: pud=%llu pmd=%llu pte=%llu, expected pud>=%llu pmd>=%llu pte>=%llu total %llu..%llu",
					r, (unsigned long long)c.pud, (unsigned long long)c.pmd,
					(unsigned long long)c.pte, (unsigned long long)m.pud,
					(unsigned long long)m.pmd, (unsigned long long)m.pte,
					(unsigned long long)distinct,
					(unsigned long long)(distinct + slack));
			total += tot;
			sp += c.pud; sm += c.pmd; st += c.pte;
			if (tot < tmin)
				tmin = tot;
			if (tot > tmax)
				tmax = tot;
		}
		munmap(s.p, len);
	}
	if (h.size >= GiB && largest_fit(&h, GiB) > pmd_size)
		c08_pud(&h, &s, rounds, pudfigs);
	if (total < distinct * (u64)rounds || total > distinct * (u64)rounds + (u64)s.nthr * (u64)rounds)
		hm_fail("total faults %llu outside %llu..%llu", (unsigned long long)total,
			(unsigned long long)(distinct * (u64)rounds),
			(unsigned long long)(distinct * (u64)rounds + (u64)s.nthr * (u64)rounds));
	if (pudfigs[0])
		hm_diag("PUD phase: %llu PUD faults in %d rounds (max %llu per round)",
			(unsigned long long)pudfigs[0], rounds, (unsigned long long)pudfigs[1]);
	hm_pass("%d threads x %d rounds, %llu blocks of %llu KiB: distinct=%llu/round, faults total=%llu (pud=%llu pmd=%llu pte=%llu) per round %llu..%llu, bound %llu..%llu; same-1G phase: pud=%llu in %d rounds",
		s.nthr, rounds, (unsigned long long)s.nblk, (unsigned long long)(s.blk >> 10),
		(unsigned long long)distinct, (unsigned long long)total, (unsigned long long)sp,
		(unsigned long long)sm, (unsigned long long)st, (unsigned long long)tmin,
		(unsigned long long)tmax, (unsigned long long)(distinct * (u64)rounds),
		(unsigned long long)(distinct * (u64)rounds + (u64)s.nthr * (u64)rounds),
		(unsigned long long)pudfigs[0], pudfigs[0] ? rounds : 0);
}

/* ---- c08b: page-table walkers ---- */
static char outb[2048];
static size_t usedb;

static void note(const char *fmt, const char *a, const char *b)
{
	usedb += snprintf(outb + usedb, sizeof(outb) - usedb, fmt, a, b);
}

struct pvr { pid_t ppid; char *addr; u64 len, roff, seed; int how; };

/* child: read the parent's memory via process_vm_readv (how=0) or /proc/PID/mem (how=1) */
static int pvr_child(void *arg)
{
	struct pvr *a = arg;
	char *buf = malloc(a->len), path[64];
	ssize_t n;
	int fd;

	if (!buf)
		return 100;
	if (!a->how) {
		struct iovec l = { buf, a->len }, r = { a->addr, a->len };

		n = process_vm_readv(a->ppid, &l, 1, &r, 1, 0);
	} else {
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)a->ppid);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return 101;
		n = pread(fd, buf, a->len, (off_t)(uintptr_t)a->addr);
		close(fd);
	}
	if (n < 0)
		return errno < 100 ? errno : 99;	/* an errno */
	if ((u64)n != a->len)
		return 102;
	if (check(buf, a->len, 8, a->roff, a->seed) >= 0)
		return 103;
	return 0;
}

static const char *child_result(int st, char *buf, size_t len)
{
	if (WIFSIGNALED(st))
		snprintf(buf, len, "signal%d", WTERMSIG(st));
	else if (!WEXITSTATUS(st))
		snprintf(buf, len, "ok");
	else if (WEXITSTATUS(st) == 102)
		snprintf(buf, len, "short");
	else if (WEXITSTATUS(st) == 103)
		snprintf(buf, len, "MISMATCH");
	else if (WEXITSTATUS(st) >= 100)
		snprintf(buf, len, "setup%d", WEXITSTATUS(st));
	else
		snprintf(buf, len, "%s", errname(WEXITSTATUS(st)));
	return buf;
}

int cmd_c08b(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size, la, lb, lc, ob, oc;
	char *A, *B, *C, b2[64];
	struct counts c;
	int i, bad = 0;
	const char *blockdev;

	if (argc < 4)
		hm_fail("usage: c08b DEV PMD_SIZE BLOCKDEV|none:REASON");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	blockdev = argv[3];
	la = big_len(&h);
	lb = 2 * pmd_size;
	lc = 8 * h.page;
	ob = la + pmd_size < h.size ? la : 0;
	if (ob + 4 * pmd_size + h.page + lc > h.size)
		hm_fail("region too small");
	ob += pmd_size;
	oc = ob + 2 * pmd_size + h.page;
	stats_reset(&h);
	A = map_or_fail(&h, 0, la, "A");
	B = map_or_fail(&h, ob, lb, "B");
	C = map_or_fail(&h, oc, lc, "C");
	fill(A, 4 * pmd_size, h.page / 8, 0, 81);
	fill(B, lb, 8, ob, 82);
	fill(C, lc, 8, oc, 83);
	stats_read(&h, &c);
	usedb = (size_t)snprintf(outb, sizeof(outb), "entries pud=%llu pmd=%llu pte=%llu;",
				 (unsigned long long)c.pud, (unsigned long long)c.pmd,
				 (unsigned long long)c.pte);

	/* futex wake (shared) */
	{
		char *addrs[3] = { A + 3 * pmd_size + 64, B + pmd_size + 128, C + h.page + 8 };
		const char *names[3] = { "A(1G-map)", "B(PMD-map)", "C(PTE-map)" };

		for (i = 0; i < 3; i++) {
			long r = syscall(SYS_futex, addrs[i], FUTEX_WAKE, 1, NULL, NULL, 0);

			if (r < 0)
				snprintf(b2, sizeof(b2), "%s", errname(errno));
			else
				snprintf(b2, sizeof(b2), "%ld", r);
			note(" futex-wake %s=%s", names[i], b2);
		}
		/* FUTEX_WAIT with a wrong expected value: EAGAIN if the key resolves */
		{
			long r = syscall(SYS_futex, B + 256, FUTEX_WAIT,
					 (int)(~*(volatile uint32_t *)(B + 256)), NULL, NULL, 0);

			note(" futex-wait-mismatch B=%s%s", r < 0 ? errname(errno) : "returned", "");
		}
		/*
		 * after a whole-VMA mprotect round trip the kernel rebuilt B's
		 * PMD entries (change_huge_pmd): lockless GUP must still refuse
		 * them (an entry that lost its devmap bit is taken for a THP)
		 */
		{
			long r;

			if (mprotect(B, lb, PROT_READ) || mprotect(B, lb, PROT_READ | PROT_WRITE))
				hm_fail("mprotect round trip of B: %s", strerror(errno));
			r = syscall(SYS_futex, B + pmd_size + 128, FUTEX_WAKE, 1, NULL, NULL, 0);
			note(" futex-wake B-after-mprotect=%s%s", r < 0 ? errname(errno) : "returned", "");
			if (check(B, lb, 8, ob, 82) >= 0)
				hm_fail("B's data changed across the mprotect round trip");
		}
	}
	usedb += snprintf(outb + usedb, sizeof(outb) - usedb, ";");

	/* vmsplice */
	{
		int pfd[2];
		struct iovec iov = { B, 4 * h.page };
		ssize_t n;

		if (pipe(pfd))
			hm_fail("pipe");
		n = vmsplice(pfd[1], &iov, 1, SPLICE_F_NONBLOCK);
		if (n < 0) {
			note(" vmsplice=%s%s", errname(errno), "");
		} else {
			char *buf = malloc((size_t)n);
			ssize_t m = 0, k;

			while (m < n && (k = read(pfd[0], buf + m, (size_t)(n - m))) > 0)
				m += k;
			if (m != n || check(buf, (u64)n, 8, ob, 82) >= 0) {
				note(" vmsplice=worked-but-DATA-WRONG%s%s", "", "");
				bad = 1;
			} else {
				snprintf(b2, sizeof(b2), "%zd", n);
				note(" vmsplice=ok(%s bytes)%s", b2, "");
			}
			free(buf);
		}
		close(pfd[0]);
		close(pfd[1]);
	}

	/* O_DIRECT write from and read into the mapping */
	{
		int fd = -1;
		u64 n = 16 * 4096;
		void *hb;
		ssize_t r;

		/* "none:REASON": the kernel has no block driver (the runner checked why) */
		if (!strncmp(blockdev, "none:", 5)) {
			note(" odirect=not-run(%s)%s", blockdev + 5, "");
		} else if ((fd = open(blockdev, O_RDWR | O_DIRECT)) < 0) {
			note(" odirect=cannot-open-%s(%s)", blockdev, errname(errno));
			bad = 1;
		} else {
			if (posix_memalign(&hb, 65536, n))
				hm_fail("posix_memalign");
			r = pwrite(fd, B, n, 0);
			if (r < 0) {
				note(" odirect-write=%s%s", errname(errno), "");
			} else if ((u64)r != n) {
				note(" odirect-write=short%s%s", "", "");
				bad = 1;
			} else {
				memset(hb, 0, n);
				if (pread(fd, hb, n, 0) != (ssize_t)n || check(hb, n, 8, ob, 82) >= 0) {
					note(" odirect-write=worked-but-DATA-WRONG%s%s", "", "");
					bad = 1;
				} else {
					note(" odirect-write=ok%s%s", "", "");
				}
			}
			/* known data on disk via a heap buffer, then read into the mapping */
			fill(hb, n, 8, 0x5000000, 84);
			r = pwrite(fd, hb, n, (off_t)n);
			if (r != (ssize_t)n) {
				note(" odirect-read=setup-failed(%s)%s", r < 0 ? errname(errno) : "short", "");
				bad = 1;
			} else {
				r = pread(fd, B + pmd_size, n, (off_t)n);
				if (r < 0) {
					note(" odirect-read=%s%s", errname(errno), "");
				} else if ((u64)r != n || check(B + pmd_size, n, 8, 0x5000000, 84) >= 0) {
					note(" odirect-read=worked-but-DATA-WRONG%s%s", "", "");
					bad = 1;
				} else {
					note(" odirect-read=ok%s%s", "", "");
					fill(B + pmd_size, n, 8, ob + pmd_size, 82);	/* restore */
				}
			}
			free(hb);
			close(fd);
		}
	}

	/* process_vm_readv and /proc/PID/mem from a child */
	{
		struct pvr a;
		int st, how;
		const char *nm[2] = { "process_vm_readv", "proc-mem" };

		for (how = 0; how < 2; how++) {
			a.ppid = getpid();
			a.how = how;
			a.addr = A + pmd_size;
			a.len = 4096;
			a.roff = pmd_size;
			a.seed = 81;
			/* A was filled with stride page/8: refill the piece densely */
			fill(A + pmd_size, 4096, 8, pmd_size, 81);
			st = in_child(pvr_child, &a);
			child_result(st, b2, sizeof(b2));
			if (!strcmp(b2, "MISMATCH") || !strncmp(b2, "setup", 5) ||
			    !strncmp(b2, "signal", 6) || !strcmp(b2, "short"))
				bad = 1;
			note(" %s A=%s", nm[how], b2);
			a.addr = C + h.page;
			a.roff = oc + h.page;
			a.seed = 83;
			st = in_child(pvr_child, &a);
			child_result(st, b2, sizeof(b2));
			if (!strcmp(b2, "MISMATCH") || !strncmp(b2, "setup", 5) ||
			    !strncmp(b2, "signal", 6) || !strcmp(b2, "short"))
				bad = 1;
			note(" %s C=%s", nm[how], b2);
		}
	}

	/* the mappings still hold their data */
	if (check(B, lb, 8, ob, 82) >= 0 || check(C, lc, 8, oc, 83) >= 0 ||
	    check(A + pmd_size, 4096, 8, pmd_size, 81) >= 0)
		hm_fail("mapping data changed: %s", outb);
	munmap(A, la);
	munmap(B, lb);
	munmap(C, lc);
	if (sys_u64(&h, "stats/mappings") != 0)
		hm_fail("mappings=%llu after unmapping; %s",
			(unsigned long long)sys_u64(&h, "stats/mappings"), outb);
	if (bad)
		hm_fail("%s", outb);
	hm_pass("%s", outb);
}
