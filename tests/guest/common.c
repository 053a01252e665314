// SPDX-License-Identifier: GPL-2.0
/* hugemap guest tests: shared helpers */
#include "hmtest.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>

void hm_fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stderr);
	printf("FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(1);
}

void hm_pass(const char *fmt, ...)
{
	va_list ap;

	fflush(stderr);
	printf("PASS ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(0);
}

void hm_diag(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "# ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	fflush(stderr);
}

int parse_size(const char *s, u64 *out)
{
	char *end;
	unsigned long long v;

	while (isspace((unsigned char)*s))
		s++;
	if (!*s)
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	case 't': case 'T': v <<= 40; end++; break;
	default: break;
	}
	if (*end == 'i' || *end == 'B')
		end++;
	if (*end == 'B')
		end++;
	while (isspace((unsigned char)*end))
		end++;
	if (*end)
		return -1;
	*out = v;
	return 0;
}

u64 arg_size(const char *s, const char *what)
{
	u64 v;

	if (!s || parse_size(s, &v))
		hm_fail("bad argument %s=\"%s\"", what, s ? s : "(missing)");
	return v;
}

const char *fmt_size(u64 v, char *buf, size_t len)
{
	if (v && !(v % (1ULL << 40)))
		snprintf(buf, len, "%lluT", (unsigned long long)(v >> 40));
	else if (v && !(v % GiB))
		snprintf(buf, len, "%lluG", (unsigned long long)(v >> 30));
	else if (v && !(v % (1ULL << 20)))
		snprintf(buf, len, "%lluM", (unsigned long long)(v >> 20));
	else if (v && !(v % 1024))
		snprintf(buf, len, "%lluK", (unsigned long long)(v >> 10));
	else
		snprintf(buf, len, "%llu", (unsigned long long)v);
	return buf;
}

const char *errname(int e)
{
	static char buf[16];

	switch (e) {
	case 0: return "OK";
	case EPERM: return "EPERM";
	case ENOENT: return "ENOENT";
	case EIO: return "EIO";
	case ENXIO: return "ENXIO";
	case E2BIG: return "E2BIG";
	case EBADF: return "EBADF";
	case EAGAIN: return "EAGAIN";
	case ENOMEM: return "ENOMEM";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case EBUSY: return "EBUSY";
	case EEXIST: return "EEXIST";
	case ENODEV: return "ENODEV";
	case EINVAL: return "EINVAL";
	case ENOSPC: return "ENOSPC";
	case ESPIPE: return "ESPIPE";
	case ERANGE: return "ERANGE";
	case ENOSYS: return "ENOSYS";
	case ENOTTY: return "ENOTTY";
	case EOVERFLOW: return "EOVERFLOW";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOEXEC: return "ENOEXEC";
	case ESRCH: return "ESRCH";
	default:
		snprintf(buf, sizeof(buf), "errno%d", e);
		return buf;
	}
}

int sys_read(const struct hm *h, const char *name, char *buf, size_t len)
{
	char path[256];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", h->sys, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	close(fd);
	buf[n] = 0;
	/* strip trailing newline(s) */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = 0;
	return (int)n;
}

void vm_flags_check(const void *p, const char *want, const char *what)
{
	char line[512], head[32], flags[512] = "", f[3];
	int in = 0;
	size_t hl;
	const char *w;
	FILE *fp = fopen("/proc/self/smaps", "r");

	if (!fp)
		hm_fail("%s: /proc/self/smaps: %s", what, errname(errno));
	hl = (size_t)snprintf(head, sizeof(head), "%lx-", (unsigned long)(uintptr_t)p);
	while (fgets(line, sizeof(line), fp)) {
		if (!in) {
			in = !strncmp(line, head, hl);
			continue;
		}
		if (!strncmp(line, "VmFlags:", 8)) {
			snprintf(flags, sizeof(flags), "%s", line + 8);
			break;
		}
	}
	fclose(fp);
	if (!flags[0])
		hm_fail("%s: no VmFlags for the mapping at %p in /proc/self/smaps", what, p);
	for (w = want; *w; w += 3) {
		f[0] = w[0];
		f[1] = w[1];
		f[2] = 0;
		if (!strstr(flags, f))
			hm_fail("%s: VmFlags \"%.*s\" lack \"%s\"", what,
				(int)strcspn(flags, "\n"), flags, f);
		if (!w[2])
			break;
	}
}

