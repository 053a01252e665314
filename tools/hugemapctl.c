/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hugemapctl - list, inspect and exercise hugemap regions.
 *
 *   hugemapctl [--json] list
 *   hugemapctl [--json] info DEV [--sysfs]
 *   hugemapctl [--json] stats DEV [--reset]
 *   hugemapctl [--json] map DEV [--offset N] [--length N] [--touch]
 *                            [--write] [--align]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "hugemap.h"

#define PROG "hugemapctl"
#define VERSION "1.0.0"

static int json;
static const char *open_hint;	/* command with a --sysfs alternative */

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [--json] COMMAND [ARGS]\n"
"\n"
"commands:\n"
"  list                       table of all regions (from sysfs)\n"
"  info DEV [--sysfs]         region description (HUGEMAP_IOC_GET_INFO;\n"
"                             --sysfs: from sysfs only, no device access)\n"
"  stats DEV [--reset]        fault statistics; --reset zeroes them (root)\n"
"  map DEV [--offset N] [--length N] [--touch] [--write] [--align]\n"
"                             map a range MAP_SHARED and show the predicted\n"
"                             entry sizes; --touch touches one byte per page\n"
"                             and reports the faults (stats delta) and the\n"
"                             wall time of the touch loop\n"
"\n"
"DEV is hugemapN, /dev/hugemapN or N.  Sizes take K/M/G/T suffixes or 0x.\n"
"--json prints JSON on stdout.  Environment: HUGEMAP_SYSFS_ROOT,\n"
"HUGEMAP_DEV_DIR override /sys/class/hugemap and /dev.\n");
}

/* ---- messages ------------------------------------------------------------ */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static const char *errmsg(int err)
{
	static char buf[512];

	if (err == -ENODEV) {
		snprintf(buf, sizeof(buf),
			 "hugemap module not loaded (%s does not exist; load it "
			 "with 'modprobe hugemap regions=SIZE@BASE' or "
			 "'alloc=SIZE')", hugemap_sysfs_root());
		return buf;
	}
	return hugemap_strerror(err);
}

/* Report an error about @what; returns the exit status 1. */
static int fail(const char *what, int err)
{
	const char *msg = errmsg(err);

	if (err == -ENODEV)	/* the message says it all */
		what = NULL;
	if (what)
		fprintf(stderr, PROG ": %s: %s\n", what, msg);
	else
		fprintf(stderr, PROG ": %s\n", msg);
	if (json) {
		printf("{\n  \"error\": ");
		json_str(stdout, msg);
		printf(",\n  \"errno\": %d", -err);
		if (what) {
			printf(",\n  \"object\": ");
			json_str(stdout, what);
		}
		printf("\n}\n");
	}
	return 1;
}

static void fmt(uint64_t v, char *buf, size_t len)
{
	if (hugemap_format_size(v, buf, len) < 0)
		snprintf(buf, len, "?");
}

static void sizes_text(const uint64_t *sizes, unsigned int n, char *buf,
		       size_t len)
{
	unsigned int i;
	size_t used = 0;

	buf[0] = '\0';
	for (i = 0; i < n && sizes[i]; i++) {
		char s[32];
		int w;

		fmt(sizes[i], s, sizeof(s));
		w = snprintf(buf + used, len - used, "%s%s", i ? " " : "", s);
		if (w < 0 || (size_t)w >= len - used)
			break;
		used += (size_t)w;
	}
}

static void json_sizes(const uint64_t *sizes, unsigned int n)
{
	unsigned int i;

	printf("[");
	for (i = 0; i < n && sizes[i]; i++)
		printf("%s%" PRIu64, i ? ", " : "", sizes[i]);
	printf("]");
}

