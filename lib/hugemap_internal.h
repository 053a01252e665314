/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libhugemap internals: not installed, not exported (see libhugemap.map). */
#ifndef LIBHUGEMAP_INTERNAL_H
#define LIBHUGEMAP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "hugemap.h"

struct hugemap {
	int fd;
	int index;
	int have_info;
	struct hugemap_info info;
	char path[4096];
};

/* Read a whole small file (sysfs attribute) into buf, NUL-terminated,
 * trailing newline stripped.  Returns length or -errno. */
int hmi_read_text(const char *path, char *buf, size_t len);
int hmi_write_text(const char *path, const char *text);
/* Read attribute @attr of region @index ("stats/pud_faults" allowed). */
int hmi_region_attr(unsigned int index, const char *attr, char *buf, size_t len);
int hmi_region_attr_u64(unsigned int index, const char *attr, uint64_t *v);
int hmi_parse_u64(const char *s, uint64_t *v);
int hmi_parse_s64(const char *s, int64_t *v);
/* 1 if the sysfs class directory exists, 0 if not. */
int hmi_class_present(void);
/* Parse "hugemapN" / "N" into N; -EINVAL if not of that form. */
int hmi_parse_name(const char *name, unsigned int *index);

#endif
