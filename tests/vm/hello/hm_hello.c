// SPDX-License-Identifier: GPL-2.0
/* Harness self-test module: proves a target's headers, compiler and VM boot. */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/mm.h>

static int __init hm_hello_init(void)
{
	pr_info("hm-hello: loaded, PAGE_SIZE=%lu PMD_SIZE=%lu\n",
		(unsigned long)PAGE_SIZE, (unsigned long)PMD_SIZE);
	return 0;
}

static void __exit hm_hello_exit(void)
{
	pr_info("hm-hello: unloaded\n");
}

module_init(hm_hello_init);
module_exit(hm_hello_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hugemap test harness hello module");
