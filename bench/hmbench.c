/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hmbench: guest side of bench/run.  Maps one kind of memory, populates it and
 * prints one "HMBENCH key=value ..." line per case.
 *
 *   hmbench map   LABEL PATH OFFSET SIZE ENTRY [--stats DIR] [--create]
 *       MAP_SHARED mapping of PATH (a /dev/hugemapN, /dev/mem, /dev/daxX.Y, or with
 *       --create a file created on a hugetlbfs mount, recreated between phases)
 *   hmbench anon  LABEL SIZE ENTRY
 *       anonymous MAP_PRIVATE mapping aligned to 1 GiB, madvise(MADV_HUGEPAGE)
 *   hmbench scale LABEL PATH SIZE ENTRY [--stats DIR]
 *       map PATH, read one byte per ENTRY bytes, report faults/page tables/time
 *   hmbench pagesize
 *       print the base page size in bytes (4096 on x86 and arm64 4K, 16384 on arm64 16K)
 *
 * Phases of map/anon, each on a fresh mapping (counters and clocks start before mmap():
 * /dev/mem fills its page tables in mmap(), remap_pfn_range-style):
 *   1. mmap (ms) + fill every byte (64-bit store loop, not glibc memset: glibc uses rep stosb for
 *      large sizes and TCG emulates rep stosb one byte per iteration);
 *      faults (ru_minflt delta), PageTables delta (KiB), hugemap stats delta, ms
 *   2. mmap + touch one byte per ENTRY; faults, PageTables delta, ms
 *   3. random pointer chase over the mapping of phase 2: CHASE_LOADS dependent loads
 *      over up to 1M slots (one cache line in each of up to 1M pages), best of
 *      CHASE_RUNS runs, ns per load
 * Page tables: /proc/meminfo PageTables (after vm.stat_refresh) and this process's VmPTE.
 * Every HMBENCH line ends with page=BYTES (base page size: the page-table geometry,
 * page/8 entries per table page, that bench/report.py predicts from).
 * Sizes/counts are exact; times are wall clock inside a TCG guest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_HUGEPAGE
#define MADV_HUGEPAGE 14
#endif

#define GIB (1ULL << 30)
#define CHASE_SLOTS_MAX (1U << 20)
#define CHASE_LOADS (1U << 20)
#define CHASE_RUNS 3

static const char *label = "?";

