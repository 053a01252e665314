dnl vma_start_write(vma): per-VMA locks, "mm: add per-VMA lock and helper functions to control it"
dnl (v6.4).  A page fault may then run under the VMA's read lock instead of mmap_lock; a module
dnl that drops entries from a hook called under mmap_lock for write must write-lock the VMA too
dnl so that no fault re-installs them.  Out of line (__vma_start_write, exported) since 6.10.
dnl Usable only if the probe links: modpost reports no undefined symbol.
AC_DEFUN([HM_AC_KERNEL_SRC_VMA_START_WRITE], [
HM_LINUX_TEST_SRC([vma_start_write], [
#include <linux/mm.h>
static void __used hm_call(struct vm_area_struct *vma)
{
	vma_start_write(vma);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_VMA_START_WRITE], [
HM_LINUX_TEST_RESULT_SYMBOL([vma_start_write], [__vma_start_write down_write],
	[HM_RESULT([HAVE_VMA_START_WRITE], [yes])],
	[HM_RESULT([HAVE_VMA_START_WRITE], [no], [$hm_why])])
])
HM_PROBE_REGISTER([VMA_START_WRITE])