u64 sys_u64(const struct hm *h, const char *name)
{
	char buf[64];
	u64 v;
	int r = sys_read(h, name, buf, sizeof(buf));

	if (r < 0)
		hm_fail("cannot read %s/%s: %s", h->sys, name, errname(-r));
	if (parse_size(buf, &v))
		hm_fail("%s/%s: not a number: \"%s\"", h->sys, name, buf);
	return v;
}

int sys_write(const struct hm *h, const char *name, const char *val)
{
	char path[256];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", h->sys, name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	close(fd);
	return 0;
}

void stats_reset(const struct hm *h)
{
	static const char *const names[] = {
		"stats/pud_faults", "stats/pmd_faults", "stats/pte_faults",
		"stats/pte_entries", "stats/fallbacks"
	};
	unsigned i;
	int r;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		r = sys_write(h, names[i], "0");
		if (r)
			hm_fail("cannot reset %s: %s", names[i], errname(-r));
		if (sys_u64(h, names[i]) != 0)
			hm_fail("%s not 0 after writing 0", names[i]);
	}
}

void stats_read(const struct hm *h, struct counts *c)
{
	c->pud = sys_u64(h, "stats/pud_faults");
	c->pmd = sys_u64(h, "stats/pmd_faults");
	c->pte = sys_u64(h, "stats/pte_faults");
	c->fb = sys_u64(h, "stats/fallbacks");
	c->maps = sys_u64(h, "stats/mappings");
	c->ptent = sys_u64(h, "stats/pte_entries");
}

const char *counts_str(const struct counts *c, char *buf, size_t len)
{
	snprintf(buf, len, "pud=%llu pmd=%llu pte=%llu (entries %llu) fallbacks=%llu",
		 (unsigned long long)c->pud, (unsigned long long)c->pmd,
		 (unsigned long long)c->pte, (unsigned long long)c->ptent,
		 (unsigned long long)c->fb);
	return buf;
}