static void die(const char *what)
{
	printf("HMBENCH case=%s error=\"%s: %s\"\n", label, what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

/* "Key:   N kB" from a /proc file */
static long proc_kib(const char *file, const char *key)
{
	char line[256];
	size_t kl = strlen(key);
	long v = -1;
	FILE *f = fopen(file, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			v = strtol(line + kl + 1, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/*
 * PageTables of /proc/meminfo after folding the per-CPU vmstat deltas into the global
 * counter (vm.stat_refresh, root): without it small deltas are off by the batching.
 */
static long meminfo_pt_kib(void)
{
	int fd = open("/proc/sys/vm/stat_refresh", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "1\n", 2) < 0)
			perror("stat_refresh");
		close(fd);
	}
	return proc_kib("/proc/meminfo", "PageTables");
}

/* this process's page-table bytes (mm->pgtables_bytes), exact */
static long vmpte_kib(void)
{
	return proc_kib("/proc/self/status", "VmPTE");
}

static long long read_ll(const char *dir, const char *name)
{
	char path[512];
	long long v = -1;
	FILE *f;

	if (!dir)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

struct hmstats {
	long long pud, pmd, pte, ptent, fb;
};

static struct hmstats hm_read(const char *dir)
{
	struct hmstats s;

	s.pud = read_ll(dir, "pud_faults");
	s.pmd = read_ll(dir, "pmd_faults");
	s.pte = read_ll(dir, "pte_faults");
	s.ptent = read_ll(dir, "pte_entries");
	s.fb = read_ll(dir, "fallbacks");
	return s;
}

/* smaps of the VMA starting at addr: KernelPageSize and AnonHugePages in KiB */
static void smaps_of(void *addr, long *kps, long *ahp)
{
	char line[512], want[32];
	int in = 0;
	FILE *f = fopen("/proc/self/smaps", "r");

	*kps = -1;
	*ahp = -1;
	if (!f)
		return;
	snprintf(want, sizeof(want), "%lx-", (unsigned long)addr);
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, want, strlen(want))) {
			in = 1;
			continue;
		}
		if (!in)
			continue;
		if ((line[0] >= '0' && line[0] <= '9') || (line[0] >= 'a' && line[0] <= 'f'))
			break;	/* next VMA header */
		if (!strncmp(line, "KernelPageSize:", 15))
			*kps = strtol(line + 15, NULL, 10);
		else if (!strncmp(line, "AnonHugePages:", 14))
			*ahp = strtol(line + 14, NULL, 10);
	}
	fclose(f);
}

/* 64-bit store loop over [p, p+len); len multiple of 64 */
static void fill(void *p, size_t len, uint64_t v)
{
	volatile uint64_t *q = p;
	size_t n = len / 8, i;

	for (i = 0; i < n; i += 8) {
		q[i] = v;
		q[i + 1] = v;
		q[i + 2] = v;
		q[i + 3] = v;
		q[i + 4] = v;
		q[i + 5] = v;
		q[i + 6] = v;
		q[i + 7] = v;
	}
}

static uint64_t touch_each(void *p, size_t len, size_t stride, int write)
{
	volatile uint8_t *q = p;
	uint64_t sum = 0;
	size_t off;

	for (off = 0; off < len; off += stride) {
		if (write)
			q[off] = 1;
		else
			sum += q[off];
	}
	return sum;
}

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	uint64_t x = rnd_state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	rnd_state = x;
	return x;
}

/* slot j: one cache line in page j * (pages / slots) */
static uint64_t slot_off(uint32_t j, uint64_t page_stride)
{
	return (uint64_t)j * page_stride * 4096 + ((j * 2654435761U) % 64) * 64;
}

