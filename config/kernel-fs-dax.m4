dnl CONFIG_FS_DAX with S_DAX != 0: S_DAX is 0 without CONFIG_FS_DAX (fbbbad4bc2101 "vfs,dax: introduce
dnl IS_DAX(inode)", 4.0); the fake-DAX fault gate (6.0-6.6) needs a real S_DAX bit.
AC_DEFUN([HM_AC_KERNEL_SRC_FS_DAX], [
HM_LINUX_TEST_SRC([fs_dax], [
#include <linux/fs.h>
#if !defined(CONFIG_FS_DAX)
#error CONFIG_FS_DAX is not set
#endif
], [
	BUILD_BUG_ON(S_DAX == 0);
])
])
AC_DEFUN([HM_AC_KERNEL_FS_DAX], [
HM_LINUX_TEST_RESULT([fs_dax],
	[HM_RESULT([HAVE_FS_DAX], [yes])],
	[HM_RESULT([HAVE_FS_DAX], [no], [CONFIG_FS_DAX not set (S_DAX == 0)])])
])
HM_PROBE_REGISTER([FS_DAX])
