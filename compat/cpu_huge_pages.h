/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whether the CPU can use a leaf entry at PMD or PUD level.  The insert
 * helpers do not check: a 1 GiB leaf on an x86 CPU without pdpe1gb faults
 * on a reserved bit.
 */
#ifndef HM_COMPAT_CPU_HUGE_PAGES_H
#define HM_COMPAT_CPU_HUGE_PAGES_H

#include <linux/mm.h>
#include <linux/huge_mm.h>
#ifdef CONFIG_X86
#include <asm/cpufeature.h>
#endif

static inline bool hm_cpu_has_pud_leaves(void)
{
#ifdef CONFIG_X86
	return boot_cpu_has(X86_FEATURE_GBPAGES);
#else
	return true;
#endif
}

static inline bool hm_cpu_has_pmd_leaves(void)
{
#ifdef CONFIG_TRANSPARENT_HUGEPAGE
	return has_transparent_hugepage();
#else
	return false;
#endif
}

#endif /* HM_COMPAT_CPU_HUGE_PAGES_H */
