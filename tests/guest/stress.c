// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap guest stress test (issue 13): random sequences of what a user can
 * do to /dev/hugemapN mappings, checked against a model after every step.
 *
 *   hmtest stress DEV PMD_SIZE [--seed N] [--seconds S] [--ops N]
 *                 [--ko PATH --params "regions=..."] [--blockdev DEV] [--verbose]
 *
 * State kept by the test:
 *  - a shadow of the region: per page the generation and the source page of
 *    the pattern it holds (0 = unknown), in MAP_SHARED anonymous memory so a
 *    forked child's writes update it too;
 *  - the model of the hugemap VMAs (start, end, file offset, protection),
 *    re-read from /proc/self/maps after every operation and compared with
 *    what the operation must have done (Linux does not roll back a partly
 *    applied mprotect/madvise, so failures are only checked where the kernel
 *    guarantees it).
 * After every operation: new /dev/kmsg records are scanned (BUG, WARNING,
 * Oops, bad pud/pmd/pte, ...), stats/mappings must equal the number of
 * hugemap VMAs, and sampled pages are verified through the mapping and
 * pread.  Any unexpected errno or signal fails, naming the operation, its
 * arguments, the seed and the last operations (replay: --seed N --ops M;
 * the address layout is made reproducible by re-executing with
 * ADDR_NO_RANDOMIZE).
 *
 * The expected errno of each operation is predicted from the mapping
 * contract (README "mmap() rules", docs/design.md): a split (munmap,
 * mprotect, madvise, mremap, MAP_FIXED) inside a possible huge entry is
 * refused with EINVAL (ENOMEM from mmap(MAP_FIXED), whose kernel code turns
 * any unmap failure into ENOMEM); mremap growth fails with EFAULT;
 * MREMAP_DONTUNMAP with EINVAL; GUP walkers (shared futex, vmsplice,
 * process_vm_readv/writev of the mapping, O_DIRECT) with EFAULT; on kernels
 * before 6.12 an mprotect changing a range that may hold a PUD entry must
 * work too (--pud-mprotect-veto accepts the driver's old EINVAL there).
 *
 * Pages mode (regions=...:pages, sysfs map_mode "pages", read at the start
 * and after every reload): the same VMA contract, but the range has struct
 * pages and devmap entries, so the model expects GUP users to work and to
 * move real data (shared futexes, vmsplice, process_vm_readv/writev of the
 * mapping, O_DIRECT to/from the block device, /proc/PID/mem); populate
 * (MAP_POPULATE, mlock, mlock2(ONFAULT), mlockall, MADV_POPULATE_*) to fault
 * the range in (a fresh MAP_POPULATE mapping's counters must equal the
 * model_touch() prediction, a populated range must take no fault when
 * read); MADV_DONTNEED(_LOCKED) to zap entries (data unchanged, the next
 * access faults); the other advices per the kernel's mm/madvise.c (see
 * madv_pages()).  Pages-only operations: "pin" (vmsplice 1-4 pages into a
 * pipe kept open, at most MAXPIN), "unpin" (read the pipe: the pipe buffers
 * reference the region's pages, so the bytes are the pages' content now,
 * checked against the shadow; close), "rmmod-pinned" (every mapping and the
 * fd gone, a pin held: rmmod refused, busy=1, page_refs exact; unpin:
 * rmmod succeeds within 10 s; reload).  sysfs page_refs must equal the
 * page references the stress holds in pipes after every pin, unpin, GUP
 * walker and /proc/self/mem access (none left behind).  A reload releases the pins first and
 * retries rmmod for up to 10 s (the idle check drops the module reference
 * the region took at its first mmap just after the last mapping goes away).
 * New random draws happen only in pages mode: a PFN-mode seed replays as
 * before.
 */
#include "hmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#ifndef MADV_FREE
#define MADV_FREE 8
#endif
#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#endif
#ifndef MADV_KEEPONFORK
#define MADV_KEEPONFORK 19
#endif
#ifndef MADV_COLD
#define MADV_COLD 20
#endif
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif
#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif
#ifndef MADV_GUARD_REMOVE
#define MADV_GUARD_REMOVE 103
#endif
#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif

#define PR 1
#define PW 2
#define MAXV 64
#define MAXL 512
#define MAXT 4

typedef unsigned long long ull;

struct vm { u64 s, e, off; int prot; };
struct ln { u64 s, e; int hm; };
struct shp { u64 gen, src; };

/* op statistics, in shared memory (a forked child's ops count too) */
#define NSTAT 80
#define NERR 6
struct stat1 {
	char name[28];
	u64 n;
	int err[NERR];
	u64 cnt[NERR];
};
struct shared {
	struct stat1 st[NSTAT];
	int nst;
	char childfail[2400];
	u64 faults_seen;
};

/* ---- global state ---- */
static struct hm H;
static u64 PG, PMD, NPG, BIG;
static u64 HS[HM_MAXSZ];		/* huge sizes, largest first */
static int NHS;
/*
 * The driver drops PUD entries from its ->mprotect hook on every kernel of
 * the matrix, so a whole-entry mprotect must succeed (strict by default);
 * --pud-mprotect-veto accepts EINVAL for kernels with per-VMA-lock faults
 * but no vma_start_write() for modules (none in the matrix).
 */
static int VETO_POSSIBLE, STRICT_PUD_MPROTECT = 1, VERBOSE;
/*
 * arm64 before 6.0 does not select HAVE_IOREMAP_PROT, and __access_remote_vm()
 * only falls back to vm_ops->access under that option: /proc/PID/mem of a
 * PFN mapping is EIO there.
 */
static int PROCMEM_EIO;
/*
 * Before 5.x mremap() moves first and splits the source afterwards in
 * do_munmap(), ignoring a refused split ("unable to split vma, just get
 * accounts right"): the move succeeds and the source stays mapped.
 */
static int MREMAP_KEEPS_SOURCE;
static struct shp *SH;
static struct shared *SHM;
/*
 * Pages mode (sysfs map_mode "pages"): GUP works on the mappings.  KVER is
 * major * 100 + minor of the running kernel.
 */
static int PAGES, KVER;
static int ALLOCK;	/* an alloc= region: a reload allocates fresh, zeroed memory */
/* pages mode: block device slots of PG bytes (O_DIRECT), shadow of what each holds */
#define BLK_SPAN (4096ULL * 1024)
static struct shp *BSLOT;
/* pages mode: pipes holding vmspliced pages */
#define MAXPIN 3
struct pin { int rfd, wfd; u64 pg, n, addr; struct shp at[4]; };
static struct pin PINS[MAXPIN];
static int NPIN;
static struct vm V[MAXV];
static int NV;
static struct ln L[MAXL];
static int NL;
static u64 RNG, SEED;
static long long OPN;
static char OPD[600];
static char RING[24][640];
static int KMSG = -1, MEMFD = -1, BLKFD = -1, OPLOG = -1, IN_CHILD;
static const char *DEVARG, *KO, *PARAMS, *BLKDEV;
static const char *CUR_OP = "start";
static const char *SKIP;		/* --skip: op names not to run (soaks past a known bug) */
static sigjmp_buf OPJB;
static int IN_RACE;

/* ---- results ---- */
static void dump_ring(void)
{
	long long i, first = OPN - 23 > 1 ? OPN - 23 : 1;

	fprintf(stderr, "# last operations (seed %llu):\n", (ull)SEED);
	for (i = first; i <= OPN; i++)
		fprintf(stderr, "#   %s\n", RING[i % 24]);
}

static void sfail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void sfail(const char *fmt, ...)
{
	char msg[1500];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (IN_CHILD) {
		snprintf(SHM->childfail, sizeof(SHM->childfail), "in fork child: op #%lld %s: %s",
			 OPN, OPD, msg);
		_exit(1);
	}
	dump_ring();
	hm_fail("op #%lld %s: %s [seed %llu; replay: hmtest stress %s %llu --seed %llu --ops %lld]",
		OPN, OPD, msg, (ull)SEED, DEVARG, (ull)PMD, (ull)SEED, OPN);
}

static void stat_rec(const char *name, int err)
{
	struct stat1 *s = NULL;
	int i;

	for (i = 0; i < SHM->nst; i++)
		if (!strcmp(SHM->st[i].name, name))
			s = &SHM->st[i];
	if (!s) {
		if (SHM->nst >= NSTAT)
			return;
		s = &SHM->st[SHM->nst++];
		snprintf(s->name, sizeof(s->name), "%s", name);
	}
	s->n++;
	for (i = 0; i < NERR; i++) {
		if (s->cnt[i] && s->err[i] == err) {
			s->cnt[i]++;
			return;
		}
		if (!s->cnt[i]) {
			s->err[i] = err;
			s->cnt[i] = 1;
			return;
		}
	}
}

/* errno check: got must be one of the allowed values (0 = success) */
static void want(int got, int n, ...)
{
	char list[200];
	size_t used = 0;
	va_list ap;
	int i, e;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		e = va_arg(ap, int);
		if (e == got) {
			va_end(ap);
			stat_rec(CUR_OP, got);
			return;
		}
		used += snprintf(list + used, sizeof(list) - used, "%s%s", i ? "|" : "",
				 errname(e));
	}
	va_end(ap);
	sfail("got %s, expected %s", errname(got), list);
}