/* build a random cycle over the slots (Sattolo) and chase it; ns per load */
static double chase(void *p, size_t len, unsigned *slots_out)
{
	uint64_t pages = len / 4096, stride;
	uint32_t k = pages < CHASE_SLOTS_MAX ? (uint32_t)pages : CHASE_SLOTS_MAX, i;
	uint32_t *perm = malloc(sizeof(*perm) * k);
	volatile char *base = p;
	uint64_t off, sink = 0;
	double t0, t1, best = 0;
	int r;

	if (!perm)
		die("malloc");
	stride = pages / k;
	for (i = 0; i < k; i++)
		perm[i] = i;
	rnd_state = 0x9e3779b97f4a7c15ULL;
	for (i = k - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(rnd() % i), t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (i = 0; i < k; i++)
		*(volatile uint64_t *)(base + slot_off(perm[i], stride)) =
			slot_off(perm[(i + 1) % k], stride);
	free(perm);
	off = slot_off(0, stride);
	for (r = 0; r < CHASE_RUNS; r++) {
		t0 = now_ms();
		for (i = 0; i < CHASE_LOADS; i++)
			off = *(volatile uint64_t *)(base + off);
		t1 = now_ms();
		if (r == 0 || t1 - t0 < best)
			best = t1 - t0;
	}
	sink += off;
	if (sink == 1)
		printf("#\n");
	*slots_out = k;
	return best * 1e6 / CHASE_LOADS;
}

enum kind { K_MAP, K_ANON };

struct mapping {
	enum kind kind;
	const char *path;
	off_t offset;
	size_t size;
	int create;
	int fd;
	void *raw;
	size_t rawlen;
	void *p;
};

static void map_open(struct mapping *m)
{
	if (m->kind == K_ANON) {
		m->rawlen = m->size + GIB;
		m->raw = mmap(NULL, m->rawlen, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (m->raw == MAP_FAILED)
			die("mmap anon");
		m->p = (void *)(((uintptr_t)m->raw + GIB - 1) & ~(uintptr_t)(GIB - 1));
		if (madvise(m->p, m->size, MADV_HUGEPAGE))
			die("madvise MADV_HUGEPAGE");
		return;
	}
	if (m->create) {
		unlink(m->path);
		m->fd = open(m->path, O_RDWR | O_CREAT, 0600);
		if (m->fd < 0)
			die("open (create)");
		if (ftruncate(m->fd, (off_t)m->size))
			die("ftruncate");
	} else {
		m->fd = open(m->path, O_RDWR);
		if (m->fd < 0)
			die("open");
	}
	m->p = mmap(NULL, m->size, PROT_READ | PROT_WRITE, MAP_SHARED, m->fd, m->offset);
	if (m->p == MAP_FAILED)
		die("mmap");
	m->raw = m->p;
	m->rawlen = m->size;
}

static void map_close(struct mapping *m)
{
	if (munmap(m->raw, m->rawlen))
		die("munmap");
	if (m->kind == K_MAP) {
		close(m->fd);
		if (m->create)
			unlink(m->path);
	}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: hmbench map LABEL PATH OFFSET SIZE ENTRY [--stats DIR] [--create]\n"
		"       hmbench anon LABEL SIZE ENTRY\n"
		"       hmbench scale LABEL PATH SIZE ENTRY [--stats DIR]\n"
		"       hmbench populate LABEL PATH OFFSET SIZE [--stats DIR] [--create]\n"
		"       hmbench pagesize\n");
	exit(2);
}

static unsigned long long num(const char *s)
{
	char *e;
	unsigned long long v = strtoull(s, &e, 0);

	switch (*e) {
	case 'T': case 't': v <<= 10; /* fall through */
	case 'G': case 'g': v <<= 10; /* fall through */
	case 'M': case 'm': v <<= 10; /* fall through */
	case 'K': case 'k': v <<= 10; break;
	case 0: break;
	default: usage();
	}
	return v;
}

static int scale(int argc, char **argv)
{
	const char *stats = NULL, *path;
	size_t size, entry;
	struct hmstats s0, s1;
	long f0, f1, pt0, pt1, vp0, vp1;
	double t0, t1, tu0, tu1;
	void *p;
	int fd, i;

	if (argc < 6)
		usage();
	label = argv[2];
	path = argv[3];
	size = num(argv[4]);
	entry = num(argv[5]);
	for (i = 6; i < argc; i++) {
		if (!strcmp(argv[i], "--stats") && i + 1 < argc)
			stats = argv[++i];
		else
			usage();
	}
	fd = open(path, O_RDWR);
	if (fd < 0)
		die("open");
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	s0 = hm_read(stats);
	pt0 = meminfo_pt_kib();
	vp0 = vmpte_kib();
	f0 = minflt();
	t0 = now_ms();
	touch_each(p, size, entry, 0);
	t1 = now_ms();
	f1 = minflt();
	vp1 = vmpte_kib();
	pt1 = meminfo_pt_kib();
	s1 = hm_read(stats);
	tu0 = now_ms();
	if (munmap(p, size))
		die("munmap");
	tu1 = now_ms();
	close(fd);
	printf("HMBENCH case=%s mode=scale size=%zu entry=%zu entries=%zu faults=%ld pt_kib=%ld vmpte_kib=%ld "
	       "hm_pud=%lld hm_pmd=%lld hm_pte=%lld hm_fb=%lld touch_ms=%.1f munmap_ms=%.1f page=%ld\n",
	       label, size, entry, size / entry, f1 - f0, pt1 - pt0, vp1 - vp0,
	       s1.pud - s0.pud, s1.pmd - s0.pmd, s1.pte - s0.pte, s1.fb - s0.fb,
	       t1 - t0, tu1 - tu0, sysconf(_SC_PAGESIZE));
	fflush(stdout);
	return 0;
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* write one u64 per base page: the first touch after a populate */
static double touch_pages(void *p, size_t len)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), o;
	double t0 = now_ms();

	for (o = 0; o < len; o += pg)
		*(volatile uint64_t *)((char *)p + o) += 1;
	return now_ms() - t0;
}

