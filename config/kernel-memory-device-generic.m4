dnl MEMORY_DEVICE_GENERIC: the dev_pagemap type device-dax uses: pages with no callbacks, idle
dnl refcount 1, GUP-able ("mm/memremap_pages: convert to 'struct range'" series renamed
dnl MEMORY_DEVICE_DEVDAX to it, 5.10; RHEL 8 backport).
AC_DEFUN([HM_AC_KERNEL_SRC_MEMORY_DEVICE_GENERIC], [
HM_LINUX_TEST_SRC([memory_device_generic], [
#include <linux/memremap.h>
], [
	enum memory_type t = MEMORY_DEVICE_GENERIC;

	(void)t;
])
])
AC_DEFUN([HM_AC_KERNEL_MEMORY_DEVICE_GENERIC], [
HM_LINUX_TEST_RESULT([memory_device_generic],
	[HM_RESULT([HAVE_MEMORY_DEVICE_GENERIC], [yes])],
	[HM_RESULT([HAVE_MEMORY_DEVICE_GENERIC], [no], [no MEMORY_DEVICE_GENERIC pagemap type])])
])
HM_PROBE_REGISTER([MEMORY_DEVICE_GENERIC])