/* ---- random numbers ---- */
static u64 rnd64(void)
{
	u64 z = (RNG += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static u64 rnd(u64 n)
{
	return n ? rnd64() % n : 0;
}

static void begin(const char *op, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void begin(const char *op, const char *fmt, ...)
{
	va_list ap;
	int n;

	CUR_OP = op;
	if (SKIP && !IN_RACE) {
		const char *p = SKIP;
		size_t l = strlen(op);

		while ((p = strstr(p, op))) {
			if ((p == SKIP || p[-1] == ',') && (p[l] == ',' || !p[l])) {
				stat_rec("skipped", 0);
				siglongjmp(OPJB, 1);
			}
			p += l;
		}
	}
	n = snprintf(OPD, sizeof(OPD), "%s", op);
	va_start(ap, fmt);
	vsnprintf(OPD + n, sizeof(OPD) - (size_t)n, fmt, ap);
	va_end(ap);
	snprintf(RING[OPN % 24], sizeof(RING[0]), "#%lld%s %s", OPN, IN_CHILD ? " (child)" : "", OPD);
	if (VERBOSE)
		fprintf(stderr, "# %s\n", RING[OPN % 24]);
	if (OPLOG >= 0 && op[0] != '(') {
		/* survives a process stuck in the kernel after an Oops: the runner prints its tail */
		char line[700];
		int l = snprintf(line, sizeof(line), "%s\n", RING[OPN % 24]);

		if (write(OPLOG, line, (size_t)l) < 0)
			OPLOG = -1;
	}
}

/* ---- signals ---- */
static __thread sigjmp_buf *volatile TJB;	/* volatile: the store must precede the access */
static __thread volatile int TSIG;
static __thread volatile u64 TSIGADDR;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (TJB) {
		TSIG = sig;
		TSIGADDR = (u64)(uintptr_t)si->si_addr;
		siglongjmp(*TJB, 1);
	}
	/* an access outside the guarded ones: report the op instead of dying */
	signal(SIGSEGV, SIG_DFL);
	signal(SIGBUS, SIG_DFL);
	sfail("unexpected %s at 0x%llx (si_code %d) outside a checked access",
	      sig == SIGSEGV ? "SIGSEGV" : sig == SIGBUS ? "SIGBUS" : "signal",
	      (ull)(uintptr_t)si->si_addr, si->si_code);
}

static const char *signame(int s)
{
	return s == SIGSEGV ? "SIGSEGV" : s == SIGBUS ? "SIGBUS" : "signal";
}

/* ---- kernel log ---- */
static const char *const BAD[] = {
	"BUG", "WARNING", "Oops", "bad pud", "bad pmd", "bad pte", "Bad page",
	"Unable to handle", "general protection", "Call Trace", "RIP: ", "refcount_t",
	"list_del corruption", "KASAN", "circular locking", "segfault at", "page_table_check",
	"Internal error", "rcu_sched self-detected", "soft lockup", "hung_task", NULL
};

static void kmsg_open_end(void)
{
	if (KMSG >= 0)
		close(KMSG);
	KMSG = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (KMSG < 0)
		sfail("open /dev/kmsg: %s", errname(errno));
	lseek(KMSG, 0, SEEK_END);
}

static void kmsg_check(void)
{
	char rec[8192], bad[1200];
	size_t used = 0;
	int nbad = 0, i;

	bad[0] = 0;
	for (;;) {
		ssize_t n = read(KMSG, rec, sizeof(rec) - 1);
		char *t, *nl;

		if (n < 0) {
			if (errno == EPIPE)
				continue;
			break;
		}
		rec[n] = 0;
		t = strchr(rec, ';');
		if (!t)
			continue;
		t++;
		nl = strchr(t, '\n');
		if (nl)
			*nl = 0;
		for (i = 0; BAD[i]; i++)
			if (strstr(t, BAD[i]))
				break;
		if (BAD[i] || (nbad && nbad < 6)) {
			nbad++;
			if (used + strlen(t) + 4 < sizeof(bad))
				used += (size_t)snprintf(bad + used, sizeof(bad) - used, "%s%s",
							 used ? " | " : "", t);
		}
	}
	if (nbad)
		sfail("kernel log: %s", bad);
}

/* ---- model ---- */
static void maps_read(void)
{
	static char buf[1 << 17];
	char *p, *e;
	size_t got = 0;
	ssize_t n;
	int fd = open("/proc/self/maps", O_RDONLY);

	if (fd < 0)
		sfail("open /proc/self/maps: %s", errname(errno));
	while ((n = read(fd, buf + got, sizeof(buf) - 1 - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = 0;
	NV = NL = 0;
	for (p = buf; *p; p = e) {
		unsigned long long s, en, off;
		char perms[8], dev[16], path[256];
		unsigned long ino;
		int k;

		e = strchr(p, '\n');
		e = e ? e + 1 : p + strlen(p);
		path[0] = 0;
		k = sscanf(p, "%llx-%llx %7s %llx %15s %lu %255s", &s, &en, perms, &off, dev, &ino, path);
		if (k < 6)
			continue;
		if (NL >= MAXL)
			sfail("more than %d lines in /proc/self/maps", MAXL);
		L[NL].s = s;
		L[NL].e = en;
		L[NL].hm = !strcmp(path, H.dev);
		if (L[NL].hm) {
			if (NV >= MAXV)
				sfail("more than %d hugemap VMAs", MAXV);
			if (perms[3] != 's')
				sfail("hugemap VMA %llx-%llx is not shared: %s", s, en, perms);
			V[NV].s = s;
			V[NV].e = en;
			V[NV].off = off;
			V[NV].prot = (perms[0] == 'r' ? PR : 0) | (perms[1] == 'w' ? PW : 0);
			NV++;
		}
		NL++;
	}
}

/* index of the VMA containing a, or -1 */
static int vfind(const struct vm *v, int n, u64 a)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i].s <= a && a < v[i].e)
			return i;
	return -1;
}

/* does [a, b) intersect only hugemap VMAs (or nothing)? */
static int ours_only(u64 a, u64 b)
{
	int i;

	if (b <= a)
		return 0;
	for (i = 0; i < NL; i++)
		if (!L[i].hm && L[i].s < b && a < L[i].e)
			return 0;
	return 1;
}

/* end of the longest prefix of [a, b) free of foreign mappings */
static u64 clip_ours(u64 a, u64 b)
{
	int i;

	for (i = 0; i < NL; i++)
		if (!L[i].hm && L[i].e > a && L[i].s < b)
			b = L[i].s > a ? L[i].s : a;
	return b;
}

static int has_hole(u64 a, u64 b)
{
	u64 cur = a;
	int i;

	while (cur < b) {
		i = vfind(V, NV, cur);
		if (i < 0)
			return 1;
		cur = V[i].e;
	}
	return 0;
}

static int any_vma(u64 a, u64 b)
{
	int i;

	for (i = 0; i < NV; i++)
		if (V[i].s < b && a < V[i].e)
			return 1;
	return 0;
}

/* can a size-sz entry cover addr in VMA v? (hm_entry_fits) */
static int entry_fits(const struct vm *v, u64 addr, u64 sz)
{
	u64 blk = addr & ~(sz - 1), boff, phys;

	if (blk < v->s || blk + sz > v->e)
		return 0;
	boff = v->off + (blk - v->s);
	phys = H.base + boff;
	return !(phys & (sz - 1)) && boff + sz <= H.size && boff / H.chunk == (boff + sz - 1) / H.chunk;
}

/* would splitting v at addr be refused (hm_vm_split)? */
static int split_refused(const struct vm *v, u64 addr)
{
	int i;

	if (addr <= v->s || addr >= v->e)
		return 0;
	for (i = 0; i < NHS; i++)
		if ((addr & (HS[i] - 1)) && entry_fits(v, addr, HS[i]))
			return 1;
	return 0;
}

/* is a split at addr refused in whichever VMA contains it? */
static int cut_refused(u64 addr)
{
	int i = vfind(V, NV, addr);

	return i >= 0 && split_refused(&V[i], addr);
}

/* may [a, b) of v hold a PUD entry (hm_range_may_hold at the largest size > PMD)? */
static int may_hold_pud(const struct vm *v, u64 a, u64 b)
{
	u64 sz, x;

	if (!NHS || HS[0] <= PMD)
		return 0;
	sz = HS[0];
	for (x = a & ~(sz - 1); x < b; x += sz)
		if (entry_fits(v, x, sz))
			return 1;
	return 0;
}

/* largest entry size the file range allows (hm_mapping_align); 0 if none */
static u64 mapping_align(u64 off, u64 len)
{
	int i;

	for (i = 0; i < NHS; i++) {
		u64 sz = HS[i], phys = H.base + off, first = off + (((phys + sz - 1) & ~(sz - 1)) - phys);

		if (first + sz <= off + len && first / H.chunk == (first + sz - 1) / H.chunk)
			return sz;
	}
	return 0;
}

/* ---- model comparison ---- */
static int cov(const struct vm *v, int n, u64 a, u64 *off, int *prot)
{
	int i = vfind(v, n, a);

	if (i < 0)
		return 0;
	*off = v[i].off + (a - v[i].s);
	*prot = v[i].prot;
	return 1;
}

static int u64cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

enum { IN_SKIP, IN_SAME, IN_SAMEMAP, IN_PROT, IN_UNMAPPED, IN_SAME_OR_UNMAPPED };

/*
 * Compare the model before the op (b, nb) with the current one: outside
 * [x0, x1) and [y0, y1) everything must be unchanged; inside [x0, x1) per
 * inmode (IN_PROT: mapped as before with protection prot).  [y0, y1) is
 * skipped.
 */
static void model_cmp(const struct vm *b, int nb, u64 x0, u64 x1, int inmode, int prot, u64 y0, u64 y1)
{
	static u64 pts[4 * MAXV + 8];
	int np = 0, i;

	for (i = 0; i < nb; i++) {
		pts[np++] = b[i].s;
		pts[np++] = b[i].e;
	}
	for (i = 0; i < NV; i++) {
		pts[np++] = V[i].s;
		pts[np++] = V[i].e;
	}
	pts[np++] = x0;
	pts[np++] = x1;
	pts[np++] = y0;
	pts[np++] = y1;
	qsort(pts, (size_t)np, sizeof(pts[0]), u64cmp);
	for (i = 0; i + 1 < np; i++) {
		u64 p = pts[i], o1 = 0, o2 = 0;
		int p1 = 0, p2 = 0, m1, m2, mode;

		if (pts[i + 1] == p)
			continue;
		if (p >= y0 && p < y1)
			continue;
		mode = (p >= x0 && p < x1) ? inmode : IN_SAME;
		if (mode == IN_SKIP)
			continue;
		m1 = cov(b, nb, p, &o1, &p1);
		m2 = cov(V, NV, p, &o2, &p2);
		if (mode == IN_SAME_OR_UNMAPPED) {
			if (!m2)
				continue;
			mode = IN_SAME;
		}
		if (mode == IN_UNMAPPED) {
			if (m2)
				sfail("model: 0x%llx still mapped (off 0x%llx)", (ull)p, (ull)o2);
			continue;
		}
		if (m1 != m2 || (m1 && o1 != o2))
			sfail("model: at 0x%llx before %s off 0x%llx, now %s off 0x%llx", (ull)p,
			      m1 ? "mapped" : "unmapped", (ull)o1, m2 ? "mapped" : "unmapped", (ull)o2);
		if (!m1)
			continue;
		if (mode == IN_SAME && p1 != p2)
			sfail("model: at 0x%llx protection changed %d -> %d", (ull)p, p1, p2);
		if (mode == IN_PROT && p2 != prot)
			sfail("model: at 0x%llx protection %d, expected %d", (ull)p, p2, prot);
	}
}

/* after a successful mmap/mremap: exactly one VMA [a, a+len) at off with prot */
static void expect_vma(u64 a, u64 len, u64 off, int prot)
{
	int i = vfind(V, NV, a);

	if (i < 0 || V[i].s != a || V[i].e != a + len || V[i].off != off || V[i].prot != prot)
		sfail("model: expected one VMA 0x%llx-0x%llx off 0x%llx prot %d, found %s 0x%llx-0x%llx off 0x%llx prot %d",
		      (ull)a, (ull)(a + len), (ull)off, prot, i < 0 ? "none" : "",
		      i < 0 ? 0ULL : (ull)V[i].s, i < 0 ? 0ULL : (ull)V[i].e,
		      i < 0 ? 0ULL : (ull)V[i].off, i < 0 ? 0 : V[i].prot);
}

/* ---- data ---- */
static u64 wexp(u64 pg, u64 w)		/* expected u64 at word w of region page pg */
{
	return pat(SH[pg].src * PG + w * 8, SH[pg].gen);
}

static u64 widx(u64 pg, int k)
{
	u64 nw = PG / 8;

	switch (k) {
	case 0: return 0;
	case 1: return nw - 1;
	case 2: return (pg * 7 + SH[pg].gen) % nw;
	default: return (pg * 13 + 5 + (SH[pg].gen >> 7)) % nw;
	}
}

/* verify page pg mapped at a: 0 ok, 1 mismatch, 2 signal (details in msg) */
static int vpage(u64 a, u64 pg, char *msg, size_t mlen)
{
	sigjmp_buf jb;
	volatile int k;

	if (sigsetjmp(jb, 1)) {
		TJB = NULL;
		snprintf(msg, mlen, "%s at 0x%llx reading page 0x%llx of the region at 0x%llx",
			 signame(TSIG), (ull)TSIGADDR, (ull)(pg * PG), (ull)a);
		return 2;
	}
	TJB = &jb;
	if (!SH[pg].gen) {
		(void)*(volatile u64 *)(uintptr_t)a;
		TJB = NULL;
		return 0;
	}
	for (k = 0; k < 4; k++) {
		u64 w = widx(pg, k), got = *(volatile u64 *)(uintptr_t)(a + w * 8);

		if (got != wexp(pg, w)) {
			TJB = NULL;
			snprintf(msg, mlen, "data at 0x%llx (region offset 0x%llx): 0x%llx, expected 0x%llx (gen %llx src page 0x%llx)",
				 (ull)(a + w * 8), (ull)(pg * PG + w * 8), (ull)got, (ull)wexp(pg, w),
				 (ull)SH[pg].gen, (ull)SH[pg].src);
			return 1;
		}
	}
	TJB = NULL;
	return 0;
}

static void vpage_or_fail(u64 a, u64 pg, const char *how)
{
	char msg[300];

	if (vpage(a, pg, msg, sizeof(msg)))
		sfail("%s: %s", how, msg);
}

/* write page pg (mapped at a) with generation gen: 0 ok, else signal */
static int wpage(u64 a, u64 pg, u64 gen)
{
	sigjmp_buf jb;
	u64 w, nw = PG / 8;

	if (sigsetjmp(jb, 1)) {
		TJB = NULL;
		return TSIG;
	}
	TJB = &jb;
	for (w = 0; w < nw; w++)
		*(volatile u64 *)(uintptr_t)(a + w * 8) = pat(pg * PG + w * 8, gen);
	TJB = NULL;
	SH[pg].gen = gen;
	SH[pg].src = pg;
	return 0;
}

/* expected content of a page in a buffer */
static void fill_page(void *buf, u64 pg, u64 gen)
{
	u64 w, nw = PG / 8;

	for (w = 0; w < nw; w++)
		((u64 *)buf)[w] = pat(pg * PG + w * 8, gen);
}

/* compare len bytes read from region offset off; -1 ok, else offset of mismatch */
static long long cmp_region(const unsigned char *buf, u64 off, u64 len)
{
	u64 x;

	for (x = 0; x < len;) {
		u64 o = off + x, pg = o / PG, in = o % PG, n = PG - in;

		if (n > len - x)
			n = len - x;
		if (SH[pg].gen) {
			u64 y;

			for (y = 0; y < n; y++) {
				u64 b = in + y, word = wexp(pg, b / 8);

				if (buf[x + y] != (unsigned char)(word >> (8 * (b % 8))))
					return (long long)(x + y);
			}
		}
		x += n;
	}
	return -1;
}

static u64 vpages(const struct vm *v)
{
	return (v->e - v->s) / PG;
}

static u64 vpg(const struct vm *v, u64 i)		/* region page of the i-th page of v */
{
	return v->off / PG + i;
}

/* ---- post-op checks ---- */
static u64 sys_u64_quiet(const char *name, int *ok)
{
	char buf[64];
	u64 v = 0;

	*ok = sys_read(&H, name, buf, sizeof(buf)) >= 0 && !parse_size(buf, &v);
	return v;
}

static void check_mappings(void)
{
	int ok;
	u64 m = sys_u64_quiet("stats/mappings", &ok);

	if (!ok)
		sfail("cannot read stats/mappings");
	if (m != (u64)NV)
		sfail("stats/mappings=%llu but /proc/self/maps has %d hugemap VMAs", (ull)m, NV);
}

static void sample_verify(int n)
{
	char msg[300];
	int i;

	for (i = 0; i < n && NV; i++) {
		const struct vm *v = &V[rnd((u64)NV)];
		u64 k = rnd(vpages(v)), pg = vpg(v, k);

		if (!(v->prot & PR))
			continue;
		if (vpage(v->s + k * PG, pg, msg, sizeof(msg)))
			sfail("sample verify: %s", msg);
	}
	for (i = 0; i < 2; i++) {
		static u64 buf[65536 / 8];
		u64 pg = rnd(NPG);

		if (!SH[pg].gen)
			continue;
		if (pread(H.fd, buf, PG, (off_t)(pg * PG)) != (ssize_t)PG)
			sfail("sample pread of page 0x%llx: %s", (ull)(pg * PG), errname(errno));
		if (cmp_region((unsigned char *)buf, pg * PG, PG) >= 0)
			sfail("sample pread: region page 0x%llx differs from the shadow", (ull)(pg * PG));
	}
}

static void post(void)
{
	kmsg_check();
	maps_read();
	if (!IN_CHILD)
		check_mappings();
	sample_verify(6);
}

/* snapshot of the model */
struct snap { struct vm v[MAXV]; int n; };
static void snap(struct snap *s)
{
	memcpy(s->v, V, sizeof(V[0]) * (size_t)NV);
	s->n = NV;
}

/* ---- pages mode ---- */
static double now(void);

/* 1 if the region is in pages mode (sysfs map_mode), 0 for PFN mode */
static int read_mode(void)
{
	char buf[32];

	if (sys_read(&H, "map_mode", buf, sizeof(buf)) < 0)
		return 0;		/* a module without pages mode */
	if (!strcmp(buf, "pages"))
		return 1;
	if (strcmp(buf, "pfn"))
		sfail("sysfs map_mode \"%s\", expected pages or pfn", buf);
	return 0;
}

static int sys_int_quiet(const char *name, int *ok)
{
	return (int)sys_u64_quiet(name, ok);
}

/*
 * Pages mode: [a, e) was populated (MAP_POPULATE, mlock, MADV_POPULATE_*):
 * reading its pages takes no fault, the driver's counters stay as they are.
 * Up to 4096 pages, sampled beyond that; the data is checked too.
 */
static void expect_populated(u64 a, u64 e, const char *what)
{
	struct counts c0, c1;
	u64 np = (e - a) / PG, n = np <= 4096 ? np : 4096, i;
	char msg[300], b0[128], b1[128];

	if (!np)
		return;
	stats_read(&H, &c0);
	for (i = 0; i < n; i++) {
		u64 va = a + (np <= 4096 ? i : rnd(np)) * PG;
		int vi = vfind(V, NV, va);

		if (vi < 0)
			sfail("%s: 0x%llx is not mapped", what, (ull)va);
		if (vpage(va, vpg(&V[vi], (va - V[vi].s) / PG), msg, sizeof(msg)))
			sfail("%s: %s", what, msg);
	}
	stats_read(&H, &c1);
	if (c1.pud != c0.pud || c1.pmd != c0.pmd || c1.pte != c0.pte)
		sfail("%s: reading %llu pages of the populated range 0x%llx-0x%llx faulted: %s -> %s",
		      what, (ull)n, (ull)a, (ull)e, counts_str(&c0, b0, sizeof(b0)),
		      counts_str(&c1, b1, sizeof(b1)));
}

/* pages mode: the counters a fresh MAP_POPULATE mapping must have added (model_touch) */
static void expect_populate_counts(u64 a, u64 len, u64 off, const struct counts *c0)
{
	struct counts c1;
	struct model m;
	char b[128];

	stats_read(&H, &c1);
	model_touch(&H, PMD, ~0ULL, a, len, off, PG, &m);
	if (c1.pud - c0->pud != m.pud || c1.pmd - c0->pmd != m.pmd || c1.pte - c0->pte != m.pte ||
	    c1.ptent - c0->ptent != m.ptent || c1.fb - c0->fb < m.fb)
		sfail("MAP_POPULATE of 0x%llx+0x%llx (off 0x%llx): counters rose by pud=%llu pmd=%llu pte=%llu (entries %llu) fallbacks=%llu, the model says pud=%llu pmd=%llu pte=%llu (entries %llu) fallbacks>=%llu (now %s)",
		      (ull)a, (ull)len, (ull)off, (ull)(c1.pud - c0->pud), (ull)(c1.pmd - c0->pmd),
		      (ull)(c1.pte - c0->pte), (ull)(c1.ptent - c0->ptent), (ull)(c1.fb - c0->fb),
		      (ull)m.pud, (ull)m.pmd, (ull)m.pte, (ull)m.ptent, (ull)m.fb,
		      counts_str(&c1, b, sizeof(b)));
}

/* pages mode: va was zapped (MADV_DONTNEED): the next access faults, the data is unchanged */
static void expect_zapped(u64 va, const char *what)
{
	struct counts c0, c1;
	char b0[128], b1[128];
	int vi = vfind(V, NV, va);

	if (vi < 0)
		sfail("%s: 0x%llx is not mapped", what, (ull)va);
	stats_read(&H, &c0);
	vpage_or_fail(va, vpg(&V[vi], (va - V[vi].s) / PG), what);
	stats_read(&H, &c1);
	if (c1.pud + c1.pmd + c1.pte == c0.pud + c0.pmd + c0.pte)
		sfail("%s: reading 0x%llx did not fault, the entry was not zapped (%s -> %s)", what,
		      (ull)va, counts_str(&c0, b0, sizeof(b0)), counts_str(&c1, b1, sizeof(b1)));
}

/* pages mode: distinct region pages held in the stress's pipes */
static u64 pins_distinct(void)
{
	u64 seen[MAXPIN * 4], n = 0, j, x;
	int i;

	for (i = 0; i < NPIN; i++)
		for (x = PINS[i].pg; x < PINS[i].pg + PINS[i].n; x++) {
			for (j = 0; j < n && seen[j] != x; j++)
				;
			if (j == n)
				seen[n++] = x;
		}
	return n;
}

/* pages mode: page references the stress's pipes hold (one per page and pipe buffer) */
static u64 pins_refs(void)
{
	u64 n = 0;
	int i;

	for (i = 0; i < NPIN; i++)
		n += PINS[i].n;
	return n;
}

/*
 * sysfs page_refs counts the references held on the region's pages beyond
 * their idle count (on folio heads): exactly the stress's pipe buffers once
 * every GUP user is done, a reference left behind would keep the module
 * for ever.  Released references may lag a little (p18 allows 1 s); fewer
 * than the pipes hold is a lost reference.  Modules before page_refs had
 * pinned_pages (distinct pages referenced).
 */
static void pins_check(const char *what)
{
	const char *name = "page_refs";
	u64 want = pins_refs(), got;
	double t0 = 0;
	int ok;

	got = sys_u64_quiet(name, &ok);
	if (!ok) {
		name = "pinned_pages";
		want = pins_distinct();
		got = sys_u64_quiet(name, &ok);
		if (!ok)
			sfail("%s: cannot read page_refs or pinned_pages", what);
	}
	while (got > want) {
		if (!t0)
			t0 = now();
		else if (now() - t0 > 1)
			break;
		usleep(10000);
		got = sys_u64_quiet(name, &ok);
	}
	if (got != want)
		sfail("%s: %s=%llu%s, the stress holds %llu pages in %d pipes (%llu references)", what, name,
		      (ull)got, t0 ? " for 1 s" : "", (ull)pins_distinct(), NPIN, (ull)pins_refs());
}

/*
 * Read a pin's pipe and close it.  The pipe buffers reference the region's
 * pages themselves (vmsplice copies nothing), so the bytes are what the
 * pages hold now: the current shadow, whatever was written since the pin.
 */
static void unpin_one(int i, const char *what)
{
	static unsigned char buf[4 * 65536];
	struct pin *p = &PINS[i];
	u64 len = p->n * PG, got = 0, j;
	long long bad;
	int changed = 0;

	while (got < len) {
		ssize_t r = read(p->rfd, buf + got, len - got);

		if (r <= 0)
			sfail("%s: reading the pipe of pin %d (region page 0x%llx, %llu pages): %s after %llu bytes",
			      what, i, (ull)(p->pg * PG), (ull)p->n, r ? errname(errno) : "EOF", (ull)got);
		got += (u64)r;
	}
	for (j = 0; j < p->n; j++)
		if (p->at[j].gen != SH[p->pg + j].gen || p->at[j].src != SH[p->pg + j].src)
			changed = 1;
	bad = cmp_region(buf, p->pg * PG, len);
	if (bad >= 0)
		sfail("%s: pipe data of pin %d differs from the region page content at region offset 0x%llx (pinned at 0x%llx; %s since the pin)",
		      what, i, (ull)(p->pg * PG + (u64)bad), (ull)p->addr,
		      changed ? "written" : "not written");
	close(p->rfd);
	close(p->wfd);
	PINS[i] = PINS[--NPIN];
}

static void unpin_all(const char *what)
{
	while (NPIN)
		unpin_one(NPIN - 1, what);
}

/*
 * pages mode, rmmod with nothing mapped, open or pinned by the stress: a
 * refusal (EAGAIN/EBUSY) is allowed until the driver's idle check has run,
 * at most 10 s.  Returns the number of refusals.
 */
static int rmmod_until_idle(const char *what)
{
	double t0 = now();
	int n = 0, ok;

	for (;;) {
		if (!syscall(SYS_delete_module, "hugemap", O_NONBLOCK))
			break;
		if (errno != EAGAIN && errno != EBUSY)
			sfail("%s: rmmod: %s", what, errname(errno));
		if (now() - t0 > 10)
			sfail("%s: rmmod still refused (%s) 10 s after the last mapping, fd and pin went away (busy %d, page_refs %d)",
			      what, errname(errno), sys_int_quiet("busy", &ok), sys_int_quiet("page_refs", &ok));
		n++;
		usleep(20000);
	}
	if (n) {
		snprintf(OPD + strlen(OPD), sizeof(OPD) - strlen(OPD), " [rmmod refused %d times, %.0f ms]",
			 n, (now() - t0) * 1000);
		snprintf(RING[OPN % 24], sizeof(RING[0]), "#%lld%s %s", OPN, IN_CHILD ? " (child)" : "", OPD);
	}
	return n;
}

/* ---- address helpers ---- */
static u64 pick_align(void)
{
	switch (rnd(4)) {
	case 0: return PG;
	case 1: return PMD;
	default: return NHS && HS[0] > PMD ? HS[0] : GiB;
	}
}

/* a phase (address modulo align) for a mapping of file offset off */
static u64 pick_phase(u64 off, u64 align, const char **name)
{
	u64 in = (H.base + off) & (align - 1);

	switch (rnd(5)) {
	case 0: case 1:
		*name = "in-phase";
		return in;
	case 2:
		*name = "+pmd";
		return (in + PMD) & (align - 1);
	case 3:
		*name = "+page";
		return (in + PG) & (align - 1);
	default:
		*name = "random";
		return (rnd(align / PG) * PG);
	}
}

static u64 free_addr(u64 len, u64 align, u64 phase)
{
	return (u64)(uintptr_t)free_va(len, align, phase);
}

static u64 pick_len(void)
{
	switch (rnd(11)) {
	case 0: return PG * (1 + rnd(16));
	case 1: return PMD * (1 + rnd(4));
	case 2: return PMD * (1 + rnd(4)) + PG * (1 + rnd(8));
	case 3: return PMD * (2 + rnd(4)) - PG * (1 + rnd(8));
	case 4: case 5: return BIG;
	case 6: return BIG + PMD * rnd(3) + PG * rnd(2);
	case 7:	/* a few PMDs short of BIG; with 512M PMDs (64K pages) a few pages short */
		return BIG > 4 * PMD ? BIG - PMD * (1 + rnd(3)) : BIG - PG * (1 + rnd(8));
	case 8: return PG * (1 + rnd(1024));
	case 9: return 2 * BIG <= H.size ? 2 * BIG : BIG;
	default: return (1 + rnd(H.size / PG / 2)) * PG;
	}
}

static u64 pick_off(u64 len)
{
	u64 max = len < H.size ? H.size - len : 0, o;

	switch (rnd(8)) {
	case 0: case 1: o = 0; break;
	case 2: o = BIG; break;
	case 3: o = PMD * rnd(H.size / PMD); break;
	case 4: o = PMD * rnd(H.size / PMD) + PG * (1 + rnd(8)); break;
	case 5: o = BIG > 2 * PMD ? BIG - PMD * (1 + rnd(2)) : 0; break;
	default: o = PG * rnd(H.size / PG);
	}
	if (o > max)
		o = max & ~(PG - 1);
	return o;
}

/* a range starting in VMA v: [*a, *b) with interesting alignment, ours only */
static void pick_range(const struct vm *v, u64 *a, u64 *b)
{
	u64 len = v->e - v->s, x, y;

	switch (rnd(6)) {
	case 0: x = 0; break;
	case 1: x = (rnd(len / PMD + 1) * PMD); break;
	case 2: x = (rnd(len / PMD + 1) * PMD) + PG * (1 + rnd(4)); break;
	case 3: x = ((H.base + v->off + PMD - 1) & ~(PMD - 1)) - (H.base + v->off); break;
	default: x = rnd(len / PG) * PG;
	}
	if (x >= len)
		x = rnd(len / PG) * PG;
	*a = v->s + x;
	switch (rnd(6)) {
	case 0: y = v->e; break;
	case 1: y = *a + PG * (1 + rnd(8)); break;
	case 2: y = *a + PMD * (1 + rnd(2)); break;
	case 3: y = (v->e - PG * rnd(4)); break;
	case 4: y = v->e + (rnd(3) + 1) * PMD * (1 + rnd(512)); break;	/* across gaps/VMAs */
	default: y = *a + PG * (1 + rnd((len - x) / PG + 1));
	}
	if (y <= *a)
		y = *a + PG;
	*b = clip_ours(*a, y);
	if (*b <= *a)
		*b = *a + PG <= v->e ? *a + PG : v->e;
}

static const struct vm *pick_vma(int need_prot)
{
	int i, tries;

	for (tries = 0; tries < 16 && NV; tries++) {
		i = (int)rnd((u64)NV);
		if ((V[i].prot & need_prot) == need_prot)
			return &V[i];
	}
	return NULL;
}

/* the whole VMA one time in @n, else a random range of it (pick_range) */
static void pick_whole_or_range(const struct vm *v, u64 n, u64 *a, u64 *e)
{
	if (rnd(n) == 0) {
		*a = v->s;
		*e = v->e;
	} else {
		pick_range(v, a, e);
	}
}

/* ---- operations ---- */
static int rmap_prot(void)
{
	return rnd(3) ? PROT_READ | PROT_WRITE : PROT_READ;
}

static int mprot(int p)
{
	return (p & PROT_READ ? PR : 0) | (p & PROT_WRITE ? PW : 0);
}

static void op_mmap(void)
{
	struct snap b;
	struct counts c0;
	u64 len = pick_len(), off, hint = 0, rlen, al = 0;
	int prot = rmap_prot(), flags = MAP_SHARED, kind = (int)rnd(10), err, beyond = 0, hint_free, refused;
	const char *ph = "";
	char *p;

	if (len > H.size)
		len = H.size;
	off = pick_off(len);
	if (!rnd(30)) {
		beyond = 1;
		off = rnd(2) ? H.size - PG * rnd(3) : H.size + PMD * rnd(3);
		if (len < 2 * PG || off + len <= H.size)
			len = 4 * PG + (H.size > off ? H.size - off : 0);
	}
	if (rnd(8) == 0 && len > PG)
		len -= PG - 1 - rnd(PG - 1);		/* unaligned length */
	rlen = (len + PG - 1) & ~(PG - 1);
	if (kind <= 2) {
		/* no hint */
	} else if (kind <= 4) {
		al = pick_align();
		hint = free_addr(rlen, al, pick_phase(off, al, &ph));
	} else if (kind <= 6) {
		al = pick_align();
		hint = free_addr(rlen, al, pick_phase(off, al, &ph));
		flags |= MAP_FIXED;
	} else if (NV) {
		/* MAP_FIXED over our own mappings */
		const struct vm *v = &V[rnd((u64)NV)];
		u64 x = rnd(3) ? (rnd((v->e - v->s) / PMD + 1) * PMD) : rnd((v->e - v->s) / PG) * PG;

		hint = v->s + (x < v->e - v->s ? x : 0);
		if (!ours_only(hint, hint + rlen))
			hint = v->s;
		if (!ours_only(hint, hint + rlen)) {
			al = PMD;
			hint = free_addr(rlen, al, pick_phase(off, al, &ph));
		} else {
			ph = "over-own";
		}
		flags |= MAP_FIXED;
	}
	if (!rnd(40))
		flags = (flags & ~MAP_SHARED) | MAP_PRIVATE;
	/* pages mode: MAP_POPULATE faults the whole mapping in (PFN mode skips VM_PFNMAP) */
	if (PAGES && !rnd(8))
		flags |= MAP_POPULATE;
	begin(flags & MAP_POPULATE ? "mmap-populate" : "mmap",
	      "(hint 0x%llx%s%s, len 0x%llx, %s, %s%s%s, off 0x%llx)", (ull)hint,
	      al ? " " : "", ph, (ull)len, prot & PROT_WRITE ? "RW" : "R",
	      flags & MAP_PRIVATE ? "PRIVATE" : "SHARED", flags & MAP_FIXED ? "|FIXED" : "",
	      flags & MAP_POPULATE ? "|POPULATE" : "", (ull)off);
	snap(&b);
	hint_free = hint && ours_only(hint, hint + rlen) && !any_vma(hint, hint + rlen);
	refused = (flags & MAP_FIXED) && (cut_refused(hint) || cut_refused(hint + rlen));
	if (flags & MAP_POPULATE)
		stats_read(&H, &c0);
	p = mmap((void *)(uintptr_t)hint, len, prot, flags, H.fd, (off_t)off);
	err = p == MAP_FAILED ? errno : 0;
	if (!err && (flags & MAP_POPULATE))
		expect_populate_counts((u64)(uintptr_t)p, rlen, off, &c0);
	if (refused) {
		/* the unmap of the old range fails first (mmap_region: ENOMEM) */
		want(err, 2, ENOMEM, EINVAL);
	} else if ((flags & MAP_PRIVATE) && (prot & PROT_WRITE)) {
		/* a private writable mapping is charged first (overcommit): ENOMEM if large */
		want(err, 2, EINVAL, ENOMEM);
	} else if (flags & MAP_PRIVATE) {
		want(err, 1, EINVAL);
	} else if (beyond) {
		want(err, 1, ENXIO);
	} else {
		want(err, 1, 0);
	}
	maps_read();
	if (err && (flags & MAP_FIXED) && !refused) {
		/*
		 * MAP_FIXED unmaps the old range before ->mmap refuses: the kernel
		 * cannot restore cleared entries, so that range may be gone.
		 */
		model_cmp(b.v, b.n, hint, hint + rlen, IN_SAME_OR_UNMAPPED, 0, 0, 0);
	} else if (err) {
		model_cmp(b.v, b.n, 0, 0, IN_SAME, 0, 0, 0);
	} else {
		u64 a = (u64)(uintptr_t)p, sz;

		if ((flags & MAP_FIXED) || hint_free) {
			if (a != hint)
				sfail("mmap returned 0x%llx, asked for 0x%llx", (ull)a, (ull)hint);
		} else if ((sz = mapping_align(off, rlen)) && ((a - (H.base + off)) & (sz - 1))) {
			char sb[24];

			sfail("mmap returned 0x%llx: not in phase with physical 0x%llx for %s entries",
			      (ull)a, (ull)(H.base + off), fmt_size(sz, sb, sizeof(sb)));
		}
		expect_vma(a, rlen, off, mprot(prot));
		model_cmp(b.v, b.n, a, a + rlen, IN_SKIP, 0, 0, 0);
		snprintf(OPD + strlen(OPD), sizeof(OPD) - strlen(OPD), " = 0x%llx", (ull)a);
		snprintf(RING[OPN % 24], sizeof(RING[0]), "#%lld%s %s", OPN, IN_CHILD ? " (child)" : "", OPD);
		if (flags & MAP_POPULATE)
			expect_populated(a, a + rlen, "after MAP_POPULATE");
	}
	post();
}

static void op_munmap(void)
{
	struct snap b;
	const struct vm *v = pick_vma(0);
	u64 a, e;
	int err, exp;

	if (!v)
		return;
	pick_whole_or_range(v, 4, &a, &e);
	begin("munmap", "(0x%llx, 0x%llx) [vma 0x%llx-0x%llx off 0x%llx]", (ull)a, (ull)(e - a),
	      (ull)v->s, (ull)v->e, (ull)v->off);
	exp = cut_refused(a) || cut_refused(e) ? EINVAL : 0;
	snap(&b);
	err = munmap((void *)(uintptr_t)a, e - a) ? errno : 0;
	want(err, 1, exp);
	maps_read();
	if (err)
		model_cmp(b.v, b.n, 0, 0, IN_SAME, 0, 0, 0);
	else
		model_cmp(b.v, b.n, a, e, IN_UNMAPPED, 0, 0, 0);
	post();
}

static void op_mprotect(void)
{
	struct snap b;
	const struct vm *v = pick_vma(0);
	u64 a, e, cur;
	int prot = rnd(2) ? PROT_READ : PROT_READ | PROT_WRITE, err, exp = 0, veto = 0, i;

	if (!v)
		return;
	pick_whole_or_range(v, 3, &a, &e);
	/* prediction: VMA by VMA, hook then split, stop at the first error or hole */
	cur = a;
	while (cur < e) {
		i = vfind(V, NV, cur);
		if (i < 0) {
			exp = ENOMEM;
			break;
		}
		if (V[i].prot != mprot(prot)) {
			if (VETO_POSSIBLE && may_hold_pud(&V[i], cur, e < V[i].e ? e : V[i].e))
				veto = 1;
			if (split_refused(&V[i], a) || split_refused(&V[i], e)) {
				exp = EINVAL;
				break;
			}
		}
		cur = V[i].e;
	}
	begin("mprotect", "(0x%llx, 0x%llx, %s) [vma 0x%llx-0x%llx off 0x%llx]%s", (ull)a, (ull)(e - a),
	      prot & PROT_WRITE ? "RW" : "R", (ull)v->s, (ull)v->e, (ull)v->off,
	      veto ? " pud-veto-possible" : "");
	snap(&b);
	err = mprotect((void *)(uintptr_t)a, e - a, prot) ? errno : 0;
	if (veto && !STRICT_PUD_MPROTECT && err == EINVAL && exp != EINVAL)
		CUR_OP = "mprotect-pud-veto";
	if (veto && !STRICT_PUD_MPROTECT)
		want(err, 2, exp, EINVAL);
	else
		want(err, 1, exp);
	maps_read();
	if (err)
		model_cmp(b.v, b.n, a, e, IN_SAMEMAP, 0, 0, 0);
	else
		model_cmp(b.v, b.n, a, e, IN_PROT, mprot(prot), 0, 0);
	post();
}

/* mremap: the several forms */
static void op_mremap(void)
{
	struct snap b;
	const struct vm *v = pick_vma(0);
	u64 a, ol, nl, d = 0, al = 0, vend;
	int kind = (int)rnd(12), flags = 0, err, exp = 0, split_only = 0, i;
	const char *ph = "", *name;
	char alb[24];
	void *r;

	if (!v)
		return;
	/* source: the whole VMA or a part of it */
	if (rnd(3) == 0) {
		a = v->s;
		ol = v->e - v->s;
	} else {
		u64 e;

		pick_range(v, &a, &e);
		if (e > v->e)
			e = v->e;
		if (e <= a) {
			a = v->s;
			e = v->e;
		}
		ol = e - a;
	}
	vend = v->e;
	if (kind <= 5) {
		/* move with MREMAP_FIXED, in or out of phase, maybe shrinking */
		name = "mremap-move";
		nl = rnd(4) ? ol : ol - PG * rnd(ol / PG);
		if (!nl)
			nl = ol;
		flags = MREMAP_MAYMOVE | MREMAP_FIXED;
		if (rnd(5) == 0 && NV > 1) {
			const struct vm *w = &V[rnd((u64)NV)];

			d = w->s + (rnd(2) ? 0 : rnd((w->e - w->s) / PG) * PG);
			ph = "over-own";
			if (!ours_only(d, d + nl) || (d < a + ol && a < d + nl))
				d = 0;
		}
		if (!d) {
			al = pick_align();
			switch (rnd(4)) {
			case 0: case 1: ph = "in-phase"; d = free_addr(nl, al, (a & (al - 1))); break;
			case 2: ph = "+pmd"; d = free_addr(nl, al, (a + PMD) & (al - 1)); break;
			default: ph = "+page"; d = free_addr(nl, al, (a + PG) & (al - 1)); break;
			}
		}
		/* prediction, in the kernel's order (mremap_to) */
		if (d < a + ol && a < d + nl)
			exp = EINVAL;
		else if (cut_refused(d) || cut_refused(d + nl))
			exp = EINVAL;
		else if (ol > nl && (cut_refused(a + nl) || cut_refused(a + ol)))
			exp = EINVAL;
		else if (split_refused(v, a) || split_refused(v, a + nl))
			exp = split_only = EINVAL;
		if (!strcmp(ph, "in-phase") && al > PG)
			name = al <= PMD ? "mremap-move-inphase-pmd" :
			       NHS && HS[0] > PMD ? "mremap-move-inphase-pud" : "mremap-move-inphase-1g";
		else if (!strcmp(ph, "over-own"))
			name = "mremap-move-over-own";
		else
			name = "mremap-move-outphase";
	} else if (kind <= 7) {
		name = "mremap-shrink";
		if (ol <= PG)
			return;
		nl = ol - PG * (1 + rnd(ol / PG - 1));
		flags = rnd(2) ? MREMAP_MAYMOVE : 0;
		exp = cut_refused(a + nl) || cut_refused(a + ol) ? EINVAL : 0;
	} else if (kind == 8) {
		name = "mremap-grow";
		nl = ol + PG * (1 + rnd(PMD / PG));
		flags = rnd(2) ? MREMAP_MAYMOVE : 0;
		if (!rnd(4))
			ol = 0;
		exp = EFAULT;
		if (!ol && flags)
			name = "mremap-dup";
	} else if (kind == 9) {
		name = "mremap-same";
		nl = ol;
		flags = rnd(2) ? MREMAP_MAYMOVE : 0;
		exp = 0;
	} else if (kind == 10) {
		name = "mremap-dontunmap";
		nl = ol;
		flags = MREMAP_MAYMOVE | MREMAP_DONTUNMAP | (rnd(2) ? MREMAP_FIXED : 0);
		d = free_addr(nl, PMD, a & (PMD - 1));
		if (!(flags & MREMAP_FIXED))
			d = 0;
		exp = EINVAL;
	} else {
		name = "mremap-fixed-nomaymove";
		nl = ol;
		flags = MREMAP_FIXED;
		d = free_addr(nl, PMD, a & (PMD - 1));
		exp = EINVAL;
	}
	begin(name, "(0x%llx, 0x%llx, 0x%llx, %s%s%s, 0x%llx %s%s%s) [vma 0x%llx-0x%llx off 0x%llx]",
	      (ull)a, (ull)ol, (ull)nl, flags & MREMAP_MAYMOVE ? "MAYMOVE" : "0",
	      flags & MREMAP_FIXED ? "|FIXED" : "", flags & MREMAP_DONTUNMAP ? "|DONTUNMAP" : "",
	      (ull)d, al ? fmt_size(al, alb, sizeof(alb)) : "", al ? " " : "", ph, (ull)v->s, (ull)vend,
	      (ull)v->off);
	snap(&b);
	r = mremap((void *)(uintptr_t)a, ol, nl, flags, (void *)(uintptr_t)d);
	err = r == MAP_FAILED ? errno : 0;
	if (split_only && MREMAP_KEEPS_SOURCE && !err) {
		/*
		 * moved, the source's refused split left it mapped: both map the
		 * offsets; a shrinking move has already cut the source's tail off
		 */
		u64 off = b.v[vfind(b.v, b.n, a)].off + (a - b.v[vfind(b.v, b.n, a)].s);
		int prot = b.v[vfind(b.v, b.n, a)].prot;

		stat_rec(CUR_OP, 0);
		maps_read();
		if ((u64)(uintptr_t)r != d)
			sfail("mremap returned %p, asked for 0x%llx", r, (ull)d);
		expect_vma(d, nl, off, prot);
		model_cmp(b.v, b.n, ol > nl ? a + nl : 0, ol > nl ? a + ol : 0, IN_UNMAPPED, 0,
			  d, d + nl);
		post();
		return;
	}
	want(err, 1, exp);
	maps_read();
	if (!err && (flags & MREMAP_FIXED)) {
		u64 off = b.v[vfind(b.v, b.n, a)].off + (a - b.v[vfind(b.v, b.n, a)].s);
		int prot = b.v[vfind(b.v, b.n, a)].prot;

		if ((u64)(uintptr_t)r != d)
			sfail("mremap returned %p, asked for 0x%llx", r, (ull)d);
		expect_vma(d, nl, off, prot);
		model_cmp(b.v, b.n, a, a + ol, IN_UNMAPPED, 0, d, d + nl);
	} else if (!err) {
		if ((u64)(uintptr_t)r != a)
			sfail("mremap returned %p, expected the old address", r);
		model_cmp(b.v, b.n, a + nl, a + ol, IN_UNMAPPED, 0, 0, 0);
	} else {
		/* the destination may have been unmapped before the failure; the source stays */
		i = flags & MREMAP_FIXED;
		model_cmp(b.v, b.n, i ? d : 0, i ? d + nl : 0, IN_SKIP, 0,
			  ol > nl ? a + nl : 0, ol > nl ? a + ol : 0);
	}
	post();
}

/*
 * pcls: pages mode (VM_MIXEDMAP | VM_DONTEXPAND | VM_DONTDUMP | VM_HUGEPAGE,
 * shared, a DAX f_mapping, never VM_LOCKED), from mm/madvise.c of 5.10,
 * 6.1 and 6.12: an advice this kernel does not know is EINVAL (ADV_KNOWN,
 * probed on an unmapped page at the start: ENOMEM = known).
 *  PC_FLAG    flag change as cls 0; DOFORK too: its VM_IO refusal does not apply
 *             (7.x refuses every VM_SPECIAL VMA: DOFORK_SPECIAL, probed)
 *  PC_OK      0 (ENOMEM with a hole): WILLNEED (fadvise on a char device or
 *             DAX: no-op), COLD/PAGEOUT (can_madv_lru_vma: no VM_PFNMAP,
 *             VM_LOCKED, hugetlb), MERGEABLE/UNMERGEABLE (ksm_madvise leaves
 *             shared/VM_MIXEDMAP VMAs alone)
 *  PC_ZAP     DONTNEED, DONTNEED_LOCKED (5.18+): allowed without VM_PFNMAP,
 *             the range's entries are zapped (whole huge entries), data stays
 *  PC_EINVAL  FREE (anonymous only), DODUMP (VM_SPECIAL), WIPEONFORK (file),
 *             COLLAPSE (khugepaged never collapses DAX), GUARD_* (VM_SPECIAL)
 *  PC_POP     POPULATE_READ/WRITE (5.14+): GUP populates; WRITE of a
 *             read-only VMA EINVAL.  5.14-6.8 walk the VMAs (the first
 *             refusal stops, holes give ENOMEM at the end), 6.9+ one GUP
 *             walk from the start that stops at the first hole (ENOMEM) or
 *             refused VMA (EINVAL)
 *  PC_REMOVE  vfs_fallocate on a char device: ENODEV; EACCES first for a
 *             VMA without VM_WRITE where madvise_remove() still checks
 *             VM_SHARED|VM_WRITE: 6.7 (and the stable kernels that took
 *             "mm: drop the assumption that VM_SHARED always implies
 *             writable", Debian 6.1 among them) check
 *             vma_is_shared_maywrite(), true here (the fd is O_RDWR).
 *             REMOVE_MAYWRITE says which: probed on a read-only shared
 *             mapping of a memfd at the start
 */
static int REMOVE_MAYWRITE;
/*
 * DOFORK_SPECIAL: MADV_DOFORK refuses every VM_SPECIAL VMA (VM_DONTEXPAND
 * included: 7.x), not only VM_IO (up to 6.12); probed on one page of the
 * device at the start.
 */
static int DOFORK_SPECIAL;

static void probe_dofork(void)
{
	void *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, H.fd, 0);

	if (p == MAP_FAILED)
		hm_fail("probe: mmap of one page of %s: %s", H.dev, errname(errno));
	DOFORK_SPECIAL = madvise(p, PG, MADV_DOFORK) != 0;
	if (DOFORK_SPECIAL && errno != EINVAL)
		hm_fail("probe: MADV_DOFORK of one page: %s", errname(errno));
	munmap(p, PG);
}

static void probe_remove(void)
{
	int fd = -1;
	void *p;

#ifdef SYS_memfd_create
	fd = (int)syscall(SYS_memfd_create, "hm-stress-probe", 0);
#endif
	if (fd < 0 || ftruncate(fd, (off_t)PG)) {
		REMOVE_MAYWRITE = KVER >= 607;
		if (fd >= 0)
			close(fd);
		return;
	}
	p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED)
		hm_fail("probe: mmap of a memfd: %s", errname(errno));
	/* shmem punches the hole (0) where VM_MAYWRITE is enough, else EACCES */
	REMOVE_MAYWRITE = !madvise(p, PG, MADV_REMOVE);
	if (!REMOVE_MAYWRITE && errno != EACCES)
		hm_fail("probe: MADV_REMOVE of a read-only memfd mapping: %s", errname(errno));
	munmap(p, PG);
	close(fd);
}
enum { PC_FLAG, PC_OK, PC_ZAP, PC_EINVAL, PC_POP, PC_REMOVE };
static const struct { int adv; const char *name; int cls, pcls; } ADV[] = {
	/* cls 0: flag change, may split (EINVAL where the split is refused) */
	{ MADV_NORMAL, "normal", 0, PC_FLAG }, { MADV_RANDOM, "random", 0, PC_FLAG },
	{ MADV_SEQUENTIAL, "sequential", 0, PC_FLAG }, { MADV_HUGEPAGE, "hugepage", 0, PC_FLAG },
	{ MADV_NOHUGEPAGE, "nohugepage", 0, PC_FLAG }, { MADV_DONTFORK, "dontfork", 0, PC_FLAG },
	{ MADV_KEEPONFORK, "keeponfork", 0, PC_FLAG }, { MADV_DONTDUMP, "dontdump", 0, PC_FLAG },
	/* cls 5: WILLNEED: fadvise is a no-op on a char device (or DAX): 0 */
	{ MADV_WILLNEED, "willneed", 5, PC_OK },
	/* cls 1: refused on VM_PFNMAP / VM_IO / shared file mappings: EINVAL */
	{ MADV_DONTNEED, "dontneed", 1, PC_ZAP }, { MADV_FREE, "free", 1, PC_EINVAL },
	{ MADV_COLD, "cold", 1, PC_OK }, { MADV_PAGEOUT, "pageout", 1, PC_OK },
	{ MADV_DODUMP, "dodump", 1, PC_EINVAL }, { MADV_WIPEONFORK, "wipeonfork", 1, PC_EINVAL },
	{ MADV_DOFORK, "dofork", 1, PC_FLAG }, { MADV_COLLAPSE, "collapse", 1, PC_EINVAL },
	{ MADV_DONTNEED_LOCKED, "dontneed_locked", 1, PC_ZAP },
	{ MADV_GUARD_INSTALL, "guard_install", 1, PC_EINVAL },
	{ MADV_GUARD_REMOVE, "guard_remove", 1, PC_EINVAL },
	/* cls 2: GUP populate: EINVAL or EFAULT */
	{ MADV_POPULATE_READ, "populate_read", 2, PC_POP },
	{ MADV_POPULATE_WRITE, "populate_write", 2, PC_POP },
	/* cls 3: MADV_REMOVE: no fallocate on a char device */
	{ MADV_REMOVE, "remove", 3, PC_REMOVE },
	/* cls 4: KSM: no-op on VM_PFNMAP, EINVAL without CONFIG_KSM */
	{ MADV_MERGEABLE, "mergeable", 4, PC_OK }, { MADV_UNMERGEABLE, "unmergeable", 4, PC_OK },
};
#define NADV ((int)(sizeof(ADV) / sizeof(ADV[0])))
static int ADV_KNOWN[NADV];

