// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap guest tests: pages mode (regions=...:pages), the GUP users of
 * issue 15.  Every check asserts an outcome: futex results and contended
 * rounds counted, data read back through a second path (the device's read(2)
 * or another mapping), fault counters, errno, the kernel log.
 *   gup DEV PMD_SIZE BLOCKDEV|none:REASON
 *   populate DEV PMD_SIZE
 *   gup-pin DEV
 */
#include "hmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static char out[3072];
static size_t used;

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	va_list ap;

	if (used >= sizeof(out))
		return;
	va_start(ap, fmt);
	used += (size_t)vsnprintf(out + used, sizeof(out) - used, fmt, ap);
	va_end(ap);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *map_rw(const struct hm *h, u64 off, u64 len, int extra, const char *what)
{
	int err;
	void *p = hm_map(h, off, len, NULL, MAP_SHARED | extra, PROT_READ | PROT_WRITE, &err);

	if (p == MAP_FAILED)
		hm_fail("%s: mmap off=0x%llx len=0x%llx: %s", what, (unsigned long long)off,
			(unsigned long long)len, errname(err));
	return p;
}

static u64 big_len(const struct hm *h)
{
	u64 pmd = h->page * (h->page / 8), len = GiB;

	if (4 * pmd > len)
		len = 4 * pmd;
	return h->size >= len ? len : h->size;
}

static void sys_str(const struct hm *h, const char *name, char *buf, size_t len)
{
	if (sys_read(h, name, buf, len) < 0)
		hm_fail("cannot read %s/%s", h->sys, name);
	buf[strcspn(buf, "\n")] = '\0';
}

/*
 * gup's mapping A: the largest entry where the region has huge ones; on a
 * region mapped by base pages only (fault_sizes is one size) there is no
 * entry layout to cover, and A spans 4 of the caller's blocks (which may
 * then be smaller than the PMD: 64K-page guests cannot hold 5 of 512M).
 */
static u64 gup_len_a(const struct hm *h, u64 block)
{
	char b[128];

	sys_str(h, "fault_sizes", b, sizeof(b));
	if (strchr(b, ' '))
		return big_len(h);
	return 4 * block < h->size ? 4 * block : h->size;
}

/* the region must be in pages mode, and say so everywhere */
static void check_pages_mode(const struct hm *h)
{
	struct hugemap_info in;
	char b[256];
	u64 memmap, pages = h->size / h->page;
	int rc;

	sys_str(h, "map_mode", b, sizeof(b));
	if (strcmp(b, "pages"))
		hm_fail("sysfs map_mode \"%s\", expected pages", b);
	sys_str(h, "gup", b, sizeof(b));
	if (strcmp(b, "1"))
		hm_fail("sysfs gup \"%s\", expected 1", b);
	sys_str(h, "gup_unavailable", b, sizeof(b));
	if (b[0])
		hm_fail("sysfs gup_unavailable \"%s\", expected empty", b);
	memmap = sys_u64(h, "memmap_bytes");
	sys_str(h, "kind", b, sizeof(b));
	/* alloc= memory has its struct pages already: pages mode costs nothing */
	if (!strcmp(b, "alloc") ? memmap != 0 :
	    !memmap || memmap % pages || memmap / pages < 32 || memmap / pages > 256)
		hm_fail("memmap_bytes %llu for %llu pages of a %s region: %s",
			(unsigned long long)memmap, (unsigned long long)pages, b,
			strcmp(b, "alloc") ? "not a struct page per page" : "expected 0");
	memset(&in, 0, sizeof(in));
	rc = hm_info(h->fd, &in, sizeof(in));
	if (rc)
		hm_fail("HUGEMAP_IOC_GET_INFO: %s", errname(-rc));
	if (in.version < 2 || in.map_mode != HUGEMAP_MAP_PAGES || !(in.flags & HUGEMAP_INFO_GUP) ||
	    in.memmap_bytes != memmap || in.gup_reason != HUGEMAP_GUP_OK)
		hm_fail("info v%u map_mode=%u flags=%#x memmap=%llu gup_reason=%u: expected v2 pages GUP %llu 0",
			in.version, in.map_mode, in.flags, (unsigned long long)in.memmap_bytes,
			in.gup_reason, (unsigned long long)memmap);
	note("pages mode: memmap %llu MiB (%llu B per page), info v%u;",
	     (unsigned long long)(memmap >> 20), (unsigned long long)(memmap / pages), in.version);
}

