dnl CONFIG_PER_VMA_LOCK: page faults under a per-VMA read lock, without mmap_lock (v6.4,
dnl "mm: introduce CONFIG_PER_VMA_LOCK"; x86_64 and arm64 select it where available).
AC_DEFUN([HM_AC_KERNEL_SRC_CONFIG_PER_VMA_LOCK], [
HM_LINUX_TEST_SRC([config_per_vma_lock], [
#if !defined(CONFIG_PER_VMA_LOCK)
#error CONFIG_PER_VMA_LOCK is not set
#endif
], [])
])
AC_DEFUN([HM_AC_KERNEL_CONFIG_PER_VMA_LOCK], [
HM_LINUX_TEST_RESULT([config_per_vma_lock],
	[HM_RESULT([HAVE_CONFIG_PER_VMA_LOCK], [yes])],
	[HM_RESULT([HAVE_CONFIG_PER_VMA_LOCK], [no], [CONFIG_PER_VMA_LOCK not set (faults take mmap_lock; < 6.4)])])
])
HM_PROBE_REGISTER([CONFIG_PER_VMA_LOCK])