/* a VMA piece or a hole of a range, in address order */
struct piece { u64 s, e; int prot, hole; };

static int pieces(u64 a, u64 e, struct piece *p, int max)
{
	u64 cur = a;
	int n = 0, i;

	while (cur < e && n < max) {
		i = vfind(V, NV, cur);
		if (i >= 0) {
			p[n].s = cur;
			p[n].e = V[i].e < e ? V[i].e : e;
			p[n].prot = V[i].prot;
			p[n].hole = 0;
		} else {
			u64 nx = e;
			int j;

			for (j = 0; j < NV; j++)
				if (V[j].s > cur && V[j].s < nx)
					nx = V[j].s;
			p[n].s = cur;
			p[n].e = nx;
			p[n].prot = 0;
			p[n].hole = 1;
		}
		cur = p[n++].e;
	}
	return n;
}

/*
 * Pages mode: the errno madvise(k) on [a, e) must give (-1: 0/ENOMEM or
 * EINVAL, a flag change whose split may be refused), and what it does:
 * the ranges populated (pop, npop) and a page zapped (zap, 0 if none).
 */
static int madv_pages(int k, u64 a, u64 e, int hole, int refused, u64 (*pop)[2], int *npop, u64 *zap)
{
	static struct piece p[2 * MAXV + 2];
	int np = pieces(a, e, p, 2 * MAXV + 2), i, ok0 = hole ? ENOMEM : 0;
	int write = ADV[k].adv == MADV_POPULATE_WRITE;

	*npop = 0;
	*zap = 0;
	if (!ADV_KNOWN[k])
		return EINVAL;
	switch (ADV[k].pcls) {
	case PC_FLAG:
		if (ADV[k].adv == MADV_DOFORK && DOFORK_SPECIAL)
			return EINVAL;
		return refused ? -1 : ok0;
	case PC_OK:
		return ok0;
	case PC_ZAP:
		*zap = a;
		return ok0;
	case PC_REMOVE:
		for (i = 0; i < np && p[i].hole; i++)
			;
		return REMOVE_MAYWRITE || (i < np && (p[i].prot & PW)) ? ENODEV : EACCES;
	case PC_POP:
		for (i = 0; i < np; i++) {
			if (p[i].hole) {
				if (KVER >= 609)
					return ENOMEM;
				continue;
			}
			if (write && !(p[i].prot & PW))
				return EINVAL;
			pop[*npop][0] = p[i].s;
			pop[*npop][1] = p[i].e;
			(*npop)++;
		}
		return ok0;
	default:
		return EINVAL;
	}
}

