/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Host unit tests of libhugemap: everything that does not need the driver.
 * Uses a fake sysfs root (HUGEMAP_SYSFS_ROOT) and /dev (HUGEMAP_DEV_DIR)
 * in a temporary directory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hugemap.h"

static int failures, checks;
static int is_root;	/* really privileged (not fakeroot) */
static int perm_ok;	/* file modes are enforced (not under fakeroot) */

#define CHECK(cond) do {						\
	checks++;							\
	if (!(cond)) {							\
		failures++;						\
		fprintf(stderr, "%s:%d: CHECK failed: %s\n",		\
			__FILE__, __LINE__, #cond);			\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	unsigned long long _a = (unsigned long long)(a);		\
	unsigned long long _b = (unsigned long long)(b);		\
	checks++;							\
	if (_a != _b) {							\
		failures++;						\
		fprintf(stderr, "%s:%d: %s == %llu, expected %s == %llu\n", \
			__FILE__, __LINE__, #a, _a, #b, _b);		\
	}								\
} while (0)

#define K 1024ULL
#define M (1024ULL * K)
#define G (1024ULL * M)

static void test_parse_size(void)
{
	uint64_t v = 0;

	CHECK_EQ(hugemap_parse_size("1G", &v), 0);
	CHECK_EQ(v, G);
	CHECK_EQ(hugemap_parse_size("2M", &v), 0);
	CHECK_EQ(v, 2 * M);
	CHECK_EQ(hugemap_parse_size("16K", &v), 0);
	CHECK_EQ(v, 16 * K);
	CHECK_EQ(hugemap_parse_size("4k", &v), 0);
	CHECK_EQ(v, 4 * K);
	CHECK_EQ(hugemap_parse_size("2T", &v), 0);
	CHECK_EQ(v, 2 * 1024 * G);
	CHECK_EQ(hugemap_parse_size("0x40000000", &v), 0);
	CHECK_EQ(v, G);
	CHECK_EQ(hugemap_parse_size("0x2b", &v), 0);
	CHECK_EQ(v, 0x2b);
	CHECK_EQ(hugemap_parse_size(" 1536 \n", &v), 0);
	CHECK_EQ(v, 1536);
	CHECK_EQ(hugemap_parse_size("010", &v), 0);	/* decimal, not octal */
	CHECK_EQ(v, 10);
	CHECK_EQ(hugemap_parse_size("1GiB", &v), 0);
	CHECK_EQ(v, G);
	CHECK_EQ(hugemap_parse_size("512MB", &v), 0);
	CHECK_EQ(v, 512 * M);
	CHECK_EQ(hugemap_parse_size("", &v), -EINVAL);
	CHECK_EQ(hugemap_parse_size("G", &v), -EINVAL);
	CHECK_EQ(hugemap_parse_size("-1", &v), -EINVAL);
	CHECK_EQ(hugemap_parse_size("1X", &v), -EINVAL);
	CHECK_EQ(hugemap_parse_size("1G2", &v), -EINVAL);
	CHECK_EQ(hugemap_parse_size("1 G", &v), -EINVAL);
	CHECK_EQ(hugemap_parse_size("99999999999T", &v), -ERANGE);
	CHECK_EQ(hugemap_parse_size("99999999999999999999999", &v), -EINVAL);
}

static void test_parse_sizes(void)
{
	uint64_t s[HUGEMAP_MAX_SIZES];

	memset(s, 0, sizeof(s));
	CHECK_EQ(hugemap_parse_sizes("1G 2M 4K", s, HUGEMAP_MAX_SIZES), 3);
	CHECK_EQ(s[0], G);
	CHECK_EQ(s[1], 2 * M);
	CHECK_EQ(s[2], 4 * K);
	CHECK_EQ(hugemap_parse_sizes("32M 16K\n", s, HUGEMAP_MAX_SIZES), 2);
	CHECK_EQ(s[0], 32 * M);
	CHECK_EQ(s[1], 16 * K);
	CHECK_EQ(hugemap_parse_sizes("512M 64K", s, HUGEMAP_MAX_SIZES), 2);
	CHECK_EQ(s[0], 512 * M);
	CHECK_EQ(s[1], 64 * K);
	CHECK_EQ(hugemap_parse_sizes("4K", s, HUGEMAP_MAX_SIZES), 1);
	CHECK_EQ(s[0], 4 * K);
	CHECK_EQ(hugemap_parse_sizes("  1G\t2M  4K \n", s, HUGEMAP_MAX_SIZES), 3);
	CHECK_EQ(hugemap_parse_sizes("", s, HUGEMAP_MAX_SIZES), 0);
	CHECK_EQ(hugemap_parse_sizes("2M 1G", s, HUGEMAP_MAX_SIZES), -EINVAL);
	CHECK_EQ(hugemap_parse_sizes("2M 2M", s, HUGEMAP_MAX_SIZES), -EINVAL);
	CHECK_EQ(hugemap_parse_sizes("3M 4K", s, HUGEMAP_MAX_SIZES), -EINVAL);
	CHECK_EQ(hugemap_parse_sizes("1G 2M x", s, HUGEMAP_MAX_SIZES), -EINVAL);
	CHECK_EQ(hugemap_parse_sizes("1G 2M 4K", s, 2), -E2BIG);
	CHECK_EQ(hugemap_parse_sizes("1T 1G 2M 64K 4K", s, HUGEMAP_MAX_SIZES),
		 -E2BIG);
}

static void check_fmt(uint64_t v, const char *want)
{
	char buf[32];
	int n = hugemap_format_size(v, buf, sizeof(buf));

	checks++;
	if (n != (int)strlen(want) || strcmp(buf, want)) {
		failures++;
		fprintf(stderr, "format_size(%llu) = \"%s\" (%d), want \"%s\"\n",
			(unsigned long long)v, buf, n, want);
	}
}

static void test_format_size(void)
{
	char small[3];
	uint64_t v, sizes[HUGEMAP_MAX_SIZES];

	check_fmt(G, "1G");
	check_fmt(2 * M, "2M");
	check_fmt(4 * K, "4K");
	check_fmt(16 * K, "16K");
	check_fmt(32 * M, "32M");
	check_fmt(1536 * K, "1536K");
	check_fmt(3 * G / 2, "1536M");
	check_fmt(2048 * G, "2T");
	check_fmt(100, "100");
	check_fmt(0, "0");
	CHECK_EQ(hugemap_format_size(G, small, sizeof(small)), 2);
	CHECK_EQ(hugemap_format_size(512 * M, small, sizeof(small)), -ENOSPC);
	/* round trip */
	CHECK_EQ(hugemap_parse_size("1536K", &v), 0);
	CHECK_EQ(v, 1536 * K);
	CHECK_EQ(hugemap_parse_sizes("1G 2M 4K", sizes, 4), 3);
}

static void test_names(void)
{
	CHECK(strcmp(hugemap_cache_mode_name(HUGEMAP_CACHE_WB), "wb") == 0);
	CHECK(strcmp(hugemap_cache_mode_name(HUGEMAP_CACHE_WC), "wc") == 0);
	CHECK(strcmp(hugemap_cache_mode_name(HUGEMAP_CACHE_UC), "uc") == 0);
	CHECK(strcmp(hugemap_cache_mode_name(7), "?") == 0);
	CHECK(strcmp(hugemap_kind_name(HUGEMAP_KIND_PHYS), "phys") == 0);
	CHECK(strcmp(hugemap_kind_name(HUGEMAP_KIND_ALLOC), "alloc") == 0);
	CHECK(strcmp(hugemap_fault_name(HUGEMAP_FAULT_PUD), "pud") == 0);
	CHECK(strcmp(hugemap_fault_name(HUGEMAP_FAULT_PMD), "pmd") == 0);
	CHECK(strcmp(hugemap_fault_name(HUGEMAP_FAULT_PTE), "pte") == 0);
	CHECK(strstr(hugemap_strerror(-ENODEV), "not loaded") != NULL);
	CHECK(strstr(hugemap_strerror(-EACCES), "permission denied") != NULL);
	CHECK(strstr(hugemap_strerror(-ENXIO), "end of the region") != NULL);
	CHECK(strstr(hugemap_strerror(-ENOENT), "no such") != NULL);
	CHECK(strcmp(hugemap_strerror(-EBADF), strerror(EBADF)) == 0);
	CHECK(strcmp(hugemap_strerror(ENODEV), hugemap_strerror(-ENODEV)) == 0);
}

static void geom(struct hugemap_geometry *g, uint32_t kind, uint64_t size,
		 uint64_t chunk, uint64_t base, int base_known, const char *sz)
{
	int n;

	memset(g, 0, sizeof(*g));
	g->kind = kind;
	g->size = size;
	g->chunk_size = chunk;
	g->base = base;
	g->base_known = base_known;
	n = hugemap_parse_sizes(sz, g->fault_sizes, HUGEMAP_MAX_SIZES);
	CHECK(n > 0);
	g->nr_fault_sizes = n > 0 ? (unsigned int)n : 0;
}

static void test_predict(void)
{
	const uint64_t A = 0x7f0000000000ULL;	/* 1 GiB aligned */
	struct hugemap_geometry g;
	struct hugemap_prediction p;

	/* x86_64 phys region, 1 GiB aligned base, root (base known). */
	geom(&g, HUGEMAP_KIND_PHYS, 2 * G, 2 * G, 0x40000000, 1, "1G 2M 4K");
	CHECK_EQ(hugemap_best_entry_size(&g, G), G);
	CHECK_EQ(hugemap_best_entry_size(&g, G - 4 * K), 2 * M);
	CHECK_EQ(hugemap_best_entry_size(&g, 2 * G), G);
	CHECK_EQ(hugemap_best_entry_size(&g, 8 * K), 4 * K);
	CHECK_EQ(hugemap_best_entry_size(&g, 100), 4 * K);

	CHECK_EQ(hugemap_predict(&g, A, 0, G, G, 2 * M, &p), 0);
	CHECK_EQ(p.entry_size, G);
	CHECK_EQ(p.first_entry_size, G);
	CHECK_EQ(p.faults[0], 1);
	CHECK_EQ(p.faults[1], 0);
	CHECK_EQ(p.faults[2], 0);
	CHECK_EQ(p.pud_faults, 1);
	CHECK_EQ(p.pmd_faults, 0);
	CHECK_EQ(p.pte_faults, 0);

	/* 1G + 2M + 3 pages: one of each level. */
	CHECK_EQ(hugemap_predict(&g, A, 0, G + 2 * M + 12 * K, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 1);
	CHECK_EQ(p.pmd_faults, 1);
	CHECK_EQ(p.pte_faults, 3);

	/* Whole region, two PUDs. */
	CHECK_EQ(hugemap_predict(&g, A, 0, 2 * G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 2);

	/* Offset 2M: in phase for PMD, PUD block starts before the VMA. */
	CHECK_EQ(hugemap_predict(&g, A + 2 * M, 2 * M, G - 2 * M, G, 2 * M, &p), 0);
	CHECK_EQ(p.entry_size, 2 * M);
	CHECK_EQ(p.pud_faults, 0);
	CHECK_EQ(p.pmd_faults, 511);
	CHECK_EQ(p.pte_faults, 0);

	/* Offset 2M over a PUD boundary: 511 PMD then 1 PMD past it. */
	CHECK_EQ(hugemap_predict(&g, A + 2 * M, 2 * M, G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pmd_faults, 512);
	CHECK_EQ(p.pud_faults, 0);

	/* Out of phase by one page: only PTEs. */
	CHECK_EQ(hugemap_predict(&g, A + 4 * K, 0, 4 * M, G, 2 * M, &p), 0);
	CHECK_EQ(p.entry_size, 4 * K);
	CHECK_EQ(p.pte_faults, 1024);
	CHECK_EQ(p.pmd_faults, 0);

	/* In phase but the VMA starts mid-PMD: PTEs up to the boundary. */
	CHECK_EQ(hugemap_predict(&g, A + 4 * K, 4 * K, 4 * M, G, 2 * M, &p), 0);
	CHECK_EQ(p.first_entry_size, 4 * K);
	CHECK_EQ(p.entry_size, 2 * M);
	CHECK_EQ(p.pte_faults, 511 + 1);
	CHECK_EQ(p.pmd_faults, 1);

	/* Base only 2M aligned (phase 0x40200000): no PUD anywhere. */
	geom(&g, HUGEMAP_KIND_PHYS, 2 * G, 2 * G, 0x40200000, 1, "1G 2M 4K");
	CHECK_EQ(hugemap_predict(&g, A, 0, G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 0);
	CHECK_EQ(p.pmd_faults, 512);
	/* ... unless the address is in phase with it. */
	CHECK_EQ(hugemap_predict(&g, A + 2 * M, 0, 2 * G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 1);
	CHECK_EQ(p.pmd_faults, 511 + 1);

	/* Base unknown (not root): the driver-chosen address is assumed in
	 * phase, so only the VMA bounds matter. */
	geom(&g, HUGEMAP_KIND_PHYS, 2 * G, 2 * G, 0, 0, "1G 2M 4K");
	CHECK_EQ(hugemap_predict(&g, A, 0, G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 1);
	CHECK_EQ(p.pmd_faults, 0);
	CHECK_EQ(hugemap_predict(&g, A + 2 * M, 2 * M, G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 0);
	CHECK_EQ(p.pmd_faults, 512);

	/* Level sizes inferred from the list when not given. */
	CHECK_EQ(hugemap_predict(&g, A, 0, G + 2 * M + 4 * K, 0, 0, &p), 0);
	CHECK_EQ(p.pud_faults, 1);
	CHECK_EQ(p.pmd_faults, 1);
	CHECK_EQ(p.pte_faults, 1);

	/* Errors. */
	CHECK_EQ(hugemap_predict(&g, A, 0, 0, G, 2 * M, &p), -EINVAL);
	CHECK_EQ(hugemap_predict(&g, A, 100, 4 * K, G, 2 * M, &p), -EINVAL);
	CHECK_EQ(hugemap_predict(&g, A + 1, 0, 4 * K, G, 2 * M, &p), -EINVAL);
	CHECK_EQ(hugemap_predict(&g, A, 0, 6 * K, G, 2 * M, &p), -EINVAL);
	CHECK_EQ(hugemap_predict(&g, A, 2 * G, 4 * K, G, 2 * M, &p), -ENXIO);
	CHECK_EQ(hugemap_predict(&g, A, G, G + 4 * K, G, 2 * M, &p), -ENXIO);
	CHECK_EQ(hugemap_predict(&g, ~0ULL & ~(4 * K - 1), 0, 8 * K, G, 2 * M, &p),
		 -EINVAL);

	/* arm64 with 16K pages: "32M 16K", no PUD level. */
	geom(&g, HUGEMAP_KIND_PHYS, G, G, 0x80000000, 1, "32M 16K");
	CHECK_EQ(hugemap_best_entry_size(&g, G), 32 * M);
	CHECK_EQ(hugemap_predict(&g, A, 0, G, 0, 32 * M, &p), 0);
	CHECK_EQ(p.entry_size, 32 * M);
	CHECK_EQ(p.pmd_faults, 32);
	CHECK_EQ(p.pud_faults, 0);
	CHECK_EQ(p.pte_faults, 0);
	CHECK_EQ(hugemap_predict(&g, A + 16 * K, 16 * K, 64 * M, 0, 0, &p), 0);
	CHECK_EQ(p.pte_faults, 2047 + 1);
	CHECK_EQ(p.pmd_faults, 1);
	CHECK_EQ(hugemap_predict(&g, A, 0, 4 * K, 0, 0, &p), -EINVAL);

	/* arm64 64K pages: "512M 64K". */
	geom(&g, HUGEMAP_KIND_PHYS, G, G, 0x80000000, 1, "512M 64K");
	CHECK_EQ(hugemap_predict(&g, A, 0, G, 0, 0, &p), 0);
	CHECK_EQ(p.pmd_faults, 2);

	/* max_fault=pte: "4K" only. */
	geom(&g, HUGEMAP_KIND_PHYS, G, G, 0x40000000, 1, "4K");
	CHECK_EQ(hugemap_predict(&g, A, 0, 8 * M, 0, 0, &p), 0);
	CHECK_EQ(p.pte_faults, 2048);
	CHECK_EQ(p.faults[0], 2048);

	/* alloc region with 64M chunks: no PUD although 1G fits. */
	geom(&g, HUGEMAP_KIND_ALLOC, G, 64 * M, 0, 0, "1G 2M 4K");
	CHECK_EQ(hugemap_predict(&g, A, 0, G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 0);
	CHECK_EQ(p.pmd_faults, 512);
	/* alloc: the offset phase is known even without root. */
	CHECK_EQ(hugemap_predict(&g, A + 4 * K, 0, 4 * M, G, 2 * M, &p), 0);
	CHECK_EQ(p.pte_faults, 1024);
	/* alloc region of one 1G chunk: PUD. */
	geom(&g, HUGEMAP_KIND_ALLOC, 2 * G, G, 0, 0, "1G 2M 4K");
	CHECK_EQ(hugemap_predict(&g, A, 0, 2 * G, G, 2 * M, &p), 0);
	CHECK_EQ(p.pud_faults, 2);
	/* 3M chunks: a 2M block straddling a chunk boundary gets PTEs. */
	geom(&g, HUGEMAP_KIND_ALLOC, 6 * M, 3 * M, 0, 0, "2M 4K");
	CHECK_EQ(hugemap_predict(&g, A, 0, 6 * M, 0, 0, &p), 0);
	CHECK_EQ(p.pmd_faults, 2);	/* [0,2M) and [4M,6M) */
	CHECK_EQ(p.pte_faults, 512);	/* [2M,4M) spans chunks */
}

/* ---- fake sysfs ------------------------------------------------------ */

static char tmpdir[256];
static char sysroot[300];
static char devdir[300];

static void put(const char *rel, const char *text)
{
	char path[700];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
}

static void mk(const char *rel)
{
	char path[700];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	if (mkdir(path, 0755) && errno != EEXIST) {
		perror(path);
		exit(2);
	}
}

static void fake_region(unsigned int n, const char *size, const char *base,
			const char *kind, const char *chunk, const char *mode,
			const char *node, const char *maxf, const char *sizes,
			const char *unavail, const char *pud, const char *pmd,
			const char *pte, const char *fb, const char *maps)
{
	char d[64], f[128];

	snprintf(d, sizeof(d), "sys/hugemap%u", n);
	mk(d);
	snprintf(f, sizeof(f), "%s/stats", d);
	mk(f);
#define PUT(name, val) do {						\
	snprintf(f, sizeof(f), "%s/" name, d);				\
	put(f, val);							\
} while (0)
	PUT("size", size);
	PUT("base", base);
	PUT("kind", kind);
	PUT("chunk_size", chunk);
	PUT("cache_mode", mode);
	PUT("numa_node", node);
	PUT("max_fault", maxf);
	PUT("fault_sizes", sizes);
	PUT("unavailable", unavail);
	PUT("stats/pud_faults", pud);
	PUT("stats/pmd_faults", pmd);
	PUT("stats/pte_faults", pte);
	PUT("stats/fallbacks", fb);
	PUT("stats/mappings", maps);
#undef PUT
	/* like the real attribute: readable by root only */
	{
		char full[700];

		snprintf(full, sizeof(full), "%s/%s/base", tmpdir, d);
		/* (as a user, the owner: make it unreadable for the owner) */
		chmod(full, is_root ? 0400 : 0);
	}
}

static void setup_fake(void)
{
	char *d;

	strcpy(tmpdir, "/tmp/hugemap-test-XXXXXX");
	d = mkdtemp(tmpdir);
	if (!d) {
		perror("mkdtemp");
		exit(2);
	}
	chmod(tmpdir, 0755);
	mk("sys");
	mk("dev");
	snprintf(sysroot, sizeof(sysroot), "%s/sys", tmpdir);
	snprintf(devdir, sizeof(devdir), "%s/dev", tmpdir);
	fake_region(0, "2147483648\n", "0x100000000\n", "phys\n", "2147483648\n",
		    "wb\n", "0\n", "pud\n", "1G 2M 4K\n", "", "3\n", "4\n",
		    "5\n", "1\n", "2\n");
	fake_region(1, "1073741824\n", "0x0\n", "alloc\n", "33554432\n",
		    "wc\n", "-1\n", "pmd\n", "32M 16K\n",
		    "1G: max_fault=pmd\n", "0\n", "0\n", "0\n", "0\n", "0\n");
	fake_region(10, "4194304\n", "0x80000000\n", "phys\n", "4194304\n",
		    "uc\n", "1\n", "pte\n", "4K\n",
		    "1G: max_fault=pte\n2M: max_fault=pte\n",
		    "0\n", "0\n", "7\n", "0\n", "0\n");
	/* pages-mode attributes: region 0 pages, 1 pfn; 10 from an older module */
	put("sys/hugemap0/map_mode", "pages\n");
	put("sys/hugemap0/gup", "1\n");
	put("sys/hugemap0/gup_unavailable", "");
	put("sys/hugemap0/memmap_bytes", "33554432\n");
	put("sys/hugemap0/busy", "1\n");
	put("sys/hugemap0/page_refs", "2\n");
	put("sys/hugemap1/map_mode", "pfn\n");
	put("sys/hugemap1/gup", "0\n");
	put("sys/hugemap1/gup_unavailable",
	    "pages: kernel built without CONFIG_FS_DAX: huge faults of struct-page mappings need a DAX VMA\n");
	put("sys/hugemap1/memmap_bytes", "0\n");
	put("sys/hugemap1/busy", "0\n");
	put("sys/hugemap1/page_refs", "0\n");
	/* a non-region entry the listing must skip */
	mk("sys/other");
	/* fake device nodes: regular files (the ioctl fails with ENOTTY) */
	put("dev/hugemap0", "");
	put("dev/hugemap1", "");
	{
		char p[700];

		snprintf(p, sizeof(p), "%s/dev/hugemap1", tmpdir);
		chmod(p, is_root ? 0600 : 0);
		snprintf(p, sizeof(p), "%s/dev/hugemap0", tmpdir);
		chmod(p, 0666);
	}
	setenv("HUGEMAP_SYSFS_ROOT", sysroot, 1);
	setenv("HUGEMAP_DEV_DIR", devdir, 1);
}

static void cleanup_fake(void)
{
	char cmd[400];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "warning: could not remove %s\n", tmpdir);
}

/* Run fn() as nobody (or as is, when not root) in a child; return its
 * exit status. */
static int as_nobody(int (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (is_root && (setgid(65534) || setuid(65534)))
			_exit(99);
		_exit(fn());
	}
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

static int nobody_region(void)
{
	struct hugemap_region r;

	if (hugemap_region_read(0, &r))
		return 1;
	if (r.base_known || r.base != 0)
		return 2;
	if (r.size != 2 * G)
		return 3;
	return 0;
}

static int nobody_open(void)
{
	struct hugemap *h = NULL;
	int r = hugemap_open("hugemap1", 0, &h);

	if (r != -EACCES)
		return 10 + (r < 0 ? -r : 0);
	/* the world-accessible one opens */
	r = hugemap_open("hugemap0", 0, &h);
	if (r)
		return 1;
	hugemap_close(h);
	if (!is_root)	/* the caller owns the fake stats files */
		return 0;
	/* stats reset needs write access to root-owned files */
	r = hugemap_stats_reset(0);
	return r == -EACCES ? 0 : 20;
}

static void test_gup(void)
{
	struct hugemap_gup g;

	CHECK_EQ(hugemap_gup_read(0, &g), 0);
	CHECK_EQ(g.map_mode, HUGEMAP_MAP_PAGES);
	CHECK_EQ(g.gup, 1);
	CHECK_EQ(g.busy, 1);
	CHECK_EQ(g.memmap_bytes, 32 * M);
	CHECK_EQ(g.page_refs, 2);
	CHECK(g.reason[0] == '\0');
	CHECK_EQ(hugemap_gup_read(1, &g), 0);
	CHECK_EQ(g.map_mode, HUGEMAP_MAP_PFN);
	CHECK_EQ(g.gup, 0);
	CHECK(strcmp(g.reason, "pages: kernel built without CONFIG_FS_DAX: huge faults of struct-page mappings need a DAX VMA") == 0);
	CHECK_EQ(hugemap_gup_read(10, &g), 0);
	CHECK_EQ(g.map_mode, HUGEMAP_MAP_PFN);
	CHECK_EQ(g.gup, 0);
	CHECK(strstr(g.reason, "no pages mode") != NULL);
	CHECK_EQ(hugemap_gup_read(7, &g), -ENOENT);
	CHECK_EQ(hugemap_gup_read(0, NULL), -EINVAL);
	CHECK(strcmp(hugemap_map_mode_name(HUGEMAP_MAP_PAGES), "pages") == 0);
	CHECK(strcmp(hugemap_map_mode_name(HUGEMAP_MAP_PFN), "pfn") == 0);
	CHECK(strcmp(hugemap_map_mode_name(9), "?") == 0);
}

static void test_fake_sysfs(void)
{
	struct hugemap_region *list = NULL, r;
	struct hugemap_stats st;
	struct hugemap_geometry g;
	struct hugemap_info info;
	struct hugemap *h = NULL;
	char path[700];
	int n;

	setup_fake();
	CHECK(strcmp(hugemap_sysfs_root(), sysroot) == 0);
	CHECK(strcmp(hugemap_dev_dir(), devdir) == 0);

	n = hugemap_list(&list);
	CHECK_EQ(n, 3);
	if (n == 3) {
		CHECK_EQ(list[0].index, 0);
		CHECK_EQ(list[1].index, 1);
		CHECK_EQ(list[2].index, 10);
		CHECK(strcmp(list[2].name, "hugemap10") == 0);
		/* region 0 */
		CHECK_EQ(list[0].size, 2 * G);
		if (perm_ok)
			CHECK_EQ(list[0].base_known, is_root);
		if (is_root)
			CHECK_EQ(list[0].base, 0x100000000ULL);
		CHECK_EQ(list[0].kind, HUGEMAP_KIND_PHYS);
		CHECK_EQ(list[0].chunk_size, 2 * G);
		CHECK_EQ(list[0].cache_mode, HUGEMAP_CACHE_WB);
		CHECK_EQ(list[0].numa_node, 0);
		CHECK_EQ(list[0].max_fault, HUGEMAP_FAULT_PUD);
		CHECK_EQ(list[0].nr_fault_sizes, 3);
		CHECK_EQ(list[0].fault_sizes[0], G);
		CHECK_EQ(list[0].fault_sizes[1], 2 * M);
		CHECK_EQ(list[0].fault_sizes[2], 4 * K);
		CHECK(list[0].unavailable[0] == '\0');
		CHECK_EQ(list[0].mappings, 2);
		/* region 1 */
		CHECK_EQ(list[1].kind, HUGEMAP_KIND_ALLOC);
		CHECK_EQ(list[1].cache_mode, HUGEMAP_CACHE_WC);
		CHECK_EQ((int64_t)list[1].numa_node, -1);
		CHECK_EQ(list[1].max_fault, HUGEMAP_FAULT_PMD);
		CHECK_EQ(list[1].chunk_size, 32 * M);
		CHECK_EQ(list[1].nr_fault_sizes, 2);
		CHECK_EQ(list[1].fault_sizes[0], 32 * M);
		CHECK_EQ(list[1].fault_sizes[1], 16 * K);
		CHECK(strcmp(list[1].unavailable, "1G: max_fault=pmd") == 0);
		/* region 10 */
		CHECK_EQ(list[2].cache_mode, HUGEMAP_CACHE_UC);
		CHECK_EQ(list[2].max_fault, HUGEMAP_FAULT_PTE);
		CHECK_EQ(list[2].nr_fault_sizes, 1);
		CHECK(strcmp(list[2].unavailable,
			     "1G: max_fault=pte\n2M: max_fault=pte") == 0);

		CHECK_EQ(hugemap_geometry_from_region(&list[1], &g), 0);
		CHECK_EQ(g.nr_fault_sizes, 2);
		CHECK_EQ(g.chunk_size, 32 * M);
		CHECK_EQ(g.base_known, 0);
		CHECK_EQ(hugemap_geometry_from_region(&list[0], &g), 0);
		if (perm_ok)
			CHECK_EQ(g.base_known, is_root);
	}
	hugemap_list_free(list);
	test_gup();

	/* base 0400: not root -> base unknown, everything else still read */
	if (perm_ok)
		CHECK_EQ(as_nobody(nobody_region), 0);

	CHECK_EQ(hugemap_region_read(2, &r), -ENOENT);

	CHECK_EQ(hugemap_stats_read(0, &st), 0);
	CHECK_EQ(st.pud_faults, 3);
	CHECK_EQ(st.pmd_faults, 4);
	CHECK_EQ(st.pte_faults, 5);
	CHECK_EQ(st.fallbacks, 1);
	CHECK_EQ(st.mappings, 2);
	CHECK_EQ(hugemap_stats_read(5, &st), -ENOENT);
	if (perm_ok)
		CHECK_EQ(as_nobody(nobody_open), 0);
	CHECK_EQ(hugemap_stats_reset(0), 0);
	CHECK_EQ(hugemap_stats_read(0, &st), 0);
	CHECK_EQ(st.pud_faults, 0);
	CHECK_EQ(st.pmd_faults, 0);
	CHECK_EQ(st.pte_faults, 0);
	CHECK_EQ(st.fallbacks, 0);
	CHECK_EQ(st.mappings, 2);	/* not resettable */

	/* bad sysfs text is reported, not misread */
	put("sys/hugemap10/fault_sizes", "2M 1G\n");
	CHECK_EQ(hugemap_region_read(10, &r), -EPROTO);
	put("sys/hugemap10/fault_sizes", "4K\n");
	put("sys/hugemap10/cache_mode", "xx\n");
	CHECK_EQ(hugemap_region_read(10, &r), -EPROTO);
	put("sys/hugemap10/cache_mode", "uc\n");
	put("sys/hugemap10/size", "12abc\n");
	CHECK_EQ(hugemap_region_read(10, &r), -EINVAL);
	put("sys/hugemap10/size", "4194304\n");
	CHECK_EQ(hugemap_region_read(10, &r), 0);
	CHECK_EQ(r.size, 4 * M);

	/* open by all name forms; fake nodes are regular files */
	CHECK_EQ(hugemap_open("hugemap0", 0, &h), 0);
	if (h) {
		CHECK_EQ(hugemap_index(h), 0);
		CHECK(strstr(hugemap_path(h), "/dev/hugemap0") != NULL);
		CHECK(hugemap_fd(h) >= 0);
		CHECK_EQ(hugemap_get_info(h, &info), -ENOTTY);
		hugemap_close(h);
		h = NULL;
	}
	CHECK_EQ(hugemap_open("0", HUGEMAP_OPEN_RDONLY, &h), 0);
	hugemap_close(h);
	h = NULL;
	snprintf(path, sizeof(path), "%s/hugemap0", devdir);
	CHECK_EQ(hugemap_open(path, 0, &h), 0);
	if (h)
		CHECK_EQ(hugemap_index(h), 0);
	hugemap_close(h);
	h = NULL;
	if (perm_ok)
		CHECK_EQ(hugemap_open_index(1, 0, &h), is_root ? 0 : -EACCES);
	else
		hugemap_open_index(1, 0, &h);
	if (h)
		CHECK_EQ(hugemap_index(h), 1);
	hugemap_close(h);
	h = NULL;
	CHECK_EQ(hugemap_open("hugemap7", 0, &h), -ENOENT);
	CHECK_EQ(hugemap_open("hugemapx", 0, &h), -EINVAL);
	CHECK_EQ(hugemap_open("", 0, &h), -EINVAL);
	CHECK_EQ(hugemap_open("hugemap0", 0x80, &h), -EINVAL);
	CHECK(h == NULL);

	/* module not loaded: no class directory */
	snprintf(path, sizeof(path), "%s/nonexistent", tmpdir);
	setenv("HUGEMAP_SYSFS_ROOT", path, 1);
	CHECK_EQ(hugemap_list(&list), -ENODEV);
	CHECK_EQ(hugemap_region_read(0, &r), -ENODEV);
	CHECK_EQ(hugemap_stats_read(0, &st), -ENODEV);
	CHECK_EQ(hugemap_stats_reset(0), -ENODEV);
	CHECK_EQ(hugemap_open("hugemap7", 0, &h), -ENODEV);
	setenv("HUGEMAP_SYSFS_ROOT", sysroot, 1);

	/* empty class directory: zero regions, not an error */
	snprintf(path, sizeof(path), "%s/empty", tmpdir);
	mkdir(path, 0755);
	setenv("HUGEMAP_SYSFS_ROOT", path, 1);
	CHECK_EQ(hugemap_list(&list), 0);
	hugemap_list_free(list);
	setenv("HUGEMAP_SYSFS_ROOT", sysroot, 1);

	/* unset -> defaults */
	unsetenv("HUGEMAP_SYSFS_ROOT");
	unsetenv("HUGEMAP_DEV_DIR");
	CHECK(strcmp(hugemap_sysfs_root(), "/sys/class/hugemap") == 0);
	CHECK(strcmp(hugemap_dev_dir(), "/dev") == 0);

	cleanup_fake();
}

static void test_info_geometry(void)
{
	struct hugemap_info info;
	struct hugemap_geometry g;

	memset(&info, 0, sizeof(info));
	info.kind = HUGEMAP_KIND_PHYS;
	info.size = G;
	info.chunk_size = G;
	info.base = 0;
	info.fault_sizes[0] = G;
	info.fault_sizes[1] = 2 * M;
	info.fault_sizes[2] = 4 * K;
	CHECK_EQ(hugemap_geometry_from_info(&info, &g), 0);
	CHECK_EQ(g.nr_fault_sizes, 3);
	CHECK_EQ(g.base_known, 0);
	info.base = 0x40000000;
	CHECK_EQ(hugemap_geometry_from_info(&info, &g), 0);
	CHECK_EQ(g.base_known, 1);
	info.fault_sizes[3] = 1024;	/* four sizes, no terminator */
	CHECK_EQ(hugemap_geometry_from_info(&info, &g), 0);
	CHECK_EQ(g.nr_fault_sizes, 4);
	info.fault_sizes[1] = 3 * M;
	CHECK_EQ(hugemap_geometry_from_info(&info, &g), -EPROTO);
	memset(info.fault_sizes, 0, sizeof(info.fault_sizes));
	CHECK_EQ(hugemap_geometry_from_info(&info, &g), -EPROTO);
}

int main(void)
{
	/* fakeroot fakes geteuid() but not the permission checks */
	perm_ok = !getenv("FAKEROOTKEY");
	is_root = geteuid() == 0 && perm_ok;
	if (!perm_ok)
		printf("test_lib: under fakeroot: permission checks skipped\n");
	test_parse_size();
	test_parse_sizes();
	test_format_size();
	test_names();
	test_predict();
	test_info_geometry();
	test_fake_sysfs();
	if (failures) {
		fprintf(stderr, "test_lib: %d of %d checks FAILED\n",
			failures, checks);
		return 1;
	}
	printf("test_lib: all %d checks passed\n", checks);
	return 0;
}
