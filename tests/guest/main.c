// SPDX-License-Identifier: GPL-2.0
/*
 * hmtest: hugemap guest test driver (one static binary, many sub-commands).
 * Run without arguments for the list.
 */
#include "hmtest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int cmd_c01(int argc, char **argv);
int cmd_c02(int argc, char **argv);
int cmd_c03(int argc, char **argv);
int cmd_c04(int argc, char **argv);
int cmd_c05(int argc, char **argv);
int cmd_c05b(int argc, char **argv);
int cmd_c05c(int argc, char **argv);
int cmd_c06(int argc, char **argv);
int cmd_c07(int argc, char **argv);
int cmd_c08(int argc, char **argv);
int cmd_c08b(int argc, char **argv);
int cmd_gup(int argc, char **argv);
int cmd_populate(int argc, char **argv);
int cmd_gup_pin(int argc, char **argv);
int cmd_c09(int argc, char **argv);
int cmd_c12(int argc, char **argv);
int cmd_devmem(int argc, char **argv);
int cmd_alloc(int argc, char **argv);
int cmd_pfuzz(int argc, char **argv);
int cmd_rxe_reg(int argc, char **argv);
int cmd_alimit(int argc, char **argv);
int cmd_privs(int argc, char **argv);
int cmd_ifuzz(int argc, char **argv);
int cmd_stress(int argc, char **argv);

/* modload KO [PARAMS...]: finit_module, prints "OK" or the errno name; exit 0 either way */
static int cmd_modload(int argc, char **argv)
{
	char params[4096] = "";
	size_t used = 0;
	int fd, i;
	long r;

	if (argc < 2)
		hm_fail("usage: modload KO [PARAM...]");
	for (i = 2; i < argc; i++)
		used += snprintf(params + used, sizeof(params) - used, "%s%s",
				 used ? " " : "", argv[i]);
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("%s\n", errname(errno));
		return 2;
	}
	r = syscall(SYS_finit_module, fd, params, 0);
	printf("%s\n", r ? errname(errno) : "OK");
	close(fd);
	return 0;
}

/* modunload NAME: delete_module(O_NONBLOCK), prints "OK" or errno name */
static int cmd_modunload(int argc, char **argv)
{
	long r;

	if (argc < 2)
		hm_fail("usage: modunload NAME");
	r = syscall(SYS_delete_module, argv[1], O_NONBLOCK);
	printf("%s\n", r ? errname(errno) : "OK");
	return 0;
}

/* kmsg-next: print the sequence number the next kernel message will get */
static int cmd_kmsg_next(int argc, char **argv)
{
	(void)argc; (void)argv;
	printf("%lld\n", kmsg_next());
	return 0;
}

/* kmsg-since SEQ: print kernel messages with seq >= SEQ, one per line */
static int cmd_kmsg_since(int argc, char **argv)
{
	char rec[8192];
	long long seq;
	int fd;

	if (argc < 2)
		hm_fail("usage: kmsg-since SEQ");
	seq = atoll(argv[1]);
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "open /dev/kmsg: %s\n", errname(errno));
		return 2;
	}
	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		char *c, *t, *nl;

		if (n < 0) {
			if (errno == EPIPE)
				continue;
			break;
		}
		rec[n] = 0;
		c = strchr(rec, ',');
		t = strchr(rec, ';');
		if (!c || !t || strtoll(c + 1, NULL, 10) < seq)
			continue;
		t++;
		nl = strchr(t, '\n');
		if (nl)
			*nl = 0;
		printf("%s\n", t);
	}
	close(fd);
	return 0;
}

/* size VALUE: print VALUE (K/M/G/T suffix, decimal or 0x hex) in bytes */
static int cmd_size(int argc, char **argv)
{
	u64 v;

	if (argc < 2 || parse_size(argv[1], &v)) {
		fprintf(stderr, "bad size\n");
		return 2;
	}
	printf("%llu\n", (unsigned long long)v);
	return 0;
}

/* pagesize: print sysconf(_SC_PAGESIZE) */
static int cmd_pagesize(int argc, char **argv)
{
	(void)argc; (void)argv;
	printf("%ld\n", sysconf(_SC_PAGESIZE));
	return 0;
}

