// SPDX-License-Identifier: GPL-2.0
/*
 * hugemap: expose physical memory regions as /dev/hugemapN, mapped with
 * the largest page-table entries (PUD, PMD, PTE) the kernel allows.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/cdev.h>
#include <linux/compat.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/user_namespace.h>
#include <linux/uaccess.h>

#include "hugemap.h"

/* root only: it holds physical addresses (see hm_ioctl) */
static char *regions;
module_param(regions, charp, 0400);
MODULE_PARM_DESC(regions,
		 "Physical ranges to expose: SIZE@BASE[:wb|wc|uc][:pfn|pages][,...]");

static char *alloc;
module_param(alloc, charp, 0444);
MODULE_PARM_DESC(alloc,
		 "Regions to allocate and zero: SIZE[@NODE][:pfn][,...]");

static char *max_fault = "pud";
module_param(max_fault, charp, 0444);
MODULE_PARM_DESC(max_fault, "Largest entry size to use: pud, pmd or pte");

unsigned int hm_max_level = HM_PUD;

static dev_t hm_devt;
static struct hm_region **hm_regions;
static unsigned int hm_nr_regions;

#define HM_XFER_CHUNK	PAGE_SIZE

static int hm_open(struct inode *inode, struct file *filp)
{
	struct hm_region *r = container_of(inode->i_cdev, struct hm_region,
					   cdev);

	filp->private_data = r;
	if (hm_pages_mode(r)) {
		/* one address_space for every open: the pages point to it */
		filp->f_mapping = r->inode->i_mapping;
		return 0;
	}
	hm_fake_dax_open(filp);
	return 0;
}

static ssize_t hm_rw(struct file *filp, char __user *ubuf, size_t len,
		     loff_t *ppos, bool write)
{
	struct hm_region *r = filp->private_data;
	size_t done = 0;
	void *kbuf;
	int ret = 0;

	if (*ppos < 0)
		return -EINVAL;
	if (*ppos >= r->size || !len)
		return 0;
	kbuf = kmalloc(HM_XFER_CHUNK, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	while (done < len) {
		size_t n = min_t(size_t, len - done, HM_XFER_CHUNK);
		ssize_t got;

		if (write && copy_from_user(kbuf, ubuf + done, n)) {
			ret = -EFAULT;
			break;
		}
		got = hm_region_xfer(r, *ppos, kbuf, n, write);
		if (got <= 0)
			break;
		if (!write && copy_to_user(ubuf + done, kbuf, got)) {
			ret = -EFAULT;
			break;
		}
		done += got;
		*ppos += got;
		if (fatal_signal_pending(current))
			break;
		cond_resched();
	}
	kfree(kbuf);
	return done ? done : ret;
}

static ssize_t hm_read(struct file *filp, char __user *buf, size_t len,
		       loff_t *ppos)
{
	return hm_rw(filp, buf, len, ppos, false);
}

static ssize_t hm_write(struct file *filp, const char __user *buf, size_t len,
			loff_t *ppos)
{
	struct hm_region *r = filp->private_data;

	if (*ppos >= r->size && len)
		return -ENOSPC;
	return hm_rw(filp, (char __user *)buf, len, ppos, true);
}

static loff_t hm_llseek(struct file *filp, loff_t off, int whence)
{
	struct hm_region *r = filp->private_data;

	return fixed_size_llseek(filp, off, whence, r->size);
}

/* The size-encoded form of GET_INFO: _IOWR(HUGEMAP_IOC_MAGIC, 0x01, N). */
static bool hm_is_sized_info(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == HUGEMAP_IOC_MAGIC &&
	       _IOC_NR(cmd) == _IOC_NR(HUGEMAP_IOC_GET_INFO) &&
	       _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE);
}

/*
 * HUGEMAP_IOC_GET_INFO (and HUGEMAP_IOC_INFO).  Physical addresses are for
 * CAP_SYS_ADMIN only, judged by the credentials of the process that opened
 * the file, not of the one calling: an fd handed to a privileged process
 * reveals nothing its unprivileged opener could not see.
 */
