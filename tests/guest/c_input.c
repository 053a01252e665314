// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap guest tests for hostile and careless input (issue 14):
 *
 *   pfuzz KO RESV_BASE RESV_SIZE SEED COUNT PAGES_OK   c17-param-fuzz
 *   alimit KO                                 c17-alloc-limit
 *   privs DEV                                 c17-privs
 *   ifuzz DEV SEED COUNT                      c17-ioctl
 *
 * pfuzz loads the module with a table of edge cases and COUNT random
 * regions=/alloc= strings and checks each against a reference of the
 * grammar in hugemap(4): refused (errno, exactly one log line naming the
 * item, nothing left in /dev, sysfs or /proc/iomem) or accepted (one device
 * per item, rmmod clean), and no kernel warning either way.
 */
#include "hmtest.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define U64_MAX_ ((u64)~0ULL)
#define NOBODY 65534

static const char *ename(int e)
{
	return e == EINTR ? "EINTR" : errname(e);
}

/* ------------------------------------------------------------ kernel log */

#define KMSG_MARK "hmtest: log mark"

/* not a reply to the parameters: taint notices, our marks, other drivers' lines */
static int klog_skip(const char *t)
{
	/*
	 * only the module's own lines: other kernel noise (e.g. "NOHZ:
	 * local_softirq_pending" on 4.14) is no reply to the parameters;
	 * BUG/WARNING lines fail the case through the runner's log check
	 */
	return strstr(t, "taints kernel") || strstr(t, "tainting kernel") ||
	       strstr(t, KMSG_MARK) || !strstr(t, "hugemap");
}

/* the module's lines since SEQ; returns the count */
static int klog(long long seq, char *buf, size_t len)
{
	return kmsg_since_skip(seq, buf, len, klog_skip);
}

/*
 * A record printk truncated (params.c quotes a 1024+ byte value) loses its
 * newline and stays open until the next message: write one to close it.
 */
static void kmsg_mark(void)
{
	int fd = open("/dev/kmsg", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, KMSG_MARK "\n", sizeof(KMSG_MARK)) < 0)
			hm_diag("write /dev/kmsg: %s", errname(errno));
		close(fd);
	}
}

static const char *const bad_words[] = {
	"WARNING", "BUG", "Oops", "Call Trace", "general protection",
	"Unable to handle", "oom-kill", "invoked oom-killer", "Out of memory",
	"refcount_t", "list_del corruption", NULL,
};

static const char *bad_word(const char *log)
{
	int i;

	for (i = 0; bad_words[i]; i++)
		if (strstr(log, bad_words[i]))
			return bad_words[i];
	return NULL;
}

/* ------------------------------------------------------------ module state */

static int modload(const char *ko, const char *params)
{
	int fd = open(ko, O_RDONLY | O_CLOEXEC);
	long r;

	if (fd < 0)
		hm_fail("open %s: %s", ko, errname(errno));
	r = syscall(SYS_finit_module, fd, params, 0);
	close(fd);
	return r ? errno : 0;
}

static int modunload(void)
{
	int i;

	for (i = 0; i < 20; i++) {
		if (!syscall(SYS_delete_module, "hugemap", O_NONBLOCK))
			return 0;
		if (errno == ENOENT)
			return ENOENT;
		usleep(100000);
	}
	return errno;
}

static int count_prefix(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, prefix, strlen(prefix)))
			n++;
	closedir(d);
	return n;
}

static int iomem_count(void)
{
	FILE *f = fopen("/proc/iomem", "r");
	char line[256];
	int n = 0;

	if (!f)
		hm_fail("/proc/iomem: %s", errname(errno));
	while (fgets(line, sizeof(line), f))
		if (strstr(line, ": hugemap"))
			n++;
	fclose(f);
	return n;
}

/* what the module left behind; empty string if nothing */
static const char *leftovers(void)
{
	static char buf[256];
	struct stat st;
	int n;

	buf[0] = 0;
	if (!stat("/sys/module/hugemap", &st))
		strcat(buf, " /sys/module/hugemap");
	if (!stat("/sys/class/hugemap", &st))
		strcat(buf, " /sys/class/hugemap");
	n = count_prefix("/dev", "hugemap");
	if (n)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " /dev/hugemap*x%d", n);
	n = iomem_count();
	if (n)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), " /proc/iomem:hugemap x%d", n);
	return buf;
}

static long long meminfo(const char *key)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[256];
	long long v = -1;

	if (!f)
		hm_fail("/proc/meminfo: %s", errname(errno));
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)) && line[strlen(key)] == ':')
			v = atoll(line + strlen(key) + 1) * 1024;
	fclose(f);
	if (v < 0)
		hm_fail("no %s in /proc/meminfo", key);
	return v;
}

/*
 * Free memory: MemFree plus the pages parked on the per-cpu free lists
 * (/proc/zoneinfo "count:"), which hold freed pages of small orders and of
 * the THP order and which MemFree does not count.
 */
static long long free_bytes(void)
{
	FILE *f = fopen("/proc/zoneinfo", "r");
	char line[256];
	long long pcp = 0, c;

	if (f) {
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, " count: %lld", &c) == 1)
				pcp += c;
		fclose(f);
	}
	return meminfo("MemFree") + pcp * sysconf(_SC_PAGESIZE);
}

/* free_bytes() once it is back to at least @want - @slack, waiting up to 5 s */
static long long free_after(long long want, long long slack)
{
	long long now = free_bytes();
	int i;

	for (i = 0; i < 50 && now + slack < want; i++) {
		usleep(100000);
		now = free_bytes();
	}
	return now;
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "3", 1) < 0)
			hm_diag("drop_caches: %s", errname(errno));
		close(fd);
	}
}

/* ------------------------------------------------------------ the grammar */

/*
 * Reference of hugemap(4): NUMBER is decimal digits without a leading zero
 * (a lone 0 is fine) or 0x/0X and hex digits, then at most one of K M G T P E
 * (either case, powers of 1024).  Returns 0, -1 (not a number) or -2 (more
 * than 64 bits).
 */
static int ref_num(const char *s, const char **end, u64 *val)
{
	static const char sfx[] = "KMGTPE";
	const char *p = s, *q;
	unsigned base = 10, d;
	u64 v = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (!isxdigit((unsigned char)*p))
			return -1;
	} else if (!isdigit((unsigned char)p[0]) || (p[0] == '0' && isdigit((unsigned char)p[1]))) {
		return -1;
	}
	for (; isxdigit((unsigned char)*p); p++) {
		d = isdigit((unsigned char)*p) ? (unsigned)(*p - '0') : (unsigned)(tolower(*p) - 'a' + 10);
		if (d >= base)
			break;
		if (v > (U64_MAX_ - d) / base)
			return -2;
		v = v * base + d;
	}
	q = *p ? strchr(sfx, toupper((unsigned char)*p)) : NULL;
	if (q) {
		unsigned shift = 10 * (unsigned)(q - sfx + 1);

		if (v > U64_MAX_ >> shift)
			return -2;
		v <<= shift;
		p++;
	}
	*val = v;
	*end = p;
	return 0;
}