/*
 * hold DEV fd|map READY RELEASE: open DEV (and map+close the fd for "map"),
 * create READY, wait until RELEASE exists, then unmap/close and exit.
 */
static int cmd_hold(int argc, char **argv)
{
	struct hm h;
	void *p = NULL;
	int err, fd, i;
	struct stat st;

	if (argc < 5)
		hm_fail("usage: hold DEV fd|map READY RELEASE");
	hm_open(&h, argv[1]);
	if (!strcmp(argv[2], "map")) {
		p = hm_map(&h, 0, h.page * 4, NULL, MAP_SHARED, PROT_READ | PROT_WRITE, &err);
		if (p == MAP_FAILED)
			hm_fail("mmap: %s", errname(err));
		*(volatile u64 *)p = 1;
		close(h.fd);
		h.fd = -1;
	}
	fd = open(argv[3], O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		hm_fail("create %s: %s", argv[3], errname(errno));
	close(fd);
	for (i = 0; i < 6000 && stat(argv[4], &st); i++)
		usleep(50000);
	if (p)
		munmap(p, h.page * 4);
	if (h.fd >= 0)
		close(h.fd);
	hm_pass("held %s", argv[2]);
}

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *usage;
} cmds[] = {
	{ "c01", cmd_c01, "DEV pud|pmd|pte EXPECT_PUD PMD_SIZE ARCH" },
	{ "c02", cmd_c02, "DEV RESV_BASE PMD_SIZE EXPECT_PUD [EXPECT_PMD]" },
	{ "c03", cmd_c03, "DEV PMD_SIZE" },
	{ "c04", cmd_c04, "DEV PMD_SIZE" },
	{ "c05", cmd_c05, "DEV PMD_SIZE" },
	{ "c05b", cmd_c05b, "DEV PMD_SIZE" },
	{ "c05c", cmd_c05c, "DEV PMD_SIZE" },
	{ "c06", cmd_c06, "DEV PMD_SIZE" },
	{ "c07", cmd_c07, "DEV PMD_SIZE" },
	{ "c08", cmd_c08, "DEV PMD_SIZE [THREADS ROUNDS]" },
	{ "c08b", cmd_c08b, "DEV PMD_SIZE BLOCKDEV" },
	{ "c09", cmd_c09, "DEV PMD_SIZE" },
	{ "gup", cmd_gup, "DEV PMD_SIZE BLOCKDEV|none:REASON" },
	{ "populate", cmd_populate, "DEV PMD_SIZE" },
	{ "gup-pin", cmd_gup_pin, "DEV" },
	{ "c12", cmd_c12, "DEV RESV_SIZE RESV_BASE PMD_SIZE EXPECT_PUD" },
	{ "devmem", cmd_devmem, "DEV uc|wc|wb PMD_SIZE" },
	{ "alloc", cmd_alloc, "DEV PMD_SIZE SIZE [NODE]" },
	{ "rxe-reg", cmd_rxe_reg, "DEV" },
	{ "pfuzz", cmd_pfuzz, "KO RESV_BASE RESV_SIZE SEED COUNT PAGES_OK" },
	{ "alimit", cmd_alimit, "KO" },
	{ "privs", cmd_privs, "DEV" },
	{ "ifuzz", cmd_ifuzz, "DEV SEED COUNT" },
	{ "stress", cmd_stress,
	  "DEV PMD_SIZE [--seed N] [--seconds S] [--ops N] [--ko KO --params P] [--blockdev DEV] [--skip OP,..] [--oplog FILE] [--pud-mprotect-veto] [--verbose]" },
	{ "modload", cmd_modload, "KO [PARAM...]" },
	{ "modunload", cmd_modunload, "NAME" },
	{ "kmsg-next", cmd_kmsg_next, "" },
	{ "kmsg-since", cmd_kmsg_since, "SEQ" },
	{ "size", cmd_size, "VALUE" },
	{ "pagesize", cmd_pagesize, "" },
	{ "hold", cmd_hold, "DEV fd|map READYFILE RELEASEFILE" },
};

int main(int argc, char **argv)
{
	unsigned i;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 2)
		for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
			if (!strcmp(argv[1], cmds[i].name))
				return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "usage: hmtest CMD ARGS\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(stderr, "  %s %s\n", cmds[i].name, cmds[i].usage);
	return 2;
}
