dnl sysfs_emit(): 2efc459d06f1 "sysfs: Add sysfs_emit and sysfs_emit_at to format sysfs output" (v5.10).
AC_DEFUN([HM_AC_KERNEL_SRC_SYSFS_EMIT], [
HM_LINUX_TEST_SRC([sysfs_emit], [
#include <linux/sysfs.h>
static int __used hm_call(char *buf)
{
	return sysfs_emit(buf, "%d\n", 1);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_SYSFS_EMIT], [
HM_LINUX_TEST_RESULT_SYMBOL([sysfs_emit], [sysfs_emit],
	[HM_RESULT([HAVE_SYSFS_EMIT], [yes])],
	[HM_RESULT([HAVE_SYSFS_EMIT], [no], [$hm_why])])
])
HM_PROBE_REGISTER([SYSFS_EMIT])
