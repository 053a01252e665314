/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hugemap-libtest: libhugemap checks that need the driver (run in a guest
 * by run.sh).  Each command prints one line "OK ..." or "FAIL ..." and
 * exits 0 / 1 (2 for usage errors).
 *
 *   predict DEV OFFSET LENGTH [--align] [--misalign] [--expect-entry SIZE]
 *       map with the library, touch every page, compare the stats delta
 *       with the library's prediction (and the predicted entry size with
 *       SIZE).  --misalign: MAP_FIXED at a PMD-aligned address + one page.
 *   info DEV
 *       ioctl (library) against sysfs (library), and the argsz protocol
 *   perm DEV
 *       become nobody (65534), open DEV: expect -EACCES and its message
 *   asuser UID GID PROGRAM [ARGS...]
 *       drop to UID/GID (no supplementary groups) and exec PROGRAM
 *   jsoncheck
 *       validate JSON on stdin (syntax only)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hugemap.h"

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#include <stdarg.h>
static int fail(const char *fmt, ...)
{
	va_list ap;

	printf("FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	return 1;
}

static uint64_t size_arg(const char *s)
{
	uint64_t v;

	if (hugemap_parse_size(s, &v)) {
		fprintf(stderr, "bad size '%s'\n", s);
		exit(2);
	}
	return v;
}

static int stats_of(struct hugemap *h, struct hugemap_stats *st)
{
	return hugemap_stats_read((unsigned int)hugemap_index(h), st);
}

static int cmd_predict(int argc, char **argv)
{
	struct hugemap_stats before, after;
	struct hugemap_mapping m;
	struct hugemap_info in;
	struct hugemap *h;
	uint64_t offset, length, expect = 0, page, i, dpud, dpmd, dpte, dfb;
	uint64_t ent0 = 0, ent1 = 0, dent;
	int align = 0, misalign = 0, r, a;
	char es[32], xs[32];
	volatile unsigned char *p;
	unsigned long sum = 0;
	void *addr;

	if (argc < 5)
		return 2;
	offset = size_arg(argv[3]);
	length = size_arg(argv[4]);
	for (a = 5; a < argc; a++) {
		if (!strcmp(argv[a], "--align"))
			align = 1;
		else if (!strcmp(argv[a], "--misalign"))
			misalign = 1;
		else if (!strcmp(argv[a], "--expect-entry") && a + 1 < argc)
			expect = size_arg(argv[++a]);
		else
			return 2;
	}
	r = hugemap_open(argv[2], 0, &h);
	if (r)
		return fail("open %s: %s", argv[2], hugemap_strerror(r));
	r = hugemap_get_info(h, &in);
	if (r)
		return fail("get_info: %s", hugemap_strerror(r));
	page = in.page_size;
	if (misalign) {
		/* a PMD-aligned address plus one page, MAP_FIXED */
		uint64_t res, target, span = length + 2 * in.pmd_size;
		void *q = mmap(NULL, (size_t)span, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
			       -1, 0);

		if (q == MAP_FAILED)
			return fail("reserve: %s", strerror(errno));
		res = (uint64_t)(uintptr_t)q;
		target = ((res + in.pmd_size - 1) & ~(in.pmd_size - 1)) + page;
		r = hugemap_map_at(h, (void *)(uintptr_t)target, offset,
				   length, PROT_READ | PROT_WRITE,
				   HUGEMAP_MAP_FIXED, &m);
	} else if (align) {
		r = hugemap_map_at(h, NULL, offset, length,
				   PROT_READ | PROT_WRITE, HUGEMAP_MAP_ALIGN,
				   &m);
	} else {
		r = hugemap_map(h, offset, length, PROT_READ | PROT_WRITE, &m);
	}
	if (r)
		return fail("map: %s", hugemap_strerror(r));
	if (!m.predicted.entry_size)
		return fail("no prediction (base known %d)", in.base != 0);
	r = stats_of(h, &before);
	if (!r)
		r = hugemap_stat_read((unsigned int)hugemap_index(h), "pte_entries", &ent0);
	if (r)
		return fail("stats: %s", hugemap_strerror(r));
	p = m.addr;
	for (i = 0; i < m.length; i += page)
		sum += p[i];
	(void)sum;
	r = stats_of(h, &after);
	if (r)
		return fail("stats: %s", hugemap_strerror(r));
	r = hugemap_stat_read((unsigned int)hugemap_index(h), "pte_entries", &ent1);
	if (r)
		return fail("stats pte_entries: %s", hugemap_strerror(r));
	addr = m.addr;
	r = hugemap_unmap(&m);
	if (r)
		return fail("munmap: %s", hugemap_strerror(r));
	m.addr = addr;
	dpud = after.pud_faults - before.pud_faults;
	dpmd = after.pmd_faults - before.pmd_faults;
	dpte = after.pte_faults - before.pte_faults;
	dent = ent1 - ent0;
	dfb = after.fallbacks - before.fallbacks;
	hugemap_format_size(m.predicted.entry_size, es, sizeof(es));
	hugemap_format_size(expect, xs, sizeof(xs));
	if (expect && m.predicted.entry_size != expect)
		return fail("predicted entry %s, expected %s", es, xs);
	/* the prediction counts entries; pte_batch inserts several per fault */
	if (dpud != m.predicted.pud_faults || dpmd != m.predicted.pmd_faults ||
	    dent != m.predicted.pte_faults || dpte > dent || (dent && !dpte))
		return fail("addr %p off 0x%" PRIx64 " len 0x%" PRIx64
			    ": predicted pud %" PRIu64 " pmd %" PRIu64
			    " pte %" PRIu64 ", stats delta pud %" PRIu64
			    " pmd %" PRIu64 " pte %" PRIu64 " (entries %"
			    PRIu64 ") fallbacks %" PRIu64, m.addr, offset,
			    m.length, m.predicted.pud_faults,
			    m.predicted.pmd_faults, m.predicted.pte_faults,
			    dpud, dpmd, dpte, dent, dfb);
	printf("OK entry %s at %p off 0x%" PRIx64 " len 0x%" PRIx64
	       ": pud %" PRIu64 " pmd %" PRIu64 " pte entries %" PRIu64
	       " as predicted, in %" PRIu64 " PTE faults (fallbacks %" PRIu64
	       ")\n", es, m.addr, offset, m.length, dpud, dpmd, dent, dpte,
	       dfb);
	hugemap_close(h);
	return 0;
}

static int cmd_info(char **argv)
{
	struct hugemap_region reg;
	struct hugemap_info in;
	struct hugemap *h;
	unsigned char raw[sizeof(struct hugemap_info) + 64];
	struct hugemap_info *ri = (struct hugemap_info *)raw;
	size_t minsz = offsetof(struct hugemap_info, fault_sizes) +
		       sizeof(in.fault_sizes);
	unsigned int i;
	int r;

	r = hugemap_open(argv[2], HUGEMAP_OPEN_RDONLY, &h);
	if (r)
		return fail("open %s: %s", argv[2], hugemap_strerror(r));
	r = hugemap_get_info(h, &in);
	if (r)
		return fail("get_info: %s", hugemap_strerror(r));
	r = hugemap_region_read(in.index, &reg);
	if (r)
		return fail("sysfs hugemap%u: %s", in.index,
			    hugemap_strerror(r));
	if (in.version != HUGEMAP_INFO_VERSION || in.argsz != sizeof(in))
		return fail("version %u argsz %u", in.version, in.argsz);
	if (in.size != reg.size || in.chunk_size != reg.chunk_size ||
	    in.kind != reg.kind || in.cache_mode != reg.cache_mode ||
	    in.numa_node != reg.numa_node || in.max_fault != reg.max_fault)
		return fail("ioctl/sysfs differ: size %llu/%" PRIu64
			    " chunk %llu/%" PRIu64 " kind %u/%u cache %u/%u "
			    "node %d/%d max %u/%u",
			    (unsigned long long)in.size, reg.size,
			    (unsigned long long)in.chunk_size, reg.chunk_size,
			    in.kind, reg.kind, in.cache_mode, reg.cache_mode,
			    in.numa_node, reg.numa_node, in.max_fault,
			    reg.max_fault);
	for (i = 0; i < HUGEMAP_MAX_SIZES; i++) {
		uint64_t s = i < reg.nr_fault_sizes ? reg.fault_sizes[i] : 0;

		if (in.fault_sizes[i] != s)
			return fail("fault_sizes[%u] ioctl %llu sysfs %" PRIu64,
				    i, (unsigned long long)in.fault_sizes[i], s);
	}
	if (geteuid() == 0 && reg.base_known && in.base != reg.base)
		return fail("base ioctl 0x%llx sysfs 0x%" PRIx64,
			    (unsigned long long)in.base, reg.base);
	if (in.mappings != reg.mappings)
		return fail("mappings ioctl %llu sysfs %" PRIu64,
			    (unsigned long long)in.mappings, reg.mappings);
	if (in.page_size != (uint64_t)sysconf(_SC_PAGESIZE) ||
	    in.fault_sizes[reg.nr_fault_sizes - 1] != in.page_size)
		return fail("page size %llu", (unsigned long long)in.page_size);

	/* argsz protocol: the minimum size writes that much and no more */
	memset(raw, 0xa5, sizeof(raw));
	ri->argsz = (uint32_t)minsz;
	if (ioctl(hugemap_fd(h), HUGEMAP_IOC_GET_INFO, ri) < 0)
		return fail("ioctl argsz=%zu: %s", minsz, strerror(errno));
	if (ri->argsz != minsz || ri->size != in.size)
		return fail("argsz=%zu: got argsz %u size %llu", minsz,
			    ri->argsz, (unsigned long long)ri->size);
	for (i = (unsigned int)minsz; i < sizeof(raw); i++)
		if (raw[i] != 0xa5)
			return fail("argsz=%zu: byte %u written", minsz, i);
	/* a larger (future) structure: only the known part is written */
	memset(raw, 0xa5, sizeof(raw));
	ri->argsz = sizeof(raw);
	if (ioctl(hugemap_fd(h), HUGEMAP_IOC_GET_INFO, ri) < 0)
		return fail("ioctl argsz=%zu: %s", sizeof(raw),
			    strerror(errno));
	if (ri->argsz != sizeof(in))
		return fail("argsz=%zu: returned argsz %u", sizeof(raw),
			    ri->argsz);
	ri->argsz = (uint32_t)minsz - 8;
	errno = 0;
	if (ioctl(hugemap_fd(h), HUGEMAP_IOC_GET_INFO, ri) == 0 ||
	    errno != EINVAL)
		return fail("argsz=%zu accepted (errno %d)", minsz - 8, errno);
	printf("OK ioctl info agrees with sysfs (size %llu, sizes", 
	       (unsigned long long)in.size);
	for (i = 0; i < reg.nr_fault_sizes; i++) {
		char b[32];

		hugemap_format_size(reg.fault_sizes[i], b, sizeof(b));
		printf(" %s", b);
	}
	printf("), argsz %zu/%zu/%zu protocol ok\n", minsz, sizeof(in),
	       sizeof(raw));
	hugemap_close(h);
	return 0;
}

static int drop_to(uid_t uid, gid_t gid)
{
	if (setgroups(0, NULL) && errno != EPERM)
		return -errno;
	if (setgid(gid) || setuid(uid))
		return -errno;
	if (geteuid() != uid || getegid() != gid)
		return -EPERM;
	return 0;
}

static int cmd_perm(char **argv)
{
	struct hugemap *h = NULL;
	int r;

	r = drop_to(65534, 65534);
	if (r)
		return fail("cannot become nobody: %s", strerror(-r));
	r = hugemap_open(argv[2], 0, &h);
	if (r == 0) {
		hugemap_close(h);
		return fail("nobody could open %s", argv[2]);
	}
	if (r != -EACCES)
		return fail("open as nobody: %d (%s), expected -EACCES", r,
			    hugemap_strerror(r));
	if (!strstr(hugemap_strerror(r), "permission denied"))
		return fail("message: %s", hugemap_strerror(r));
	printf("OK -EACCES: %s\n", hugemap_strerror(r));
	return 0;
}

static int cmd_asuser(int argc, char **argv)
{
	int r;

	if (argc < 5)
		return 2;
	r = drop_to((uid_t)atoi(argv[2]), (gid_t)atoi(argv[3]));
	if (r) {
		fprintf(stderr, "asuser: %s\n", strerror(-r));
		return 126;
	}
	execv(argv[4], argv + 4);
	fprintf(stderr, "asuser: exec %s: %s\n", argv[4], strerror(errno));
	return 127;
}

/* ---- minimal JSON syntax check --------------------------------------- */

static const char *js;

static void ws(void)
{
	while (*js == ' ' || *js == '\n' || *js == '\t' || *js == '\r')
		js++;
}

static int value(int depth);

static int string(void)
{
	if (*js++ != '"')
		return 0;
	while (*js && *js != '"') {
		if ((unsigned char)*js < 0x20)
			return 0;
		if (*js == '\\') {
			js++;
			if (*js == 'u') {
				int k;

				for (k = 1; k <= 4; k++)
					if (!strchr("0123456789abcdefABCDEF",
						    js[k]) || !js[k])
						return 0;
				js += 4;
			} else if (!*js || !strchr("\"\\/bfnrt", *js)) {
				return 0;
			}
		}
		js++;
	}
	return *js++ == '"';
}

static int number(void)
{
	const char *s = js;

	if (*js == '-')
		js++;
	if (*js == '0')
		js++;
	else if (*js >= '1' && *js <= '9')
		while (*js >= '0' && *js <= '9')
			js++;
	else
		return 0;
	if (*js == '.') {
		js++;
		if (*js < '0' || *js > '9')
			return 0;
		while (*js >= '0' && *js <= '9')
			js++;
	}
	if (*js == 'e' || *js == 'E') {
		js++;
		if (*js == '+' || *js == '-')
			js++;
		if (*js < '0' || *js > '9')
			return 0;
		while (*js >= '0' && *js <= '9')
			js++;
	}
	return js > s;
}

static int value(int depth)
{
	if (depth > 64)
		return 0;
	ws();
	if (*js == '{') {
		js++;
		ws();
		if (*js == '}') {
			js++;
			return 1;
		}
		for (;;) {
			ws();
			if (!string())
				return 0;
			ws();
			if (*js++ != ':' || !value(depth + 1))
				return 0;
			ws();
			if (*js == '}') {
				js++;
				return 1;
			}
			if (*js++ != ',')
				return 0;
		}
	}
	if (*js == '[') {
		js++;
		ws();
		if (*js == ']') {
			js++;
			return 1;
		}
		for (;;) {
			if (!value(depth + 1))
				return 0;
			ws();
			if (*js == ']') {
				js++;
				return 1;
			}
			if (*js++ != ',')
				return 0;
		}
	}
	if (*js == '"')
		return string();
	if (!strncmp(js, "true", 4) || !strncmp(js, "null", 4)) {
		js += 4;
		return 1;
	}
	if (!strncmp(js, "false", 5)) {
		js += 5;
		return 1;
	}
	return number();
}

static int cmd_jsoncheck(void)
{
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof(buf) - 1, stdin);

	buf[n] = '\0';
	js = buf;
	if (!value(0))
		return fail("invalid JSON at byte %ld", (long)(js - buf));
	ws();
	if (*js)
		return fail("trailing data at byte %ld", (long)(js - buf));
	printf("OK valid JSON (%zu bytes)\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	int r = 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 5 && !strcmp(argv[1], "predict"))
		r = cmd_predict(argc, argv);
	else if (argc == 3 && !strcmp(argv[1], "info"))
		r = cmd_info(argv);
	else if (argc == 3 && !strcmp(argv[1], "perm"))
		r = cmd_perm(argv);
	else if (argc >= 5 && !strcmp(argv[1], "asuser"))
		r = cmd_asuser(argc, argv);
	else if (argc == 2 && !strcmp(argv[1], "jsoncheck"))
		r = cmd_jsoncheck();
	if (r == 2)
		fprintf(stderr, "usage: hugemap-libtest predict DEV OFFSET LENGTH "
			"[--align|--misalign] [--expect-entry SIZE] | info DEV | "
			"perm DEV | asuser UID GID PROG [ARGS] | jsoncheck\n");
	return r;
}