static void op_madvise(void)
{
	static char nm[40];
	static u64 pop[2 * MAXV + 2][2];
	struct snap b;
	const struct vm *v = pick_vma(0);
	u64 a, e, zap = 0;
	int k = (int)rnd(sizeof(ADV) / sizeof(ADV[0])), err, hole, any, refused, npop = 0, i;

	if (!v)
		return;
	pick_whole_or_range(v, 3, &a, &e);
	snprintf(nm, sizeof(nm), "madvise-%s", ADV[k].name);
	begin(nm, "(0x%llx, 0x%llx) [vma 0x%llx-0x%llx off 0x%llx]", (ull)a, (ull)(e - a),
	      (ull)v->s, (ull)v->e, (ull)v->off);
	hole = has_hole(a, e);
	any = any_vma(a, e);
	refused = cut_refused(a) || cut_refused(e);
	snap(&b);
	err = madvise((void *)(uintptr_t)a, e - a, ADV[k].adv) ? errno : 0;
	if (!any) {
		want(err, 2, ENOMEM, EINVAL);
	} else if (PAGES) {
		int exp = madv_pages(k, a, e, hole, refused, pop, &npop, &zap);

		if (exp < 0)
			want(err, 2, hole ? ENOMEM : 0, EINVAL);
		else
			want(err, 1, exp);
	} else {
		int ok0 = hole ? ENOMEM : 0;

		switch (ADV[k].cls) {
		case 0:
			if (refused)
				want(err, 2, ok0, EINVAL);
			else
				want(err, 1, ok0);
			break;
		case 1:
			want(err, 1, EINVAL);
			break;
		case 2:
			want(err, 2, EINVAL, EFAULT);
			break;
		case 3:
			want(err, 4, EINVAL, EACCES, ENODEV, EOPNOTSUPP);
			break;
		case 5:
			want(err, 1, ok0);
			break;
		default:
			want(err, 2, ok0, EINVAL);
		}
	}
	maps_read();
	model_cmp(b.v, b.n, 0, 0, IN_SAME, 0, 0, 0);
	for (i = 0; i < npop; i++)
		expect_populated(pop[i][0], pop[i][1], "after MADV_POPULATE");
	if (zap)
		expect_zapped(zap, "after MADV_DONTNEED");
	post();
}

