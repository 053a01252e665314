/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The module's pseudo filesystem, whose inodes give each pages-mode region
 * one address_space: page->mapping of the region's pages, the i_mmap list
 * of all its mappings and the futex key of its memory (also where only
 * alloc= regions have pages mode).  init_pseudo() (5.3+, RHEL 8), else
 * mount_pseudo() from a ->mount method (4.14: config/kernel-mount-pseudo.m4);
 * alloc_anon_inode() gives the inodes a_ops whose dirty hook does nothing,
 * which is what GUP users call when they release pages.
 */
#ifndef HM_COMPAT_PSEUDO_FS_H
#define HM_COMPAT_PSEUDO_FS_H

#include <linux/fs.h>
#include "pages.h"

#define HM_FS_MAGIC	0x68756765	/* "huge" */

#if HM_BUILD_ALLOC_PAGES && defined(HAVE_INIT_PSEUDO)
#include <linux/fs_context.h>
#include <linux/pseudo_fs.h>

static inline int hm_pseudo_init_fs_context(struct fs_context *fc)
{
	return init_pseudo(fc, HM_FS_MAGIC) ? 0 : -ENOMEM;
}

#define HM_PSEUDO_FS_TYPE_OPS	.init_fs_context = hm_pseudo_init_fs_context,
#elif HM_BUILD_ALLOC_PAGES
static inline struct dentry *hm_pseudo_mount(struct file_system_type *t,
					     int flags, const char *dev,
					     void *data)
{
	return mount_pseudo(t, "hugemap:", NULL, NULL, HM_FS_MAGIC);
}

#define HM_PSEUDO_FS_TYPE_OPS	.mount = hm_pseudo_mount,
#else
#define HM_PSEUDO_FS_TYPE_OPS
#endif

#endif /* HM_COMPAT_PSEUDO_FS_H */
