/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libhugemap: paths, sysfs text, size parsing/formatting, messages. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hugemap_internal.h"

const char *hugemap_sysfs_root(void)
{
	const char *s = getenv("HUGEMAP_SYSFS_ROOT");

	return (s && *s) ? s : HUGEMAP_DEFAULT_SYSFS_ROOT;
}

const char *hugemap_dev_dir(void)
{
	const char *s = getenv("HUGEMAP_DEV_DIR");

	return (s && *s) ? s : HUGEMAP_DEFAULT_DEV_DIR;
}

int hmi_class_present(void)
{
	struct stat st;

	return stat(hugemap_sysfs_root(), &st) == 0 && S_ISDIR(st.st_mode);
}

int hmi_read_text(const char *path, char *buf, size_t len)
{
	size_t got = 0;
	int fd, err = 0;

	if (len == 0)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < len - 1) {
		ssize_t n = read(fd, buf + got, len - 1 - got);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (err)
		return err;
	buf[got] = '\0';
	while (got > 0 && (buf[got - 1] == '\n' || buf[got - 1] == ' '))
		buf[--got] = '\0';
	return (int)got;
}

int hmi_write_text(const char *path, const char *text)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	if (n < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	if (close(fd) < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int hmi_region_attr(unsigned int index, const char *attr, char *buf, size_t len)
{
	char path[PATH_MAX];
	int n, r;

	n = snprintf(path, sizeof(path), "%s/hugemap%u/%s",
		     hugemap_sysfs_root(), index, attr);
	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	r = hmi_read_text(path, buf, len);
	if (r == -ENOENT && !hmi_class_present())
		return -ENODEV;
	return r;
}

int hmi_parse_u64(const char *s, uint64_t *v)
{
	unsigned long long x;
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	x = strtoull(s, &end, (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10);
	if (errno || end == s)
		return -EINVAL;
	while (*end == ' ' || *end == '\n' || *end == '\t')
		end++;
	if (*end)
		return -EINVAL;
	*v = x;
	return 0;
}

int hmi_parse_s64(const char *s, int64_t *v)
{
	long long x;
	char *end;

	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno || end == s)
		return -EINVAL;
	while (*end == ' ' || *end == '\n' || *end == '\t')
		end++;
	if (*end)
		return -EINVAL;
	*v = x;
	return 0;
}

int hmi_region_attr_u64(unsigned int index, const char *attr, uint64_t *v)
{
	char buf[64];
	int r = hmi_region_attr(index, attr, buf, sizeof(buf));

	if (r < 0)
		return r;
	return hmi_parse_u64(buf, v);
}

int hmi_parse_name(const char *name, unsigned int *index)
{
	unsigned long x;
	char *end;

	if (!name)
		return -EINVAL;
	if (strncmp(name, "hugemap", 7) == 0)
		name += 7;
	if (*name < '0' || *name > '9')
		return -EINVAL;
	errno = 0;
	x = strtoul(name, &end, 10);
	if (errno || *end || x > INT_MAX)
		return -EINVAL;
	*index = (unsigned int)x;
	return 0;
}

static int unit_shift(char c)
{
	switch (c) {
	case 'k': case 'K': return 10;
	case 'm': case 'M': return 20;
	case 'g': case 'G': return 30;
	case 't': case 'T': return 40;
	default: return -1;
	}
}

/* Parse one size token [s, s+len). */
static int parse_size_token(const char *s, size_t len, uint64_t *out)
{
	unsigned long long x;
	char tok[64];
	char *end;
	int shift = 0;

	if (len == 0 || len >= sizeof(tok))
		return -EINVAL;
	memcpy(tok, s, len);
	tok[len] = '\0';
	if (tok[0] < '0' || tok[0] > '9')
		return -EINVAL;
	errno = 0;
	x = strtoull(tok, &end,
		     (tok[0] == '0' && (tok[1] == 'x' || tok[1] == 'X')) ? 16 : 10);
	if (errno || end == tok)
		return -EINVAL;
	if (*end) {
		shift = unit_shift(*end);
		if (shift < 0)
			return -EINVAL;
		end++;
		/* optional "iB"/"B" */
		if (*end == 'i' && end[1] == 'B')
			end += 2;
		else if (*end == 'B')
			end++;
		if (*end)
			return -EINVAL;
	}
	if (shift && x > (UINT64_MAX >> shift))
		return -ERANGE;
	*out = (uint64_t)x << shift;
	return 0;
}

int hugemap_parse_size(const char *s, uint64_t *out)
{
	size_t len;

	if (!s || !out)
		return -EINVAL;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n' ||
		       s[len - 1] == '\t'))
		len--;
	return parse_size_token(s, len, out);
}