static void op_mlock(void)
{
	struct snap b;
	const struct vm *v = pick_vma(0);
	u64 a, e;
	int k = (int)rnd(5), err, exp;
	static const char *const names[] = { "mlock", "munlock", "mlock2-onfault", "mlockall", "munlockall" };

	if (!v)
		return;
	pick_range(v, &a, &e);
	begin(names[k], "(0x%llx, 0x%llx)", (ull)a, (ull)(e - a));
	exp = has_hole(a, e) ? ENOMEM : 0;
	snap(&b);
	switch (k) {
	case 0: err = mlock((void *)(uintptr_t)a, e - a) ? errno : 0; break;
	case 1: err = munlock((void *)(uintptr_t)a, e - a) ? errno : 0; break;
#ifdef SYS_mlock2
	case 2: err = syscall(SYS_mlock2, (void *)(uintptr_t)a, e - a, MLOCK_ONFAULT) ? errno : 0; break;
#else
	case 2: err = mlock((void *)(uintptr_t)a, e - a) ? errno : 0; break;
#endif
	case 3:
		err = mlockall(MCL_CURRENT) ? errno : 0;
		exp = 0;
		if (munlockall())
			sfail("munlockall after mlockall: %s", errname(errno));
		break;
	default: err = munlockall() ? errno : 0; exp = 0; break;
	}
	want(err, 1, exp);
	maps_read();
	model_cmp(b.v, b.n, 0, 0, IN_SAME, 0, 0, 0);
	/*
	 * pages mode: VM_MIXEDMAP is VM_SPECIAL, so mlock_fixup() sets neither
	 * VM_LOCKED nor VM_LOCKONFAULT, but do_mlock() still calls
	 * __mm_populate(), which only skips VM_IO/VM_PFNMAP: mlock and
	 * mlock2(ONFAULT) fault the range in (after a hole apply_vma_lock_flags()
	 * fails first), mlockall(MCL_CURRENT) every mapping.
	 */
	if (PAGES && !err && (k == 0 || k == 2))
		expect_populated(a, e, "after mlock");
	if (PAGES && !err && k == 3) {
		int i;

		for (i = 0; i < NV; i++)
			expect_populated(V[i].s, V[i].e, "after mlockall");
	}
	post();
}

static void op_msync(void)
{
	static const int fl[] = { MS_ASYNC, MS_SYNC, MS_INVALIDATE, MS_ASYNC | MS_INVALIDATE,
				  MS_SYNC | MS_INVALIDATE };
	static const char *const fn[] = { "ASYNC", "SYNC", "INVALIDATE", "ASYNC|INVALIDATE",
					   "SYNC|INVALIDATE" };
	const struct vm *v = pick_vma(0);
	u64 a, e;
	int k = (int)rnd(5), err;

	if (!v)
		return;
	pick_range(v, &a, &e);
	begin("msync", "(0x%llx, 0x%llx, %s)", (ull)a, (ull)(e - a), fn[k]);
	err = msync((void *)(uintptr_t)a, e - a, fl[k]) ? errno : 0;
	/* no ->fsync on a char device: MS_SYNC fails with EINVAL at the first VMA */
	if (!any_vma(a, e))
		want(err, 1, ENOMEM);
	else if (fl[k] & MS_SYNC)
		want(err, 1, EINVAL);
	else
		want(err, 1, has_hole(a, e) ? ENOMEM : 0);
	post();
}

/* write pages through the mapping */
static void op_write(void)
{
	const struct vm *v = pick_vma(PR | PW);
	u64 n, i, k0, gen = rnd64() | 1, np;
	int contig = (int)rnd(2), s;

	if (!v)
		return;
	np = vpages(v);
	n = 1 + rnd(16);
	k0 = rnd(np);
	begin("write", "(vma 0x%llx-0x%llx off 0x%llx, %llu pages %s from +0x%llx, gen %llx)",
	      (ull)v->s, (ull)v->e, (ull)v->off, (ull)n, contig ? "contiguous" : "spread",
	      (ull)(k0 * PG), (ull)gen);
	for (i = 0; i < n; i++) {
		u64 k = contig ? (k0 + i) % np : rnd(np);

		s = wpage(v->s + k * PG, vpg(v, k), gen);
		if (s)
			sfail("%s at 0x%llx writing +0x%llx", signame(s), (ull)TSIGADDR, (ull)(k * PG));
	}
	stat_rec(CUR_OP, 0);
	post();
}

static void op_read(void)
{
	const struct vm *v = pick_vma(PR);
	u64 i, n = 1 + rnd(32), np, k0;

	if (!v)
		return;
	np = vpages(v);
	k0 = rnd(np);
	begin("read", "(vma 0x%llx-0x%llx off 0x%llx, %llu pages from +0x%llx)", (ull)v->s, (ull)v->e,
	      (ull)v->off, (ull)n, (ull)(k0 * PG));
	for (i = 0; i < n; i++) {
		u64 k = rnd(2) ? (k0 + i) % np : rnd(np);

		vpage_or_fail(v->s + k * PG, vpg(v, k), "read");
	}
	stat_rec(CUR_OP, 0);
	post();
}

/* deliberate bad accesses: write to a read-only page, touch a hole */
static void op_badaccess(void)
{
	const struct vm *v = pick_vma(PR);
	sigjmp_buf jb;
	volatile u64 a;
	u64 k, pg, before = 0;
	int wr;

	if (!v)
		return;
	k = rnd(vpages(v));
	pg = vpg(v, k);
	if (!(v->prot & PW)) {
		a = v->s + k * PG;
		wr = 1;
		before = *(volatile u64 *)(uintptr_t)a;
	} else if (ours_only(v->e, v->e + PG) && !any_vma(v->e, v->e + PG)) {
		a = v->e;
		wr = 0;
	} else {
		return;
	}
	begin(wr ? "bad-write-ro" : "bad-read-hole", "(0x%llx)", (ull)a);
	TSIG = 0;
	if (!sigsetjmp(jb, 1)) {
		TJB = &jb;
		if (wr)
			*(volatile u64 *)(uintptr_t)a = ~before;
		else
			(void)*(volatile u64 *)(uintptr_t)a;
	}
	TJB = NULL;
	if (TSIG != SIGSEGV)
		sfail("expected SIGSEGV, got %s", TSIG ? signame(TSIG) : "no signal");
	stat_rec(CUR_OP, 0);
	if (wr)
		vpage_or_fail(v->s + k * PG, pg, "after the refused write");
	post();
}

static unsigned char *xbuf(u64 len)
{
	static unsigned char *buf;
	static u64 have;

	if (len > have) {
		free(buf);
		buf = malloc(len);
		if (!buf)
			sfail("malloc %llu", (ull)len);
		have = len;
	}
	return buf;
}

static void op_pread(void)
{
	u64 off, len;
	ssize_t r;
	long long bad;
	unsigned char *buf;
	int kind = (int)rnd(6);

	if (kind == 5 && NV) {
		/* pread into a mapping: the device copies into its own pages */
		const struct vm *v = pick_vma(PR);
		u64 n, k, src, i;

		if (!v)
			return;
		n = 1 + rnd(8);
		if (n > vpages(v))
			n = vpages(v);
		k = rnd(vpages(v) - n + 1);
		src = rnd(NPG - n);
		if (src + n > vpg(v, k) && vpg(v, k) + n > src)
			return;		/* overlapping copy */
		begin("pread-into-map", "(fd, 0x%llx (vma+0x%llx %s), 0x%llx, off 0x%llx)",
		      (ull)(v->s + k * PG), (ull)(k * PG), v->prot & PW ? "RW" : "R", (ull)(n * PG),
		      (ull)(src * PG));
		r = pread(H.fd, (void *)(uintptr_t)(v->s + k * PG), n * PG, (off_t)(src * PG));
		if (!(v->prot & PW)) {
			want(r < 0 ? errno : 0, 1, EFAULT);
		} else {
			want(r < 0 ? errno : 0, 1, 0);
			if ((u64)r != n * PG)
				sfail("short pread: %zd", r);
			for (i = 0; i < n; i++)
				SH[vpg(v, k) + i] = SH[src + i];
			for (i = 0; i < n; i++)
				vpage_or_fail(v->s + (k + i) * PG, vpg(v, k) + i, "after pread-into-map");
		}
		post();
		return;
	}
	off = kind == 4 ? H.size - rnd(3 * PG) : rnd(H.size);
	len = 1 + rnd(kind == 3 ? 256 * 1024 : 3 * PG);
	buf = xbuf(len);
	begin("pread", "(fd, buf, 0x%llx, off 0x%llx)", (ull)len, (ull)off);
	r = pread(H.fd, buf, len, (off_t)off);
	want(r < 0 ? errno : 0, 1, 0);
	{
		u64 expn = off >= H.size ? 0 : (H.size - off < len ? H.size - off : len);

		if ((u64)r != expn)
			sfail("pread returned %zd, expected %llu", r, (ull)expn);
	}
	bad = cmp_region(buf, off, (u64)r);
	if (bad >= 0)
		sfail("pread data differs from the shadow at region offset 0x%llx", (ull)(off + (u64)bad));
	post();
}

static void op_pwrite(void)
{
	u64 n = 1 + rnd(16), pg, i, gen = rnd64() | 1;
	unsigned char *buf;
	ssize_t r;
	int kind = (int)rnd(5);

	if (kind == 4 && NV) {
		/* pwrite from a mapping: device page to device page */
		const struct vm *v = pick_vma(PR);
		u64 k;

		if (!v)
			return;
		if (n > vpages(v))
			n = vpages(v);
		k = rnd(vpages(v) - n + 1);
		pg = rnd(NPG - n);
		if (pg + n > vpg(v, k) && vpg(v, k) + n > pg)
			return;
		begin("pwrite-from-map", "(fd, 0x%llx (vma+0x%llx), 0x%llx, off 0x%llx)",
		      (ull)(v->s + k * PG), (ull)(k * PG), (ull)(n * PG), (ull)(pg * PG));
		r = pwrite(H.fd, (void *)(uintptr_t)(v->s + k * PG), n * PG, (off_t)(pg * PG));
		want(r < 0 ? errno : 0, 1, 0);
		if ((u64)r != n * PG)
			sfail("short pwrite: %zd", r);
		for (i = 0; i < n; i++)
			SH[pg + i] = SH[vpg(v, k) + i];
		post();
		return;
	}
	if (kind == 3) {
		/* at and past the end */
		pg = NPG - rnd(3);
		begin("pwrite-end", "(fd, buf, 0x%llx, off 0x%llx)", (ull)(n * PG), (ull)(pg * PG));
		buf = xbuf(n * PG);
		for (i = 0; i < n; i++)
			fill_page(buf + i * PG, pg + i, gen);
		r = pwrite(H.fd, buf, n * PG, (off_t)(pg * PG));
		if (pg >= NPG) {
			want(r < 0 ? errno : 0, 1, ENOSPC);
		} else {
			u64 m = NPG - pg < n ? NPG - pg : n;

			want(r < 0 ? errno : 0, 1, 0);
			if ((u64)r != m * PG)
				sfail("pwrite at the end returned %zd, expected %llu", r, (ull)(m * PG));
			for (i = pg; i < pg + m; i++) {
				SH[i].gen = gen;
				SH[i].src = i;
			}
		}
		post();
		return;
	}
	pg = rnd(NPG - n);
	buf = xbuf(n * PG);
	for (i = 0; i < n; i++)
		fill_page(buf + i * PG, pg + i, gen);
	begin("pwrite", "(fd, buf, 0x%llx, off 0x%llx, gen %llx)", (ull)(n * PG), (ull)(pg * PG), (ull)gen);
	r = pwrite(H.fd, buf, n * PG, (off_t)(pg * PG));
	want(r < 0 ? errno : 0, 1, 0);
	if ((u64)r != n * PG)
		sfail("short pwrite: %zd", r);
	for (i = 0; i < n; i++) {
		SH[pg + i].gen = gen;
		SH[pg + i].src = pg + i;
	}
	post();
}

