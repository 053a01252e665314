/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * hugemap: physical memory regions exposed as /dev/hugemapN, mapped with
 * the largest page-table entries (PUD, PMD or PTE) the kernel allows.
 *
 * User-space ABI.  Stable: fields are only ever appended to
 * struct hugemap_info; callers pass the size they know in argsz.
 */
#ifndef _UAPI_LINUX_HUGEMAP_H
#define _UAPI_LINUX_HUGEMAP_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define HUGEMAP_INFO_VERSION	2

/* How a region's mappings are built (sysfs map_mode: "pfn", "pages"). */
#define HUGEMAP_MAP_PFN		0	/* PFN entries: no struct pages, no GUP */
#define HUGEMAP_MAP_PAGES	1	/* struct pages (ZONE_DEVICE): GUP works */

/* struct hugemap_info flags */
#define HUGEMAP_INFO_GUP	(1U << 0)	/* mappings usable by GUP */
#define HUGEMAP_INFO_BUSY	(1U << 1)	/* pages still referenced: no unload */

/* Why a region's mappings are not GUP-capable (sysfs gup_unavailable says more). */
#define HUGEMAP_GUP_OK		0
#define HUGEMAP_GUP_PFN_MODE	1	/* pfn mode chosen (the default) */
#define HUGEMAP_GUP_KERNEL	2	/* this kernel/build cannot give it pages */
#define HUGEMAP_GUP_CACHE	3	/* wc/uc device memory stays PFN-mapped */
#define HUGEMAP_GUP_ALLOC	4	/* no longer reported (alloc= regions had no pages mode before 1.3) */

/* Cache mode of a region (sysfs cache_mode: "wb", "wc", "uc"). */
#define HUGEMAP_CACHE_WB	0
#define HUGEMAP_CACHE_WC	1
#define HUGEMAP_CACHE_UC	2

/* Where a region's memory comes from (sysfs kind: "phys", "alloc"). */
#define HUGEMAP_KIND_PHYS	0	/* regions=: reserved RAM or device memory */
#define HUGEMAP_KIND_ALLOC	1	/* alloc=: allocated and zeroed by the driver */

/* Page-table levels (module parameter max_fault: "pte", "pmd", "pud"). */
#define HUGEMAP_FAULT_PTE	0
#define HUGEMAP_FAULT_PMD	1
#define HUGEMAP_FAULT_PUD	2

#define HUGEMAP_MAX_SIZES	4

/**
 * struct hugemap_info - description and statistics of one region
 * @argsz:	in: size of the caller's structure; out: bytes written
 * @version:	out: HUGEMAP_INFO_VERSION
 * @index:	N of /dev/hugemapN
 * @kind:	HUGEMAP_KIND_*
 * @size:	region size in bytes
 * @base:	physical base address; 0 unless the file was opened by a process
 *		with CAP_SYS_ADMIN (the opener's credentials count, not the
 *		caller's), and always 0 for HUGEMAP_KIND_ALLOC regions
 * @chunk_size:	size of each physically contiguous chunk (== @size for
 *		HUGEMAP_KIND_PHYS regions)
 * @cache_mode:	HUGEMAP_CACHE_*
 * @numa_node:	NUMA node of the memory, -1 if unknown
 * @fault_sizes: entry sizes in bytes this kernel, CPU and region can use,
 *		largest first, terminated by 0
 * @pud_size:	this kernel's PUD entry size (0 if PUD entries cannot exist)
 * @pmd_size:	this kernel's PMD entry size
 * @page_size:	this kernel's base page size
 * @max_fault:	HUGEMAP_FAULT_* cap set by the max_fault module parameter
 * @pad0:	zero
 * @pud_faults: faults served with one PUD entry
 * @pmd_faults: faults served with one PMD entry
 * @pte_faults: faults served with one PTE
 * @fallbacks:	huge faults that had to fall back to a smaller entry
 * @mappings:	live VMAs of this region
 *
 * Since version 2 (callers with a smaller argsz get the fields above only):
 * @map_mode:	HUGEMAP_MAP_*
 * @flags:	HUGEMAP_INFO_*
 * @memmap_bytes: RAM taken by the region's struct pages (pages mode), 0 otherwise
 * @page_refs: references held on the region's pages beyond their own (GUP
 *		pins, O_DIRECT, pipe buffers), counted now; pages mode only
 * @gup_reason:	HUGEMAP_GUP_*: why the mappings are not GUP-capable, 0 if they are
 * @pad1:	zero
 */
struct hugemap_info {
	__u32 argsz;
	__u32 version;
	__u32 index;
	__u32 kind;
	__u64 size;
	__u64 base;
	__u64 chunk_size;
	__u32 cache_mode;
	__s32 numa_node;
	__u64 fault_sizes[HUGEMAP_MAX_SIZES];
	__u64 pud_size;
	__u64 pmd_size;
	__u64 page_size;
	__u32 max_fault;
	__u32 pad0;
	__u64 pud_faults;
	__u64 pmd_faults;
	__u64 pte_faults;
	__u64 fallbacks;
	__u64 mappings;
	__u32 map_mode;
	__u32 flags;
	__u64 memmap_bytes;
	__u64 page_refs;
	__u32 gup_reason;
	__u32 pad1;
};

#define HUGEMAP_IOC_MAGIC	0xB8

/*
 * HUGEMAP_IOC_GET_INFO - fill struct hugemap_info.
 * Set argsz to sizeof(struct hugemap_info) (at least offsetofend(fault_sizes)
 * is required, EINVAL otherwise; at most HUGEMAP_INFO_MAX_ARGSZ, E2BIG
 * otherwise).  On return argsz is the number of bytes this kernel filled
 * (min of the caller's argsz and its own structure size); fields past that,
 * up to the caller's argsz, which this kernel does not know, are zeroed.
 * This number (_IO, no size) is understood by every hugemap version.
 */
#define HUGEMAP_IOC_GET_INFO	_IO(HUGEMAP_IOC_MAGIC, 0x01)

/*
 * HUGEMAP_IOC_INFO - the same request with direction and size in the number
 * as the kernel's ioctl conventions ask: _IOWR with the size of the
 * structure the caller was built with, which must equal argsz (EINVAL
 * otherwise).  The kernel accepts _IOWR(HUGEMAP_IOC_MAGIC, 0x01, N) for any
 * N, so binaries built against a later, larger structure work too.  Modules
 * before this was added answer ENOTTY: use HUGEMAP_IOC_GET_INFO for them.
 */
#define HUGEMAP_IOC_INFO	_IOWR(HUGEMAP_IOC_MAGIC, 0x01, struct hugemap_info)

#define HUGEMAP_INFO_MAX_ARGSZ	4096

#endif /* _UAPI_LINUX_HUGEMAP_H */
