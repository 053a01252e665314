/*
 * rxe-reg DEV: soft-RoCE memory registration of a hugemap mapping (issue 15).
 *
 * An rdma_rxe device is created on the loopback interface through the RDMA
 * netlink interface (RDMA_NLDEV_CMD_NEWLINK, what "rdma link add rxe0 type rxe
 * netdev lo" sends); then, through the uverbs write() ABI of
 * <rdma/ib_user_verbs.h> (what libibverbs sends for these commands), a user
 * context, a protection domain and memory regions: ibv_reg_mr() of anonymous
 * memory (the control), of a pages-mode mapping (must succeed: ib_umem_get()
 * pins the pages long-term, FOLL_LONGTERM|FOLL_WRITE) and, for the region
 * in PFN mode, the EFAULT the issue started from.  While the MR exists the
 * region's page_refs count the pins and rmmod is refused; after DEREG_MR they
 * are gone.  No libibverbs: its providers are dlopen()ed, which a static test
 * binary cannot do.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <rdma/ib_user_ioctl_verbs.h>
#include <rdma/ib_user_verbs.h>
#include <rdma/rdma_netlink.h>

#include "hmtest.h"

static char out[2048];

#define note(...) snprintf(out + strlen(out), sizeof(out) - strlen(out), __VA_ARGS__)

static void nl_attr_str(char *buf, size_t *len, unsigned short type, const char *s)
{
	struct nlattr *a = (struct nlattr *)(buf + *len);
	size_t n = strlen(s) + 1;

	a->nla_type = type;
	a->nla_len = (unsigned short)(NLA_HDRLEN + n);
	memcpy(buf + *len + NLA_HDRLEN, s, n);
	*len += NLA_ALIGN(a->nla_len);
}

/* rdma link add NAME type rxe netdev NDEV: 0 or -errno */
static int rxe_link_add(const char *name, const char *ndev)
{
	char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	size_t len = NLMSG_HDRLEN;
	ssize_t n;
	int fd, err;

	memset(buf, 0, sizeof(buf));
	nl_attr_str(buf, &len, RDMA_NLDEV_ATTR_DEV_NAME, name);
	nl_attr_str(buf, &len, RDMA_NLDEV_ATTR_LINK_TYPE, "rxe");
	nl_attr_str(buf, &len, RDMA_NLDEV_ATTR_NDEV_NAME, ndev);
	h->nlmsg_len = (unsigned)len;
	h->nlmsg_type = RDMA_NL_GET_TYPE(RDMA_NL_NLDEV, RDMA_NLDEV_CMD_NEWLINK);
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = 1;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_RDMA);
	if (fd < 0)
		return -errno;
	if (sendto(fd, buf, len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	n = recv(fd, buf, sizeof(buf), 0);
	err = n < 0 ? -errno : 0;
	close(fd);
	if (err)
		return err;
	if (n < (ssize_t)NLMSG_HDRLEN || h->nlmsg_type != NLMSG_ERROR)
		return -EPROTO;
	return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
}

/* one uverbs write() command: header + command struct; 0 or -errno */
static int uverbs_cmd(int fd, unsigned cmd, void *body, size_t blen, size_t rlen)
{
	char buf[256] __attribute__((aligned(8)));
	struct ib_uverbs_cmd_hdr *h = (struct ib_uverbs_cmd_hdr *)buf;
	size_t len = sizeof(*h) + blen;

	h->command = cmd;
	h->in_words = (unsigned short)(len / 4);
	h->out_words = (unsigned short)(rlen / 4);
	memcpy(buf + sizeof(*h), body, blen);
	return write(fd, buf, len) == (ssize_t)len ? 0 : -errno;
}

struct mr {
	unsigned handle, lkey;
};

static int reg_mr(int fd, unsigned pd, void *p, u64 len, struct mr *mr)
{
	struct ib_uverbs_reg_mr c;
	struct ib_uverbs_reg_mr_resp r;
	int e;

	memset(&c, 0, sizeof(c));
	memset(&r, 0, sizeof(r));
	c.response = (u64)(uintptr_t)&r;
	c.start = (u64)(uintptr_t)p;
	c.length = len;
	c.hca_va = (u64)(uintptr_t)p;
	c.pd_handle = pd;
	c.access_flags = IB_UVERBS_ACCESS_LOCAL_WRITE | IB_UVERBS_ACCESS_REMOTE_WRITE |
			 IB_UVERBS_ACCESS_REMOTE_READ;
	e = uverbs_cmd(fd, IB_USER_VERBS_CMD_REG_MR, &c, sizeof(c), sizeof(r));
	if (!e) {
		mr->handle = r.mr_handle;
		mr->lkey = r.lkey;
	}
	return e;
}

static int dereg_mr(int fd, const struct mr *mr)
{
	struct ib_uverbs_dereg_mr c = { .mr_handle = mr->handle };

	return uverbs_cmd(fd, IB_USER_VERBS_CMD_DEREG_MR, &c, sizeof(c), 0);
}

static int open_uverbs(void)
{
	int i, fd;

	/* devtmpfs creates the node once ib_uverbs registered the new device */
	for (i = 0; i < 50; i++) {
		fd = open("/dev/infiniband/uverbs0", O_RDWR | O_CLOEXEC);
		if (fd >= 0)
			return fd;
		usleep(100000);
	}
	hm_fail("open /dev/infiniband/uverbs0: %s", errname(errno));
}

static int rmmod_hugemap(void)
{
	return syscall(SYS_delete_module, "hugemap", O_NONBLOCK) ? errno : 0;
}

/* rxe-reg DEV: see the top of the file */
int cmd_rxe_reg(int argc, char **argv)
{
	struct ib_uverbs_get_context gc;
	struct ib_uverbs_get_context_resp gcr;
	struct ib_uverbs_alloc_pd pd;
	struct ib_uverbs_alloc_pd_resp pdr;
	struct mr mr;
	struct hm h;
	char mode[16], b[32];
	u64 len, refs, refs0;
	int fd, e, err, pages;
	void *anon, *p;

	if (argc < 2)
		hm_fail("usage: rxe-reg DEV");
	if (access("/sys/module/rdma_rxe", F_OK))
		hm_fail("rdma_rxe is not loaded (/sys/module/rdma_rxe missing)");
	e = rxe_link_add("rxe0", "lo");
	if (e && e != -EEXIST)
		hm_fail("rdma link add rxe0 type rxe netdev lo (RDMA_NLDEV_CMD_NEWLINK): %s",
			errname(-e));
	fd = open_uverbs();
	memset(&gc, 0, sizeof(gc));
	gc.response = (u64)(uintptr_t)&gcr;
	e = uverbs_cmd(fd, IB_USER_VERBS_CMD_GET_CONTEXT, &gc, sizeof(gc), sizeof(gcr));
	if (e)
		hm_fail("GET_CONTEXT: %s", errname(-e));
	memset(&pd, 0, sizeof(pd));
	pd.response = (u64)(uintptr_t)&pdr;
	e = uverbs_cmd(fd, IB_USER_VERBS_CMD_ALLOC_PD, &pd, sizeof(pd), sizeof(pdr));
	if (e)
		hm_fail("ALLOC_PD: %s", errname(-e));
	note("rxe0 on lo, uverbs context+PD;");

	/* control: anonymous memory registers */
	len = 4ULL << 20;
	anon = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED)
		hm_fail("mmap anon: %s", errname(errno));
	memset(anon, 1, len);
	e = reg_mr(fd, pdr.pd_handle, anon, len, &mr);
	if (e)
		hm_fail("REG_MR of anonymous memory (control): %s", errname(-e));
	if ((e = dereg_mr(fd, &mr)))
		hm_fail("DEREG_MR (anon): %s", errname(-e));
	munmap(anon, len);
	note(" anon 4M reg/dereg ok;");

	hm_open(&h, argv[1]);
	if (sys_read(&h, "map_mode", mode, sizeof(mode)) < 0)
		hm_fail("sysfs map_mode unreadable");
	pages = !strcmp(mode, "pages");
	/* 8 MiB from one page before a PMD boundary: huge and PTE-mapped parts */
	len = 8ULL << 20;
	if (h.size < len + (2ULL << 20))
		hm_fail("region too small");
	p = hm_map(&h, 0, h.size < (1ULL << 30) ? h.size : (1ULL << 30), NULL, MAP_SHARED,
		   PROT_READ | PROT_WRITE, &err);
	if (p == MAP_FAILED)
		hm_fail("mmap: %s", errname(err));
	fill((char *)p + (2ULL << 20) - h.page, len, 8, (2ULL << 20) - h.page, 77);
	refs0 = pages ? sys_u64(&h, "page_refs") : 0;
	e = reg_mr(fd, pdr.pd_handle, (char *)p + (2ULL << 20) - h.page, len, &mr);
	if (!pages) {
		if (e != -EFAULT)
			hm_fail("REG_MR of a pfn-mode mapping: %s, expected EFAULT (no struct pages)",
				e ? errname(-e) : "success");
		note(" pfn mode: REG_MR EFAULT as documented;");
		hm_pass("%s", out);
	}
	if (e)
		hm_fail("REG_MR of 8M of the pages-mode mapping: %s", errname(-e));
	refs = sys_u64(&h, "page_refs");
	if (refs <= refs0)
		hm_fail("page_refs %llu while registered (was %llu): the pins are not counted",
			(unsigned long long)refs, (unsigned long long)refs0);
	note(" pages mode: REG_MR 8M lkey 0x%x, page_refs %llu->%llu;", mr.lkey,
	     (unsigned long long)refs0, (unsigned long long)refs);
	/* the MR outlives the mapping and the fd: the module must stay */
	munmap(p, h.size < (1ULL << 30) ? h.size : (1ULL << 30));
	close(h.fd);
	usleep(300000);
	e = rmmod_hugemap();
	if (e != EAGAIN && e != EBUSY)
		hm_fail("rmmod with a registered MR: %s, expected EAGAIN/EBUSY",
			e ? errname(e) : "success (module gone under a pinned MR)");
	if (sys_read(&h, "busy", b, sizeof(b)) < 0 || strcmp(b, "1"))
		hm_fail("sysfs busy \"%s\" with a registered MR", b);
	note(" after munmap+close: busy=1, rmmod %s;", errname(e));
	if ((e = dereg_mr(fd, &mr)))
		hm_fail("DEREG_MR: %s", errname(-e));
	{
		int i;

		for (i = 0; i < 100; i++) {
			if (sys_read(&h, "busy", b, sizeof(b)) >= 0 && !strcmp(b, "0"))
				break;
			usleep(100000);
		}
		if (strcmp(b, "0"))
			hm_fail("busy still \"%s\" 10 s after DEREG_MR", b);
		refs = sys_u64(&h, "page_refs");
		if (refs)
			hm_fail("page_refs %llu after DEREG_MR", (unsigned long long)refs);
		note(" DEREG_MR: busy=0 after %.1fs, page_refs 0", i / 10.0);
	}
	close(fd);
	hm_pass("%s", out);
}