static int is_pow2(uint64_t x)
{
	return x && !(x & (x - 1));
}

int hugemap_parse_sizes(const char *text, uint64_t *sizes, unsigned int max)
{
	const char *p = text;
	unsigned int n = 0;
	uint64_t prev = 0;

	if (!text)
		return -EINVAL;
	for (;;) {
		const char *start;
		uint64_t v;
		int r;

		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		r = parse_size_token(start, (size_t)(p - start), &v);
		if (r)
			return r;
		if (!is_pow2(v) || (n && v >= prev))
			return -EINVAL;
		if (n >= max)
			return -E2BIG;
		sizes[n++] = v;
		prev = v;
	}
	return (int)n;
}

int hugemap_format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "TGMK";
	int shift, i, n;

	for (i = 0, shift = 40; i < 4; i++, shift -= 10) {
		uint64_t unit = (uint64_t)1 << shift;

		if (bytes && bytes % unit == 0) {
			n = snprintf(buf, len, "%llu%c",
				     (unsigned long long)(bytes >> shift),
				     units[i]);
			goto out;
		}
	}
	n = snprintf(buf, len, "%llu", (unsigned long long)bytes);
out:
	if (n < 0 || (size_t)n >= len)
		return -ENOSPC;
	return n;
}

const char *hugemap_cache_mode_name(uint32_t mode)
{
	switch (mode) {
	case HUGEMAP_CACHE_WB: return "wb";
	case HUGEMAP_CACHE_WC: return "wc";
	case HUGEMAP_CACHE_UC: return "uc";
	default: return "?";
	}
}

const char *hugemap_kind_name(uint32_t kind)
{
	switch (kind) {
	case HUGEMAP_KIND_PHYS: return "phys";
	case HUGEMAP_KIND_ALLOC: return "alloc";
	default: return "?";
	}
}

const char *hugemap_fault_name(uint32_t level)
{
	switch (level) {
	case HUGEMAP_FAULT_PTE: return "pte";
	case HUGEMAP_FAULT_PMD: return "pmd";
	case HUGEMAP_FAULT_PUD: return "pud";
	default: return "?";
	}
}

const char *hugemap_strerror(int err)
{
	if (err > 0)
		err = -err;
	switch (err) {
	case 0:
		return "success";
	case -ENODEV:
		return "hugemap module not loaded (no /sys/class/hugemap; "
		       "try 'modprobe hugemap regions=SIZE@BASE')";
	case -ENOENT:
		return "no such hugemap region";
	case -EACCES:
	case -EPERM:
		return "permission denied (opening /dev/hugemapN or writing "
		       "its statistics needs root or access granted by the "
		       "device's owner/group)";
	case -EINVAL:
		return "invalid argument (bad name, or offset/length/address "
		       "not aligned to the page size)";
	case -ENXIO:
		return "range goes past the end of the region";
	case -ENOTTY:
		return "not a hugemap device (HUGEMAP_IOC_GET_INFO not "
		       "supported)";
	case -EPROTO:
		return "unexpected answer from the hugemap driver "
		       "(version or size mismatch)";
	case -E2BIG:
		return "more entry sizes than this library supports";
	case -ENOMEM:
		return "out of memory or address space";
	case -EEXIST:
		return "the requested address range is already mapped";
	case -ERANGE:
		return "number too large";
	default:
		return strerror(-err);
	}
}