struct env {
	u64 page, resv_base, resv_size;
	int nram;
	u64 ram[32][2];		/* System RAM [start, end] */
	int nodes_online[64];
	int pages_ok;		/* this kernel offers pages mode (EXPECT_PAGES) */
};

/* expectation: "OK", or the errnos allowed for a refusal ('|' separated) */
struct expect {
	const char *res;
	int nitems;		/* devices after an acceptance */
	int nphys;
	int unknown;		/* outside what the model can decide: skip */
};

static int ram_hit(const struct env *e, u64 a, u64 last)
{
	int i;

	for (i = 0; i < e->nram; i++)
		if (a <= e->ram[i][1] && e->ram[i][0] <= last)
			return 1;
	return 0;
}

/* model one parameter value; phys[] collects accepted ranges */
static const char *ref_list(const struct env *e, const char *val, int alloc, int *nitems,
			    u64 phys[][2], int *nphys, int *unknown)
{
	char copy[2048], *s = copy, *item, *b, *t;
	const char *ret = "OK";

	if (!*val)
		return ret;
	snprintf(copy, sizeof(copy), "%s", val);
	/* strim: leading and trailing white space of the whole value */
	while (isspace((unsigned char)*s))
		s++;
	t = s + strlen(s);
	while (t > s && isspace((unsigned char)t[-1]))
		*--t = 0;
	while ((item = strsep(&s, ","))) {
		const char *end;
		u64 size, base = 0;
		int i;

		if (*nitems == 64)
			return "EINVAL";
		(*nitems)++;
		if (ref_num(item, &end, &size))
			return "EINVAL";
		if (alloc) {
			/* SIZE[@NODE][:pfn|:pages]; ":pages" where the kernel offers it */
			char *opt = strchr(item, ':');

			if (opt) {
				if (strcmp(opt, ":pfn") && (strcmp(opt, ":pages") || !e->pages_ok))
					return "EINVAL";
				*opt = 0;
			}
			if (*end == '@') {
				b = (char *)end + 1;
				if (!isdigit((unsigned char)b[0]) || (b[0] == '0' && b[1]) ||
				    strspn(b, "0123456789") != strlen(b) || strlen(b) > 4 ||
				    atoi(b) >= 64 || !e->nodes_online[atoi(b)])
					return "EINVAL";
			} else if (*end) {
				return "EINVAL";
			}
			if (!size || size % e->page)
				return "EINVAL";
			continue;
		}
		if (*end != '@' || ref_num(end + 1, &end, &base))
			return "EINVAL";
		/* options: a cache mode and a map mode, each at most once */
		{
			int cache = -1, pages = -1;
			char opt[8];
			size_t n;

			while (*end == ':') {
				end++;
				n = strcspn(end, ":");
				if (!n || n >= sizeof(opt))
					return "EINVAL";
				memcpy(opt, end, n);
				opt[n] = 0;
				end += n;
				if (!strcmp(opt, "pfn") || !strcmp(opt, "pages")) {
					if (pages >= 0)
						return "EINVAL";
					pages = !strcmp(opt, "pages");
				} else if (!strcmp(opt, "wb") || !strcmp(opt, "wc") || !strcmp(opt, "uc")) {
					if (cache >= 0)
						return "EINVAL";
					cache = strcmp(opt, "wb") != 0;
				} else {
					return "EINVAL";
				}
			}
			if (*end)
				return "EINVAL";
			if (!size || size % e->page || base % e->page || size > U64_MAX_ - base)
				return "EINVAL";
			/* pages mode: wb only, 2 MiB alignment; the rest is the kernel's */
			if (pages == 1 && (cache == 1 || (base | size) % (2ULL << 20)))
				return "EINVAL";
			if (pages == 1) {
				*unknown = 1;
				return "?";
			}
		}
		for (i = 0; i < *nphys; i++)
			if (base <= phys[i][1] && phys[i][0] <= base + size - 1)
				return "EINVAL";
		if (ram_hit(e, base, base + size - 1))
			return "EINVAL";
		if (base + size - 1 >= (1ULL << 52))
			return "EINVAL|ENOMEM|EBUSY";
		if (base < e->resv_base || base + size > e->resv_base + e->resv_size) {
			*unknown = 1;
			return "?";
		}
		phys[*nphys][0] = base;
		phys[*nphys][1] = base + size - 1;
		(*nphys)++;
	}
	return ret;
}

static void ref_params(const struct env *e, const char *regions, const char *alloc,
		       struct expect *x)
{
	u64 phys[70][2];
	const char *r;

	memset(x, 0, sizeof(*x));
	r = ref_list(e, regions, 0, &x->nitems, phys, &x->nphys, &x->unknown);
	if (!strcmp(r, "OK"))
		r = ref_list(e, alloc, 1, &x->nitems, phys, &x->nphys, &x->unknown);
	x->res = r;
}

static void env_read(struct env *e, const char *base, const char *size)
{
	FILE *f;
	char line[256];
	int i;

	memset(e, 0, sizeof(*e));
	e->page = (u64)sysconf(_SC_PAGESIZE);
	e->resv_base = arg_size(base, "RESV_BASE");
	e->resv_size = arg_size(size, "RESV_SIZE");
	f = fopen("/proc/iomem", "r");
	if (!f)
		hm_fail("/proc/iomem: %s", errname(errno));
	while (fgets(line, sizeof(line), f) && e->nram < 32) {
		unsigned long long a, b;

		if (line[0] != ' ' && strstr(line, ": System RAM") &&
		    sscanf(line, "%llx-%llx", &a, &b) == 2) {
			e->ram[e->nram][0] = a;
			e->ram[e->nram][1] = b;
			e->nram++;
		}
	}
	fclose(f);
	if (!e->nram)
		hm_fail("no System RAM in /proc/iomem");
	for (i = 0; i < 64; i++) {
		char p[64];
		struct stat st;

		snprintf(p, sizeof(p), "/sys/devices/system/node/node%d", i);
		e->nodes_online[i] = !stat(p, &st);
	}
	if (stat("/sys/devices/system/node", &(struct stat){0}))
		e->nodes_online[0] = 1;
}

/* ------------------------------------------------------------ one attempt */

