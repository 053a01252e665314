dnl CONFIG_ZONE_DEVICE: struct pages for device memory (memremap_pages(), "mm: ZONE_DEVICE for
dnl "device memory"", v4.3).  x86 only in 4.14 (ARCH_HAS_ZONE_DEVICE); arm64 from 5.7 ("arm64/mm:
dnl Enable memory hot remove"); Debian leaves it off on 5.10 and 6.1 arm64.  Pages mode needs it.
AC_DEFUN([HM_AC_KERNEL_SRC_CONFIG_ZONE_DEVICE], [
HM_LINUX_TEST_SRC([config_zone_device], [
#include <linux/mm.h>
#if !defined(CONFIG_ZONE_DEVICE)
#error CONFIG_ZONE_DEVICE is not set
#endif
], [])
])
AC_DEFUN([HM_AC_KERNEL_CONFIG_ZONE_DEVICE], [
HM_LINUX_TEST_RESULT([config_zone_device],
	[HM_RESULT([HAVE_CONFIG_ZONE_DEVICE], [yes])],
	[HM_RESULT([HAVE_CONFIG_ZONE_DEVICE], [no], [CONFIG_ZONE_DEVICE not set])])
])
HM_PROBE_REGISTER([CONFIG_ZONE_DEVICE])