/* Index of DEV for sysfs-only commands. */
static int dev_index(const char *dev, unsigned int *index)
{
	const char *base = strrchr(dev, '/');
	unsigned long v;
	char *end;

	base = base ? base + 1 : dev;
	if (strncmp(base, "hugemap", 7) == 0)
		base += 7;
	else if (strchr(dev, '/'))
		return -EINVAL;
	if (*base < '0' || *base > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(base, &end, 10);
	if (errno || *end || v > 0x7fffffffUL)
		return -EINVAL;
	*index = (unsigned int)v;
	return 0;
}

/* ---- list ---------------------------------------------------------------- */

static int cmd_list(void)
{
	struct hugemap_region *r = NULL;
	char sz[32], sizes[96];
	int n, i;

	n = hugemap_list(&r);
	if (n < 0)
		return fail(NULL, n);
	if (json) {
		printf("{\n  \"regions\": [");
		for (i = 0; i < n; i++) {
			sizes_text(r[i].fault_sizes, r[i].nr_fault_sizes,
				   sizes, sizeof(sizes));
			printf("%s\n    {\n", i ? "," : "");
			printf("      \"device\": \"%s\",\n", r[i].name);
			printf("      \"path\": ");
			{
				char p[4200];

				snprintf(p, sizeof(p), "%s/%s",
					 hugemap_dev_dir(), r[i].name);
				json_str(stdout, p);
			}
			printf(",\n      \"index\": %u,\n", r[i].index);
			printf("      \"size\": %" PRIu64 ",\n", r[i].size);
			if (r[i].base_known)
				printf("      \"base\": \"0x%" PRIx64 "\",\n",
				       r[i].base);
			else
				printf("      \"base\": null,\n");
			printf("      \"kind\": \"%s\",\n",
			       hugemap_kind_name(r[i].kind));
			printf("      \"chunk_size\": %" PRIu64 ",\n",
			       r[i].chunk_size);
			printf("      \"cache_mode\": \"%s\",\n",
			       hugemap_cache_mode_name(r[i].cache_mode));
			printf("      \"numa_node\": %d,\n", (int)r[i].numa_node);
			printf("      \"max_fault\": \"%s\",\n",
			       hugemap_fault_name(r[i].max_fault));
			printf("      \"fault_sizes\": ");
			json_sizes(r[i].fault_sizes, r[i].nr_fault_sizes);
			printf(",\n      \"fault_sizes_text\": \"%s\",\n", sizes);
			printf("      \"mappings\": %" PRIu64 "\n    }",
			       r[i].mappings);
		}
		printf("%s]\n}\n", n ? "\n  " : "");
	} else {
		printf("%-10s %8s %-5s %-4s %4s %-4s %-14s %8s\n", "DEVICE",
		       "SIZE", "KIND", "MODE", "NODE", "MAX", "ENTRY SIZES",
		       "MAPPINGS");
		for (i = 0; i < n; i++) {
			fmt(r[i].size, sz, sizeof(sz));
			sizes_text(r[i].fault_sizes, r[i].nr_fault_sizes,
				   sizes, sizeof(sizes));
			printf("%-10s %8s %-5s %-4s %4d %-4s %-14s %8" PRIu64
			       "\n", r[i].name, sz,
			       hugemap_kind_name(r[i].kind),
			       hugemap_cache_mode_name(r[i].cache_mode),
			       (int)r[i].numa_node,
			       hugemap_fault_name(r[i].max_fault), sizes,
			       r[i].mappings);
		}
		if (n == 0)
			printf("(no regions: the module is loaded without "
			       "regions= or alloc=)\n");
	}
	hugemap_list_free(r);
	return 0;
}

/* ---- info ---------------------------------------------------------------- */

static void print_unavailable_text(const char *u)
{
	const char *p = u;

	if (!*u) {
		printf("unavailable:  (none)\n");
		return;
	}
	printf("unavailable:  ");
	for (; *p; p++) {
		putchar(*p);
		if (*p == '\n')
			printf("              ");
	}
	putchar('\n');
}

static void json_unavailable(const char *u)
{
	const char *p = u, *nl;
	int first = 1;

	printf("[");
	while (*p) {
		char line[HUGEMAP_REASON_MAX];
		size_t len;

		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		if (len) {
			printf("%s", first ? "" : ", ");
			json_str(stdout, line);
			first = 0;
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	printf("]");
}

/* map mode and GUP state, text: "map mode:     pages (GUP-capable, ...)" */
static void print_gup_text(const struct hugemap_gup *g)
{
	char mm[32];
	const char *p;

	fmt(g->memmap_bytes, mm, sizeof(mm));
	if (g->gup)
		printf("map mode:     %s (GUP-capable: futex, O_DIRECT, vmsplice, RDMA; struct pages %s)\n",
		       hugemap_map_mode_name(g->map_mode), mm);
	else
		printf("map mode:     %s (not GUP-capable)\n",
		       hugemap_map_mode_name(g->map_mode));
	if (g->reason[0]) {
		printf("gup:          ");
		for (p = g->reason; *p; p++) {
			putchar(*p);
			if (*p == '\n' && p[1])
				printf("              ");
		}
		if (p[-1] != '\n')
			putchar('\n');
	}
	if (g->map_mode == HUGEMAP_MAP_PAGES)
		printf("pages:        %s, %" PRIu64 " references held\n",
		       g->busy ? "busy (module stays loaded)" : "idle",
		       g->page_refs);
}

static void json_gup(const struct hugemap_gup *g)
{
	printf("  \"map_mode\": \"%s\",\n", hugemap_map_mode_name(g->map_mode));
	printf("  \"gup\": %s,\n", g->gup ? "true" : "false");
	printf("  \"gup_unavailable\": ");
	json_unavailable(g->reason);
	printf(",\n  \"memmap_bytes\": %" PRIu64 ",\n", g->memmap_bytes);
	printf("  \"busy\": %s,\n", g->busy ? "true" : "false");
	printf("  \"page_refs\": %" PRIu64 ",\n", g->page_refs);
}

static int cmd_info_sysfs(const char *dev)
{
	struct hugemap_gup g;
	struct hugemap_region r;
	unsigned int index;
	char sz[32], sizes[96], ch[32];
	int ret;

	if (dev_index(dev, &index))
		return fail(dev, -EINVAL);
	ret = hugemap_region_read(index, &r);
	if (ret)
		return fail(dev, ret);
	ret = hugemap_gup_read(index, &g);
	if (ret)
		return fail(dev, ret);
	sizes_text(r.fault_sizes, r.nr_fault_sizes, sizes, sizeof(sizes));
	if (json) {
		printf("{\n  \"device\": \"%s\",\n  \"source\": \"sysfs\",\n",
		       r.name);
		printf("  \"index\": %u,\n", r.index);
		printf("  \"kind\": \"%s\",\n", hugemap_kind_name(r.kind));
		printf("  \"size\": %" PRIu64 ",\n", r.size);
		if (r.base_known)
			printf("  \"base\": \"0x%" PRIx64 "\",\n", r.base);
		else
			printf("  \"base\": null,\n");
		printf("  \"chunk_size\": %" PRIu64 ",\n", r.chunk_size);
		printf("  \"cache_mode\": \"%s\",\n",
		       hugemap_cache_mode_name(r.cache_mode));
		printf("  \"numa_node\": %d,\n", (int)r.numa_node);
		printf("  \"max_fault\": \"%s\",\n",
		       hugemap_fault_name(r.max_fault));
		printf("  \"fault_sizes\": ");
		json_sizes(r.fault_sizes, r.nr_fault_sizes);
		printf(",\n  \"fault_sizes_text\": \"%s\",\n", sizes);
		printf("  \"unavailable\": ");
		json_unavailable(r.unavailable);
		printf(",\n");
		json_gup(&g);
		printf("  \"mappings\": %" PRIu64 "\n}\n", r.mappings);
		return 0;
	}
	fmt(r.size, sz, sizeof(sz));
	fmt(r.chunk_size, ch, sizeof(ch));
	printf("device:       %s (from sysfs %s/%s)\n", r.name,
	       hugemap_sysfs_root(), r.name);
	printf("kind:         %s\n", hugemap_kind_name(r.kind));
	printf("size:         %" PRIu64 " (%s)\n", r.size, sz);
	if (r.base_known)
		printf("base:         0x%" PRIx64 "\n", r.base);
	else
		printf("base:         (hidden: readable by root only)\n");
	printf("chunk size:   %" PRIu64 " (%s)\n", r.chunk_size, ch);
	printf("cache mode:   %s\n", hugemap_cache_mode_name(r.cache_mode));
	printf("numa node:    %d\n", (int)r.numa_node);
	printf("max fault:    %s\n", hugemap_fault_name(r.max_fault));
	printf("entry sizes:  %s\n", sizes);
	print_unavailable_text(r.unavailable);
	print_gup_text(&g);
	printf("mappings:     %" PRIu64 "\n", r.mappings);
	return 0;
}

static int open_dev(const char *dev, int flags, struct hugemap **h)
{
	int ret = hugemap_open(dev, flags, h);

	if (ret) {
		int st;

		char what[300];

		if (ret == -EACCES || ret == -EPERM || ret == -ENOENT) {
			unsigned int idx;

			if (strchr(dev, '/') || dev_index(dev, &idx))
				snprintf(what, sizeof(what), "cannot open %s",
					 dev);
			else
				snprintf(what, sizeof(what),
					 "cannot open %s/hugemap%u",
					 hugemap_dev_dir(), idx);
		} else {
			snprintf(what, sizeof(what), "%s", dev);
		}
		st = fail(what, ret);
		if ((ret == -EACCES || ret == -EPERM) && open_hint)
			fprintf(stderr, PROG ": hint: '%s %s --sysfs' needs no "
				"access to the device node\n", open_hint, dev);
		return st;
	}
	return 0;
}

static int cmd_info(const char *dev, int sysfs_only)
{
	struct hugemap_info in;
	struct hugemap_region r;
	struct hugemap_gup g;
	struct hugemap *h;
	char sizes[96], sz[32], ch[32], a[32], b[32], c[32], name[32];
	uint64_t fs[HUGEMAP_MAX_SIZES];
	int ret, have_region, i;

	if (sysfs_only)
		return cmd_info_sysfs(dev);
	open_hint = "info";
	if (open_dev(dev, HUGEMAP_OPEN_RDONLY, &h))
		return 1;
	ret = hugemap_get_info(h, &in);
	if (ret) {
		ret = fail(hugemap_path(h), ret);
		hugemap_close(h);
		return ret;
	}
	hugemap_close(h);
	snprintf(name, sizeof(name), "hugemap%u", in.index);
	/* sysfs adds the reasons why larger sizes are unavailable */
	have_region = hugemap_region_read(in.index, &r) == 0;
	/* the ioctl (version 2) has the mode; sysfs adds the reason text */
	if (hugemap_gup_read(in.index, &g))
		memset(&g, 0, sizeof(g));
	if (in.version >= 2) {
		g.map_mode = in.map_mode;
		g.gup = !!(in.flags & HUGEMAP_INFO_GUP);
		g.busy = !!(in.flags & HUGEMAP_INFO_BUSY);
		g.memmap_bytes = in.memmap_bytes;
		g.page_refs = in.page_refs;
	}
	for (i = 0; i < HUGEMAP_MAX_SIZES; i++)
		fs[i] = in.fault_sizes[i];
	sizes_text(fs, HUGEMAP_MAX_SIZES, sizes, sizeof(sizes));
	if (json) {
		printf("{\n  \"device\": \"%s\",\n  \"source\": \"ioctl\",\n",
		       name);
		printf("  \"version\": %u,\n", in.version);
		printf("  \"index\": %u,\n", in.index);
		printf("  \"kind\": \"%s\",\n", hugemap_kind_name(in.kind));
		printf("  \"size\": %llu,\n", (unsigned long long)in.size);
		if (in.base || in.kind == HUGEMAP_KIND_ALLOC)
			printf("  \"base\": \"0x%llx\",\n",
			       (unsigned long long)in.base);
		else
			printf("  \"base\": null,\n");
		printf("  \"chunk_size\": %llu,\n",
		       (unsigned long long)in.chunk_size);
		printf("  \"cache_mode\": \"%s\",\n",
		       hugemap_cache_mode_name(in.cache_mode));
		printf("  \"numa_node\": %d,\n", (int)in.numa_node);
		printf("  \"max_fault\": \"%s\",\n",
		       hugemap_fault_name(in.max_fault));
		printf("  \"fault_sizes\": ");
		json_sizes(fs, HUGEMAP_MAX_SIZES);
		printf(",\n  \"fault_sizes_text\": \"%s\",\n", sizes);
		printf("  \"pud_size\": %llu,\n", (unsigned long long)in.pud_size);
		printf("  \"pmd_size\": %llu,\n", (unsigned long long)in.pmd_size);
		printf("  \"page_size\": %llu,\n",
		       (unsigned long long)in.page_size);
		printf("  \"unavailable\": ");
		json_unavailable(have_region ? r.unavailable : "");
		printf(",\n");
		json_gup(&g);
		printf("  \"pud_faults\": %llu,\n",
		       (unsigned long long)in.pud_faults);
		printf("  \"pmd_faults\": %llu,\n",
		       (unsigned long long)in.pmd_faults);
		printf("  \"pte_faults\": %llu,\n",
		       (unsigned long long)in.pte_faults);
		printf("  \"fallbacks\": %llu,\n",
		       (unsigned long long)in.fallbacks);
		printf("  \"mappings\": %llu\n}\n",
		       (unsigned long long)in.mappings);
		return 0;
	}
	fmt(in.size, sz, sizeof(sz));
	fmt(in.chunk_size, ch, sizeof(ch));
	printf("device:       %s (%s/%s)\n", name, hugemap_dev_dir(), name);
	printf("kind:         %s\n", hugemap_kind_name(in.kind));
	printf("size:         %llu (%s)\n", (unsigned long long)in.size, sz);
	if (in.base || in.kind == HUGEMAP_KIND_ALLOC)
		printf("base:         0x%llx\n", (unsigned long long)in.base);
	else
		printf("base:         (hidden: needs CAP_SYS_ADMIN)\n");
	printf("chunk size:   %llu (%s)\n", (unsigned long long)in.chunk_size,
	       ch);
	printf("cache mode:   %s\n", hugemap_cache_mode_name(in.cache_mode));
	printf("numa node:    %d\n", (int)in.numa_node);
	printf("max fault:    %s\n", hugemap_fault_name(in.max_fault));
	printf("entry sizes:  %s\n", sizes);
	if (have_region)
		print_unavailable_text(r.unavailable);
	print_gup_text(&g);
	fmt(in.pud_size, a, sizeof(a));
	fmt(in.pmd_size, b, sizeof(b));
	fmt(in.page_size, c, sizeof(c));
	printf("kernel:       pud %s, pmd %s, page %s\n",
	       in.pud_size ? a : "-", b, c);
	printf("faults:       pud %llu, pmd %llu, pte %llu, fallbacks %llu\n",
	       (unsigned long long)in.pud_faults,
	       (unsigned long long)in.pmd_faults,
	       (unsigned long long)in.pte_faults,
	       (unsigned long long)in.fallbacks);
	printf("mappings:     %llu\n", (unsigned long long)in.mappings);
	return 0;
}

/* ---- stats --------------------------------------------------------------- */

static int cmd_stats(const char *dev, int reset)
{
	struct hugemap_stats st;
	unsigned int index;
	uint64_t ent = 0;
	int ret, have_ent;

	if (dev_index(dev, &index))
		return fail(dev, -EINVAL);
	if (reset) {
		ret = hugemap_stats_reset(index);
		if (ret) {
			char what[64];

			snprintf(what, sizeof(what),
				 "cannot reset statistics of hugemap%u", index);
			return fail(what, ret);
		}
	}
	ret = hugemap_stats_read(index, &st);
	if (ret) {
		char what[64];

		snprintf(what, sizeof(what), "hugemap%u", index);
		return fail(what, ret);
	}
	have_ent = hugemap_stat_read(index, "pte_entries", &ent) == 0;
	if (json) {
		printf("{\n  \"device\": \"hugemap%u\",\n", index);
		printf("  \"reset\": %s,\n", reset ? "true" : "false");
		printf("  \"pud_faults\": %" PRIu64 ",\n", st.pud_faults);
		printf("  \"pmd_faults\": %" PRIu64 ",\n", st.pmd_faults);
		printf("  \"pte_faults\": %" PRIu64 ",\n", st.pte_faults);
		if (have_ent)
			printf("  \"pte_entries\": %" PRIu64 ",\n", ent);
		printf("  \"fallbacks\": %" PRIu64 ",\n", st.fallbacks);
		printf("  \"mappings\": %" PRIu64 "\n}\n", st.mappings);
		return 0;
	}
	if (reset)
		printf("hugemap%u: statistics reset\n", index);
	printf("pud_faults  %" PRIu64 "\n", st.pud_faults);
	printf("pmd_faults  %" PRIu64 "\n", st.pmd_faults);
	printf("pte_faults  %" PRIu64 "\n", st.pte_faults);
	if (have_ent)
		printf("pte_entries %" PRIu64 "  (PTEs inserted by the PTE faults)\n", ent);
	printf("fallbacks   %" PRIu64 "\n", st.fallbacks);
	printf("mappings    %" PRIu64 "\n", st.mappings);
	return 0;
}

/* ---- map ----------------------------------------------------------------- */

static int read_stats(struct hugemap *h, struct hugemap_stats *st,
		      const char **source)
{
	struct hugemap_info in;
	int ret;

	/* sysfs first (what "stats" shows), the ioctl if sysfs is absent */
	ret = hugemap_stats_read((unsigned int)hugemap_index(h), st);
	if (ret == 0) {
		*source = "sysfs";
		return 0;
	}
	ret = hugemap_get_info(h, &in);
	if (ret)
		return ret;
	st->pud_faults = in.pud_faults;
	st->pmd_faults = in.pmd_faults;
	st->pte_faults = in.pte_faults;
	st->fallbacks = in.fallbacks;
	st->mappings = in.mappings;
	*source = "ioctl";
	return 0;
}

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmd_map(const char *dev, uint64_t offset, uint64_t length,
		   int touch, int write_touch, int align)
{
	struct hugemap_stats before, after;
	uint64_t ent0 = 0, ent1 = 0;
	struct hugemap_mapping m;
	struct hugemap_info in;
	struct hugemap *h;
	const char *src = "none";
	char a[32], e[32], len[32];
	uint64_t page, pages = 0, i;
	double t0 = 0, t1 = 0;
	unsigned long sum = 0;
	int ret;

	if (open_dev(dev, 0, &h))
		return 1;
	ret = hugemap_get_info(h, &in);
	if (ret) {
		ret = fail(hugemap_path(h), ret);
		goto out_close;
	}
	page = in.page_size ? in.page_size : (uint64_t)sysconf(_SC_PAGESIZE);
	if (touch) {
		ret = read_stats(h, &before, &src);
		hugemap_stat_read((unsigned int)hugemap_index(h), "pte_entries", &ent0);
		if (ret) {
			ret = fail("reading statistics", ret);
			goto out_close;
		}
	}
	ret = hugemap_map_at(h, NULL, offset, length, PROT_READ | PROT_WRITE,
			     align ? HUGEMAP_MAP_ALIGN : 0, &m);
	if (ret) {
		char what[320];

		snprintf(what, sizeof(what), "mmap of %s", hugemap_path(h));
		ret = fail(what, ret);
		goto out_close;
	}
	if (touch) {
		volatile unsigned char *p = m.addr;

		pages = m.length / page;
		t0 = now_sec();
		if (write_touch) {
			for (i = 0; i < m.length; i += page)
				p[i] = p[i];
		} else {
			for (i = 0; i < m.length; i += page)
				sum += p[i];
		}
		t1 = now_sec();
		(void)sum;
		ret = read_stats(h, &after, &src);
		hugemap_stat_read((unsigned int)hugemap_index(h), "pte_entries", &ent1);
		if (ret) {
			hugemap_unmap(&m);
			ret = fail("reading statistics", ret);
			goto out_close;
		}
	}
	fmt(m.length, len, sizeof(len));
	fmt(m.predicted.entry_size, e, sizeof(e));
	if (json) {
		printf("{\n  \"device\": \"hugemap%d\",\n", hugemap_index(h));
		printf("  \"address\": \"%p\",\n", m.addr);
		printf("  \"offset\": %" PRIu64 ",\n", m.offset);
		printf("  \"length\": %" PRIu64 ",\n", m.length);
		printf("  \"page_size\": %" PRIu64 ",\n", page);
		printf("  \"align\": %s,\n", align ? "true" : "false");
		printf("  \"predicted\": {\"entry_size\": %" PRIu64
		       ", \"pud_faults\": %" PRIu64 ", \"pmd_faults\": %"
		       PRIu64 ", \"pte_faults\": %" PRIu64 "},\n",
		       m.predicted.entry_size, m.predicted.pud_faults,
		       m.predicted.pmd_faults, m.predicted.pte_faults);
		if (touch) {
			printf("  \"touched_pages\": %" PRIu64 ",\n", pages);
			printf("  \"touch\": \"%s\",\n",
			       write_touch ? "write" : "read");
			printf("  \"stats_source\": \"%s\",\n", src);
			printf("  \"faults\": {\"pud\": %" PRIu64 ", \"pmd\": %"
			       PRIu64 ", \"pte\": %" PRIu64
			       ", \"fallbacks\": %" PRIu64 "},\n",
			       after.pud_faults - before.pud_faults,
			       after.pmd_faults - before.pmd_faults,
			       after.pte_faults - before.pte_faults,
			       after.fallbacks - before.fallbacks);
			printf("  \"pud_faults\": %" PRIu64 ",\n",
			       after.pud_faults - before.pud_faults);
			printf("  \"pmd_faults\": %" PRIu64 ",\n",
			       after.pmd_faults - before.pmd_faults);
			printf("  \"pte_faults\": %" PRIu64 ",\n",
			       after.pte_faults - before.pte_faults);
			printf("  \"pte_entries\": %" PRIu64 ",\n", ent1 - ent0);
			printf("  \"fallbacks\": %" PRIu64 ",\n",
			       after.fallbacks - before.fallbacks);
			printf("  \"touch_wall_time_ns\": %.0f,\n",
			       (t1 - t0) * 1e9);
		}
		printf("  \"touched\": %s\n}\n", touch ? "true" : "false");
	} else {
		printf("mapped:              %s offset 0x%" PRIx64
		       " length %s at %p%s\n", hugemap_path(h), m.offset, len,
		       m.addr, align ? " (library-aligned)" : "");
		fmt(page, a, sizeof(a));
		printf("predicted entries:   pud %" PRIu64 ", pmd %" PRIu64
		       ", pte %" PRIu64 " (largest %s)\n",
		       m.predicted.pud_faults, m.predicted.pmd_faults,
		       m.predicted.pte_faults, e);
		if (touch) {
			printf("touched:             %" PRIu64
			       " pages of %s (%s, one byte per page)\n",
			       pages, a, write_touch ? "write" : "read");
			printf("faults (stats delta): pud %" PRIu64 ", pmd %"
			       PRIu64 ", pte %" PRIu64 ", fallbacks %" PRIu64
			       "\n",
			       after.pud_faults - before.pud_faults,
			       after.pmd_faults - before.pmd_faults,
			       after.pte_faults - before.pte_faults,
			       after.fallbacks - before.fallbacks);
			printf("PTEs inserted:       %" PRIu64 " by %" PRIu64
			       " PTE faults\n", ent1 - ent0,
			       after.pte_faults - before.pte_faults);
			printf("touch wall time:     %.3f ms\n",
			       (t1 - t0) * 1e3);
		}
	}
	ret = hugemap_unmap(&m);
	if (ret)
		ret = fail("munmap", ret);
out_close:
	hugemap_close(h);
	return ret;
}

/* ---- main ---------------------------------------------------------------- */

static int need_size(int argc, char **argv, int *i, uint64_t *v)
{
	if (*i + 1 >= argc) {
		fprintf(stderr, PROG ": %s needs a value\n", argv[*i]);
		return -1;
	}
	(*i)++;
	if (hugemap_parse_size(argv[*i], v)) {
		fprintf(stderr, PROG ": %s: bad size '%s'\n", argv[*i - 1],
			argv[*i]);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = NULL, *dev = NULL;
	uint64_t offset = 0, length = 0;
	int touch = 0, wr = 0, align = 0, reset = 0, sysfs = 0;
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json") || !strcmp(a, "-j")) {
			json = 1;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			printf(PROG " " VERSION "\n");
			return 0;
		} else if (!strcmp(a, "--touch")) {
			touch = 1;
		} else if (!strcmp(a, "--write")) {
			wr = 1;
		} else if (!strcmp(a, "--align")) {
			align = 1;
		} else if (!strcmp(a, "--reset")) {
			reset = 1;
		} else if (!strcmp(a, "--sysfs")) {
			sysfs = 1;
		} else if (!strcmp(a, "--offset") || !strcmp(a, "-o")) {
			if (need_size(argc, argv, &i, &offset))
				return 2;
		} else if (!strcmp(a, "--length") || !strcmp(a, "-l")) {
			if (need_size(argc, argv, &i, &length))
				return 2;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, PROG ": unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (!cmd) {
			cmd = a;
		} else if (!dev) {
			dev = a;
		} else {
			fprintf(stderr, PROG ": unexpected argument '%s'\n", a);
			return 2;
		}
	}
	if (!cmd) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(cmd, "list")) {
		if (touch || wr || align || offset || length || reset || sysfs) {
			fprintf(stderr, PROG ": option not valid for 'list'\n");
			return 2;
		}
		if (dev) {
			fprintf(stderr, PROG ": list takes no device\n");
			return 2;
		}
		return cmd_list();
	}
	if (strcmp(cmd, "info") && strcmp(cmd, "stats") && strcmp(cmd, "map")) {
		fprintf(stderr, PROG ": unknown command '%s'\n", cmd);
		usage(stderr);
		return 2;
	}
	if (!dev) {
		fprintf(stderr, PROG ": %s needs a device (hugemapN)\n", cmd);
		return 2;
	}
	if ((reset && strcmp(cmd, "stats")) || (sysfs && strcmp(cmd, "info")) ||
	    ((touch || wr || align || offset || length) && strcmp(cmd, "map"))) {
		fprintf(stderr, PROG ": option not valid for '%s'\n", cmd);
		return 2;
	}
	if (wr && !touch) {
		fprintf(stderr, PROG ": --write needs --touch\n");
		return 2;
	}
	if (!strcmp(cmd, "info"))
		return cmd_info(dev, sysfs);
	if (!strcmp(cmd, "stats"))
		return cmd_stats(dev, reset);
	return cmd_map(dev, offset, length, touch, wr, align);
}
