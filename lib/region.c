/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libhugemap: opening regions, HUGEMAP_IOC_GET_INFO, sysfs listing, stats. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hugemap_internal.h"

#define INFO_MIN_ARGSZ	(offsetof(struct hugemap_info, fault_sizes) + \
			 sizeof(((struct hugemap_info *)0)->fault_sizes))

static int open_path(const char *path, int index, int flags,
		     struct hugemap **out)
{
	struct hugemap *h;
	int oflags = (flags & HUGEMAP_OPEN_RDONLY) ? O_RDONLY : O_RDWR;
	int fd;

	if (flags & ~HUGEMAP_OPEN_RDONLY)
		return -EINVAL;
	if (strlen(path) >= sizeof(h->path))
		return -ENAMETOOLONG;
	fd = open(path, oflags | O_CLOEXEC);
	if (fd < 0) {
		int err = -errno;

		/* Tell "module not loaded" from "no such region". */
		if (err == -ENOENT && !hmi_class_present())
			err = -ENODEV;
		return err;
	}
	h = calloc(1, sizeof(*h));
	if (!h) {
		close(fd);
		return -ENOMEM;
	}
	h->fd = fd;
	h->index = index;
	strcpy(h->path, path);
	*out = h;
	return 0;
}

int hugemap_open_index(unsigned int index, int flags, struct hugemap **out)
{
	char path[PATH_MAX];
	int n;

	if (!out || index > INT_MAX)
		return -EINVAL;
	n = snprintf(path, sizeof(path), "%s/hugemap%u", hugemap_dev_dir(),
		     index);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	return open_path(path, (int)index, flags, out);
}

int hugemap_open(const char *name, int flags, struct hugemap **out)
{
	unsigned int index;

	if (!name || !*name || !out)
		return -EINVAL;
	if (strchr(name, '/')) {
		const char *base = strrchr(name, '/') + 1;
		int idx = -1;

		if (hmi_parse_name(base, &index) == 0 &&
		    strncmp(base, "hugemap", 7) == 0)
			idx = (int)index;
		return open_path(name, idx, flags, out);
	}
	if (hmi_parse_name(name, &index))
		return -EINVAL;
	return hugemap_open_index(index, flags, out);
}

void hugemap_close(struct hugemap *h)
{
	if (!h)
		return;
	if (h->fd >= 0)
		close(h->fd);
	free(h);
}

int hugemap_fd(const struct hugemap *h)
{
	return h ? h->fd : -EINVAL;
}

int hugemap_index(const struct hugemap *h)
{
	return h ? h->index : -1;
}

const char *hugemap_path(const struct hugemap *h)
{
	return h ? h->path : NULL;
}

int hugemap_get_info_fd(int fd, struct hugemap_info *info)
{
	if (!info || fd < 0)
		return -EINVAL;
	memset(info, 0, sizeof(*info));
	info->argsz = sizeof(*info);
	if (ioctl(fd, HUGEMAP_IOC_GET_INFO, info) < 0) {
		int err = -errno;

		memset(info, 0, sizeof(*info));
		/* A non-hugemap device or a file: no such ioctl. */
		if (err == -EINVAL || err == -ENOTTY) {
			struct stat st;

			if (fstat(fd, &st) == 0 && !S_ISCHR(st.st_mode))
				return -ENOTTY;
		}
		return err;
	}
	if (info->argsz < INFO_MIN_ARGSZ || info->argsz > sizeof(*info) ||
	    info->version == 0)
		return -EPROTO;
	return 0;
}

int hugemap_get_info(struct hugemap *h, struct hugemap_info *info)
{
	int r;

	if (!h)
		return -EINVAL;
	r = hugemap_get_info_fd(h->fd, info);
	if (r)
		return r;
	h->info = *info;
	h->have_info = 1;
	if (h->index < 0 && info->index <= INT_MAX)
		h->index = (int)info->index;
	return 0;
}

