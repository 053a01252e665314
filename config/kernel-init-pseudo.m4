dnl init_pseudo(fc, magic): pseudo filesystems on the new mount API ("vfs: Convert pseudo
dnl filesystems to use the new mount API"-era helper, 5.3; RHEL 8 backport).  Pages mode gives
dnl each region an inode of its own filesystem, whose address_space the pages point to.
AC_DEFUN([HM_AC_KERNEL_SRC_INIT_PSEUDO], [
HM_LINUX_TEST_SRC([init_pseudo], [
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/pseudo_fs.h>
static int __used hm_call(struct fs_context *fc)
{
	return init_pseudo(fc, 0x68756765) ? 0 : -ENOMEM;
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_INIT_PSEUDO], [
HM_LINUX_TEST_RESULT_SYMBOL([init_pseudo], [init_pseudo alloc_anon_inode kern_mount],
	[HM_RESULT([HAVE_INIT_PSEUDO], [yes])],
	[HM_RESULT([HAVE_INIT_PSEUDO], [no], [$hm_why])])
])
HM_PROBE_REGISTER([INIT_PSEUDO])
