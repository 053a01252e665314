dnl objtool "sibling call from callable instruction with modified stack frame": gcc >= 8
dnl moves the unlikely blocks of a function (-freorder-blocks-and-partition, on at -O2)
dnl into a subfunction FUNC.cold in .text.unlikely and jumps there with the registers
dnl still pushed.  objtool knows such a jump is no sibling call only if it recognises
dnl FUNC.cold as FUNC's child: 4.14 stable before Aug 2019 and RHEL 8's 4.18 look for
dnl gcc 8's "FUNC.cold.N" (strstr ".cold."), while gcc >= 9 names it "FUNC.cold" (upstream
dnl bcb6fb5da77c "objtool: Support GCC 9 cold subfunction naming scheme", 5.3, and its
dnl stable backports).  Harmless (no WERROR failure, ORC data still written) but not
dnl warning-free.  Two probes run through objtool: a function with a printk() cold path
dnl as is, and with -fno-reorder-blocks-and-partition (no FUNC.cold; the cold blocks stay
dnl at the end of FUNC).  The flag goes into the module's ccflags only where objtool
dnl warns about the first and not about the second.  (-fno-optimize-sibling-calls does
dnl not help: there is no real sibling call.)  Where objtool does not run (arm64) or
dnl knows FUNC.cold (5.3+), neither warns.
AC_DEFUN([HM_AC_KERNEL_SRC_OBJTOOL_SIBLING_CALLS], [
HM_LINUX_TEST_SRC([objtool_sibling_calls], [
static noinline int hm_objtool_parse(const char *s, unsigned long long *v)
{
	unsigned long long a, b;
	int ret;

	ret = kstrtoull(s, 10, &a);
	if (unlikely(ret)) {
		pr_warn("hugemap probe: %s: %d\n", s, ret);
		return ret;
	}
	ret = kstrtoull(s + 1, 10, &b);
	*v = a + b;
	return ret;
}
], [
	unsigned long long hm_v;

	if (hm_objtool_parse(hm_arg, &hm_v))
		return -EINVAL;
])
HM_LINUX_TEST_OBJTOOL([objtool_sibling_calls])
HM_LINUX_TEST_SRC([objtool_sibling_calls_no_partition], [
static noinline int hm_objtool_parse(const char *s, unsigned long long *v)
{
	unsigned long long a, b;
	int ret;

	ret = kstrtoull(s, 10, &a);
	if (unlikely(ret)) {
		pr_warn("hugemap probe: %s: %d\n", s, ret);
		return ret;
	}
	ret = kstrtoull(s + 1, 10, &b);
	*v = a + b;
	return ret;
}
], [
	unsigned long long hm_v;

	if (hm_objtool_parse(hm_arg, &hm_v))
		return -EINVAL;
])
HM_LINUX_TEST_OBJTOOL([objtool_sibling_calls_no_partition])
dnl cc-option: a compiler without the flag (clang) builds the same code, which then
dnl cannot look better to objtool than the first probe
HM_LINUX_TEST_CFLAGS([objtool_sibling_calls_no_partition],
	[\$(call cc-option,-fno-reorder-blocks-and-partition)])
])
AC_DEFUN([HM_AC_KERNEL_OBJTOOL_SIBLING_CALLS], [
HM_LINUX_TEST_RESULT_OBJTOOL([objtool_sibling_calls],
	[HM_RESULT([HAVE_OBJTOOL_COLD_SUBFUNCTIONS], [yes])],
	[HM_RESULT([HAVE_OBJTOOL_COLD_SUBFUNCTIONS], [no], [$hm_why])
	 HM_LINUX_TEST_RESULT_OBJTOOL([objtool_sibling_calls_no_partition],
		[HM_KBUILD_CFLAGS="$HM_KBUILD_CFLAGS -fno-reorder-blocks-and-partition"],
		[AC_MSG_WARN([-fno-reorder-blocks-and-partition does not make objtool accept a function with a cold path ($hm_why): the module build may show objtool warnings (see config.log)])])])
])
HM_PROBE_REGISTER([OBJTOOL_SIBLING_CALLS])