/* /proc/self/mem: vm_ops->access */
static void op_procmem(void)
{
	const struct vm *v = pick_vma(PR);
	u64 k, n, i, gen = rnd64() | 1;
	unsigned char *buf;
	ssize_t r;
	/* pages mode: GUP finds the page, vm_ops->access is not needed */
	int eio = PROCMEM_EIO && !PAGES;

	if (!v)
		return;
	k = rnd(vpages(v));
	if (rnd(2)) {
		u64 in = rnd(PG), len = 1 + rnd(4 * PG);
		long long bad;

		if (v->s + k * PG + in + len > v->e)
			len = v->e - (v->s + k * PG + in);
		buf = xbuf(len);
		begin("procmem-read", "(0x%llx, 0x%llx)", (ull)(v->s + k * PG + in), (ull)len);
		r = pread(MEMFD, buf, len, (off_t)(v->s + k * PG + in));
		if (eio) {
			want(r < 0 ? errno : 0, 1, EIO);
			post();
			return;
		}
		want(r < 0 ? errno : 0, 1, 0);
		if ((u64)r != len)
			sfail("/proc/self/mem read returned %zd of %llu", r, (ull)len);
		bad = cmp_region(buf, v->off + k * PG + in, len);
		if (bad >= 0)
			sfail("/proc/self/mem data differs at region offset 0x%llx",
			      (ull)(v->off + k * PG + in + (u64)bad));
		if (PAGES)
			pins_check("after /proc/self/mem");
		post();
		return;
	}
	n = 1 + rnd(4);
	if (k + n > vpages(v))
		n = vpages(v) - k;
	buf = xbuf(n * PG);
	for (i = 0; i < n; i++)
		fill_page(buf + i * PG, vpg(v, k + i), gen);
	begin("procmem-write", "(0x%llx, 0x%llx, %s vma, gen %llx)", (ull)(v->s + k * PG), (ull)(n * PG),
	      v->prot & PW ? "RW" : "R", (ull)gen);
	r = pwrite(MEMFD, buf, n * PG, (off_t)(v->s + k * PG));
	if (!(v->prot & PW) || eio) {
		want(r < 0 ? errno : 0, 1, EIO);
	} else {
		want(r < 0 ? errno : 0, 1, 0);
		if ((u64)r != n * PG)
			sfail("/proc/self/mem write returned %zd", r);
		for (i = 0; i < n; i++) {
			SH[vpg(v, k + i)].gen = gen;
			SH[vpg(v, k + i)].src = vpg(v, k + i);
		}
	}
	for (i = 0; i < n; i++)
		vpage_or_fail(v->s + (k + i) * PG, vpg(v, k + i), "after /proc/self/mem write");
	if (PAGES)
		pins_check("after /proc/self/mem");
	post();
}

/* pages mode: a page of PG bytes the block device returned matches shadow entry d */
static long long cmp_desc(const unsigned char *buf, struct shp d)
{
	u64 w;

	if (!d.gen)
		return -1;
	for (w = 0; w < PG / 8; w++)
		if (((const u64 *)buf)[w] != pat(d.src * PG + w * 8, d.gen))
			return (long long)(w * 8);
	return -1;
}

/*
 * Page-table walkers that bypass the VMA: EFAULT on PFN mappings.  In pages
 * mode they work and move real data, checked against the shadow; the ones
 * that write the page (process_vm_writev, O_DIRECT read) need a writable
 * VMA (EFAULT otherwise, GUP with FOLL_WRITE).
 */