/* ---------------------------------------------------------------- futexes */

struct shared_lock {
	pthread_mutex_t m;
	pthread_cond_t c;
	volatile int turn;
	volatile long count;
	pthread_mutex_t robust;
};

static long vol_switches(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static void lock_init(struct shared_lock *s)
{
	pthread_mutexattr_t ma;
	pthread_condattr_t ca;

	memset(s, 0, sizeof(*s));
	pthread_mutexattr_init(&ma);
	pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
	if (pthread_mutex_init(&s->m, &ma))
		hm_fail("pthread_mutex_init");
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	if (pthread_mutex_init(&s->robust, &ma))
		hm_fail("pthread_mutex_init robust");
	pthread_condattr_init(&ca);
	pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
	if (pthread_cond_init(&s->c, &ca))
		hm_fail("pthread_cond_init");
}

/* one side of the ping-pong: wait for our turn, count, hand over */
static int pingpong(struct shared_lock *s, int me, long rounds)
{
	long i;
	int rc;

	for (i = 0; i < rounds; i++) {
		rc = pthread_mutex_lock(&s->m);
		if (rc)
			return rc;
		while (s->turn != me) {
			rc = pthread_cond_wait(&s->c, &s->m);
			if (rc)
				return rc;
		}
		s->count++;
		s->turn = !me;
		pthread_cond_signal(&s->c);
		pthread_mutex_unlock(&s->m);
	}
	return 0;
}

/*
 * A PTHREAD_PROCESS_SHARED mutex and condvar at @p, contended by this
 * process and a forked child for @rounds rounds each: every hand-over is a
 * futex wait and wake on a shared (inode) key.
 */
static void futex_contend(void *p, long rounds, const char *name)
{
	struct shared_lock *s = p;
	long sw0, sw;
	double t0;
	pid_t pid;
	int st, rc;

	/* a shared futex on the address resolves (a PFN mapping gives EFAULT) */
	if (syscall(SYS_futex, &s->turn, FUTEX_WAKE, 1, NULL, NULL, 0) < 0)
		hm_fail("%s: FUTEX_WAKE: %s", name, errname(errno));
	s->turn = 5;
	if (syscall(SYS_futex, &s->turn, FUTEX_WAIT, 4, NULL, NULL, 0) == 0 || errno != EAGAIN)
		hm_fail("%s: FUTEX_WAIT with a wrong value: %s, expected EAGAIN", name, errname(errno));

	lock_init(s);
	sw0 = vol_switches();
	t0 = now();
	pid = fork();
	if (pid < 0)
		hm_fail("fork");
	if (!pid) {
		alarm(120);
		_exit(pingpong(s, 1, rounds) ? 3 : 0);
	}
	rc = pingpong(s, 0, rounds);
	if (waitpid(pid, &st, 0) != pid)
		hm_fail("%s: waitpid", name);
	if (rc)
		hm_fail("%s: parent pthread call failed: %s", name, strerror(rc));
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		hm_fail("%s: child %s %d (a futex error aborts glibc)", name,
			WIFSIGNALED(st) ? "killed by signal" : "exit", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
	if (s->count != 2 * rounds)
		hm_fail("%s: count %ld after %ld rounds each, expected %ld", name, s->count, rounds, 2 * rounds);
	/*
	 * glibc aborts on a futex error (EFAULT on a PFN mapping), so the count
	 * is the proof; the sleeps show the lock was contended at all
	 */
	sw = vol_switches() - sw0;
	if (sw < rounds / 10)
		hm_fail("%s: only %ld voluntary context switches in %ld rounds: the lock was hardly contended",
			name, sw, rounds);
	note(" %s mutex+condvar %ld rounds x2 ok (%ld waits, %.2fs TCG)", name, rounds, sw, now() - t0);
}

/* a robust mutex whose owner dies while we wait for it */
static void futex_robust(void *p, const char *name)
{
	struct shared_lock *s = p;
	int pfd[2], st, rc;
	double t0, waited;
	pid_t pid;
	char c;

	lock_init(s);
	if (pipe(pfd))
		hm_fail("pipe");
	pid = fork();
	if (pid < 0)
		hm_fail("fork");
	if (!pid) {
		if (pthread_mutex_lock(&s->robust))
			_exit(3);
		if (write(pfd[1], "r", 1) != 1)
			_exit(4);
		usleep(300000);
		_exit(0);	/* dies holding it: the kernel's robust list walk wakes us */
	}
	if (read(pfd[0], &c, 1) != 1)
		hm_fail("%s: robust child did not lock", name);
	t0 = now();
	rc = pthread_mutex_lock(&s->robust);
	waited = now() - t0;
	waitpid(pid, &st, 0);
	if (rc != EOWNERDEAD)
		hm_fail("%s: robust mutex after the owner died: %s, expected EOWNERDEAD", name,
			rc ? strerror(rc) : "locked");
	if (pthread_mutex_consistent(&s->robust) || pthread_mutex_unlock(&s->robust))
		hm_fail("%s: pthread_mutex_consistent/unlock failed", name);
	if (pthread_mutex_lock(&s->robust) || pthread_mutex_unlock(&s->robust))
		hm_fail("%s: robust mutex unusable after recovery", name);
	close(pfd[0]);
	close(pfd[1]);
	note(" %s robust EOWNERDEAD after %.2fs wait", name, waited);
}

/* ---------------------------------------------------------------- GUP users */

/* the region's bytes at @off through read(2) on the device: a second path */
static void dev_read(const struct hm *h, u64 off, void *buf, size_t len)
{
	if (pread(h->fd, buf, len, (off_t)off) != (ssize_t)len)
		hm_fail("pread %s at 0x%llx: %s", h->dev, (unsigned long long)off, errname(errno));
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n);

	if (!p)
		hm_fail("malloc");
	return p;
}

static void odirect(const struct hm *h, const char *blockdev, char *src, char *dst, u64 dst_off,
		    size_t len, const char *name)
{
	char *buf = xmalloc(len);
	int fd = open(blockdev, O_RDWR | O_DIRECT);

	if (fd < 0)
		hm_fail("open %s O_DIRECT: %s", blockdev, errname(errno));
	if (pwrite(fd, src, len, 0) != (ssize_t)len)
		hm_fail("%s: O_DIRECT write of %zu bytes from the mapping: %s", name, len, errname(errno));
	memset(dst, 0x5a, len);
	if (pread(fd, dst, len, 0) != (ssize_t)len)
		hm_fail("%s: O_DIRECT read of %zu bytes into the mapping: %s", name, len, errname(errno));
	close(fd);
	if (memcmp(dst, src, len))
		hm_fail("%s: O_DIRECT round trip: data differs", name);
	dev_read(h, dst_off, buf, len);
	if (memcmp(buf, src, len))
		hm_fail("%s: the device's read(2) does not see what O_DIRECT wrote into the mapping", name);
	free(buf);
	note(" %s O_DIRECT %zuK both ways ok", name, len >> 10);
}

static void do_vmsplice(const struct hm *h, char *p, size_t len, const char *name)
{
	struct iovec iov = { p, len };
	char *buf = xmalloc(len);
	int pfd[2];
	ssize_t n;

	if (pipe(pfd))
		hm_fail("pipe");
	fcntl(pfd[1], F_SETPIPE_SZ, (int)(len < 65536 ? 65536 : len));
	n = vmsplice(pfd[1], &iov, 1, 0);
	if (n != (ssize_t)len)
		hm_fail("%s: vmsplice of %zu bytes: %zd %s", name, len, n, n < 0 ? errname(errno) : "");
	if (read(pfd[0], buf, len) != (ssize_t)len || memcmp(buf, p, len))
		hm_fail("%s: data read from the vmsplice pipe differs", name);
	close(pfd[0]);
	close(pfd[1]);
	free(buf);
	(void)h;
	note(" %s vmsplice ok", name);
}

static void remote_rw(char *p, size_t len, const char *name)
{
	char *buf = xmalloc(len), *mag = xmalloc(len);
	struct iovec l = { buf, len }, r = { p, len };
	int pfd[2], st;
	pid_t pid;
	char c;

	if (pipe(pfd))
		hm_fail("pipe");
	pid = fork();
	if (!pid) {
		close(pfd[1]);
		if (read(pfd[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	if (process_vm_readv(pid, &l, 1, &r, 1, 0) != (ssize_t)len || memcmp(buf, p, len))
		hm_fail("%s: process_vm_readv of the child's mapping: %s", name, errname(errno));
	memset(mag, 0xa7, len);
	l.iov_base = mag;
	if (process_vm_writev(pid, &l, 1, &r, 1, 0) != (ssize_t)len)
		hm_fail("%s: process_vm_writev: %s", name, errname(errno));
	close(pfd[1]);
	waitpid(pid, &st, 0);
	close(pfd[0]);
	if (memcmp(p, mag, len))
		hm_fail("%s: process_vm_writev into the child's shared mapping not seen here", name);
	free(buf);
	free(mag);
	note(" %s process_vm_readv/writev ok", name);
}

static void procmem(char *p, size_t len, const char *name)
{
	char *buf = xmalloc(len);
	int fd = open("/proc/self/mem", O_RDWR);

	if (fd < 0)
		hm_fail("open /proc/self/mem: %s", errname(errno));
	if (pread(fd, buf, len, (off_t)(uintptr_t)p) != (ssize_t)len || memcmp(buf, p, len))
		hm_fail("%s: /proc/self/mem read: %s", name, errname(errno));
	memset(buf, 0x3c, len);
	if (pwrite(fd, buf, len, (off_t)(uintptr_t)p) != (ssize_t)len || memcmp(buf, p, len))
		hm_fail("%s: /proc/self/mem write: %s", name, errname(errno));
	close(fd);
	free(buf);
	note(" %s /proc/self/mem ok", name);
}

/*
 * Devmap entries hold no page references: once a GUP user is done, every
 * page of the region is back at its idle count (sysfs page_refs 0).
 * A reference left behind would keep the module loaded for ever.
 */
static void no_refs(const struct hm *h, const char *after)
{
	char b[32];
	int i;

	for (i = 0; i < 20; i++) {
		if (sys_read(h, "page_refs", b, sizeof(b)) < 0)
			hm_fail("cannot read page_refs");
		if (atoi(b) == 0)
			return;
		usleep(50000);
	}
	hm_fail("%s: %d references to the region's pages still held 1s after it finished", after, atoi(b));
}

int cmd_gup(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size, la, lb, lc, ob, oc;
	char *A, *B, *C, b1[128];
	struct counts c;
	const char *blockdev;

	if (argc < 4)
		hm_fail("usage: gup DEV PMD_SIZE BLOCKDEV|none:REASON");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	blockdev = argv[3];
	check_pages_mode(&h);
	la = gup_len_a(&h, pmd_size);
	lb = 2 * pmd_size;
	lc = 8 * h.page;
	ob = la + pmd_size < h.size ? la : 0;
	if (ob + 4 * pmd_size + h.page + lc > h.size)
		hm_fail("region too small");
	ob += pmd_size;
	oc = ob + 2 * pmd_size + h.page;
	stats_reset(&h);
	A = map_rw(&h, 0, la, 0, "A");
	B = map_rw(&h, ob, lb, 0, "B");
	C = map_rw(&h, oc, lc, 0, "C");
	/* devmap flavour: VM_MIXEDMAP ("mm"); folio flavour: neither mm nor pf */
	vm_flags_check(A, "sh dd", "A");
	fill(A, la, h.page, 0, 91);
	fill(B, lb, 8, ob, 92);
	fill(C, lc, 8, oc, 93);
	stats_read(&h, &c);
	note(" entries %s;", counts_str(&c, b1, sizeof(b1)));

	futex_contend(A + 3 * pmd_size + 4096, 3000, "A(largest)");
	no_refs(&h, "futex A");
	futex_contend(B + pmd_size + 256, 1000, "B(PMD)");
	futex_contend(C + h.page + 64, 1000, "C(PTE)");
	no_refs(&h, "futex B/C");
	futex_robust(A + 2 * pmd_size + 8192, "A");
	no_refs(&h, "robust A");
	futex_robust(C + 2 * h.page, "C");
	no_refs(&h, "robust C");
	note(";");
	if (!strncmp(blockdev, "none:", 5)) {
		note(" O_DIRECT not run: %s", blockdev + 5);
	} else {
		size_t n = pmd_size < (1 << 20) ? pmd_size : (1 << 20);

		odirect(&h, blockdev, A + pmd_size, B, ob, n, "A->B");
		odirect(&h, blockdev, B + pmd_size, C, oc, lc, "B->C");
		no_refs(&h, "O_DIRECT");
	}
	do_vmsplice(&h, A + 5 * h.page, 4 * h.page, "A");
	do_vmsplice(&h, B + pmd_size - 2 * h.page, 4 * h.page, "B");
	do_vmsplice(&h, C, lc, "C");
	no_refs(&h, "vmsplice");
	remote_rw(A + 7 * h.page, 2 * h.page, "A");
	remote_rw(C + 3 * h.page, h.page, "C");
	no_refs(&h, "process_vm_readv/writev");
	procmem(A + 9 * h.page, h.page + 100, "A");
	procmem(B + 100, 2 * h.page, "B");
	procmem(C + 5 * h.page, 64, "C");
	no_refs(&h, "/proc/self/mem");
	munmap(A, la);
	munmap(B, lb);
	munmap(C, lc);
	no_refs(&h, "munmap");
	hm_pass("%s", out);
}

/* ---------------------------------------------------------------- populate */

static long minflt(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_minflt;
}

static int kernel_at_least(int maj, int min)
{
	struct utsname u;
	int a = 0, b = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &a, &b);
	return a > maj || (a == maj && b >= min);
}

/* the entries one populated, aligned mapping of @len at offset 0 must get */
static void expect_entries(const struct hm *h, u64 len, u64 pmd_size, const struct counts *c,
			   const char *what)
{
	u64 s = largest_fit(h, len), want_pud = 0, want_pmd = 0;
	char b[128];

	if (s == GiB && s != pmd_size)
		want_pud = len / s;
	else if (s)
		want_pmd = len / s;
	if (c->pud != want_pud || c->pmd != want_pmd || (s && c->pte) ||
	    (!s && c->ptent != len / h->page))
		hm_fail("%s: counters %s, expected pud=%llu pmd=%llu%s", what, counts_str(c, b, sizeof(b)),
			(unsigned long long)want_pud, (unsigned long long)want_pmd,
			s ? " pte=0" : " and one PTE per page");
}

static void touch_all(const struct hm *h, char *p, u64 len, const struct counts *before, const char *what)
{
	long f0 = minflt();
	struct counts c;
	char b[128];
	u64 o;

	for (o = 0; o < len; o += h->page)
		*(volatile u64 *)(p + o) += 1;
	stats_read(h, &c);
	if (minflt() != f0 || c.pud != before->pud || c.pmd != before->pmd || c.pte != before->pte)
		hm_fail("%s: first touch of %llu pages after populate: %ld page faults, counters %s", what,
			(unsigned long long)(len / h->page), minflt() - f0, counts_str(&c, b, sizeof(b)));
}

int cmd_populate(int argc, char **argv)
{
	struct hm h;
	u64 pmd_size, len;
	struct counts c;
	char *p, b[128], b2[32];
	double t0, t;
	int i;

	if (argc < 3)
		hm_fail("usage: populate DEV PMD_SIZE");
	hm_open(&h, argv[1]);
	pmd_size = arg_size(argv[2], "PMD_SIZE");
	check_pages_mode(&h);
	len = big_len(&h);

	stats_reset(&h);
	t0 = now();
	p = map_rw(&h, 0, len, MAP_POPULATE, "MAP_POPULATE");
	t = now() - t0;
	stats_read(&h, &c);
	expect_entries(&h, len, pmd_size, &c, "MAP_POPULATE");
	touch_all(&h, p, len, &c, "MAP_POPULATE");
	note(" MAP_POPULATE %s: %s in %.3fs (TCG), first touch of every page: 0 faults;",
	     fmt_size(len, b2, sizeof(b2)), counts_str(&c, b, sizeof(b)), t);
	munmap(p, len);

	for (i = 0; i < 2; i++) {
		int adv = i ? MADV_POPULATE_WRITE : MADV_POPULATE_READ;
		const char *name = i ? "MADV_POPULATE_WRITE" : "MADV_POPULATE_READ";

		p = map_rw(&h, 0, len, 0, name);
		stats_reset(&h);
		t0 = now();
		if (madvise(p, len, adv)) {
			if (errno == EINVAL && !kernel_at_least(5, 14)) {
				note(" %s: EINVAL, not in this kernel (added in 5.14);", name);
				munmap(p, len);
				continue;
			}
			hm_fail("%s: %s", name, errname(errno));
		}
		t = now() - t0;
		stats_read(&h, &c);
		expect_entries(&h, len, pmd_size, &c, name);
		touch_all(&h, p, len, &c, name);
		note(" %s: %s in %.3fs (TCG), then 0 faults;", name, counts_str(&c, b, sizeof(b)), t);
		munmap(p, len);
	}
	hm_pass("%s", out);
}

/* ---------------------------------------------------------------- pins */

static int sys_int(const struct hm *h, const char *name)
{
	char b[32];

	sys_str(h, name, b, sizeof(b));
	return atoi(b);
}

static int log_has(long long seq, const char *what)
{
	static char buf[65536];

	kmsg_since(seq, buf, sizeof(buf));
	return strstr(buf, what) != NULL;
}

/*
 * A page pinned by a pipe buffer (vmsplice) outlives munmap and close: the
 * region stays busy, rmmod is refused and one log line says why; reading
 * the pipe gives the data, and once it is closed the region goes idle and
 * the module unloads.
 */
int cmd_gup_pin(int argc, char **argv)
{
	struct hm h;
	long long seq = kmsg_next();
	char *p, *buf;
	struct iovec iov;
	int pfd[2], i, busy, pinned;
	double t0;
	u64 len;

	if (argc < 2)
		hm_fail("usage: gup-pin DEV");
	hm_open(&h, argv[1]);
	check_pages_mode(&h);
	len = 4 * h.page;
	p = map_rw(&h, 2 * h.page, len, 0, "pin");
	fill(p, len, 8, 2 * h.page, 77);
	if (pipe(pfd))
		hm_fail("pipe");
	iov.iov_base = p + h.page;
	iov.iov_len = 2 * h.page;
	if (vmsplice(pfd[1], &iov, 1, 0) != (ssize_t)(2 * h.page))
		hm_fail("vmsplice: %s", errname(errno));
	if (munmap(p, len))
		hm_fail("munmap");
	close(h.fd);
	/* the idle check runs at once: the two pages keep the region busy */
	usleep(500000);
	busy = sys_int(&h, "busy");
	pinned = sys_int(&h, "page_refs");
	if (busy != 1 || pinned < 2)
		hm_fail("after munmap and close with 2 pages in a pipe: busy=%d page_refs=%d, expected 1 and >= 2",
			busy, pinned);
	if (syscall(SYS_delete_module, "hugemap", O_NONBLOCK) == 0)
		hm_fail("rmmod succeeded while pages were pinned");
	if (errno != EWOULDBLOCK && errno != EBUSY)
		hm_fail("rmmod with pinned pages: %s, expected EAGAIN or EBUSY", errname(errno));
	note(" pinned: busy=1 page_refs=%d, rmmod %s;", pinned, errname(errno));
	for (i = 0; i < 20 && !log_has(seq, "page references still held after the last mapping"); i++)
		usleep(100000);
	if (i == 20)
		hm_fail("no kernel log line saying why the module stays (\"page references still held ...\")");
	buf = xmalloc(2 * h.page);
	if (read(pfd[0], buf, 2 * h.page) != (ssize_t)(2 * h.page))
		hm_fail("read from the pipe");
	for (i = 0; i < (int)(2 * h.page / 8); i++)
		if (((u64 *)buf)[i] != pat(3 * h.page + 8 * (u64)i, 77))
			hm_fail("pipe data at %d differs from what the mapping held", i * 8);
	close(pfd[0]);
	close(pfd[1]);
	t0 = now();
	while (sys_int(&h, "busy") && now() - t0 < 15)
		usleep(100000);
	if (sys_int(&h, "busy"))
		hm_fail("region still busy 15s after the pipe was closed (page_refs=%d)",
			sys_int(&h, "page_refs"));
	note(" released: busy=0 after %.2fs, page_refs=%d;", now() - t0, sys_int(&h, "page_refs"));
	if (syscall(SYS_delete_module, "hugemap", O_NONBLOCK))
		hm_fail("rmmod after the release: %s", errname(errno));
	note(" rmmod ok");
	free(buf);
	hm_pass("%s", out);
}
