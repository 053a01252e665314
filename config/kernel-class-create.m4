dnl class_create(const char *name): 1aaba11da9aa "driver core: class: remove module * from
dnl class_create()" (v6.4); before, class_create(owner, name) was a macro around __class_create.
AC_DEFUN([HM_AC_KERNEL_SRC_CLASS_CREATE], [
HM_LINUX_TEST_SRC([class_create_no_owner], [
#include <linux/device.h>
static struct class * __used hm_call(void)
{
	return class_create("hm");
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_CLASS_CREATE], [
HM_LINUX_TEST_RESULT([class_create_no_owner],
	[HM_RESULT([HAVE_CLASS_CREATE_NO_OWNER], [yes])],
	[HM_RESULT([HAVE_CLASS_CREATE_NO_OWNER], [no], [class_create() takes an owner (< 6.4)])])
])
HM_PROBE_REGISTER([CLASS_CREATE])