struct tally {
	int accepted, refused, skipped, fails;
	char fail[1024];
};

static void tfail(struct tally *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tfail(struct tally *t, const char *fmt, ...)
{
	size_t used = strlen(t->fail);
	va_list ap;

	t->fails++;
	hm_diag("FAIL: see below");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	if (t->fails > 3 || used + 8 >= sizeof(t->fail))
		return;
	if (used)
		used += snprintf(t->fail + used, sizeof(t->fail) - used, "; ");
	va_start(ap, fmt);
	vsnprintf(t->fail + used, sizeof(t->fail) - used, fmt, ap);
	va_end(ap);
}

static int errno_in(int err, const char *set)
{
	char copy[64], *s = copy, *tok;

	snprintf(copy, sizeof(copy), "%s", set);
	while ((tok = strsep(&s, "|")))
		if (!strcmp(tok, ename(err)))
			return 1;
	return 0;
}

/*
 * Load with regions=@regions alloc=@alloc (NULL: not given) and check the
 * outcome against @want (NULL: the reference decides).
 */
static void attempt(struct tally *t, const struct env *e, const char *ko, const char *regions,
		    const char *alloc, const char *want)
{
	char params[4200], log[2048];
	struct expect x;
	long long seq;
	const char *bw, *left;
	int err, n, devs, iom;

	ref_params(e, regions ? regions : "", alloc ? alloc : "", &x);
	if (x.unknown && !want) {
		t->skipped++;
		return;
	}
	/* the table against the model, where the model can decide */
	if (want && !x.unknown && !strcmp(want, "OK") != !strcmp(x.res, "OK") &&
	    strcmp(want, "ENOSPC"))
		tfail(t, "reference disagrees for regions=%s alloc=%s: table %s, model %s",
		      regions ? regions : "-", alloc ? alloc : "-", want, x.res);
	if (want)
		x.res = want;
	params[0] = 0;
	if (regions)
		snprintf(params, sizeof(params), "regions=%s", regions);
	if (alloc)
		snprintf(params + strlen(params), sizeof(params) - strlen(params), "%salloc=%s",
			 regions ? " " : "", alloc);
	seq = kmsg_next();
	err = modload(ko, params);
	if (err == ENOSPC)
		kmsg_mark();
	n = klog(seq, log, sizeof(log));
	bw = bad_word(log);
	if (bw)
		tfail(t, "[%.80s]: kernel log has %s: %.300s", params, bw, log);
	if (!err) {
		devs = count_prefix("/sys/class/hugemap", "hugemap");
		iom = iomem_count();
		err = modunload();
		left = leftovers();
		if (strcmp(x.res, "OK"))
			tfail(t, "[%.80s] accepted (%d devices), expected %s", params, devs, x.res);
		else if (devs != x.nitems || iom != x.nphys)
			tfail(t, "[%.80s]: %d devices, %d iomem claims; expected %d, %d", params, devs,
			      iom, x.nitems, x.nphys);
		if (err)
			tfail(t, "[%.80s]: rmmod %s", params, ename(err));
		if (*left)
			tfail(t, "[%.80s]: after rmmod:%s", params, left);
		t->accepted++;
		return;
	}
	t->refused++;
	left = leftovers();
	if (!strcmp(x.res, "OK"))
		tfail(t, "[%.80s] refused (%s: %.200s), expected to load", params, ename(err), log);
	else if (!errno_in(err, x.res))
		tfail(t, "[%.80s]: %s, expected %s", params, ename(err), x.res);
	if (n != 1 && !(err == ENOSPC && n == 2))
		tfail(t, "[%.80s]: %d log lines, expected 1: %.300s", params, n, log);
	else if (err != ENOSPC && !strstr(log, "item "))
		tfail(t, "[%.80s]: the log line names no item: %.200s", params, log);
	if (*left) {
		tfail(t, "[%.80s]: refused but left:%s", params, left);
		modunload();
	}
}

/* ------------------------------------------------------------ pfuzz */

static u64 rs;
static u64 rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}
static unsigned rn(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* a number in a random accepted spelling */
static void fmt_rand(char *buf, size_t len, u64 v)
{
	static const char units[] = "KMGTPE";
	int u = -1;

	switch (rn(4)) {
	case 0:
		snprintf(buf, len, "%llu", (unsigned long long)v);
		return;
	case 1:
		snprintf(buf, len, rn(2) ? "0x%llx" : "0X%llX", (unsigned long long)v);
		return;
	default:
		while (v && !(v & 1023) && u < 5 && (u < 0 || rn(4))) {
			v >>= 10;
			u++;
		}
		if (u < 0) {
			snprintf(buf, len, "%llu", (unsigned long long)v);
			return;
		}
		snprintf(buf, len, "%llu%c", (unsigned long long)v,
			 rn(2) ? units[u] : tolower(units[u]));
	}
}

static void rand_region(const struct env *e, char *buf, size_t len)
{
	static const char *const junk[] = {
		"", "@", "@@", ":", ":wb", ":xx", "x", "+", "-", "0", "K", "k", "B",
		"0x", ".5", "=", ",", "G", "e", "E", "#", "%",
	};
	static const char *const numbers[] = {
		"18446744073709551615", "18446744073709551616", "99999999999999999999999",
		"17179869185G", "16E", "15E", "1E", "1P", "1T", "0x10000000000000000",
		"0xffffffffffffffff", "0xfffffffffffff000", "0xffffffffffe00000", "0",
		"4097", "1", "0x", "00", "01", "1.5G", "1GG", "-2M", "2Q",
	};
	u64 slots = e->resv_size / (2ULL << 20), off, size;
	char a[64], b[64];
	const char *mode = "";

	off = rn(slots) * (2ULL << 20);
	size = (1 + rn(4)) * (2ULL << 20);
	if (rn(6) == 0)
		size = e->page * (1 + rn(3));
	if (off + size > e->resv_size)
		size = e->resv_size - off;
	fmt_rand(a, sizeof(a), size);
	fmt_rand(b, sizeof(b), e->resv_base + off);
	switch (rn(12)) {
	case 0: /* a huge or odd number in one place */
		snprintf(rn(2) ? a : b, sizeof(a), "%s", numbers[rn(sizeof(numbers) / sizeof(numbers[0]))]);
		break;
	case 1: /* wraps or ends exactly at 2^64 */
		fmt_rand(b, sizeof(b), 0 - size - (rn(2) ? 0 : 2ULL << 20) + (rn(3) ? 0 : size));
		break;
	case 2: /* unaligned */
		if (rn(2))
			fmt_rand(a, sizeof(a), size + 512 * (1 + rn(7)));
		else
			fmt_rand(b, sizeof(b), e->resv_base + off + 512 * (1 + rn(7)));
		break;
	case 3: { /* System RAM */
		int i = (int)rn((unsigned)e->nram);
		u64 ra = (e->ram[i][0] + (2ULL << 20) - 1) & ~((2ULL << 20) - 1);

		if (ra + (2ULL << 20) - 1 <= e->ram[i][1]) {
			fmt_rand(a, sizeof(a), 2ULL << 20);
			fmt_rand(b, sizeof(b), ra);
		}
		break;
	}
	case 4: /* far beyond any RAM */
		fmt_rand(b, sizeof(b), (1ULL << 60) + off);
		break;
	default:
		break;
	}
	switch (rn(12)) {
	case 0: mode = ":wb"; break;
	case 1: mode = ":uc"; break;
	case 2: mode = ":wc"; break;
	case 3: mode = rn(2) ? ":WB" : ":"; break;
	case 4: mode = ":pfn"; break;
	case 5: mode = rn(2) ? ":wb:pfn" : ":pfn:wc"; break;
	case 6: mode = rn(2) ? ":pfn:pfn" : ":uc:pages"; break;
	case 7: mode = rn(2) ? ":pages:pfn" : ":PFN"; break;
	default: break;
	}
	snprintf(buf, len, "%s@%s%s", a, b, mode);
	if (rn(8) == 0) {	/* a stray piece somewhere */
		const char *j = junk[rn(sizeof(junk) / sizeof(junk[0]))];
		size_t at = rn((unsigned)strlen(buf) + 1);
		char tmp[160];

		snprintf(tmp, sizeof(tmp), "%.*s%s%s", (int)at, buf, j, buf + at);
		snprintf(buf, len, "%s", tmp);
	}
	if (rn(16) == 0) {	/* missing @ */
		char *p = strchr(buf, '@');

		if (p)
			memmove(p, p + 1, strlen(p));
	}
}

static void rand_alloc(const struct env *e, char *buf, size_t len)
{
	static const char *const nodes[] = {
		"0", "1", "", "00", "01", "-1", "+0", "0x0", "4294967296", "99999999999999999999",
		"63", "64", "1023", "1024",
	};
	u64 size = (1 + rn(4)) * (2ULL << 20);
	char a[64];

	if (rn(6) == 0)
		size = e->page * (1 + rn(5));
	if (rn(10) == 0)
		size = 0;
	if (rn(10) == 0)
		size += 512;
	fmt_rand(a, sizeof(a), size);
	if (rn(10) == 0)
		snprintf(a, sizeof(a), "%s", rn(2) ? "17179869185G" : "18446744073709551616");
	if (rn(3) == 0)
		snprintf(buf, len, "%s@%s", a, nodes[rn(sizeof(nodes) / sizeof(nodes[0]))]);
	else
		snprintf(buf, len, "%s", a);
}

static void rand_list(const struct env *e, char *buf, size_t len, int alloc)
{
	int i, n = 1 + (int)rn(4);
	char item[160];

	buf[0] = 0;
	for (i = 0; i < n; i++) {
		if (rn(16) == 0)
			item[0] = 0;	/* an empty item */
		else if (alloc)
			rand_alloc(e, item, sizeof(item));
		else
			rand_region(e, item, sizeof(item));
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? "," : "", item);
	}
	/* a duplicate of the first item */
	if (!alloc && rn(6) == 0) {
		char *c = strchr(buf, ',');

		snprintf(item, sizeof(item), "%.*s", c ? (int)(c - buf) : (int)strlen(buf), buf);
		snprintf(buf + strlen(buf), len - strlen(buf), ",%s", item);
	}
}

