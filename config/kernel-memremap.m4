dnl memremap(): 92281dee825f "arch: introduce memremap()" (v4.3), EXPORT_SYMBOL.
AC_DEFUN([HM_AC_KERNEL_SRC_MEMREMAP], [
HM_LINUX_TEST_SRC([memremap], [
#include <linux/io.h>
static void * __used hm_call(resource_size_t base, size_t size)
{
	return memremap(base, size, MEMREMAP_WB);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_MEMREMAP], [
HM_LINUX_TEST_RESULT_SYMBOL([memremap], [memremap],
	[HM_RESULT([HAVE_MEMREMAP], [yes])],
	[HM_RESULT([HAVE_MEMREMAP], [no], [$hm_why])])
])
HM_PROBE_REGISTER([MEMREMAP])