static void parse_sizes(struct hm *h)
{
	char buf[128], *tok, *save = NULL;
	int r = sys_read(h, "fault_sizes", buf, sizeof(buf));

	if (r < 0)
		hm_fail("cannot read %s/fault_sizes: %s", h->sys, errname(-r));
	snprintf(h->sizes_str, sizeof(h->sizes_str), "%s", buf);
	h->nsizes = 0;
	for (tok = strtok_r(buf, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		u64 v;

		if (parse_size(tok, &v) || !v)
			hm_fail("fault_sizes \"%s\": bad item \"%s\"", h->sizes_str, tok);
		if (h->nsizes && v >= h->sizes[h->nsizes - 1])
			hm_fail("fault_sizes \"%s\" not largest first", h->sizes_str);
		if (h->nsizes < HM_MAXSZ)
			h->sizes[h->nsizes++] = v;
	}
	if (!h->nsizes)
		hm_fail("fault_sizes empty");
}

void hm_open(struct hm *h, const char *devarg)
{
	const char *p = devarg;
	char buf[64];

	memset(h, 0, sizeof(*h));
	if (!strncmp(p, "/dev/hugemap", 12))
		p += 12;
	h->idx = atoi(p);
	snprintf(h->dev, sizeof(h->dev), "/dev/hugemap%d", h->idx);
	snprintf(h->sys, sizeof(h->sys), "/sys/class/hugemap/hugemap%d", h->idx);
	h->page = (u64)sysconf(_SC_PAGESIZE);
	h->fd = open(h->dev, O_RDWR);
	if (h->fd < 0)
		hm_fail("open %s: %s", h->dev, errname(errno));
	h->size = sys_u64(h, "size");
	h->chunk = sys_u64(h, "chunk_size");
	{
		char b[8] = "";
		FILE *f = fopen("/sys/module/hugemap/parameters/pte_batch", "r");

		if (!f || !fgets(b, sizeof(b), f))
			hm_fail("cannot read /sys/module/hugemap/parameters/pte_batch");
		fclose(f);
		h->batch = b[0] == 'Y' || b[0] == '1';
	}
	if (sys_read(h, "base", buf, sizeof(buf)) >= 0)
		parse_size(buf, &h->base);
	parse_sizes(h);
	if (h->sizes[h->nsizes - 1] != h->page)
		hm_fail("fault_sizes \"%s\" does not end with the page size %llu",
			h->sizes_str, (unsigned long long)h->page);
}

int hm_info(int fd, struct hugemap_info *info, unsigned argsz)
{
	info->argsz = argsz;
	if (ioctl(fd, HUGEMAP_IOC_GET_INFO, info) < 0)
		return -errno;
	return 0;
}

int has_size(const struct hm *h, u64 sz)
{
	int i;

	for (i = 0; i < h->nsizes; i++)
		if (h->sizes[i] == sz)
			return 1;
	return 0;
}

u64 largest_fit(const struct hm *h, u64 len)
{
	int i;

	for (i = 0; i < h->nsizes; i++)
		if (h->sizes[i] > h->page && h->sizes[i] <= len)
			return h->sizes[i];
	return 0;
}

void *hm_map(const struct hm *h, u64 off, u64 len, void *hint, int flags, int prot, int *err)
{
	void *p = mmap(hint, len, prot, flags, h->fd, (off_t)off);

	*err = p == MAP_FAILED ? errno : 0;
	return p;
}

void *free_va(u64 len, u64 align, u64 want)
{
	u64 a;
	char *p = mmap(NULL, len + 2 * align, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		hm_fail("cannot reserve %llu bytes of address space: %s",
			(unsigned long long)(len + 2 * align), errname(errno));
	a = ((u64)(uintptr_t)p + align - 1) & ~(align - 1);
	a += want % align;
	munmap(p, len + 2 * align);
	return (void *)(uintptr_t)a;
}

void fill(volatile void *p, u64 len, u64 step, u64 roff, u64 seed)
{
	u64 x;

	for (x = 0; x + 8 <= len; x += step)
		*(volatile u64 *)((volatile char *)p + x) = pat(roff + x, seed);
}

long long check(const volatile void *p, u64 len, u64 step, u64 roff, u64 seed)
{
	u64 x;

	for (x = 0; x + 8 <= len; x += step)
		if (*(const volatile u64 *)((const volatile char *)p + x) != pat(roff + x, seed))
			return (long long)x;
	return -1;
}

long long touch(volatile void *p, u64 len, u64 step, u64 roff, u64 seed)
{
	u64 x;

	for (x = 0; x + 8 <= len; x += step) {
		volatile u64 *q = (volatile u64 *)((volatile char *)p + x);

		*q = pat(roff + x, seed);
		if (*q != pat(roff + x, seed))
			return (long long)x;
	}
	return -1;
}

void model_touch(const struct hm *h, u64 pmd_size, u64 maxsz, u64 va, u64 len,
		 u64 roff, u64 step, struct model *m)
{
	u64 inst[HM_MAXSZ], tried[HM_MAXSZ];
	u64 bs = 0, be = 0;	/* PTE batch range already inserted */
	u64 x;
	int i;

	for (i = 0; i < HM_MAXSZ; i++)
		inst[i] = tried[i] = ~0ULL;
	memset(m, 0, sizeof(*m));
	for (x = 0; x < len; x += step) {
		u64 a = va + x;
		int done = a >= bs && a < be;

		for (i = 0; i < h->nsizes && h->sizes[i] > h->page; i++)
			if (inst[i] == (a & ~(h->sizes[i] - 1)))
				done = 1;
		if (done)
			continue;
		for (i = 0; i < h->nsizes && h->sizes[i] > h->page; i++) {
			u64 e = h->sizes[i], blk = a & ~(e - 1), boff, phys;

			if (e > maxsz)
				continue;
			if (blk < va || blk + e > va + len)
				continue;	/* the kernel does not try this size */
			if (tried[i] == blk)
				continue;	/* already fell back: a table exists */
			tried[i] = blk;
			boff = roff + (blk - va);	/* region offset of the block */
			phys = h->base + boff;
			if (!(phys & (e - 1)) && boff + e <= h->size &&
			    boff / h->chunk == (boff + e - 1) / h->chunk) {
				inst[i] = blk;
				if (e == pmd_size)
					m->pmd++;
				else if (e > pmd_size)
					m->pud++;
				done = 1;
				break;
			}
			m->fb++;
		}
		if (done)
			continue;
		m->pte++;
		if (h->batch) {
			u64 aoff = roff + x - (x % h->page);	/* region offset of the page */
			u64 pa = a - (a % h->page);
			u64 cs = aoff - aoff % h->chunk, ce = cs + h->chunk;

			bs = pa & ~(pmd_size - 1);
			be = bs + pmd_size;
			if (bs < va)
				bs = va;
			if (be > va + len)
				be = va + len;
			if (aoff - cs < pa - bs)
				bs = pa - (aoff - cs);
			if (ce > h->size)
				ce = h->size;
			if (ce - aoff < be - pa)
				be = pa + (ce - aoff);
			m->ptent += (be - bs) / h->page;
		} else {
			m->ptent++;
		}
	}
}

/* /dev/kmsg records: "prio,seq,ts,flags;text\n" */
static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		hm_fail("open /dev/kmsg: %s", errname(errno));
	return fd;
}

long long kmsg_next(void)
{
	char rec[8192];
	long long last = -1;
	int fd = kmsg_open();

	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		char *c;

		if (n < 0) {
			if (errno == EPIPE)
				continue;
			break;
		}
		rec[n] = 0;
		c = strchr(rec, ',');
		if (c)
			last = strtoll(c + 1, NULL, 10);
	}
	close(fd);
	return last + 1;
}