static void op_walker(void)
{
	const struct vm *v = pick_vma(PR);
	u64 k, a;
	int kind = (int)rnd(11), err = 0;
	long r;

	if (!v)
		return;
	k = rnd(vpages(v));
	a = v->s + k * PG;
	switch (kind) {
	case 0:
		begin("futex-shared-wake", "(0x%llx)", (ull)a);
		r = syscall(SYS_futex, (void *)(uintptr_t)a, FUTEX_WAKE, 1, NULL, NULL, 0);
		want(r < 0 ? errno : 0, 1, PAGES ? 0 : EFAULT);
		if (PAGES && r != 0)
			sfail("FUTEX_WAKE woke %ld waiters, there are none", r);
		break;
	case 1:
		begin("futex-shared-wait", "(0x%llx, mismatching value)", (ull)a);
		r = syscall(SYS_futex, (void *)(uintptr_t)a, FUTEX_WAIT,
			    (int)~*(volatile uint32_t *)(uintptr_t)a, NULL, NULL, 0);
		want(r < 0 ? errno : 0, 1, PAGES ? EAGAIN : EFAULT);
		break;
	case 2:
		begin("futex-private-wake", "(0x%llx)", (ull)a);
		r = syscall(SYS_futex, (void *)(uintptr_t)a, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
		want(r < 0 ? errno : 0, 1, 0);
		break;
	case 3:
		begin("futex-private-wait", "(0x%llx, mismatching value)", (ull)a);
		r = syscall(SYS_futex, (void *)(uintptr_t)a, FUTEX_WAIT | FUTEX_PRIVATE_FLAG,
			    (int)~*(volatile uint32_t *)(uintptr_t)a, NULL, NULL, 0);
		want(r < 0 ? errno : 0, 1, EAGAIN);
		break;
	case 4: {
		int pfd[2];
		struct iovec iov = { (void *)(uintptr_t)a, PG };

		if (pipe(pfd))
			sfail("pipe: %s", errname(errno));
		begin("vmsplice", "(0x%llx, 0x%llx)", (ull)a, (ull)PG);
		r = vmsplice(pfd[1], &iov, 1, SPLICE_F_NONBLOCK);
		err = r < 0 ? errno : 0;
		if (PAGES && !err) {
			unsigned char *buf = xbuf(PG);
			long got = 0, n;

			while (got < (long)PG && (n = read(pfd[0], buf + got, PG - (u64)got)) > 0)
				got += n;
			if (r != (long)PG || got != (long)PG)
				sfail("vmsplice returned %ld, the pipe gave %ld bytes, expected %llu", r, got,
				      (ull)PG);
			if (cmp_region(buf, vpg(v, k) * PG, PG) >= 0)
				sfail("vmsplice: the pipe data differs from the shadow of region page 0x%llx",
				      (ull)(vpg(v, k) * PG));
		}
		close(pfd[0]);
		close(pfd[1]);
		want(err, 1, PAGES ? 0 : EFAULT);
		break;
	}
	case 5: case 6: {
		unsigned char *buf = xbuf(PG);
		struct iovec l = { buf, PG }, rm = { (void *)(uintptr_t)a, PG };
		u64 gen = 0;

		if (kind == 5) {
			begin("process_vm_readv", "(self, remote 0x%llx)", (ull)a);
			r = process_vm_readv(getpid(), &l, 1, &rm, 1, 0);
		} else {
			gen = rnd64() | 1;
			fill_page(buf, vpg(v, k), gen);
			begin("process_vm_writev", "(self, remote 0x%llx %s)", (ull)a, v->prot & PW ? "RW" : "R");
			r = process_vm_writev(getpid(), &l, 1, &rm, 1, 0);
		}
		if (!PAGES || (kind == 6 && !(v->prot & PW))) {
			want(r < 0 ? errno : 0, 1, EFAULT);
			break;
		}
		want(r < 0 ? errno : 0, 1, 0);
		if (r != (long)PG)
			sfail("%s returned %ld, expected %llu", kind == 5 ? "process_vm_readv" : "process_vm_writev",
			      r, (ull)PG);
		if (kind == 5 && cmp_region(buf, vpg(v, k) * PG, PG) >= 0)
			sfail("process_vm_readv: data differs from the shadow of region page 0x%llx",
			      (ull)(vpg(v, k) * PG));
		if (kind == 6) {
			SH[vpg(v, k)].gen = gen;
			SH[vpg(v, k)].src = vpg(v, k);
		}
		break;
	}
	case 7: {
		/* the mapping as the local buffer: plain copy_to_user, works where writable */
		unsigned char *buf = xbuf(PG);
		struct iovec l = { (void *)(uintptr_t)a, PG }, rm = { buf, PG };
		u64 gen = rnd64() | 1;

		fill_page(buf, vpg(v, k), gen);
		begin("process_vm_readv-into-map", "(self, local 0x%llx %s)", (ull)a, v->prot & PW ? "RW" : "R");
		r = process_vm_readv(getpid(), &l, 1, &rm, 1, 0);
		if (v->prot & PW) {
			want(r < 0 ? errno : 0, 1, 0);
			if (r != (long)PG)
				sfail("process_vm_readv returned %ld", r);
			SH[vpg(v, k)].gen = gen;
			SH[vpg(v, k)].src = vpg(v, k);
		} else {
			want(r < 0 ? errno : 0, 1, EFAULT);
		}
		break;
	}
	default: {
		u64 boff = 4096 * rnd(1024);

		if (BLKFD < 0)
			return;
		if (PAGES)
			boff &= ~(PG - 1);	/* whole slots of PG bytes: the shadow follows them */
		if (kind == 8 || kind == 9) {
			begin("odirect-read-into-map", "(%s +0x%llx -> 0x%llx %s)", BLKDEV, (ull)boff, (ull)a,
			      v->prot & PW ? "RW" : "R");
			r = pread(BLKFD, (void *)(uintptr_t)a, PG, (off_t)boff);
		} else {
			begin("odirect-write-from-map", "(0x%llx -> %s +0x%llx)", (ull)a, BLKDEV, (ull)boff);
			r = pwrite(BLKFD, (void *)(uintptr_t)a, PG, (off_t)boff);
		}
		if (!PAGES || ((kind == 8 || kind == 9) && !(v->prot & PW))) {
			want(r < 0 ? errno : 0, 1, EFAULT);
			break;
		}
		want(r < 0 ? errno : 0, 1, 0);
		if (r != (long)PG)
			sfail("O_DIRECT %s returned %ld, expected %llu", kind == 8 || kind == 9 ? "read" : "write",
			      r, (ull)PG);
		if (kind == 8 || kind == 9) {
			/* the page now holds what the slot held (unknown if the slot is) */
			SH[vpg(v, k)] = BSLOT[boff / PG];
		} else {
			static u64 dbuf[65536 / 8] __attribute__((aligned(4096)));
			long long bad;

			BSLOT[boff / PG] = SH[vpg(v, k)];
			/* read the slot back from the device: the write moved the page's data */
			if (pread(BLKFD, dbuf, PG, (off_t)boff) != (ssize_t)PG)
				sfail("O_DIRECT read back of %s +0x%llx: %s", BLKDEV, (ull)boff, errname(errno));
			bad = cmp_desc((unsigned char *)dbuf, BSLOT[boff / PG]);
			if (bad >= 0)
				sfail("O_DIRECT write from the mapping: %s +0x%llx holds other data than region page 0x%llx at +0x%llx",
				      BLKDEV, (ull)boff, (ull)(vpg(v, k) * PG), (ull)bad);
		}
	}
	}
	vpage_or_fail(a, vpg(v, k), "after the walker");
	if (PAGES)
		pins_check("after the walker");
	post();
}

/* ---- sysfs ---- */
static const char *const CNT[] = { "stats/pud_faults", "stats/pmd_faults", "stats/pte_faults",
				   "stats/fallbacks" };

static void sysfs_round(int reset, int strict)
{
	char buf[256];
	int i, ok;

	if (sys_read(&H, "fault_sizes", buf, sizeof(buf)) < 0 || strcmp(buf, H.sizes_str))
		sfail("fault_sizes now \"%s\", was \"%s\"", buf, H.sizes_str);
	for (i = 0; i < 4; i++) {
		sys_u64_quiet(CNT[i], &ok);
		if (!ok)
			sfail("%s unreadable", CNT[i]);
	}
	sys_u64_quiet("stats/mappings", &ok);
	if (!ok)
		sfail("stats/mappings unreadable");
	if (reset) {
		i = (int)rnd(4);
		if (sys_write(&H, CNT[i], "0"))
			sfail("write 0 to %s failed", CNT[i]);
		if (strict && sys_u64_quiet(CNT[i], &ok) != 0)
			sfail("%s not 0 after writing 0", CNT[i]);
	}
}

static void op_sysfs(void)
{
	begin("sysfs", "(read all, reset one counter)");
	sysfs_round(1, 1);
	if (PAGES) {
		char buf[32];
		int ok, busy = sys_int_quiet("busy", &ok);

		if (read_mode() != 1)
			sfail("map_mode is no longer \"pages\"");
		if (sys_read(&H, "gup", buf, sizeof(buf)) < 0 || strcmp(buf, "1"))
			sfail("gup \"%s\" in pages mode, expected 1", buf);
		/* busy from the first mapping on, and while pages are pinned */
		if (!ok || ((NV || NPIN) && busy != 1))
			sfail("busy=%d with %d mappings and %d pins, expected 1", busy, NV, NPIN);
		pins_check("sysfs");
	}
	stat_rec(CUR_OP, 0);
	post();
}

/* ---- module lifetime ---- */
static void op_rmmod_busy(void)
{
	int closefd = NV && rnd(2), err;
	long r;

	begin("rmmod-busy", "(%s)", closefd ? "mapped, fd closed" : "fd open");
	if (closefd) {
		close(H.fd);
		H.fd = -1;
	}
	r = syscall(SYS_delete_module, "hugemap", O_NONBLOCK);
	err = r ? errno : 0;
	if (closefd) {
		H.fd = open(H.dev, O_RDWR);
		if (H.fd < 0)
			sfail("reopen %s: %s", H.dev, errname(errno));
	}
	want(err, 2, EAGAIN, EBUSY);
	post();
}

static void reopen_dev(void)
{
	int i;
	struct hm h2;

	for (i = 0; i < 100; i++) {
		if (!access(H.dev, F_OK))
			break;
		usleep(50000);
	}
	hm_open(&h2, DEVARG);
	if (strcmp(h2.sizes_str, H.sizes_str) || h2.size != H.size || h2.base != H.base)
		sfail("after reload: size/base/fault_sizes differ (\"%s\" vs \"%s\")", h2.sizes_str,
		      H.sizes_str);
	H = h2;
}

/* insmod KO PARAMS after an rmmod: same device, same mode, the content survived */
static void insmod_reopen(void)
{
	long r;
	int fd, i, err;

	fd = open(KO, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		sfail("open %s: %s", KO, errname(errno));
	r = syscall(SYS_finit_module, fd, PARAMS, 0);
	err = r ? errno : 0;
	close(fd);
	if (err)
		sfail("insmod: %s", errname(err));
	reopen_dev();
	if (read_mode() != PAGES)
		sfail("after reload: map_mode %s, was %s (--params \"%s\")", PAGES ? "pfn" : "pages",
		      PAGES ? "pages" : "pfn", PARAMS);
	/*
	 * alloc= memory is new after a reload and must be zero (what the driver
	 * allocates it zeroes): pages written before read back zero, then the
	 * shadow forgets them
	 */
	if (ALLOCK) {
		static u64 buf[65536 / 8];
		u64 pg, x;

		for (i = 0, pg = rnd(NPG); i < 32; i++, pg = rnd(NPG)) {
			if (pread(H.fd, buf, PG, (off_t)(pg * PG)) != (ssize_t)PG)
				sfail("after reload: pread of region page 0x%llx: %s", (ull)(pg * PG),
				      errname(errno));
			for (x = 0; x < PG / 8; x++)
				if (buf[x])
					sfail("after reload: fresh alloc= page 0x%llx not zero at +0x%llx",
					      (ull)(pg * PG), (ull)(x * 8));
		}
		for (pg = 0; pg < NPG; pg++)
			SH[pg].gen = 0;
		return;
	}
	/* regions= memory is not touched by a reload: the shadow still holds */
	for (i = 0; i < 32; i++) {
		static u64 buf[65536 / 8];
		u64 pg = rnd(NPG);

		if (!SH[pg].gen)
			continue;
		if (pread(H.fd, buf, PG, (off_t)(pg * PG)) != (ssize_t)PG ||
		    cmp_region((unsigned char *)buf, pg * PG, PG) >= 0)
			sfail("after reload: region page 0x%llx differs from before", (ull)(pg * PG));
	}
}

static void unmap_all_close(void)
{
	int i;

	for (i = 0; i < NV; i++)
		if (munmap((void *)(uintptr_t)V[i].s, V[i].e - V[i].s))
			sfail("munmap of a whole VMA 0x%llx-0x%llx: %s", (ull)V[i].s, (ull)V[i].e,
			      errname(errno));
	close(H.fd);
	H.fd = -1;
	maps_read();
}

static void op_reload(void)
{
	long r;
	int err;

	begin("reload", "(unmap %d VMAs, close, rmmod, insmod %s %s)", NV, KO, PARAMS);
	/* pages mode: pinned pages keep the module; the stress releases its own first */
	if (PAGES)
		unpin_all("reload");
	unmap_all_close();
	if (PAGES) {
		rmmod_until_idle("reload");
		stat_rec(CUR_OP, 0);
	} else {
		r = syscall(SYS_delete_module, "hugemap", O_NONBLOCK);
		err = r ? errno : 0;
		want(err, 1, 0);
	}
	insmod_reopen();
	post();
}

/* ---- pages mode: pins ---- */
/* vmsplice 1-4 pages of v into a new pipe that stays open */
static void pin_pages(const struct vm *v, const char *op)
{
	struct pin *p = &PINS[NPIN];
	u64 n = 1 + rnd(4), k, j;
	struct iovec iov;
	int pfd[2];
	ssize_t r;

	if (n > vpages(v))
		n = vpages(v);
	k = rnd(vpages(v) - n + 1);
	if (pipe2(pfd, O_CLOEXEC))
		sfail("pipe: %s", errname(errno));
	if (fcntl(pfd[0], F_SETFL, O_NONBLOCK))
		sfail("fcntl O_NONBLOCK: %s", errname(errno));
	begin(op, "(0x%llx, %llu pages, region page 0x%llx, vma 0x%llx-0x%llx; %d pins held)",
	      (ull)(v->s + k * PG), (ull)n, (ull)(vpg(v, k) * PG), (ull)v->s, (ull)v->e, NPIN);
	iov.iov_base = (void *)(uintptr_t)(v->s + k * PG);
	iov.iov_len = n * PG;
	r = vmsplice(pfd[1], &iov, 1, 0);
	want(r < 0 ? errno : 0, 1, 0);
	if ((u64)r != n * PG)
		sfail("vmsplice returned %zd, expected %llu", r, (ull)(n * PG));
	p->rfd = pfd[0];
	p->wfd = pfd[1];
	p->pg = vpg(v, k);
	p->n = n;
	p->addr = v->s + k * PG;
	for (j = 0; j < n; j++)
		p->at[j] = SH[p->pg + j];
	NPIN++;
	pins_check("after the pin");
}

static void op_pin(void)
{
	const struct vm *v = pick_vma(PR);

	if (!v || NPIN >= MAXPIN)
		return;
	pin_pages(v, "pin");
	post();
}

static void op_unpin(void)
{
	int i;

	if (!NPIN)
		return;
	i = (int)rnd((u64)NPIN);
	begin("unpin", "(pin %d of %d: region page 0x%llx, %llu pages, pinned at 0x%llx)", i, NPIN,
	      (ull)(PINS[i].pg * PG), (ull)PINS[i].n, (ull)PINS[i].addr);
	unpin_one(i, "unpin");
	stat_rec(CUR_OP, 0);
	pins_check("after the unpin");
	post();
}

/*
 * Every mapping and the fd gone, a pin held: the module must stay (rmmod
 * refused, busy=1, page_refs exact, also once the idle check has run);
 * after the unpin rmmod must succeed within 10 s; then reload.
 */
static void op_rmmod_pinned(void)
{
	int err, ok, busy, i;
	long r;

	if (!NPIN) {
		const struct vm *v = pick_vma(PR);

		if (!v)
			return;
		pin_pages(v, "rmmod-pinned-pin");
		post();
	}
	begin("rmmod-pinned", "(%d pins of %llu pages; unmap %d VMAs, close, rmmod refused, unpin, rmmod, insmod %s %s)",
	      NPIN, (ull)pins_distinct(), NV, KO, PARAMS);
	unmap_all_close();
	r = syscall(SYS_delete_module, "hugemap", O_NONBLOCK);
	err = r ? errno : 0;
	want(err, 2, EAGAIN, EBUSY);
	/* the idle check runs at once when the last mapping goes away, then backs off */
	for (i = 0; i < 2; i++) {
		usleep(300000);
		busy = sys_int_quiet("busy", &ok);
		if (!ok || busy != 1)
			sfail("busy=%d with nothing mapped or open and %llu pages pinned, expected 1", busy,
			      (ull)pins_distinct());
		pins_check("nothing mapped or open, pages pinned");
		if (!syscall(SYS_delete_module, "hugemap", O_NONBLOCK))
			sfail("rmmod succeeded with %llu pages pinned in pipes", (ull)pins_distinct());
		if (errno != EAGAIN && errno != EBUSY)
			sfail("rmmod with pinned pages: %s, expected EAGAIN or EBUSY", errname(errno));
	}
	unpin_all("rmmod-pinned");
	rmmod_until_idle("rmmod-pinned");
	insmod_reopen();
	post();
}

/* ---- fork ---- */
static void run_ops(long long n, int child);

static void op_fork(void)
{
	u64 cseed = rnd64();
	long long nops = 2 + (long long)rnd(6);
	pid_t pid;
	int st;

	begin("fork", "(child seed %llu, %lld child ops)", (ull)cseed, nops);
	SHM->childfail[0] = 0;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		sfail("fork: %s", errname(errno));
	if (!pid) {
		int i;

		IN_CHILD = 1;
		RNG = cseed;
		/* the inherited /proc/self/mem fd is the parent's mm */
		close(MEMFD);
		MEMFD = open("/proc/self/mem", O_RDWR);
		if (MEMFD < 0)
			sfail("child: open /proc/self/mem: %s", errname(errno));
		kmsg_open_end();
		maps_read();
		/* the child sees every mapping of the parent with the same data */
		for (i = 0; i < NV; i++) {
			u64 k;

			if (!(V[i].prot & PR))
				continue;
			for (k = 0; k < 4; k++) {
				u64 j = rnd(vpages(&V[i]));

				vpage_or_fail(V[i].s + j * PG, vpg(&V[i], j), "child, inherited mapping");
			}
		}
		run_ops(nops, 1);
		kmsg_check();
		_exit(0);
	}
	if (waitpid(pid, &st, 0) < 0)
		sfail("waitpid: %s", errname(errno));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		sfail("child %s %d: %s", WIFEXITED(st) ? "exit" : "signal",
		      WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st),
		      SHM->childfail[0] ? SHM->childfail : "(no message)");
	stat_rec(CUR_OP, 0);
	begin("fork-parent-check", "(after child seed %llu)", (ull)cseed);
	post();
	{
		int i;

		for (i = 0; i < NV; i++) {
			u64 j = rnd(vpages(&V[i]));

			if (V[i].prot & PR)
				vpage_or_fail(V[i].s + j * PG, vpg(&V[i], j), "parent after the child");
		}
	}
}

/* ---- threads racing faults while the main thread moves another mapping of the same pages ---- */
struct race {
	const struct vm *x;
	u64 pages[8];
	int np, wr;
	volatile int stop;
	char err[300];
	pthread_barrier_t bar;
};

static void *race_thread(void *arg)
{
	struct race *r = arg;
	sigjmp_buf jb;
	volatile int rounds = 0;
	int i;

	pthread_barrier_wait(&r->bar);
	if (sigsetjmp(jb, 1)) {
		TJB = NULL;
		snprintf(r->err, sizeof(r->err), "%s at 0x%llx in a racing thread", signame(TSIG),
			 (ull)TSIGADDR);
		return NULL;
	}
	TJB = &jb;
	while (!r->stop || rounds < 20) {
		for (i = 0; i < r->np; i++) {
			u64 k = r->pages[i], pg = vpg(r->x, k), w = (pg * 3 + (u64)rounds) % (PG / 8);
			volatile u64 *p = (volatile u64 *)(uintptr_t)(r->x->s + k * PG + w * 8);
			u64 got = *p;

			if (SH[pg].gen && got != wexp(pg, w)) {
				TJB = NULL;
				snprintf(r->err, sizeof(r->err),
					 "racing thread: 0x%llx (region 0x%llx) holds 0x%llx, expected 0x%llx",
					 (ull)(uintptr_t)p, (ull)(pg * PG + w * 8), (ull)got, (ull)wexp(pg, w));
				return NULL;
			}
			if (r->wr)
				*p = got;	/* a write fault that changes nothing */
		}
		rounds++;
		if (rounds > 100000)
			break;
	}
	TJB = NULL;
	return NULL;
}

static void *sysfs_thread(void *arg)
{
	struct race *r = arg;
	char buf[256];
	int i = 0;

	pthread_barrier_wait(&r->bar);
	while (!r->stop) {
		if (sys_read(&H, "fault_sizes", buf, sizeof(buf)) < 0 || strcmp(buf, H.sizes_str)) {
			snprintf(r->err, sizeof(r->err), "sysfs thread: fault_sizes \"%s\"", buf);
			break;
		}
		if (sys_read(&H, CNT[i % 4], buf, sizeof(buf)) < 0) {
			snprintf(r->err, sizeof(r->err), "sysfs thread: %s unreadable", CNT[i % 4]);
			break;
		}
		if (sys_write(&H, CNT[(i + 1) % 4], "0")) {
			snprintf(r->err, sizeof(r->err), "sysfs thread: reset of %s failed", CNT[(i + 1) % 4]);
			break;
		}
		i++;
	}
	return NULL;
}

static void op_race(void)
{
	static struct race r;
	pthread_t th[MAXT + 1];
	const struct vm *x = pick_vma(PR);
	struct vm xv;
	int nt = 2 + (int)rnd(MAXT - 1), i, steps, err;
	u64 yoff, ylen, y;
	void *p;

	if (!x)
		return;
	xv = *x;
	memset(&r, 0, sizeof(r));
	r.x = &xv;
	r.wr = !!(xv.prot & PW);
	r.np = 1 + (int)rnd(8);
	for (i = 0; i < r.np; i++)
		r.pages[i] = rnd(vpages(&xv));
	/* Y: another mapping of (part of) X's file range */
	ylen = xv.e - xv.s;
	yoff = xv.off;
	if (rnd(2) && ylen > PMD) {
		ylen = PMD * (1 + rnd(ylen / PMD));
		yoff = xv.off + ((rnd((xv.e - xv.s - ylen) / PG + 1)) * PG);
	}
	begin("race", "(%d threads on %d pages of vma 0x%llx-0x%llx off 0x%llx %s; Y = off 0x%llx len 0x%llx)",
	      nt, r.np, (ull)xv.s, (ull)xv.e, (ull)xv.off, r.wr ? "RW" : "R", (ull)yoff, (ull)ylen);
	stat_rec(CUR_OP, 0);
	IN_RACE = 1;
	if (pthread_barrier_init(&r.bar, NULL, (unsigned)nt + 2))
		sfail("barrier");
	for (i = 0; i < nt; i++)
		if (pthread_create(&th[i], NULL, race_thread, &r))
			sfail("pthread_create");
	if (pthread_create(&th[nt], NULL, sysfs_thread, &r))
		sfail("pthread_create");
	pthread_barrier_wait(&r.bar);
	/* the main thread: Y is mapped, moved in and out of phase, protected, cut, unmapped */
	CUR_OP = "race-mmap-y";
	p = mmap(NULL, ylen, PROT_READ, MAP_SHARED, H.fd, (off_t)yoff);
	err = p == MAP_FAILED ? errno : 0;
	want(err, 1, 0);
	y = (u64)(uintptr_t)p;
	(void)*(volatile u64 *)p;
	post();
	steps = 2 + (int)rnd(4);
	for (i = 0; i < steps && y; i++) {
		u64 al = pick_align(), d, ph;
		void *q;

		switch (rnd(4)) {
		case 0: case 1: {
			const char *pn = rnd(2) ? "in-phase" : "+pmd";

			ph = !strcmp(pn, "in-phase") ? (y & (al - 1)) : ((y + PMD) & (al - 1));
			d = free_addr(ylen, al, ph);
			char alb[24];

			begin("race-mremap-y", "(0x%llx, 0x%llx -> 0x%llx, %s %s)", (ull)y, (ull)ylen, (ull)d,
			      fmt_size(al, alb, sizeof(alb)), pn);
			q = mremap((void *)(uintptr_t)y, ylen, ylen, MREMAP_MAYMOVE | MREMAP_FIXED,
				   (void *)(uintptr_t)d);
			err = q == MAP_FAILED ? errno : 0;
			want(err, 1, 0);
			y = d;
			(void)*(volatile u64 *)(uintptr_t)(y + ylen - 8);
			break;
		}
		case 2: {
			int prot = rnd(2) ? PROT_READ | PROT_WRITE : PROT_READ;
			int iy = vfind(V, NV, y);
			int veto = VETO_POSSIBLE && iy >= 0 && may_hold_pud(&V[iy], y, y + ylen);

			begin("race-mprotect-y", "(0x%llx, 0x%llx, %s)%s", (ull)y, (ull)ylen,
			      prot & PROT_WRITE ? "RW" : "R", veto ? " pud-veto-possible" : "");
			err = mprotect((void *)(uintptr_t)y, ylen, prot) ? errno : 0;
			if (veto && !STRICT_PUD_MPROTECT)
				want(err, 2, 0, EINVAL);
			else
				want(err, 1, 0);
			break;
		}
		default: {
			u64 cut = PG * (1 + rnd(ylen / PG - 1));
			int i2 = vfind(V, NV, y);
			int exp = i2 >= 0 && split_refused(&V[i2], y + cut) ? EINVAL : 0;

			if (ylen <= PG)
				break;
			begin("race-munmap-y-tail", "(0x%llx, 0x%llx)", (ull)(y + cut), (ull)(ylen - cut));
			err = munmap((void *)(uintptr_t)(y + cut), ylen - cut) ? errno : 0;
			want(err, 1, exp);
			if (!err)
				ylen = cut;
		}
		}
		post();
	}
	begin("race-munmap-y", "(0x%llx, 0x%llx)", (ull)y, (ull)ylen);
	err = munmap((void *)(uintptr_t)y, ylen) ? errno : 0;
	want(err, 1, 0);
	r.stop = 1;
	for (i = 0; i <= nt; i++)
		pthread_join(th[i], NULL);
	IN_RACE = 0;
	pthread_barrier_destroy(&r.bar);
	if (r.err[0])
		sfail("%s", r.err);
	post();
}

/* ---- the op mix ---- */
enum { O_MMAP, O_MUNMAP, O_MPROTECT, O_MREMAP, O_MADVISE, O_MLOCK, O_MSYNC, O_WRITE, O_READ,
       O_PREAD, O_PWRITE, O_PROCMEM, O_WALKER, O_BAD, O_FORK, O_RACE, O_SYSFS, O_RMMOD,
       O_RELOAD, O_PIN, O_UNPIN, O_RMPIN, O_N };
static const int WEIGHT[O_N] = {
	[O_MMAP] = 10, [O_MUNMAP] = 7, [O_MPROTECT] = 8, [O_MREMAP] = 10, [O_MADVISE] = 6,
	[O_MLOCK] = 3, [O_MSYNC] = 3, [O_WRITE] = 10, [O_READ] = 6, [O_PREAD] = 4, [O_PWRITE] = 4,
	[O_PROCMEM] = 4, [O_WALKER] = 5, [O_BAD] = 2, [O_FORK] = 2, [O_RACE] = 2, [O_SYSFS] = 2,
	[O_RMMOD] = 1, [O_RELOAD] = 1,
	/* pages mode only (weight 0 otherwise: a PFN-mode seed draws as before) */
	[O_PIN] = 3, [O_UNPIN] = 2, [O_RMPIN] = 1,
};

static int pick_op(int child)
{
	int w[O_N], tot = 0, i, x;

	for (i = 0; i < O_N; i++) {
		w[i] = WEIGHT[i];
		if (child && (i == O_FORK || i == O_RACE || i == O_SYSFS || i == O_RMMOD || i == O_RELOAD))
			w[i] = 0;
		if (i == O_RELOAD && (!KO || !PARAMS))
			w[i] = 0;
		if (i == O_RELOAD && w[i] && rnd(6))
			w[i] = 0;		/* rare: a reload drops every mapping */
		if ((i == O_PIN || i == O_UNPIN || i == O_RMPIN) && (!PAGES || child))
			w[i] = 0;
		if ((i == O_PIN && NPIN >= MAXPIN) || (i == O_UNPIN && !NPIN) ||
		    (i == O_RMPIN && (!KO || !PARAMS)))
			w[i] = 0;
		if (i != O_MMAP && !NV)
			w[i] = i == O_PREAD || i == O_PWRITE || i == O_SYSFS || i == O_UNPIN ? w[i] : 0;
		if (i == O_RMPIN && w[i] && rnd(4))
			w[i] = 0;		/* rare too: it drops every mapping */
		if (i == O_MMAP && NV >= 24)
			w[i] = 0;
		if (i == O_MUNMAP && NV >= 16)
			w[i] *= 4;
		tot += w[i];
	}
	x = (int)rnd((u64)tot);
	for (i = 0; i < O_N; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return O_MMAP;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double T_END;
static long long MAXOPS;

static void run_ops(long long n, int child)
{
	volatile long long i;

	for (i = 0; i < n; i++) {
		if (!child && (now() >= T_END || (MAXOPS && OPN >= MAXOPS)))
			break;
		OPN++;
		begin("(no candidate)", "%s", "");
		if (sigsetjmp(OPJB, 1))
			continue;
		switch (pick_op(child)) {
		case O_MMAP: op_mmap(); break;
		case O_MUNMAP: op_munmap(); break;
		case O_MPROTECT: op_mprotect(); break;
		case O_MREMAP: op_mremap(); break;
		case O_MADVISE: op_madvise(); break;
		case O_MLOCK: op_mlock(); break;
		case O_MSYNC: op_msync(); break;
		case O_WRITE: op_write(); break;
		case O_READ: op_read(); break;
		case O_PREAD: op_pread(); break;
		case O_PWRITE: op_pwrite(); break;
		case O_PROCMEM: op_procmem(); break;
		case O_WALKER: op_walker(); break;
		case O_BAD: op_badaccess(); break;
		case O_FORK: op_fork(); break;
		case O_RACE: op_race(); break;
		case O_SYSFS: op_sysfs(); break;
		case O_RMMOD: op_rmmod_busy(); break;
		case O_PIN: op_pin(); break;
		case O_UNPIN: op_unpin(); break;
		case O_RMPIN: op_rmmod_pinned(); break;
		default: op_reload(); break;
		}
	}
}

/* final sweep: every known page through a mapping and through pread */
static void final_sweep(u64 *nmap, u64 *nread)
{
	char msg[300];
	u64 pg, i, j;
	int k;
	static u64 buf[16 * 65536 / 8];	/* 16 pages of 64K */

	begin("final-sweep", "(%d VMAs, %d pins)", NV, NPIN);
	*nmap = *nread = 0;
	if (PAGES)
		unpin_all("final sweep");
	for (k = 0; k < NV; k++) {
		const struct vm *v = &V[k];

		if (!(v->prot & PR))
			continue;
		for (i = 0; i < vpages(v); i++) {
			pg = vpg(v, i);
			if (!SH[pg].gen && (i % 256))
				continue;
			if (vpage(v->s + i * PG, pg, msg, sizeof(msg)))
				sfail("final sweep through the mapping: %s", msg);
			(*nmap)++;
		}
	}
	for (pg = 0; pg < NPG; pg++) {
		if (!SH[pg].gen)
			continue;
		for (j = 0; pg + j < NPG && j < sizeof(buf) / PG && SH[pg + j].gen; j++)
			;
		if (pread(H.fd, buf, j * PG, (off_t)(pg * PG)) != (ssize_t)(j * PG))
			sfail("final sweep: pread at 0x%llx: %s", (ull)(pg * PG), errname(errno));
		if (cmp_region((unsigned char *)buf, pg * PG, j * PG) >= 0)
			sfail("final sweep: pread of region 0x%llx+0x%llx differs from the shadow",
			      (ull)(pg * PG), (ull)(j * PG));
		*nread += j;
		pg += j - 1;
	}
	for (k = NV - 1; k >= 0; k--)
		if (munmap((void *)(uintptr_t)V[k].s, V[k].e - V[k].s))
			sfail("final munmap of a whole VMA: %s", errname(errno));
	kmsg_check();
	maps_read();
	check_mappings();
	if (PAGES) {
		/* nothing mapped or pinned: the idle check drops the region's module reference */
		double t0 = now();
		int ok, busy;

		while ((busy = sys_int_quiet("busy", &ok)) != 0 && ok && now() - t0 < 10)
			usleep(20000);
		if (!ok || busy)
			sfail("final: busy=%d 10 s after the last mapping went away, nothing pinned (page_refs %d)",
			      busy, sys_int_quiet("page_refs", &ok));
		pins_check("final");
		kmsg_check();
	}
}

static void usage(void)
{
	hm_fail("usage: stress DEV PMD_SIZE [--seed N] [--seconds S] [--ops N] [--ko PATH --params P] [--blockdev DEV] [--skip OP,OP] [--oplog FILE] [--pud-mprotect-veto] [--verbose]");
}

int cmd_stress(int argc, char **argv)
{
	double secs = 60, t0;
	u64 nmap, nread;
	char out[4096];
	size_t used = 0;
	struct utsname un;
	struct sigaction sa;
	int i, maj = 0, min = 0, pers;
	u64 seed = 0;
	int have_seed = 0;

	if (argc < 3)
		usage();
	DEVARG = argv[1];
	PMD = arg_size(argv[2], "PMD_SIZE");
	for (i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			seed = strtoull(argv[++i], NULL, 0);
			have_seed = 1;
		} else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
			secs = atof(argv[++i]);
		} else if (!strcmp(argv[i], "--ops") && i + 1 < argc) {
			MAXOPS = atoll(argv[++i]);
		} else if (!strcmp(argv[i], "--ko") && i + 1 < argc) {
			KO = argv[++i];
		} else if (!strcmp(argv[i], "--params") && i + 1 < argc) {
			PARAMS = argv[++i];
		} else if (!strcmp(argv[i], "--blockdev") && i + 1 < argc) {
			BLKDEV = argv[++i];
		} else if (!strcmp(argv[i], "--oplog") && i + 1 < argc) {
			OPLOG = open(argv[++i], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
		} else if (!strcmp(argv[i], "--skip") && i + 1 < argc) {
			SKIP = argv[++i];
		} else if (!strcmp(argv[i], "--strict-pud-mprotect")) {
			STRICT_PUD_MPROTECT = 1;
		} else if (!strcmp(argv[i], "--pud-mprotect-veto")) {
			STRICT_PUD_MPROTECT = 0;
		} else if (!strcmp(argv[i], "--verbose")) {
			VERBOSE = 1;
		} else {
			usage();
		}
	}
	if (!have_seed) {
		int fd = open("/dev/urandom", O_RDONLY);

		if (fd < 0 || read(fd, &seed, sizeof(seed)) != (ssize_t)sizeof(seed))
			seed = (u64)time(NULL) ^ ((u64)getpid() << 32);
		if (fd >= 0)
			close(fd);
		seed &= 0xffffffffffffULL;
	}
	/* a reproducible address layout: re-execute without ASLR, with the seed fixed */
	pers = personality(0xffffffff);
	if (pers != -1 && !(pers & ADDR_NO_RANDOMIZE)) {
		static char sbuf[32];
		char **nargv = calloc((size_t)argc + 4, sizeof(char *));
		int n = 0;

		if (personality((unsigned long)pers | ADDR_NO_RANDOMIZE) != -1 && nargv) {
			nargv[n++] = "hmtest";
			for (i = 0; i < argc; i++)
				nargv[n++] = argv[i];
			if (!have_seed) {
				snprintf(sbuf, sizeof(sbuf), "%llu", (ull)seed);
				nargv[n++] = "--seed";
				nargv[n++] = sbuf;
			}
			nargv[n] = NULL;
			fflush(NULL);
			execv("/proc/self/exe", nargv);
			hm_diag("re-exec without ASLR failed (%s): addresses will not replay exactly",
				errname(errno));
		}
	}
	SEED = RNG = seed;
	fprintf(stderr, "# stress: seed %llu (replay: --seed %llu)\n", (ull)seed, (ull)seed);

	hm_open(&H, DEVARG);
	PG = H.page;
	NPG = H.size / PG;
	BIG = GiB < H.size ? GiB : H.size / 2;
	for (i = 0; i < H.nsizes; i++)
		if (H.sizes[i] > PG)
			HS[NHS++] = H.sizes[i];
	if (uname(&un) == 0)
		sscanf(un.release, "%d.%d", &maj, &min);
	KVER = maj * 100 + min;
	PAGES = read_mode();
	{
		char kind[16];

		ALLOCK = sys_read(&H, "kind", kind, sizeof(kind)) >= 0 && !strcmp(kind, "alloc");
	}
	VETO_POSSIBLE = NHS && HS[0] > PMD && (maj < 6 || (maj == 6 && min < 12));
	PROCMEM_EIO = !strcmp(un.machine, "aarch64") && maj < 6;
	MREMAP_KEEPS_SOURCE = maj < 6;
	SH = mmap(NULL, NPG * sizeof(*SH), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	SHM = mmap(NULL, sizeof(*SHM), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	BSLOT = mmap(NULL, (BLK_SPAN / PG + 1) * sizeof(*BSLOT), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (SH == MAP_FAILED || SHM == MAP_FAILED || BSLOT == MAP_FAILED)
		hm_fail("shadow: %s", errname(errno));
	/* which advices this kernel knows: EINVAL on an unmapped page means unknown */
	{
		void *un = free_va(PG, PG, 0);
		char *o = out;

		out[0] = 0;
		for (i = 0; i < NADV; i++) {
			ADV_KNOWN[i] = !madvise(un, PG, ADV[i].adv) || errno != EINVAL;
			if (!ADV_KNOWN[i])
				o += snprintf(o, sizeof(out) - (size_t)(o - out), "%s%s", o == out ? "" : ",",
					      ADV[i].name);
		}
		if (PAGES) {
			probe_remove();
			probe_dofork();
		}
		if (PAGES)
			fprintf(stderr, "# stress: advices this kernel does not know: %s; MADV_REMOVE of a read-only shared mapping: %s; MADV_DOFORK: %s\n",
				out[0] ? out : "none", REMOVE_MAYWRITE ? "VM_MAYWRITE suffices" : "EACCES",
				DOFORK_SPECIAL ? "EINVAL (VM_SPECIAL)" : "flag change");
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sig;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	MEMFD = open("/proc/self/mem", O_RDWR);
	if (MEMFD < 0)
		hm_fail("open /proc/self/mem: %s", errname(errno));
	if (BLKDEV && *BLKDEV) {
		BLKFD = open(BLKDEV, O_RDWR | O_DIRECT);
		if (BLKFD < 0)
			hm_fail("open %s O_DIRECT: %s", BLKDEV, errname(errno));
	}
	if (SKIP)
		fprintf(stderr, "# stress: NOT RUN (--skip): %s\n", SKIP);
	fprintf(stderr, "# stress: %s %s mode size %s fault_sizes \"%s\" kernel %s, %.0f s%s%s, pud mprotect veto %s%s\n",
		H.dev, PAGES ? "pages" : "pfn", fmt_size(H.size, out, 32), H.sizes_str, un.release, secs,
		MAXOPS ? ", max ops " : "", MAXOPS ? "set" : "",
		VETO_POSSIBLE ? (STRICT_PUD_MPROTECT ? "not accepted (strict)" : "accepted") : "n/a",
		PROCMEM_EIO ? ", /proc/self/mem EIO (arm64 < 6.0: no HAVE_IOREMAP_PROT)" : "");
	kmsg_open_end();
	maps_read();
	if (NV)
		hm_fail("hugemap VMAs exist before the test");
	t0 = now();
	T_END = t0 + secs;
	run_ops(0x7fffffffffffffffLL, 0);
	OPN++;
	final_sweep(&nmap, &nread);

	used += (size_t)snprintf(out + used, sizeof(out) - used, "seed %llu: %lld ops in %.0f s, %s%s%s%s;",
				 (ull)seed, OPN - 1, now() - t0, H.sizes_str, PAGES ? ", pages mode" : "",
				 SKIP ? ", SKIPPED " : "", SKIP ? SKIP : "");
	fprintf(stderr, "# stress: op counts (name=total[errno:count ...]):\n");
	for (i = 0; i < SHM->nst; i++) {
		struct stat1 *s = &SHM->st[i];
		char line[256];
		size_t lu = 0;
		int j;

		lu += (size_t)snprintf(line + lu, sizeof(line) - lu, "%s=%llu[", s->name, (ull)s->n);
		for (j = 0; j < NERR && s->cnt[j]; j++)
			lu += (size_t)snprintf(line + lu, sizeof(line) - lu, "%s%s:%llu", j ? " " : "",
					       errname(s->err[j]), (ull)s->cnt[j]);
		snprintf(line + lu, sizeof(line) - lu, "]");
		fprintf(stderr, "#   %s\n", line);
		if (used + strlen(line) + 2 < sizeof(out))
			used += (size_t)snprintf(out + used, sizeof(out) - used, " %s", line);
	}
	if (used + 80 < sizeof(out))
		snprintf(out + used, sizeof(out) - used, "; final sweep %llu pages mapped, %llu pread",
			 (ull)nmap, (ull)nread);
	hm_pass("%s", out);
}
