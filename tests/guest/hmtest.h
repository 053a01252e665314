/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hugemap guest test programs: shared helpers.
 *
 * Every sub-command prints exactly one result line on stdout,
 * "PASS <figures>" or "FAIL <why>", and exits 0 on PASS, 1 on FAIL.
 * Diagnostics go to stderr prefixed with "# ".
 */
#ifndef HMTEST_H
#define HMTEST_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include <linux/hugemap.h>

typedef uint64_t u64;

#define HM_MAXSZ 8
#define GiB (1ULL << 30)

struct hm {
	int idx;
	int fd;
	char sys[96];		/* /sys/class/hugemap/hugemapN */
	char dev[64];		/* /dev/hugemapN */
	u64 size;
	u64 base;		/* from sysfs (root) */
	u64 chunk;
	u64 page;
	int nsizes;
	u64 sizes[HM_MAXSZ];	/* fault_sizes, largest first (incl. page size) */
	char sizes_str[128];
	int batch;		/* module parameter pte_batch (Y: a PTE fault maps its block) */
};

struct counts {
	u64 pud, pmd, pte, fb, maps;
	u64 ptent;		/* stats/pte_entries: PTEs the PTE faults inserted */
};

/* results */
void hm_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void hm_pass(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void hm_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* parsing */
int parse_size(const char *s, u64 *out);	/* 4K/2M/1G/1T, decimal, 0x hex */
u64 arg_size(const char *s, const char *what);	/* parse or fail */
const char *fmt_size(u64 v, char *buf, size_t len);
const char *errname(int e);

/* sysfs */
int sys_read(const struct hm *h, const char *name, char *buf, size_t len);
u64 sys_u64(const struct hm *h, const char *name);	/* fails on error */
int sys_write(const struct hm *h, const char *name, const char *val);
void stats_reset(const struct hm *h);
void stats_read(const struct hm *h, struct counts *c);
const char *counts_str(const struct counts *c, char *buf, size_t len);

/* device */
void hm_open(struct hm *h, const char *devarg);	/* "0" or "/dev/hugemap0"; fails on error */
int hm_info(int fd, struct hugemap_info *info, unsigned argsz);	/* 0 or -errno */
int has_size(const struct hm *h, u64 sz);
int unavailable_has(const struct hm *h, u64 size);
/* largest entry size from fault_sizes that is <= len and is a huge size (> page); 0 if none */
u64 largest_fit(const struct hm *h, u64 len);

/* mmap wrapper: returns MAP_FAILED and sets *err */
void *hm_map(const struct hm *h, u64 off, u64 len, void *hint, int flags, int prot, int *err);
/* smaps VmFlags of the mapping at p must hold every two-letter flag of want ("pf io dd") */
void vm_flags_check(const void *p, const char *want, const char *what);
/* reserve len bytes of free address space aligned so that (addr % align) == (want % align) */
void *free_va(u64 len, u64 align, u64 want);

/* data pattern: value of the u64 at region offset off */
static inline u64 pat(u64 off, u64 seed)
{
	u64 x = off ^ (seed * 0x9E3779B97F4A7C15ULL);
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}
/* write pat() into one u64 every `step` bytes of [p, p+len); region offset of p is roff */
void fill(volatile void *p, u64 len, u64 step, u64 roff, u64 seed);
/* verify; returns byte offset of first mismatch from p, or -1 */
long long check(const volatile void *p, u64 len, u64 step, u64 roff, u64 seed);
/* touch: write+read back one u64 per `step`; returns first failing offset or -1 */
long long touch(volatile void *p, u64 len, u64 step, u64 roff, u64 seed);

/*
 * Fault model (the mmap contract of docs/design.md): pages touched in
 * ascending order, each fault is served with the largest size from
 * fault_sizes (limited to <= maxsz) whose naturally aligned virtual block
 * lies inside the VMA, whose physical block is equally aligned and inside
 * one chunk of the region.  A huge size whose virtual block fits but whose
 * physical placement does not counts a fallback.  With pte_batch a PTE
 * fault inserts the PTEs of the whole PMD-sized block around the page,
 * bounded by the VMA and the chunk, and the rest of that range does not
 * fault again.
 */
struct model {
	u64 pud, pmd, pte, fb;
	u64 ptent;		/* PTEs inserted */
};
void model_touch(const struct hm *h, u64 pmd_size, u64 maxsz, u64 va, u64 len,
		 u64 roff, u64 step, struct model *m);

/* kmsg: next sequence number, and count/print records since a sequence */
long long kmsg_next(void);
int kmsg_since(long long seq, char *buf, size_t len);	/* returns number of records */
/* the same, leaving out records for which skip(text) is non-zero */
int kmsg_since_skip(long long seq, char *buf, size_t len, int (*skip)(const char *text));

/* child helpers: run fn in a child, return its wait status */
int in_child(int (*fn)(void *), void *arg);
int status_is_sig(int st, int sig);

#endif
