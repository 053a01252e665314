/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysfs_emit(): added by "sysfs: Add sysfs_emit and sysfs_emit_at to
 * format sysfs output" (2efc459d06f1, 5.10).
 */
#ifndef HM_COMPAT_SYSFS_EMIT_H
#define HM_COMPAT_SYSFS_EMIT_H

#include <linux/sysfs.h>
#include <linux/kernel.h>

#ifdef HAVE_SYSFS_EMIT
#define hm_sysfs_emit(buf, fmt, ...)	sysfs_emit(buf, fmt, ##__VA_ARGS__)
#else
#define hm_sysfs_emit(buf, fmt, ...) \
	scnprintf(buf, PAGE_SIZE, fmt, ##__VA_ARGS__)
#endif

#endif /* HM_COMPAT_SYSFS_EMIT_H */
