dnl module_init()/module_exit(): up to "include/linux/module.h: copy __init/__exit attrs to
dnl init/cleanup_module" (a6e60d84989f, v5.0) the aliases init_module/cleanup_module lack
dnl the target's attributes, and gcc >= 9 warns -Wmissing-attributes ("'init_module'
dnl specifies less restrictive attribute than its target 'hm_init': 'cold'") for every
dnl module, in the kernel's own header.  Two probes: module_init as is, and with
dnl -Wno-missing-attributes; the flag goes into the module's ccflags only where the
dnl first fails and the second compiles (never -Werror off).
AC_DEFUN([HM_AC_KERNEL_SRC_MODULE_INIT], [
HM_LINUX_TEST_SRC([module_init], [
#include <linux/init.h>
static int __init hm_init(void)
{
	return 0;
}
static void __exit hm_exit(void)
{
}
module_init(hm_init);
module_exit(hm_exit);
], [])
HM_LINUX_TEST_SRC([module_init_no_missing_attributes], [
#include <linux/init.h>
static int __init hm_init(void)
{
	return 0;
}
static void __exit hm_exit(void)
{
}
module_init(hm_init);
module_exit(hm_exit);
], [])
HM_LINUX_TEST_CFLAGS([module_init_no_missing_attributes], [-Wno-missing-attributes])
])
AC_DEFUN([HM_AC_KERNEL_MODULE_INIT], [
HM_LINUX_TEST_RESULT([module_init],
	[HM_RESULT([HAVE_MODULE_INIT_ATTRS], [yes])],
	[HM_RESULT([HAVE_MODULE_INIT_ATTRS], [no],
		[module_init()/module_exit() aliases warn with $hm_cc_eff (kernel header before 5.0)])
	 HM_LINUX_TEST_RESULT([module_init_no_missing_attributes],
		[HM_KBUILD_CFLAGS="$HM_KBUILD_CFLAGS -Wno-missing-attributes"],
		[AC_MSG_ERROR([a module_init() module does not compile with -Werror against $LINUX_OBJ, not even with -Wno-missing-attributes: see config.log])])])
])
HM_PROBE_REGISTER([MODULE_INIT])
