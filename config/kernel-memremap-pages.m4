dnl void *memremap_pages(struct dev_pagemap *, int nid) and memunmap_pages(): the not
dnl device-managed form ("memremap: provide a not device managed memremap_pages", 5.3/5.4;
dnl backported to RHEL 8), EXPORT_SYMBOL_GPL, only with CONFIG_ZONE_DEVICE.  4.14 has only the
dnl four-argument devm_memremap_pages(dev, res, ref, altmap).
AC_DEFUN([HM_AC_KERNEL_SRC_MEMREMAP_PAGES], [
HM_LINUX_TEST_SRC([memremap_pages], [
#include <linux/memremap.h>
static void * __used hm_call(struct dev_pagemap *pgmap, int nid)
{
	void *addr = memremap_pages(pgmap, nid);

	memunmap_pages(pgmap);
	return addr;
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_MEMREMAP_PAGES], [
HM_LINUX_TEST_RESULT_SYMBOL([memremap_pages], [memremap_pages memunmap_pages],
	[HM_RESULT([HAVE_MEMREMAP_PAGES], [yes])],
	[HM_RESULT([HAVE_MEMREMAP_PAGES], [no], [$hm_why])])
])
HM_PROBE_REGISTER([MEMREMAP_PAGES])