/*
 * populate LABEL PATH OFFSET SIZE [--stats DIR] [--create]: the cost of
 * prefaulting SIZE bytes, by MAP_POPULATE and by MADV_POPULATE_WRITE on a
 * fresh mapping, then of the first touch of every page: page faults
 * (ru_minflt, exact), hugemap's counters (exact), times (TCG, emulated).
 */
static int populate(int argc, char **argv)
{
	const char *stats = NULL, *path;
	struct hmstats s0, s1, s2, sp;
	long f0, f1, f2, f3, f4, f5;
	double t0, t1, tt1, t2, t3, tt2;
	size_t size;
	off_t off;
	int i, fd, create = 0, madv_err = 0;
	void *p;

	if (argc < 6)
		usage();
	label = argv[2];
	path = argv[3];
	off = (off_t)num(argv[4]);
	size = num(argv[5]);
	for (i = 6; i < argc; i++) {
		if (!strcmp(argv[i], "--stats") && i + 1 < argc)
			stats = argv[++i];
		else if (!strcmp(argv[i], "--create"))
			create = 1;
		else
			usage();
	}
	if (create) {
		unlink(path);
		fd = open(path, O_RDWR | O_CREAT, 0600);
		if (fd < 0 || ftruncate(fd, (off_t)size))
			die("create");
	} else {
		fd = open(path, O_RDWR);
		if (fd < 0)
			die("open");
	}
	s0 = hm_read(stats);
	f0 = minflt();
	t0 = now_ms();
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, off);
	if (p == MAP_FAILED)
		die("mmap MAP_POPULATE");
	t1 = now_ms();
	f1 = minflt();
	s1 = hm_read(stats);
	sp.pud = s1.pud - s0.pud;
	sp.pmd = s1.pmd - s0.pmd;
	sp.pte = s1.pte - s0.pte;
	tt1 = touch_pages(p, size);
	f2 = minflt();
	s1 = hm_read(stats);	/* the madvise deltas start after the first touch */
	if (munmap(p, size))
		die("munmap");

	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	if (p == MAP_FAILED)
		die("mmap");
	f3 = minflt();
	t2 = now_ms();
	if (madvise(p, size, MADV_POPULATE_WRITE))
		madv_err = errno;
	t3 = now_ms();
	f4 = minflt();
	s2 = hm_read(stats);
	tt2 = touch_pages(p, size);
	f5 = minflt();
	if (munmap(p, size))
		die("munmap");
	close(fd);
	if (create)
		unlink(path);
	printf("HMBENCH-POP case=%s size=%zu page=%ld map_populate_ms=%.1f map_populate_faults=%ld "
	       "hm_pud=%lld hm_pmd=%lld hm_pte=%lld first_touch_faults=%ld first_touch_ms=%.1f "
	       "madv_populate_ms=%.1f madv_populate_faults=%ld madv_errno=%d madv_hm_pud=%lld "
	       "madv_hm_pmd=%lld madv_hm_pte=%lld madv_first_touch_faults=%ld madv_first_touch_ms=%.1f\n",
	       label, size, sysconf(_SC_PAGESIZE), t1 - t0, f1 - f0,
	       sp.pud, sp.pmd, sp.pte, f2 - f1, tt1,
	       t3 - t2, f4 - f3, madv_err, s2.pud - s1.pud, s2.pmd - s1.pmd, s2.pte - s1.pte,
	       f5 - f4, tt2);
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	struct mapping m;
	const char *stats = NULL;
	size_t entry;
	int i, first;
	long f0, f1, pt0, pt1, ft0, ft1, ptt0, ptt1, kps, ahp, vp0, vp1, vpt0, vpt1;
	struct hmstats s0, s1, st0, st1;
	double t0, t1, tt0, tt1, tm0, tm1, ns;
	unsigned slots;

	if (argc < 2)
		usage();
	if (!strcmp(argv[1], "scale"))
		return scale(argc, argv);
	if (!strcmp(argv[1], "populate"))
		return populate(argc, argv);
	if (!strcmp(argv[1], "pagesize")) {
		printf("%ld\n", sysconf(_SC_PAGESIZE));
		return 0;
	}
	memset(&m, 0, sizeof(m));
	m.fd = -1;
	if (!strcmp(argv[1], "map")) {
		if (argc < 7)
			usage();
		m.kind = K_MAP;
		label = argv[2];
		m.path = argv[3];
		m.offset = (off_t)num(argv[4]);
		m.size = num(argv[5]);
		entry = num(argv[6]);
		first = 7;
	} else if (!strcmp(argv[1], "anon")) {
		if (argc < 5)
			usage();
		m.kind = K_ANON;
		label = argv[2];
		m.size = num(argv[3]);
		entry = num(argv[4]);
		first = 5;
	} else {
		usage();
		return 2;
	}
	for (i = first; i < argc; i++) {
		if (!strcmp(argv[i], "--stats") && i + 1 < argc)
			stats = argv[++i];
		else if (!strcmp(argv[i], "--create"))
			m.create = 1;
		else
			usage();
	}

	/* phase 1: every byte (counters from before mmap: /dev/mem populates at mmap) */
	s0 = hm_read(stats);
	pt0 = meminfo_pt_kib();
	vp0 = vmpte_kib();
	f0 = minflt();
	tm0 = now_ms();
	map_open(&m);
	tm1 = now_ms();
	t0 = now_ms();
	fill(m.p, m.size, 0x0101010101010101ULL);
	t1 = now_ms();
	f1 = minflt();
	vp1 = vmpte_kib();
	pt1 = meminfo_pt_kib();
	s1 = hm_read(stats);
	smaps_of(m.p, &kps, &ahp);
	map_close(&m);

	/* phase 2: one byte per entry; phase 3: pointer chase on that mapping */
	st0 = hm_read(stats);
	ptt0 = meminfo_pt_kib();
	vpt0 = vmpte_kib();
	ft0 = minflt();
	tt0 = now_ms();
	map_open(&m);
	touch_each(m.p, m.size, entry, 1);
	tt1 = now_ms();
	ft1 = minflt();
	vpt1 = vmpte_kib();
	ptt1 = meminfo_pt_kib();
	st1 = hm_read(stats);
	ns = chase(m.p, m.size, &slots);
	map_close(&m);

	printf("HMBENCH case=%s mode=%s size=%zu entry=%zu "
	       "fill_faults=%ld fill_pt_kib=%ld fill_vmpte_kib=%ld hm_pud=%lld hm_pmd=%lld hm_pte=%lld hm_ptent=%lld hm_fb=%lld "
	       "kps_kib=%ld anonhuge_kib=%ld mmap_ms=%.1f fill_ms=%.1f "
	       "touch_faults=%ld touch_pt_kib=%ld touch_vmpte_kib=%ld touch_hm_pud=%lld touch_hm_pmd=%lld "
	       "touch_hm_pte=%lld touch_ms=%.1f chase_slots=%u chase_loads=%u chase_ns=%.1f page=%ld\n",
	       label, argv[1], m.size, entry,
	       f1 - f0, pt1 - pt0, vp1 - vp0, s1.pud - s0.pud, s1.pmd - s0.pmd, s1.pte - s0.pte,
	       s1.ptent - s0.ptent, s1.fb - s0.fb, kps, ahp, tm1 - tm0, t1 - t0,
	       ft1 - ft0, ptt1 - ptt0, vpt1 - vpt0, st1.pud - st0.pud, st1.pmd - st0.pmd,
	       st1.pte - st0.pte, tt1 - tt0, slots, CHASE_LOADS, ns, sysconf(_SC_PAGESIZE));
	fflush(stdout);
	return 0;
}