static long hm_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct hm_region *r = filp->private_data;
	void __user *uarg = (void __user *)arg;
	struct hugemap_info info;
	u32 argsz;

	if (cmd != HUGEMAP_IOC_GET_INFO && !hm_is_sized_info(cmd))
		return -ENOTTY;
	if (get_user(argsz, (u32 __user *)uarg))
		return -EFAULT;
	if (argsz < offsetofend(struct hugemap_info, fault_sizes))
		return -EINVAL;
	if (cmd != HUGEMAP_IOC_GET_INFO && argsz != _IOC_SIZE(cmd))
		return -EINVAL;
	if (argsz > HUGEMAP_INFO_MAX_ARGSZ)
		return -E2BIG;
	hm_fill_info(r, &info,
		     file_ns_capable(filp, &init_user_ns, CAP_SYS_ADMIN));
	info.argsz = min_t(u32, argsz, sizeof(info));
	/* fields past this kernel's structure are zeroed */
	if (hm_copy_struct_to_user(uarg, argsz, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

#ifdef CONFIG_COMPAT
static long hm_compat_ioctl(struct file *filp, unsigned int cmd,
			    unsigned long arg)
{
	return hm_ioctl(filp, cmd, (unsigned long)compat_ptr(arg));
}
#endif

static const struct file_operations hm_fops = {
	.owner = THIS_MODULE,
	.open = hm_open,
	.read = hm_read,
	.write = hm_write,
	.llseek = hm_llseek,
	.unlocked_ioctl = hm_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl = hm_compat_ioctl,
#endif
	HM_FOPS_MMAP
	.get_unmapped_area = hm_get_unmapped_area,
};

static int hm_parse_max_fault(void)
{
	static const char * const names[HM_NR_LEVELS] = {
		[HM_PTE] = "pte",
		[HM_PMD] = "pmd",
		[HM_PUD] = "pud",
	};
	int i;

	for (i = 0; i < HM_NR_LEVELS; i++) {
		if (max_fault && sysfs_streq(max_fault, names[i])) {
			hm_max_level = i;
			return 0;
		}
	}
	pr_err("max_fault \"%s\": expected pud, pmd or pte\n",
	       max_fault ?: "");
	return -EINVAL;
}

static void hm_log_region(struct hm_region *r)
{
	char size[16], sizes[48], memmap[48] = "";

	hm_format_fault_sizes(r, sizes, sizeof(sizes));
	hm_format_size(size, sizeof(size), r->size);
	if (hm_pages_mode(r) && r->kind == HUGEMAP_KIND_PHYS) {
		strscpy(memmap, ", struct pages ", sizeof(memmap));
		hm_format_size(memmap + strlen(memmap),
			       sizeof(memmap) - strlen(memmap),
			       hm_pages_memmap_bytes(r));
	} else if (hm_pages_mode(r)) {
		strscpy(memmap, ", the allocator's struct pages",
			sizeof(memmap));
	}
	pr_info("hugemap%u: %s %s %s %s, entry sizes %s%s\n", r->index, size,
		r->kind == HUGEMAP_KIND_PHYS ? "phys" : "alloc",
		hm_cache_name(r), hm_pages_mode(r) ? "pages (GUP)" : "pfn",
		sizes, memmap);
}

static void hm_remove_devices(unsigned int nr)
{
	while (nr--) {
		struct hm_region *r = hm_regions[nr];

		hm_sysfs_remove(r, MKDEV(MAJOR(hm_devt), r->index));
		cdev_del(&r->cdev);
	}
}

static int __init hm_init(void)
{
	unsigned int i;
	int ret;

	ret = hm_parse_max_fault();
	if (ret)
		return ret;
	ret = hm_pages_init();
	if (ret)
		return ret;
	ret = hm_regions_create(regions, alloc, &hm_regions, &hm_nr_regions);
	if (ret)
		goto err_pages;
	ret = alloc_chrdev_region(&hm_devt, 0, HM_MAX_REGIONS, HM_NAME);
	if (ret)
		goto err_regions;
	ret = hm_sysfs_init();
	if (ret)
		goto err_chrdev;
	for (i = 0; i < hm_nr_regions; i++) {
		struct hm_region *r = hm_regions[i];
		dev_t devt = MKDEV(MAJOR(hm_devt), r->index);

		cdev_init(&r->cdev, &hm_fops);
		r->cdev.owner = THIS_MODULE;
		ret = cdev_add(&r->cdev, devt, 1);
		if (ret)
			goto err_devices;
		ret = hm_sysfs_add(r, devt);
		if (ret) {
			cdev_del(&r->cdev);
			goto err_devices;
		}
		hm_log_region(r);
	}
	if (!hm_nr_regions)
		pr_info("loaded without regions (see the regions and alloc parameters)\n");
	return 0;

err_devices:
	hm_remove_devices(i);
	hm_sysfs_exit();
err_chrdev:
	unregister_chrdev_region(hm_devt, HM_MAX_REGIONS);
err_regions:
	hm_regions_destroy(hm_regions, hm_nr_regions);
err_pages:
	hm_pages_exit();
	return ret;
}

static void __exit hm_exit(void)
{
	hm_remove_devices(hm_nr_regions);
	hm_sysfs_exit();
	unregister_chrdev_region(hm_devt, HM_MAX_REGIONS);
	hm_regions_destroy(hm_regions, hm_nr_regions);
	hm_pages_exit();
}

module_init(hm_init);
module_exit(hm_exit);

MODULE_DESCRIPTION("Physical memory regions mapped with PUD, PMD or PTE entries");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("hugemap developers");
