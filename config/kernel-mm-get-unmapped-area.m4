dnl Base allocator for ->get_unmapped_area:
dnl  mm_struct.get_unmapped_area member: until "mm: switch mm->get_unmapped_area() to a flag"
dnl    (Rick Edgecombe, v6.10)
dnl  mm_get_unmapped_area(mm, file, addr, len, pgoff, flags), exported: same series (v6.10)
dnl  mm_get_unmapped_area(file, addr, len, pgoff, flags), exported: mm argument dropped (v6.19)
AC_DEFUN([HM_AC_KERNEL_SRC_MM_GET_UNMAPPED_AREA], [
HM_LINUX_TEST_SRC([mm_get_unmapped_area_mm], [
#include <linux/mm.h>
#include <linux/sched/mm.h>
static unsigned long (*hm_fn)(struct mm_struct *, struct file *, unsigned long,
			      unsigned long, unsigned long, unsigned long) __used;
static unsigned long __used hm_call(struct mm_struct *mm, struct file *file)
{
	hm_fn = mm_get_unmapped_area;
	return mm_get_unmapped_area(mm, file, 0, PAGE_SIZE, 0, 0);
}
], [])
HM_LINUX_TEST_SRC([mm_get_unmapped_area], [
#include <linux/mm.h>
#include <linux/sched/mm.h>
static unsigned long (*hm_fn)(struct file *, unsigned long, unsigned long,
			      unsigned long, unsigned long) __used;
static unsigned long __used hm_call(struct file *file)
{
	hm_fn = mm_get_unmapped_area;
	return mm_get_unmapped_area(file, 0, PAGE_SIZE, 0, 0);
}
], [])
HM_LINUX_TEST_SRC([mm_struct_get_unmapped_area], [
#include <linux/mm_types.h>
static unsigned long __used hm_call(struct mm_struct *mm, struct file *file)
{
	return mm->get_unmapped_area(file, 0, PAGE_SIZE, 0, 0);
}
], [])
])
AC_DEFUN([HM_AC_KERNEL_MM_GET_UNMAPPED_AREA], [
HM_LINUX_TEST_RESULT_SYMBOL([mm_get_unmapped_area_mm], [mm_get_unmapped_area],
	[HM_RESULT([HAVE_MM_GET_UNMAPPED_AREA_MM], [yes])],
	[HM_RESULT([HAVE_MM_GET_UNMAPPED_AREA_MM], [no], [$hm_why])])
HM_LINUX_TEST_RESULT_SYMBOL([mm_get_unmapped_area], [mm_get_unmapped_area],
	[HM_RESULT([HAVE_MM_GET_UNMAPPED_AREA], [yes])],
	[HM_RESULT([HAVE_MM_GET_UNMAPPED_AREA], [no], [$hm_why])])
HM_LINUX_TEST_RESULT([mm_struct_get_unmapped_area],
	[HM_RESULT([HAVE_MM_STRUCT_GET_UNMAPPED_AREA], [yes])],
	[HM_RESULT([HAVE_MM_STRUCT_GET_UNMAPPED_AREA], [no], [no mm_struct.get_unmapped_area (6.10+)])])
])
HM_PROBE_REGISTER([MM_GET_UNMAPPED_AREA])
