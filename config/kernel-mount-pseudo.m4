dnl mount_pseudo(fs_type, name, ops, dops, magic): pseudo filesystems before the new mount
dnl API (an inline wrapper of the exported mount_pseudo_xattr() in 4.14-5.0; removed when
dnl init_pseudo() took over in 5.3).  Where init_pseudo() is missing (4.14), alloc= pages mode
dnl mounts the region inodes' filesystem with it from a ->mount method.
AC_DEFUN([HM_AC_KERNEL_SRC_MOUNT_PSEUDO], [
HM_LINUX_TEST_SRC([mount_pseudo], [
#include <linux/fs.h>
#include <linux/mount.h>
static struct dentry *hm_mount(struct file_system_type *t, int flags,
			       const char *dev, void *data)
{
	return mount_pseudo(t, "hugemap:", NULL, NULL, 0x68756765);
}
static struct file_system_type hm_fs = {
	.name = "hugemap",
	.mount = hm_mount,
	.kill_sb = kill_anon_super,
};
static struct inode * __used hm_call(void)
{
	struct vfsmount *mnt = kern_mount(&hm_fs);

	return IS_ERR(mnt) ? NULL : alloc_anon_inode(mnt->mnt_sb);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_MOUNT_PSEUDO], [
HM_LINUX_TEST_RESULT_SYMBOL([mount_pseudo], [mount_pseudo_xattr mount_pseudo],
	[HM_RESULT([HAVE_MOUNT_PSEUDO], [yes])],
	[HM_RESULT([HAVE_MOUNT_PSEUDO], [no], [$hm_why])])
])
HM_PROBE_REGISTER([MOUNT_PSEUDO])
