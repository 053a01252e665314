/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libhugemap - user-space access to hugemap regions (/dev/hugemapN).
 *
 * All functions that can fail return 0 (or a non-negative count) on
 * success and a negative errno value on failure; hugemap_strerror() turns
 * such a value into a message.  Nothing sets errno on purpose.
 *
 * Paths can be redirected for tests:
 *   HUGEMAP_SYSFS_ROOT  directory playing /sys/class/hugemap
 *   HUGEMAP_DEV_DIR     directory playing /dev
 */
#ifndef LIBHUGEMAP_H
#define LIBHUGEMAP_H

#include <stddef.h>
#include <stdint.h>
#include <linux/hugemap.h>

#ifdef __cplusplus
extern "C" {
#endif

#define HUGEMAP_LIB_VERSION_MAJOR	1
#define HUGEMAP_LIB_VERSION_MINOR	2

#define HUGEMAP_NAME_MAX	32	/* "hugemapN" plus NUL, with room */
#define HUGEMAP_REASON_MAX	512	/* sysfs "unavailable" text kept */

/* Default locations (overridable by the environment variables above). */
#define HUGEMAP_DEFAULT_SYSFS_ROOT	"/sys/class/hugemap"
#define HUGEMAP_DEFAULT_DEV_DIR		"/dev"

/* Opaque handle of an open region. */
struct hugemap;

/* hugemap_open() flags */
#define HUGEMAP_OPEN_RDONLY	0x1	/* O_RDONLY instead of O_RDWR */

/*
 * Open a region.  @name is "hugemapN", "/dev/hugemapN" (any path to the
 * device node) or a bare index "N".  Errors: -ENODEV when the module is
 * not loaded (no sysfs class directory), -ENOENT for an unknown region,
 * -EACCES when the caller may not open the device node, -EINVAL for a
 * malformed name, -ENOTTY when the path is not a hugemap device.
 */
int hugemap_open(const char *name, int flags, struct hugemap **out);
int hugemap_open_index(unsigned int index, int flags, struct hugemap **out);
void hugemap_close(struct hugemap *h);

int hugemap_fd(const struct hugemap *h);
/* Index N, or -1 if it is not known (device path without a hugemapN name
 * and before hugemap_get_info() was called). */
int hugemap_index(const struct hugemap *h);
const char *hugemap_path(const struct hugemap *h);

/*
 * HUGEMAP_IOC_GET_INFO with the argsz protocol.  @info is zeroed, then
 * filled; fields the running kernel does not know stay 0.  The result is
 * also cached in the handle (used by hugemap_map()).
 */
int hugemap_get_info(struct hugemap *h, struct hugemap_info *info);
int hugemap_get_info_fd(int fd, struct hugemap_info *info);

/* Region description read from sysfs (no device access needed). */
struct hugemap_region {
	unsigned int index;
	char name[HUGEMAP_NAME_MAX];
	uint32_t kind;			/* HUGEMAP_KIND_* */
	uint64_t size;
	uint64_t base;			/* valid if base_known */
	int base_known;			/* 0: base file unreadable (not root) */
	uint64_t chunk_size;
	uint32_t cache_mode;		/* HUGEMAP_CACHE_* */
	int32_t numa_node;
	uint32_t max_fault;		/* HUGEMAP_FAULT_* */
	unsigned int nr_fault_sizes;
	uint64_t fault_sizes[HUGEMAP_MAX_SIZES];	/* largest first */
	char unavailable[HUGEMAP_REASON_MAX];	/* lines, "" if none */
	uint64_t mappings;
};

/* Statistics (sysfs stats/). */
struct hugemap_stats {
	uint64_t pud_faults;
	uint64_t pmd_faults;
	uint64_t pte_faults;
	uint64_t fallbacks;
	uint64_t mappings;
};

/*
 * List regions.  On success *regions is a malloc'ed array (free with
 * hugemap_list_free()) sorted by index and the count is returned.
 * -ENODEV when the module is not loaded.
 */
int hugemap_list(struct hugemap_region **regions);
void hugemap_list_free(struct hugemap_region *regions);
int hugemap_region_read(unsigned int index, struct hugemap_region *r);

int hugemap_stats_read(unsigned int index, struct hugemap_stats *st);
/*
 * One counter of stats/ by name, e.g. "pte_entries" (PTEs inserted by PTE
 * faults; with the module's pte_batch one fault inserts a whole block).
 * -ENOENT when this module has no such counter.  Since HUGEMAP_1.1.
 */
int hugemap_stat_read(unsigned int index, const char *name, uint64_t *val);
/*
 * Mapping mode and GUP state of a region (sysfs map_mode, gup,
 * gup_unavailable, memmap_bytes, busy, page_refs).  A module from before
 * pages mode existed reads as map_mode HUGEMAP_MAP_PFN, gup 0, with the
 * reason "pages: this hugemap module has no pages mode".  Since HUGEMAP_1.2.
 */
struct hugemap_gup {
	uint32_t map_mode;		/* HUGEMAP_MAP_PFN or HUGEMAP_MAP_PAGES */
	int gup;			/* 1: get_user_pages() works on mappings */
	int busy;			/* pages still referenced: module stays */
	uint64_t memmap_bytes;		/* struct pages (an upper bound) */
	uint64_t page_refs;		/* references held on the pages now */
	char reason[HUGEMAP_REASON_MAX];	/* why not GUP-capable, "" if it is */
};

int hugemap_gup_read(unsigned int index, struct hugemap_gup *g);
/* "pfn"/"pages" ("?" for unknown values).  Since HUGEMAP_1.2. */
const char *hugemap_map_mode_name(uint32_t mode);

/* Write 0 to the resettable counters (all but mappings); needs root. */
int hugemap_stats_reset(unsigned int index);

/* Paths in use (after environment overrides). */
const char *hugemap_sysfs_root(void);
const char *hugemap_dev_dir(void);

/*
 * Sizes.  hugemap_parse_size() accepts decimal or 0x hex with an optional
 * K/M/G/T (binary) suffix, e.g. "2M", "0x40000000", "1G".
 * hugemap_parse_sizes() parses a sysfs fault_sizes text ("1G 2M 4K"),
 * checks that it is strictly decreasing powers of two, stores at most
 * @max values and returns the count (-EINVAL on bad text, -E2BIG if more
 * than @max).  hugemap_format_size() writes the largest exact unit
 * ("1G", "32M", "16K", "1536K", "100"); returns the length, -ENOSPC if
 * @len is too small.
 */
int hugemap_parse_size(const char *s, uint64_t *out);
int hugemap_parse_sizes(const char *text, uint64_t *sizes, unsigned int max);
int hugemap_format_size(uint64_t bytes, char *buf, size_t len);

/* Names of enumerations: "wb"/"wc"/"uc", "phys"/"alloc", "pte"/"pmd"/"pud"
 * ("?" for unknown values). */
const char *hugemap_cache_mode_name(uint32_t mode);
const char *hugemap_kind_name(uint32_t kind);
const char *hugemap_fault_name(uint32_t level);

/* Message for a negative errno returned by this library. */
const char *hugemap_strerror(int err);

/*
 * Mapping geometry: what decides the entry size of each fault.  Filled from
 * struct hugemap_info or struct hugemap_region by the helpers below.
 *
 * Physical phase: a block of size S at virtual address va can be one
 * entry only if the physical address behind va is S-aligned.  For "phys"
 * regions the physical address of offset o is base + o; when the base is
 * not known (not root) the prediction assumes that the mapping address was
 * chosen by the driver (plain mmap, or hugemap_map()), which aligns the
 * address to the physical phase.  For "alloc" regions each chunk is taken
 * to be aligned to its size, so offset o is at phase o mod chunk_size.
 */
struct hugemap_geometry {
	uint64_t size;
	uint64_t chunk_size;		/* 0: == size */
	uint64_t base;
	int base_known;
	uint32_t kind;
	unsigned int nr_fault_sizes;
	uint64_t fault_sizes[HUGEMAP_MAX_SIZES];	/* largest first */
};

int hugemap_geometry_from_info(const struct hugemap_info *info,
			       struct hugemap_geometry *g);
int hugemap_geometry_from_region(const struct hugemap_region *r,
				 struct hugemap_geometry *g);

/* Largest size in the geometry that is <= length (the smallest size if
 * none is); 0 if the geometry has no sizes. */
uint64_t hugemap_best_entry_size(const struct hugemap_geometry *g,
				 uint64_t length);

/*
 * Predict the page-table entries of a mapping of [offset, offset+length)
 * at virtual address addr when every page is touched in ascending order.
 * faults[i] counts the faults served with g->fault_sizes[i];
 * entry_size is the largest size any fault gets, first_entry_size the size
 * the fault at addr gets.  Pure function.  -EINVAL if addr/offset/length
 * are not aligned to the smallest size or the range leaves the region.
 */
struct hugemap_prediction {
	uint64_t entry_size;
	uint64_t first_entry_size;
	uint64_t faults[HUGEMAP_MAX_SIZES];
	uint64_t pud_faults;		/* faults with fault size == pud_size */
	uint64_t pmd_faults;		/* ... == pmd_size */
	uint64_t pte_faults;		/* ... == page size (smallest) */
};

int hugemap_predict(const struct hugemap_geometry *g, uint64_t addr,
		    uint64_t offset, uint64_t length,
		    uint64_t pud_size, uint64_t pmd_size,
		    struct hugemap_prediction *p);

/* A mapping made by hugemap_map*(). */
struct hugemap_mapping {
	void *addr;
	uint64_t offset;
	uint64_t length;
	int prot;
	struct hugemap_prediction predicted;
};

/* hugemap_map_at() flags */
#define HUGEMAP_MAP_FIXED	0x1	/* MAP_FIXED: replace what is there */
#define HUGEMAP_MAP_NOREPLACE	0x2	/* MAP_FIXED_NOREPLACE */
#define HUGEMAP_MAP_ALIGN	0x4	/* hugemap_map_at(addr == NULL): the
					 * library picks a phase-aligned
					 * address itself (needs the base,
					 * i.e. root, for phys regions) */

/*
 * Map [offset, offset+length) MAP_SHARED.  length 0 means "to the end of
 * the region".  hugemap_map() lets the kernel (the driver's
 * get_unmapped_area) choose the address.  hugemap_map_at() uses the given
 * address as a hint, or exactly with HUGEMAP_MAP_FIXED/NOREPLACE; with
 * addr == NULL and HUGEMAP_MAP_ALIGN it reserves address space and places
 * the mapping so that the best entry size for the length is reachable.
 * On success m->predicted tells which entry sizes the faults will get.
 */
int hugemap_map(struct hugemap *h, uint64_t offset, uint64_t length,
		int prot, struct hugemap_mapping *m);
int hugemap_map_at(struct hugemap *h, void *addr, uint64_t offset,
		   uint64_t length, int prot, int flags,
		   struct hugemap_mapping *m);
int hugemap_unmap(struct hugemap_mapping *m);

#ifdef __cplusplus
}
#endif

#endif /* LIBHUGEMAP_H */
