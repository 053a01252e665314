dnl struct dev_pagemap describes its memory with nr_range and a struct range ("mm/memremap_pages:
dnl convert to 'struct range'" and "mm/memremap_pages: support multiple ranges per invocation",
dnl 5.10; RHEL 8 backport).  Before, a struct resource (res).
AC_DEFUN([HM_AC_KERNEL_SRC_DEV_PAGEMAP_RANGE], [
HM_LINUX_TEST_SRC([dev_pagemap_range], [
#include <linux/memremap.h>
static void __used hm_call(struct dev_pagemap *pgmap)
{
	pgmap->nr_range = 1;
	pgmap->range.start = 0;
	pgmap->range.end = 0;
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_DEV_PAGEMAP_RANGE], [
HM_LINUX_TEST_RESULT([dev_pagemap_range],
	[HM_RESULT([HAVE_DEV_PAGEMAP_RANGE], [yes])],
	[HM_RESULT([HAVE_DEV_PAGEMAP_RANGE], [no], [struct dev_pagemap has no nr_range/range])])
])
HM_PROBE_REGISTER([DEV_PAGEMAP_RANGE])
