dnl copy_struct_to_user(dst, usize, src, ksize, ignored_trailing): 424a55a4a908 "uaccess: add
dnl copy_struct_to_user helper" (v6.13), a static inline in <linux/uaccess.h>.
AC_DEFUN([HM_AC_KERNEL_SRC_COPY_STRUCT_TO_USER], [
HM_LINUX_TEST_SRC([copy_struct_to_user], [
#include <linux/uaccess.h>
static int __used hm_call(void __user *dst, size_t usize)
{
	static const u64 src = 1;
	bool trailing;

	return copy_struct_to_user(dst, usize, &src, sizeof(src), &trailing);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_COPY_STRUCT_TO_USER], [
HM_LINUX_TEST_RESULT([copy_struct_to_user],
	[HM_RESULT([HAVE_COPY_STRUCT_TO_USER], [yes])],
	[HM_RESULT([HAVE_COPY_STRUCT_TO_USER], [no], [before 6.13: clear_user() + copy_to_user()])])
])
HM_PROBE_REGISTER([COPY_STRUCT_TO_USER])
