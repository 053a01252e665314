/* SPDX-License-Identifier: GPL-2.0 */
/*
 * copy_struct_to_user(): added by "uaccess: add copy_struct_to_user
 * helper" (424a55a4a908, 6.13).  Copies min(usize, ksize) bytes and zeroes
 * the caller's bytes past ksize; before 6.13 the same with clear_user()
 * and copy_to_user().
 */
#ifndef HM_COMPAT_COPY_STRUCT_TO_USER_H
#define HM_COMPAT_COPY_STRUCT_TO_USER_H

#include <linux/kernel.h>
#include <linux/uaccess.h>

static inline int hm_copy_struct_to_user(void __user *dst, size_t usize,
					 const void *src, size_t ksize)
{
#ifdef HAVE_COPY_STRUCT_TO_USER
	return copy_struct_to_user(dst, usize, src, ksize, NULL);
#else
	size_t size = min(ksize, usize);

	if (usize > ksize && clear_user(dst + size, usize - ksize))
		return -EFAULT;
	if (copy_to_user(dst, src, size))
		return -EFAULT;
	return 0;
#endif
}

#endif /* HM_COMPAT_COPY_STRUCT_TO_USER_H */
