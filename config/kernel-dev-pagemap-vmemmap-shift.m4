dnl struct dev_pagemap's vmemmap_shift: compound ZONE_DEVICE pages ("mm/memremap: add
dnl ZONE_DEVICE support for compound pages", J. Martins, 5.17), what device-dax uses for its
dnl alignment.  Where it exists, GUP treats a devmap PUD/PMD as one folio: 6.12's
dnl follow_huge_pud() grabs page_folio(page) once per 4K subpage it returns (page_mask), which
dnl with order-0 pages puts every reference on the first page and releases the others' (their
dnl counts go negative).  Pages mode gives such kernels folios as large as the largest entry.
AC_DEFUN([HM_AC_KERNEL_SRC_DEV_PAGEMAP_VMEMMAP_SHIFT], [
HM_LINUX_TEST_SRC([dev_pagemap_vmemmap_shift], [
#include <linux/memremap.h>
static void __used hm_call(struct dev_pagemap *pgmap)
{
	pgmap->vmemmap_shift = 9;
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_DEV_PAGEMAP_VMEMMAP_SHIFT], [
HM_LINUX_TEST_RESULT([dev_pagemap_vmemmap_shift],
	[HM_RESULT([HAVE_DEV_PAGEMAP_VMEMMAP_SHIFT], [yes])],
	[HM_RESULT([HAVE_DEV_PAGEMAP_VMEMMAP_SHIFT], [no], [struct dev_pagemap has no vmemmap_shift (compound pages)])])
])
HM_PROBE_REGISTER([DEV_PAGEMAP_VMEMMAP_SHIFT])