static int parse_enum(const char *text, const char *const *names, int n,
		      uint32_t *out)
{
	int i;

	for (i = 0; i < n; i++) {
		if (strcmp(text, names[i]) == 0) {
			*out = (uint32_t)i;
			return 0;
		}
	}
	return -EINVAL;
}

int hugemap_region_read(unsigned int index, struct hugemap_region *r)
{
	static const char *const kinds[] = { "phys", "alloc" };
	static const char *const modes[] = { "wb", "wc", "uc" };
	static const char *const levels[] = { "pte", "pmd", "pud" };
	char buf[HUGEMAP_REASON_MAX];
	int64_t node;
	int ret;

	if (!r)
		return -EINVAL;
	memset(r, 0, sizeof(*r));
	r->index = index;
	snprintf(r->name, sizeof(r->name), "hugemap%u", index);

	ret = hmi_region_attr_u64(index, "size", &r->size);
	if (ret)
		return ret;
	ret = hmi_region_attr(index, "base", buf, sizeof(buf));
	if (ret >= 0) {
		ret = hmi_parse_u64(buf, &r->base);
		if (ret)
			return ret;
		r->base_known = 1;
	} else if (ret != -EACCES && ret != -EPERM) {
		return ret;
	}
	ret = hmi_region_attr(index, "kind", buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (parse_enum(buf, kinds, 2, &r->kind))
		return -EPROTO;
	ret = hmi_region_attr_u64(index, "chunk_size", &r->chunk_size);
	if (ret)
		return ret;
	ret = hmi_region_attr(index, "cache_mode", buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (parse_enum(buf, modes, 3, &r->cache_mode))
		return -EPROTO;
	ret = hmi_region_attr(index, "numa_node", buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (hmi_parse_s64(buf, &node) || node < INT32_MIN || node > INT32_MAX)
		return -EPROTO;
	r->numa_node = (int32_t)node;
	ret = hmi_region_attr(index, "max_fault", buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (parse_enum(buf, levels, 3, &r->max_fault))
		return -EPROTO;
	ret = hmi_region_attr(index, "fault_sizes", buf, sizeof(buf));
	if (ret < 0)
		return ret;
	ret = hugemap_parse_sizes(buf, r->fault_sizes, HUGEMAP_MAX_SIZES);
	if (ret < 0)
		return ret == -E2BIG ? ret : -EPROTO;
	r->nr_fault_sizes = (unsigned int)ret;
	ret = hmi_region_attr(index, "unavailable", r->unavailable,
			      sizeof(r->unavailable));
	if (ret < 0 && ret != -ENOENT)
		return ret;
	if (ret < 0)
		r->unavailable[0] = '\0';
	ret = hmi_region_attr_u64(index, "stats/mappings", &r->mappings);
	if (ret)
		return ret;
	return 0;
}

static int cmp_region(const void *a, const void *b)
{
	const struct hugemap_region *x = a, *y = b;

	return (x->index > y->index) - (x->index < y->index);
}

int hugemap_list(struct hugemap_region **regions)
{
	struct hugemap_region *arr = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	DIR *d;
	int ret = 0;

	if (!regions)
		return -EINVAL;
	*regions = NULL;
	d = opendir(hugemap_sysfs_root());
	if (!d)
		return errno == ENOENT ? -ENODEV : -errno;
	while ((de = readdir(d)) != NULL) {
		unsigned int index;

		if (strncmp(de->d_name, "hugemap", 7) != 0 ||
		    hmi_parse_name(de->d_name, &index))
			continue;
		if (n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct hugemap_region *na;

			if (n > (size_t)INT_MAX / 2) {
				ret = -E2BIG;
				break;
			}
			na = realloc(arr, ncap * sizeof(*arr));
			if (!na) {
				ret = -ENOMEM;
				break;
			}
			arr = na;
			cap = ncap;
		}
		ret = hugemap_region_read(index, &arr[n]);
		if (ret == -ENOENT) {	/* vanished meanwhile */
			ret = 0;
			continue;
		}
		if (ret)
			break;
		n++;
	}
	closedir(d);
	if (ret) {
		free(arr);
		return ret;
	}
	if (n)
		qsort(arr, n, sizeof(*arr), cmp_region);
	*regions = arr;
	return (int)n;
}

void hugemap_list_free(struct hugemap_region *regions)
{
	free(regions);
}

static const char *const stat_names[] = {
	"stats/pud_faults", "stats/pmd_faults", "stats/pte_faults",
	"stats/fallbacks",
};

int hugemap_stats_read(unsigned int index, struct hugemap_stats *st)
{
	uint64_t *fields[4];
	int i, r;

	if (!st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	fields[0] = &st->pud_faults;
	fields[1] = &st->pmd_faults;
	fields[2] = &st->pte_faults;
	fields[3] = &st->fallbacks;
	for (i = 0; i < 4; i++) {
		r = hmi_region_attr_u64(index, stat_names[i], fields[i]);
		if (r)
			return r;
	}
	return hmi_region_attr_u64(index, "stats/mappings", &st->mappings);
}

int hugemap_stat_read(unsigned int index, const char *name, uint64_t *val)
{
	char attr[64];
	int n;

	if (!name || !val || strchr(name, '/') || strchr(name, '.'))
		return -EINVAL;
	n = snprintf(attr, sizeof(attr), "stats/%s", name);
	if (n < 0 || (size_t)n >= sizeof(attr))
		return -EINVAL;
	return hmi_region_attr_u64(index, attr, val);
}

const char *hugemap_map_mode_name(uint32_t mode)
{
	switch (mode) {
	case HUGEMAP_MAP_PFN:
		return "pfn";
	case HUGEMAP_MAP_PAGES:
		return "pages";
	default:
		return "?";
	}
}

int hugemap_gup_read(unsigned int index, struct hugemap_gup *g)
{
	static const char *const modes[] = { "pfn", "pages" };
	char buf[32];
	uint64_t v;
	int ret;

	if (!g)
		return -EINVAL;
	memset(g, 0, sizeof(*g));
	ret = hmi_region_attr(index, "map_mode", buf, sizeof(buf));
	if (ret == -ENOENT) {
		/* no such region, or a module from before pages mode */
		ret = hmi_region_attr_u64(index, "size", &v);
		if (ret)
			return ret;
		g->map_mode = HUGEMAP_MAP_PFN;
		snprintf(g->reason, sizeof(g->reason),
			 "pages: this hugemap module has no pages mode");
		return 0;
	}
	if (ret < 0)
		return ret;
	if (parse_enum(buf, modes, 2, &g->map_mode))
		return -EPROTO;
	ret = hmi_region_attr_u64(index, "gup", &v);
	if (ret)
		return ret;
	g->gup = v != 0;
	ret = hmi_region_attr_u64(index, "busy", &v);
	if (ret)
		return ret;
	g->busy = v != 0;
	ret = hmi_region_attr_u64(index, "memmap_bytes", &g->memmap_bytes);
	if (ret)
		return ret;
	ret = hmi_region_attr_u64(index, "page_refs", &g->page_refs);
	if (ret)
		return ret;
	ret = hmi_region_attr(index, "gup_unavailable", g->reason,
			      sizeof(g->reason));
	return ret < 0 ? ret : 0;
}

int hugemap_stats_reset(unsigned int index)
{
	char path[PATH_MAX];
	int i, r, n;

	for (i = 0; i < 4; i++) {
		n = snprintf(path, sizeof(path), "%s/hugemap%u/%s",
			     hugemap_sysfs_root(), index, stat_names[i]);
		if (n < 0 || (size_t)n >= sizeof(path))
			return -ENAMETOOLONG;
		r = hmi_write_text(path, "0");
		if (r == -ENOENT && !hmi_class_present())
			return -ENODEV;
		if (r)
			return r;
	}
	/* pte_entries (modules with pte_batch); absent before */
	n = snprintf(path, sizeof(path), "%s/hugemap%u/stats/pte_entries",
		     hugemap_sysfs_root(), index);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	r = hmi_write_text(path, "0");
	if (r && r != -ENOENT)
		return r;
	return 0;
}