int cmd_pfuzz(int argc, char **argv)
{
	struct env e;
	struct tally t;
	char r1[256], r2[256], big[1200], many[1024];
	const char *ko;
	u64 R, S, P, seed;
	unsigned count, i;
	time_t t0 = time(NULL);

	if (argc < 7)
		hm_fail("usage: pfuzz KO RESV_BASE RESV_SIZE SEED COUNT PAGES_OK");
	ko = argv[1];
	env_read(&e, argv[2], argv[3]);
	e.pages_ok = atoi(argv[6]) != 0;
	seed = strtoull(argv[4], NULL, 0);
	count = (unsigned)atoi(argv[5]);
	memset(&t, 0, sizeof(t));
	R = e.resv_base;
	S = e.resv_size;
	P = e.page;
	if (*leftovers())
		hm_fail("module state before the test:%s", leftovers());

#define RG(fmt, ...) (snprintf(r1, sizeof(r1), fmt, __VA_ARGS__), r1)
	/* the table: what hugemap(4) promises */
	attempt(&t, &e, ko, "", NULL, "OK");
	attempt(&t, &e, ko, RG("2M@0x%llx", (unsigned long long)R), NULL, "OK");
	attempt(&t, &e, ko, RG("2m@%llu", (unsigned long long)R), NULL, "OK");
	attempt(&t, &e, ko, RG("0x200000@0X%llX:wb", (unsigned long long)R), NULL, "OK");
	attempt(&t, &e, ko, RG("2048K@0x%llx,2048k@0x%llx", (unsigned long long)R,
			       (unsigned long long)(R + (2ULL << 20))), NULL, "OK");
	attempt(&t, &e, ko, RG("%lluK@0x%llx", (unsigned long long)(S >> 10), (unsigned long long)R),
		NULL, "OK");
	attempt(&t, &e, ko, NULL, "2M", "OK");
	attempt(&t, &e, ko, NULL, "2m@0,0x200000", "OK");
	snprintf(r2, sizeof(r2), "%llu", (unsigned long long)P);
	attempt(&t, &e, ko, RG("2M@0x%llx:uc", (unsigned long long)R), r2, "OK");
	/* overflow of the number and of the suffix shift (issue 14) */
	attempt(&t, &e, ko, "17179869185G@0x100000000", NULL, "EINVAL");
	attempt(&t, &e, ko, "1G@0x10000000100000000", NULL, "EINVAL");
	attempt(&t, &e, ko, RG("18446744073709551616@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("16E@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, NULL, "17179869185G", "EINVAL");
	attempt(&t, &e, ko, NULL, "16E", "EINVAL");
	attempt(&t, &e, ko, NULL, "99999999999999999999", "EINVAL");
	/* wrap, and a range ending exactly at 2^64, also as a duplicate */
	attempt(&t, &e, ko, "2M@0xffffffffffe00000", NULL, "EINVAL");
	attempt(&t, &e, ko, "4M@0xffffffffffe00000", NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx,2M@0xffffffffffe00000,2M@0xffffffffffe00000",
			       (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, "16E@0", NULL, "EINVAL");
	/* duplicates and overlaps */
	attempt(&t, &e, ko, RG("2M@0x%llx,2M@0x%llx", (unsigned long long)R, (unsigned long long)R),
		NULL, "EINVAL");
	attempt(&t, &e, ko, RG("4M@0x%llx,2M@0x%llx", (unsigned long long)R,
			       (unsigned long long)(R + (2ULL << 20))), NULL, "EINVAL");
	/* empty items, missing pieces, stray characters */
	attempt(&t, &e, ko, RG(",2M@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx,", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx,,2M@0x%llx", (unsigned long long)R,
			       (unsigned long long)(R + (4ULL << 20))), NULL, "EINVAL");
	attempt(&t, &e, ko, "2M", NULL, "EINVAL");
	attempt(&t, &e, ko, RG("@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, "2M@", NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx:", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx:WB", (unsigned long long)R), NULL, "EINVAL");
	/* map modes (issue 15): one cache and one map option, any order */
	attempt(&t, &e, ko, RG("2M@0x%llx:pfn", (unsigned long long)R), NULL, "OK");
	attempt(&t, &e, ko, RG("2M@0x%llx:uc:pfn", (unsigned long long)R), NULL, "OK");
	attempt(&t, &e, ko, RG("2M@0x%llx:pfn:wb", (unsigned long long)R), NULL, "OK");
	attempt(&t, &e, ko, RG("2M@0x%llx:pfn:pages", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx:wb:wc", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx:wc:pages", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx:pages:", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("%llu@0x%llx:pages", (unsigned long long)P,
			       (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, NULL, "2M:pfn", "OK");
	attempt(&t, &e, ko, NULL, "2M@0:pfn", "OK");
	attempt(&t, &e, ko, NULL, "2M:pages", e.pages_ok ? "OK" : "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@0:pages", e.pages_ok ? "OK" : "EINVAL");
	attempt(&t, &e, ko, NULL, "2M:pages:pfn", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M:pfn:pfn", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M:pfn@0", "EINVAL");
	attempt(&t, &e, ko, RG("2MB@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llxz", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("+2M@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("1.5G@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("02M@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("0x@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2Q@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	/* zero and unaligned */
	attempt(&t, &e, ko, RG("0@0x%llx", (unsigned long long)R), NULL, "EINVAL");
	attempt(&t, &e, ko, RG("%llu@0x%llx", (unsigned long long)(P + 1), (unsigned long long)R),
		NULL, "EINVAL");
	attempt(&t, &e, ko, RG("2M@0x%llx", (unsigned long long)(R + 2048)), NULL, "EINVAL");
	/* every suffix, far too large for this machine */
	attempt(&t, &e, ko, RG("1T@0x%llx", (unsigned long long)R), NULL, NULL);
	attempt(&t, &e, ko, RG("1P@0x%llx", (unsigned long long)R), NULL, "EINVAL|ENOMEM|EBUSY");
	attempt(&t, &e, ko, RG("1E@0x%llx", (unsigned long long)R), NULL, "EINVAL|ENOMEM|EBUSY");
	attempt(&t, &e, ko, RG("2M@0x%llx", 1ULL << 60), NULL, "EINVAL|ENOMEM|EBUSY");
	/* alloc= items */
	attempt(&t, &e, ko, NULL, "0", "EINVAL");
	attempt(&t, &e, ko, NULL, "4097", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@-1", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@+0", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@01", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@0x0", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@4294967296", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@0@0", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M:wb", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M,", "EINVAL");
	attempt(&t, &e, ko, NULL, ",2M", "EINVAL");
	attempt(&t, &e, ko, NULL, e.nodes_online[1] ? "2M@64" : "2M@1", "EINVAL");
	attempt(&t, &e, ko, NULL, "2M@1024", "EINVAL");
	/* 65 items; a value longer than the kernel's 1024-byte limit */
	many[0] = 0;
	for (i = 0; i < 65; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "%s%llu", i ? "," : "",
			 (unsigned long long)P);
	attempt(&t, &e, ko, NULL, many, "EINVAL");
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	big[0] = '2';
	attempt(&t, &e, ko, big, NULL, "ENOSPC");
	attempt(&t, &e, ko, RG("2M@0x%llx", (unsigned long long)R), "2M@1024", "EINVAL");
#undef RG
	hm_diag("table: %d accepted, %d refused, %d failures", t.accepted, t.refused, t.fails);

	/* random strings around the reserved region */
	rs = seed ? seed : 1;
	for (i = 0; i < count; i++) {
		int which = (int)rn(4);

		rand_list(&e, r1, sizeof(r1), 0);
		rand_list(&e, r2, sizeof(r2), 1);
		attempt(&t, &e, ko, which != 1 ? r1 : NULL, which >= 1 ? r2 : NULL, NULL);
	}
	if (t.fails)
		hm_fail("%d failures (%d loads accepted, %d refused, %d skipped): %s", t.fails,
			t.accepted, t.refused, t.skipped, t.fail);
	hm_pass("%d loads: %d accepted and unloaded clean, %d refused with one log line and nothing left, %d random strings outside the model skipped; seed %llu; %lds",
		t.accepted + t.refused, t.accepted, t.refused, t.skipped, (unsigned long long)seed,
		(long)(time(NULL) - t0));
}

/* ------------------------------------------------------------ alimit */

/* load alloc=SIZE; refused with ENOMEM and one line, or accepted and unloaded */
static void alimit_one(const char *ko, const char *what, u64 size, int must_refuse,
		       const char *line_has, char *figs, size_t flen)
{
	char params[64], log[2048], b1[32];
	long long seq, free0, free1;
	struct timespec a, b;
	const char *bw, *left;
	double secs;
	int err, n;

	drop_caches();
	free0 = free_bytes();
	snprintf(params, sizeof(params), "alloc=%llu", (unsigned long long)size);
	seq = kmsg_next();
	clock_gettime(CLOCK_MONOTONIC, &a);
	err = modload(ko, params);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	n = klog(seq, log, sizeof(log));
	bw = bad_word(log);
	if (bw)
		hm_fail("%s (%s): kernel log has %s: %.400s", what, params, bw, log);
	if (!err) {
		char p[96], v[64];
		int fd;
		ssize_t r;

		if (must_refuse)
			hm_fail("%s (%s): loaded", what, params);
		snprintf(p, sizeof(p), "/sys/class/hugemap/hugemap0/size");
		fd = open(p, O_RDONLY);
		r = fd >= 0 ? read(fd, v, sizeof(v) - 1) : -1;
		if (fd >= 0)
			close(fd);
		if (r <= 0 || (v[r] = 0, strtoull(v, NULL, 10) != size))
			hm_fail("%s: hugemap0 size \"%s\", expected %llu", what, r > 0 ? v : "?",
				(unsigned long long)size);
		err = modunload();
		if (err)
			hm_fail("%s: rmmod %s", what, ename(err));
	} else {
		if (err != ENOMEM)
			hm_fail("%s (%s): %s, expected ENOMEM", what, params, ename(err));
		if (n != 1 || !strstr(log, "alloc item 1") || (line_has && !strstr(log, line_has)))
			hm_fail("%s (%s): %d log lines, expected one naming alloc item 1%s%s: %.400s",
				what, params, n, line_has ? " and saying " : "", line_has ? line_has : "",
				log);
	}
	left = leftovers();
	if (*left)
		hm_fail("%s: left:%s", what, left);
	drop_caches();
	free1 = free_after(free0, 32LL << 20);
	if (free1 + (32LL << 20) < free0)
		hm_fail("%s: free %lld MiB before, %lld MiB after: memory left behind", what,
			free0 >> 20, free1 >> 20);
	snprintf(figs + strlen(figs), flen - strlen(figs), "%s%s %s: %s in %.1fs, free %lld->%lld MiB",
		 *figs ? "; " : "", what, fmt_size(size, b1, sizeof(b1)), err ? ename(err) : "loaded+rmmod",
		 secs, free0 >> 20, free1 >> 20);
}

int cmd_alimit(int argc, char **argv)
{
	char figs[1024] = "", log[2048];
	long long total, avail, seq, free0, free1;
	u64 two = 2ULL << 20, big, over;
	struct timespec a, b, c;
	double load_s, kill_s;
	const char *ko, *left;
	int st, delay_ms, n;
	pid_t pid;

	if (argc < 2)
		hm_fail("usage: alimit KO");
	ko = argv[1];
	if (*leftovers())
		hm_fail("module state before the test:%s", leftovers());
	total = meminfo("MemTotal");
	/* far more than the machine has: refused up front */
	alimit_one(ko, "64G", 64ULL << 30, 1, "can spare", figs, sizeof(figs));
	/* all of MemAvailable: over the limit (MemAvailable less MemTotal/16) */
	drop_caches();
	avail = meminfo("MemAvailable");
	over = ((u64)avail + two - 1) / two * two;
	alimit_one(ko, "MemAvailable", over, 1, "can spare", figs, sizeof(figs));
	/* within the limit: allocated (or ENOMEM, never the OOM killer) and given back */
	big = ((u64)avail - (u64)total / 8) / two * two;
	clock_gettime(CLOCK_MONOTONIC, &a);
	alimit_one(ko, "MemAvailable-MemTotal/8", big, 0, NULL, figs, sizeof(figs));
	clock_gettime(CLOCK_MONOTONIC, &b);
	load_s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;

	/* the same, killed while allocating: stops, keeps nothing, does not load */
	delay_ms = (int)(load_s * 1000 / 4);
	if (delay_ms > 300)
		delay_ms = 300;
	if (delay_ms < 20)
		delay_ms = 20;
	drop_caches();
	free0 = free_bytes();
	seq = kmsg_next();
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		hm_fail("fork: %s", errname(errno));
	if (!pid) {
		char params[64];

		snprintf(params, sizeof(params), "alloc=%llu", (unsigned long long)big);
		_exit(modload(ko, params) ? 3 : 4);
	}
	usleep((useconds_t)delay_ms * 1000);
	clock_gettime(CLOCK_MONOTONIC, &b);
	kill(pid, SIGKILL);
	if (waitpid(pid, &st, 0) < 0)
		hm_fail("waitpid: %s", errname(errno));
	clock_gettime(CLOCK_MONOTONIC, &c);
	kill_s = (double)(c.tv_sec - b.tv_sec) + (double)(c.tv_nsec - b.tv_nsec) / 1e9;
	n = klog(seq, log, sizeof(log));
	if (bad_word(log))
		hm_fail("killed load: kernel log has %s: %.400s", bad_word(log), log);
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
		hm_fail("killed load: child status 0x%x, expected death by SIGKILL", st);
	left = leftovers();
	if (*left) {
		modunload();
		hm_fail("killed load after %d ms: module or devices left:%s (log: %.300s)", delay_ms,
			left, log);
	}
	if (n != 1 || !strstr(log, "interrupted"))
		hm_fail("killed load: %d log lines, expected one saying interrupted: %.400s", n, log);
	if (kill_s > 10)
		hm_fail("killed load: took %.1fs to stop", kill_s);
	drop_caches();
	free1 = free_after(free0, 32LL << 20);
	if (free1 + (32LL << 20) < free0)
		hm_fail("killed load: free %lld MiB before, %lld MiB after (MemFree + per-cpu lists)",
			free0 >> 20, free1 >> 20);
	hm_pass("%s; SIGKILL after %d ms: stopped in %.2fs, nothing loaded, free %lld->%lld MiB (MemFree + per-cpu lists)",
		figs, delay_ms, kill_s, free0 >> 20, free1 >> 20);
}

/* ------------------------------------------------------------ privs */

static int send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c = 'f';
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&m);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	return sendmsg(sock, &m, 0) == 1 ? 0 : -1;
}

static int recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], c;
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
			    .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd;

	if (recvmsg(sock, &m, 0) != 1)
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (!cm || cm->cmsg_type != SCM_RIGHTS)
		return -1;
	memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

static int drop_to_nobody(void)
{
	gid_t g = NOBODY;

	if (syscall(SYS_setgroups, 1, &g) || setgid(NOBODY) || setuid(NOBODY))
		return -1;
	return geteuid() == NOBODY ? 0 : -1;
}

/* base seen through fd with the GET_INFO and INFO numbers; -1 on error */
static long long info_base(int fd, unsigned long cmd)
{
	struct hugemap_info in;

	memset(&in, 0, sizeof(in));
	in.argsz = sizeof(in);
	if (ioctl(fd, cmd, &in))
		return -1;
	return (long long)in.base;
}

int cmd_privs(int argc, char **argv)
{
	const char *param = "/sys/module/hugemap/parameters/regions";
	char base_file[128];
	struct stat st;
	struct hm h;
	int sv[2], fd, status;
	long long b1, b2;
	pid_t pid;
	mode_t old;

	if (argc < 2)
		hm_fail("usage: privs DEV");
	hm_open(&h, argv[1]);
	if (!h.base)
		hm_fail("sysfs base of %s is 0: needs a regions= device", h.dev);
	snprintf(base_file, sizeof(base_file), "%s/base", h.sys);
	if (stat(param, &st))
		hm_fail("%s: %s", param, errname(errno));
	if ((st.st_mode & 07777) != 0400)
		hm_fail("%s mode %04o, expected 0400 (it shows physical addresses)", param,
			(unsigned)(st.st_mode & 07777));
	if (stat(base_file, &st) || (st.st_mode & 07777) != 0400)
		hm_fail("%s mode %04o, expected 0400", base_file, (unsigned)(st.st_mode & 07777));
	b1 = info_base(h.fd, HUGEMAP_IOC_GET_INFO);
	b2 = info_base(h.fd, HUGEMAP_IOC_INFO);
	if (b1 != (long long)h.base || b2 != (long long)h.base)
		hm_fail("root opener: ioctl base 0x%llx / 0x%llx, sysfs 0x%llx", b1, b2,
			(unsigned long long)h.base);
	/* nobody must be able to walk to /dev and /sys (the initramfs root may be 0700) */
	if (!stat("/", &st) && (st.st_mode & 0001) == 0 && chmod("/", (st.st_mode & 07777) | 0055))
		hm_fail("chmod /: %s", errname(errno));
	if (stat(h.dev, &st))
		hm_fail("%s: %s", h.dev, errname(errno));
	old = st.st_mode & 07777;
	if (chmod(h.dev, 0666))
		hm_fail("chmod %s: %s", h.dev, errname(errno));
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		hm_fail("socketpair: %s", errname(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		hm_fail("fork: %s", errname(errno));
	if (!pid) {
		int f, r;

		close(sv[0]);
		if (drop_to_nobody())
			_exit(20);
		/* control: a world-readable parameter is readable */
		f = open("/sys/module/hugemap/parameters/max_fault", O_RDONLY);
		if (f < 0) {
			hm_diag("nobody: open parameters/max_fault: %s", errname(errno));
			_exit(28);
		}
		close(f);
		if (open(param, O_RDONLY) >= 0 || errno != EACCES)
			_exit(21);	/* the parameter readable */
		if (open(base_file, O_RDONLY) >= 0 || errno != EACCES)
			_exit(22);
		f = open(h.dev, O_RDONLY);
		if (f < 0) {
			hm_diag("nobody: open %s: %s", h.dev, errname(errno));
			_exit(23);
		}
		if (info_base(f, HUGEMAP_IOC_GET_INFO) != 0 || info_base(f, HUGEMAP_IOC_INFO) != 0)
			_exit(24);	/* unprivileged opener sees base */
		if (send_fd(sv[1], f))
			_exit(25);
		r = recv_fd(sv[1]);
		if (r < 0)
			_exit(26);
		if (info_base(r, HUGEMAP_IOC_GET_INFO) != (long long)h.base)
			_exit(27);	/* a root opener's fd lost its base */
		_exit(0);
	}
	close(sv[1]);
	fd = recv_fd(sv[0]);
	if (fd < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		chmod(h.dev, old);
		hm_fail("no fd from the unprivileged child (status 0x%x)", status);
	}
	b1 = info_base(fd, HUGEMAP_IOC_GET_INFO);
	b2 = info_base(fd, HUGEMAP_IOC_INFO);
	send_fd(sv[0], h.fd);
	waitpid(pid, &status, 0);
	chmod(h.dev, old);
	if (b1 != 0 || b2 != 0)
		hm_fail("root caller on an fd opened by uid %d: base 0x%llx / 0x%llx revealed", NOBODY,
			b1, b2);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		static const char *const why[] = {
			"cannot drop to nobody", "regions parameter readable by nobody",
			"sysfs base readable by nobody", "nobody cannot open the device",
			"nobody's own ioctl shows base", "send_fd", "recv_fd",
			"root-opened fd shows no base to nobody",
			"nobody cannot read parameters/max_fault (0444)",
		};
		int c = WIFEXITED(status) ? WEXITSTATUS(status) : -1;

		hm_fail("unprivileged child: %s (status 0x%x)",
			c >= 20 && c <= 28 ? why[c - 20] : "died", status);
	}
	hm_pass("regions parameter 0400 (nobody: EACCES), base 0400; base by opener: root fd 0x%llx (also in nobody's hands), nobody's fd 0 (also in root's hands), both ioctl numbers",
		(unsigned long long)h.base);
}

/* ------------------------------------------------------------ ifuzz */

#define MINSZ ((unsigned)(offsetof(struct hugemap_info, fault_sizes) + \
			  sizeof(((struct hugemap_info *)0)->fault_sizes)))
#define KSZ ((unsigned)sizeof(struct hugemap_info))

struct ubuf {
	unsigned char *rw;	/* 2 pages rw then 1 unmapped */
	unsigned char *ro;	/* 1 page read-only */
	unsigned char *gone;	/* unmapped */
	size_t page;
};

/* what the driver must answer for GET_INFO-like cmd on p (argsz already there) */
static int info_expect(unsigned long cmd, const struct ubuf *u, unsigned char *p, int readable,
		       int writable_len)
{
	unsigned argsz;

	if (cmd != HUGEMAP_IOC_GET_INFO &&
	    !(_IOC_TYPE(cmd) == HUGEMAP_IOC_MAGIC && _IOC_NR(cmd) == 1 &&
	      _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE)))
		return ENOTTY;
	if (!readable)
		return EFAULT;
	memcpy(&argsz, p, 4);
	if (argsz < MINSZ)
		return EINVAL;
	if (cmd != HUGEMAP_IOC_GET_INFO && argsz != _IOC_SIZE(cmd))
		return EINVAL;
	if (argsz > HUGEMAP_INFO_MAX_ARGSZ)
		return E2BIG;
	(void)u;
	return (int)argsz <= writable_len ? 0 : EFAULT;
}

static void ifuzz_check_ok(const struct hm *h, const unsigned char *p, unsigned argsz, const char *what)
{
	struct hugemap_info in;
	unsigned i;

	memcpy(&in, p, KSZ < argsz ? KSZ : argsz);
	if (in.argsz != (argsz < KSZ ? argsz : KSZ))
		hm_fail("%s: argsz out %u for argsz in %u (kernel struct %u)", what, in.argsz, argsz, KSZ);
	if (in.version != HUGEMAP_INFO_VERSION || (int)in.index != h->idx || in.size != h->size)
		hm_fail("%s: version %u index %u size %llu", what, in.version, in.index,
			(unsigned long long)in.size);
	for (i = KSZ; i < argsz; i++)
		if (p[i])
			hm_fail("%s: byte %u past the kernel's %u-byte struct is 0x%02x, not zeroed",
				what, i, KSZ, p[i]);
}

int cmd_ifuzz(int argc, char **argv)
{
	static const unsigned sizes[] = { 0, 1, 4, MINSZ - 1, MINSZ, KSZ - 8, KSZ, KSZ + 8, KSZ + 64,
					  4095, 4096, 4097, 65536, 0xffffffffu };
	unsigned char *big;
	struct ubuf u;
	struct hm h;
	unsigned count, i, nok = 0, nerr = 0, nskip = 0;
	unsigned long cmd;
	u64 seed;
	int r, want;

	if (argc < 4)
		hm_fail("usage: ifuzz DEV SEED COUNT");
	hm_open(&h, argv[1]);
	seed = strtoull(argv[2], NULL, 0);
	count = (unsigned)atoi(argv[3]);
	u.page = (size_t)h.page;
	u.rw = mmap(NULL, 3 * u.page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u.ro = mmap(NULL, u.page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	u.gone = mmap(NULL, u.page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (u.rw == MAP_FAILED || u.ro == MAP_FAILED || u.gone == MAP_FAILED)
		hm_fail("mmap: %s", errname(errno));
	munmap(u.rw + 2 * u.page, u.page);
	munmap(u.gone, u.page);
	big = u.rw;

	/* a larger struct full of 0xff: the tail is zeroed, nothing past argsz written */
	memset(big, 0xff, 2 * u.page);
	((struct hugemap_info *)big)->argsz = KSZ + 64;
	if (ioctl(h.fd, HUGEMAP_IOC_GET_INFO, big))
		hm_fail("GET_INFO with argsz %u: %s", KSZ + 64, errname(errno));
	ifuzz_check_ok(&h, big, KSZ + 64, "GET_INFO larger struct");
	for (i = KSZ + 64; i < KSZ + 128; i++)
		if (big[i] != 0xff)
			hm_fail("GET_INFO wrote byte %u past argsz %u", i, KSZ + 64);
	memset(big, 0xff, 2 * u.page);
	((struct hugemap_info *)big)->argsz = KSZ + 64;
	cmd = _IOC(_IOC_READ | _IOC_WRITE, HUGEMAP_IOC_MAGIC, 1, KSZ + 64);
	if (ioctl(h.fd, cmd, big))
		hm_fail("_IOWR(0xB8, 1, %u): %s", KSZ + 64, errname(errno));
	ifuzz_check_ok(&h, big, KSZ + 64, "_IOWR larger struct");
	memset(big, 0xff, 2 * u.page);
	((struct hugemap_info *)big)->argsz = MINSZ;
	if (ioctl(h.fd, HUGEMAP_IOC_INFO, big) != -1 || errno != EINVAL)
		hm_fail("HUGEMAP_IOC_INFO with argsz %u != %u: %s, expected EINVAL", MINSZ, KSZ,
			errname(errno));
	if (ioctl(h.fd, HUGEMAP_IOC_GET_INFO, big))
		hm_fail("GET_INFO argsz %u: %s", MINSZ, errname(errno));
	ifuzz_check_ok(&h, big, MINSZ, "GET_INFO minimal struct");
	for (i = MINSZ; i < KSZ + 64; i++)
		if (big[i] != 0xff)
			hm_fail("GET_INFO with argsz %u wrote byte %u", MINSZ, i);

	/* random commands, sizes and pointers */
	rs = seed ? seed : 1;
	for (i = 0; i < count; i++) {
		unsigned char *p;
		unsigned argsz = sizes[rn(sizeof(sizes) / sizeof(sizes[0]))];
		int readable = 1, wlen = 0, k = (int)rn(10);
		unsigned type;

		switch (rn(5)) {
		case 0:
			cmd = (unsigned)rnd();
			break;
		case 1:
			cmd = _IOC(rn(4), HUGEMAP_IOC_MAGIC, rn(4), rn(2) ? KSZ : rn(1 << 14));
			break;
		case 2:
			cmd = _IOC(_IOC_READ | _IOC_WRITE, HUGEMAP_IOC_MAGIC, 1,
				   rn(2) ? argsz & 0x3fff : rn(1 << 14));
			break;
		default:
			cmd = rn(2) ? HUGEMAP_IOC_GET_INFO : HUGEMAP_IOC_INFO;
			break;
		}
		type = _IOC_TYPE(cmd);
		/* numbers the VFS answers before any driver */
		if (type != HUGEMAP_IOC_MAGIC && (type == 0 || type == 'T' || type == 'f' ||
						 type == 'X' || type == 0x94 || type == 0x15 ||
						 type == 0x12 || type == 'v')) {
			nskip++;
			continue;
		}
		memset(big, 0xff, 2 * u.page);
		switch (k) {
		case 0:
			p = NULL;
			readable = 0;
			break;
		case 1:
			p = u.gone;
			readable = 0;
			break;
		case 2:
			p = u.ro;	/* zero-filled, read-only */
			mprotect(u.ro, u.page, PROT_READ | PROT_WRITE);
			memcpy(u.ro, &argsz, 4);
			mprotect(u.ro, u.page, PROT_READ);
			wlen = 0;
			break;
		case 3:	/* the struct runs into the unmapped page */
			p = u.rw + 2 * u.page - 16;
			memcpy(p, &argsz, 4);
			wlen = 16;
			break;
		case 4:
			p = (unsigned char *)(uintptr_t)0xffff800000000000ULL;
			readable = 0;
			break;
		default:
			p = u.rw + rn(64);
			memcpy(p, &argsz, 4);
			wlen = (int)(u.rw + 2 * u.page - p);
			break;
		}
		want = info_expect(cmd, &u, p, readable, wlen);
		r = ioctl(h.fd, cmd, p);
		if (type != HUGEMAP_IOC_MAGIC && r == -1 && errno == ENOTTY) {
			nerr++;
			continue;
		}
		if (want ? (r != -1 || errno != want) : r != 0)
			hm_fail("ioctl #%u cmd 0x%lx ptr %p argsz %u: %s, expected %s", i, cmd, (void *)p,
				argsz, r ? errname(errno) : "0", errname(want));
		if (!r) {
			ifuzz_check_ok(&h, p, argsz, "random GET_INFO");
			nok++;
		} else {
			nerr++;
		}
	}
	/* the device still answers */
	memset(big, 0, KSZ);
	((struct hugemap_info *)big)->argsz = KSZ;
	if (ioctl(h.fd, HUGEMAP_IOC_GET_INFO, big))
		hm_fail("GET_INFO after the fuzz: %s", errname(errno));
	hm_pass("larger struct of 0xff: tail zeroed, argsz out %u, nothing past argsz written; _IOWR form ok; %u random ioctls: %u answered, %u errors as expected, %u skipped (VFS numbers); seed %llu",
		KSZ, count, nok, nerr, nskip, (unsigned long long)seed);
}
