/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vma_start_write(): with per-VMA locks (6.4+) a fault can run without
 * mmap_lock, under the VMA's own read lock.  Code that drops entries from
 * a hook called with mmap_lock held for write write-locks the VMA as well,
 * so that no fault re-installs them before the caller is done; the lock is
 * released with mmap_lock.  Without per-VMA locks mmap_lock alone
 * excludes faults and this is a no-op.
 *
 * HM_VMA_WRITE_LOCKABLE is 0 where faults may bypass mmap_lock but a
 * module cannot take the VMA's write lock.
 */
#ifndef HM_COMPAT_VMA_START_WRITE_H
#define HM_COMPAT_VMA_START_WRITE_H

#include <linux/mm.h>

#if defined(HAVE_VMA_START_WRITE)
#define HM_VMA_WRITE_LOCKABLE	1
static inline void hm_vma_start_write(struct vm_area_struct *vma)
{
	vma_start_write(vma);
}
#elif defined(HAVE_CONFIG_PER_VMA_LOCK)
#define HM_VMA_WRITE_LOCKABLE	0
static inline void hm_vma_start_write(struct vm_area_struct *vma)
{
}
#else
#define HM_VMA_WRITE_LOCKABLE	1
static inline void hm_vma_start_write(struct vm_area_struct *vma)
{
}
#endif

#endif /* HM_COMPAT_VMA_START_WRITE_H */