int kmsg_since(long long seq, char *buf, size_t len)
{
	return kmsg_since_skip(seq, buf, len, NULL);
}

int kmsg_since_skip(long long seq, char *buf, size_t len, int (*skip)(const char *text))
{
	char rec[8192];
	int fd = kmsg_open(), cnt = 0;
	size_t used = 0;

	if (len)
		buf[0] = 0;
	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		char *c, *t, *nl;

		if (n < 0) {
			if (errno == EPIPE)
				continue;
			break;
		}
		rec[n] = 0;
		c = strchr(rec, ',');
		t = strchr(rec, ';');
		if (!c || !t || strtoll(c + 1, NULL, 10) < seq)
			continue;
		t++;
		nl = strchr(t, '\n');
		if (nl)
			*nl = 0;
		if (skip && skip(t))
			continue;
		cnt++;
		if (buf && used + strlen(t) + 3 < len) {
			used += snprintf(buf + used, len - used, "%s%s", used ? " | " : "", t);
		}
	}
	close(fd);
	return cnt;
}

int in_child(int (*fn)(void *), void *arg)
{
	int st;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		hm_fail("fork: %s", errname(errno));
	if (!pid)
		_exit(fn(arg));
	if (waitpid(pid, &st, 0) < 0)
		hm_fail("waitpid: %s", errname(errno));
	return st;
}

int status_is_sig(int st, int sig)
{
	/* children that catch the signal exit with 200 + signal number */
	return (WIFSIGNALED(st) && WTERMSIG(st) == sig) ||
	       (WIFEXITED(st) && WEXITSTATUS(st) == 200 + sig);
}

/* sysfs unavailable has a "SIZE: reason" line for @size */
int unavailable_has(const struct hm *h, u64 size)
{
	char unav[2048], want[32], *l;

	if (sys_read(h, "unavailable", unav, sizeof(unav)) < 0)
		return 0;
	fmt_size(size, want, sizeof(want));
	strcat(want, ":");
	for (l = unav; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		if (!strncmp(l, want, strlen(want)))
			return 1;
	return 0;
}
