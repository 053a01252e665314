// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap sysfs interface (/sys/class/hugemap/hugemapN/) and the
 * HUGEMAP_IOC_GET_INFO description it shares with the ioctl.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/sysfs.h>

#include "hugemap.h"

static struct class *hm_class;

static const char * const hm_level_names[HM_NR_LEVELS] = {
	[HM_PTE] = "pte",
	[HM_PMD] = "pmd",
	[HM_PUD] = "pud",
};

static struct hm_region *hm_dev_region(struct device *dev)
{
	return dev_get_drvdata(dev);
}

static ssize_t size_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return hm_sysfs_emit(buf, "%llu\n", hm_dev_region(dev)->size);
}
static DEVICE_ATTR_RO(size);

static ssize_t base_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct hm_region *r = hm_dev_region(dev);
	u64 base = r->kind == HUGEMAP_KIND_PHYS ? r->base : 0;

	return hm_sysfs_emit(buf, "%#llx\n", base);
}

/* the physical address is for root only */
static struct device_attribute dev_attr_base = __ATTR(base, 0400, base_show, NULL);

static ssize_t kind_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return hm_sysfs_emit(buf, "%s\n",
			     hm_dev_region(dev)->kind == HUGEMAP_KIND_PHYS ?
			     "phys" : "alloc");
}
static DEVICE_ATTR_RO(kind);

static ssize_t chunk_size_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%llu\n", hm_chunk_size(hm_dev_region(dev)));
}
static DEVICE_ATTR_RO(chunk_size);

static ssize_t cache_mode_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%s\n", hm_cache_name(hm_dev_region(dev)));
}
static DEVICE_ATTR_RO(cache_mode);

static ssize_t numa_node_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%d\n", hm_dev_region(dev)->nid);
}
static DEVICE_ATTR_RO(numa_node);

static ssize_t max_fault_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%s\n", hm_level_names[hm_max_level]);
}
static DEVICE_ATTR_RO(max_fault);

static ssize_t fault_sizes_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	struct hm_region *r = hm_dev_region(dev);
	char sizes[64];

	hm_format_fault_sizes(r, sizes, sizeof(sizes));
	return hm_sysfs_emit(buf, "%s\n", sizes);
}
static DEVICE_ATTR_RO(fault_sizes);

static ssize_t unavailable_show(struct device *dev,
				struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%s", hm_dev_region(dev)->reasons);
}
static DEVICE_ATTR_RO(unavailable);

static ssize_t map_mode_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%s\n",
			     hm_pages_mode(hm_dev_region(dev)) ? "pages" : "pfn");
}
static DEVICE_ATTR_RO(map_mode);

static ssize_t gup_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	return hm_sysfs_emit(buf, "%d\n", hm_pages_mode(hm_dev_region(dev)));
}
static DEVICE_ATTR_RO(gup);

static ssize_t gup_unavailable_show(struct device *dev,
				    struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%s", hm_dev_region(dev)->gup_why);
}
static DEVICE_ATTR_RO(gup_unavailable);

static ssize_t memmap_bytes_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%llu\n",
			     hm_pages_memmap_bytes(hm_dev_region(dev)));
}
static DEVICE_ATTR_RO(memmap_bytes);

static ssize_t busy_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	return hm_sysfs_emit(buf, "%d\n", READ_ONCE(hm_dev_region(dev)->busy));
}
static DEVICE_ATTR_RO(busy);

/* counted now: references held on the region's pages beyond their own */
static ssize_t page_refs_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	return hm_sysfs_emit(buf, "%lu\n",
			     hm_pages_referenced(hm_dev_region(dev)));
}
static DEVICE_ATTR_RO(page_refs);

static struct attribute *hm_attrs[] = {
	&dev_attr_size.attr,
	&dev_attr_base.attr,
	&dev_attr_kind.attr,
	&dev_attr_chunk_size.attr,
	&dev_attr_cache_mode.attr,
	&dev_attr_numa_node.attr,
	&dev_attr_max_fault.attr,
	&dev_attr_fault_sizes.attr,
	&dev_attr_unavailable.attr,
	&dev_attr_map_mode.attr,
	&dev_attr_gup.attr,
	&dev_attr_gup_unavailable.attr,
	&dev_attr_memmap_bytes.attr,
	&dev_attr_busy.attr,
	&dev_attr_page_refs.attr,
	NULL,
};

static const struct attribute_group hm_attr_group = {
	.attrs = hm_attrs,
};

/* stats/: counters, reset by writing 0 */
static atomic64_t *hm_stat_counter(struct hm_region *r, const char *name)
{
	if (!strcmp(name, "pud_faults"))
		return &r->stats.faults[HM_PUD];
	if (!strcmp(name, "pmd_faults"))
		return &r->stats.faults[HM_PMD];
	if (!strcmp(name, "pte_faults"))
		return &r->stats.faults[HM_PTE];
	if (!strcmp(name, "pte_entries"))
		return &r->stats.pte_entries;
	return &r->stats.fallbacks;
}

