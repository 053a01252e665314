/* SPDX-License-Identifier: GPL-2.0 */
/*
 * class_create(): the owner argument was dropped by "driver core: class:
 * remove module * from class_create()" (1aaba11da9aa, 6.4).
 */
#ifndef HM_COMPAT_CLASS_CREATE_H
#define HM_COMPAT_CLASS_CREATE_H

#include <linux/device.h>
#include <linux/module.h>

static inline struct class *hm_class_create(const char *name)
{
#ifdef HAVE_CLASS_CREATE_NO_OWNER
	return class_create(name);
#else
	return class_create(THIS_MODULE, name);
#endif
}

#endif /* HM_COMPAT_CLASS_CREATE_H */
