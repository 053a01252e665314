/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The default address search a driver's ->get_unmapped_area builds on:
 *  - mm->get_unmapped_area until "mm: switch mm->get_unmapped_area() to a
 *    flag" (6.10);
 *  - mm_get_unmapped_area(mm, file, ...) from 6.10;
 *  - mm_get_unmapped_area(file, ...) once the mm argument was dropped
 *    (6.19).
 * None of them calls back into file->f_op->get_unmapped_area.
 */
#ifndef HM_COMPAT_GET_UNMAPPED_AREA_H
#define HM_COMPAT_GET_UNMAPPED_AREA_H

#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>

static inline unsigned long hm_mm_get_unmapped_area(struct file *filp,
						    unsigned long addr,
						    unsigned long len,
						    unsigned long pgoff,
						    unsigned long flags)
{
#if defined(HAVE_MM_GET_UNMAPPED_AREA)
	return mm_get_unmapped_area(filp, addr, len, pgoff, flags);
#elif defined(HAVE_MM_GET_UNMAPPED_AREA_MM)
	return mm_get_unmapped_area(current->mm, filp, addr, len, pgoff, flags);
#elif defined(HAVE_MM_STRUCT_GET_UNMAPPED_AREA)
	return current->mm->get_unmapped_area(filp, addr, len, pgoff, flags);
#else
#error "configure found no default get_unmapped_area a module may call"
#endif
}

#endif /* HM_COMPAT_GET_UNMAPPED_AREA_H */