static ssize_t hm_stat_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct hm_region *r = hm_dev_region(dev);

	return hm_sysfs_emit(buf, "%lld\n",
			     (long long)atomic64_read(hm_stat_counter(r, attr->attr.name)));
}

static ssize_t hm_stat_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct hm_region *r = hm_dev_region(dev);
	u64 val;
	int ret;

	ret = kstrtou64(buf, 0, &val);
	if (ret)
		return ret;
	if (val)
		return -EINVAL;
	atomic64_set(hm_stat_counter(r, attr->attr.name), 0);
	return count;
}

static struct device_attribute dev_attr_pud_faults =
	__ATTR(pud_faults, 0644, hm_stat_show, hm_stat_store);
static struct device_attribute dev_attr_pmd_faults =
	__ATTR(pmd_faults, 0644, hm_stat_show, hm_stat_store);
static struct device_attribute dev_attr_pte_faults =
	__ATTR(pte_faults, 0644, hm_stat_show, hm_stat_store);
static struct device_attribute dev_attr_pte_entries =
	__ATTR(pte_entries, 0644, hm_stat_show, hm_stat_store);
static struct device_attribute dev_attr_fallbacks =
	__ATTR(fallbacks, 0644, hm_stat_show, hm_stat_store);

static ssize_t mappings_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return hm_sysfs_emit(buf, "%d\n",
			     atomic_read(&hm_dev_region(dev)->stats.mappings));
}
static DEVICE_ATTR_RO(mappings);

static struct attribute *hm_stats_attrs[] = {
	&dev_attr_pud_faults.attr,
	&dev_attr_pmd_faults.attr,
	&dev_attr_pte_faults.attr,
	&dev_attr_pte_entries.attr,
	&dev_attr_fallbacks.attr,
	&dev_attr_mappings.attr,
	NULL,
};

static const struct attribute_group hm_stats_group = {
	.name = "stats",
	.attrs = hm_stats_attrs,
};

static const struct attribute_group *hm_groups[] = {
	&hm_attr_group,
	&hm_stats_group,
	NULL,
};

int hm_sysfs_add(struct hm_region *r, dev_t devt)
{
	r->dev = device_create_with_groups(hm_class, NULL, devt, r, hm_groups,
					   HM_NAME "%u", r->index);
	return PTR_ERR_OR_ZERO(r->dev);
}

void hm_sysfs_remove(struct hm_region *r, dev_t devt)
{
	if (!IS_ERR_OR_NULL(r->dev))
		device_destroy(hm_class, devt);
}

int hm_sysfs_init(void)
{
	hm_class = hm_class_create(HM_NAME);
	return PTR_ERR_OR_ZERO(hm_class);
}

void hm_sysfs_exit(void)
{
	class_destroy(hm_class);
}

/*
 * Fill the ioctl description; the caller copies out argsz bytes.  The
 * physical base only if @show_base (the opener has CAP_SYS_ADMIN).
 */
int hm_fill_info(struct hm_region *r, struct hugemap_info *info,
		 bool show_base)
{
	int level, n = 0;

	memset(info, 0, sizeof(*info));
	info->version = HUGEMAP_INFO_VERSION;
	info->index = r->index;
	info->kind = r->kind;
	info->size = r->size;
	if (r->kind == HUGEMAP_KIND_PHYS && show_base)
		info->base = r->base;
	info->chunk_size = hm_chunk_size(r);
	info->cache_mode = r->cache;
	info->numa_node = r->nid;
	for (level = HM_PUD; level >= HM_PTE; level--)
		if (hm_level_usable(r, level))
			info->fault_sizes[n++] = hm_level_size(level);
	info->pud_size = HM_BUILD_PUD ? hm_level_size(HM_PUD) : 0;
	info->pmd_size = hm_level_size(HM_PMD);
	info->page_size = PAGE_SIZE;
	info->max_fault = hm_max_level;
	info->pud_faults = atomic64_read(&r->stats.faults[HM_PUD]);
	info->pmd_faults = atomic64_read(&r->stats.faults[HM_PMD]);
	info->pte_faults = atomic64_read(&r->stats.faults[HM_PTE]);
	info->fallbacks = atomic64_read(&r->stats.fallbacks);
	info->mappings = atomic_read(&r->stats.mappings);
	info->map_mode = r->mode;
	info->flags = (hm_pages_mode(r) ? HUGEMAP_INFO_GUP : 0) |
		      (READ_ONCE(r->busy) ? HUGEMAP_INFO_BUSY : 0);
	info->memmap_bytes = hm_pages_memmap_bytes(r);
	info->page_refs = hm_pages_referenced(r);
	info->gup_reason = r->gup_reason;
	return 0;
}
