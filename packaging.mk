# packaging.mk: deb/rpm targets, included by the generated Makefile
# (-include $(abs_srcdir)/packaging.mk).  Everything is built from the
# `make dist` tarball, exactly what a distribution would get.
#
#   make deb                 dpkg-buildpackage -us -uc: hugemap-dkms, hugemap-tools,
#                            libhugemap1, libhugemap-dev (+ .dsc source package)
#   make rpm                 rpmbuild -ba: hugemap, hugemap-libs, hugemap-devel,
#                            hugemap-dkms (noarch) + .src.rpm
#   make srpm                only the .src.rpm
#   make rpm-kmod [KVER=..] [KDIR=..]
#                            kmod-hugemap built against one kernel's headers
#                            (default: the kernel this tree was configured for)
#   make pkg-clean
# Output: $(PKG_OUT)/deb, $(PKG_OUT)/rpm (default out/ in the build dir).
# Variables: PKG_JOBS (default 2), DEB_BUILD_OPTS, RPMBUILD_OPTS.

PKG_OUT		?= $(abs_builddir)/out
PKG_JOBS	?= 2
PKG_META	= $(abs_srcdir)/META
PKG_VERSION	:= $(shell sed -n 's/^VERSION=//p' $(PKG_META))
PKG_NAME	:= $(shell sed -n 's/^NAME=//p' $(PKG_META))
PKG_DIST	= $(abs_builddir)/$(PKG_NAME)-$(PKG_VERSION).tar.gz
DEB_BUILD_OPTS	?=
RPMBUILD_OPTS	?=
KVER		?= $(LINUX_VERSION)
KDIR		?= $(LINUX_OBJ)

.PHONY: deb rpm srpm rpm-kmod pkg-dist pkg-clean

pkg-dist:
	$(MAKE) -C $(abs_builddir) dist

# --- Debian ----------------------------------------------------------------
# 3.0 (quilt): the orig tarball is the dist tarball unchanged; debian/ comes
# from this tree.  If debian/changelog names another upstream version than
# META (a development snapshot), a snapshot entry is added in the scratch copy.
deb: pkg-dist
	@command -v dpkg-buildpackage >/dev/null || { echo "make deb: dpkg-dev/debhelper missing (scripts/hm-env deps)" >&2; exit 1; }
	rm -rf $(PKG_OUT)/deb-build $(PKG_OUT)/deb
	mkdir -p $(PKG_OUT)/deb-build $(PKG_OUT)/deb
	cp $(PKG_DIST) $(PKG_OUT)/deb-build/$(PKG_NAME)_$(PKG_VERSION).orig.tar.gz
	tar -xzf $(PKG_DIST) -C $(PKG_OUT)/deb-build
	rm -rf $(PKG_OUT)/deb-build/$(PKG_NAME)-$(PKG_VERSION)/debian
	cp -a $(abs_srcdir)/debian $(PKG_OUT)/deb-build/$(PKG_NAME)-$(PKG_VERSION)/
	cd $(PKG_OUT)/deb-build/$(PKG_NAME)-$(PKG_VERSION) && \
	cl=$$(dpkg-parsechangelog -S Version) && \
	if [ "$${cl%-*}" != "$(PKG_VERSION)" ]; then \
		echo "make deb: debian/changelog is $$cl, META is $(PKG_VERSION): adding a snapshot entry"; \
		DEBFULLNAME="hugemap build" DEBEMAIL="hugemap@users.noreply.example.org" \
		dch --newversion "$(PKG_VERSION)-0~snapshot1" --force-bad-version \
			--distribution UNRELEASED "Snapshot build of $(PKG_VERSION)."; \
	fi && \
	dpkg-buildpackage -us -uc -j$(PKG_JOBS) $(DEB_BUILD_OPTS)
	cd $(PKG_OUT)/deb-build && \
		cp -f *.deb *.dsc *.changes *.buildinfo *.debian.tar.* *.orig.tar.gz $(PKG_OUT)/deb/
	rm -rf $(PKG_OUT)/deb-build
	@ls -1 $(PKG_OUT)/deb/*.deb

# --- RPM -------------------------------------------------------------------
# rpmbuild from Debian's rpm package works too (--nodeps: the BuildRequires
# are Fedora/EL package names that a Debian rpm database does not know).
PKG_RPMTOP	= $(PKG_OUT)/rpmbuild
PKG_RPMDEFS	= --define "_topdir $(PKG_RPMTOP)" --define "hm_version $(PKG_VERSION)"
PKG_RPMNODEPS	= $(shell [ -e /etc/debian_version ] && echo --nodeps)

pkg-rpm-prep: pkg-dist
	@command -v rpmbuild >/dev/null || { echo "make rpm: rpmbuild missing (scripts/hm-env deps: rpm)" >&2; exit 1; }
	rm -rf $(PKG_RPMTOP)
	mkdir -p $(PKG_RPMTOP)/SOURCES $(PKG_RPMTOP)/SPECS $(PKG_OUT)/rpm
	cp $(PKG_DIST) $(PKG_RPMTOP)/SOURCES/
	cp $(abs_srcdir)/rpm/hugemap.spec $(PKG_RPMTOP)/SPECS/

rpm: pkg-rpm-prep
	rpmbuild -ba $(PKG_RPMNODEPS) $(PKG_RPMDEFS) $(RPMBUILD_OPTS) $(PKG_RPMTOP)/SPECS/hugemap.spec
	find $(PKG_RPMTOP)/RPMS $(PKG_RPMTOP)/SRPMS -name '*.rpm' -exec cp -f {} $(PKG_OUT)/rpm/ \;
	@ls -1 $(PKG_OUT)/rpm/*.rpm

srpm: pkg-rpm-prep
	rpmbuild -bs $(PKG_RPMNODEPS) $(PKG_RPMDEFS) $(RPMBUILD_OPTS) $(PKG_RPMTOP)/SPECS/hugemap.spec
	find $(PKG_RPMTOP)/SRPMS -name '*.rpm' -exec cp -f {} $(PKG_OUT)/rpm/ \;
	@ls -1 $(PKG_OUT)/rpm/*.src.rpm

rpm-kmod: pkg-rpm-prep
	@[ -n "$(KVER)" ] && [ -d "$(KDIR)" ] || { echo "make rpm-kmod: set KVER= and KDIR= (kernel build tree)" >&2; exit 1; }
	rpmbuild -bb $(PKG_RPMNODEPS) $(PKG_RPMDEFS) --with kmod --without user --without dkms \
		--define "kernel_version $(KVER)" --define "kernel_devel_dir $(KDIR)" \
		$(RPMBUILD_OPTS) $(PKG_RPMTOP)/SPECS/hugemap.spec
	find $(PKG_RPMTOP)/RPMS -name 'kmod-*.rpm' -exec cp -f {} $(PKG_OUT)/rpm/ \;
	@ls -1 $(PKG_OUT)/rpm/kmod-*.rpm

pkg-clean:
	rm -rf $(PKG_OUT)/deb $(PKG_OUT)/deb-build $(PKG_OUT)/rpm $(PKG_RPMTOP)
