#!/bin/sh
# autogen.sh: generate ./configure from configure.ac and config/*.m4.
# Needs autoconf (>= 2.69) only; automake/libtool/autoheader are not used.
# Release tarballs (make dist) already contain configure.
set -e
cd "$(dirname "$0")"
command -v autoconf >/dev/null 2>&1 || {
	echo "autogen.sh: autoconf not found (Debian: apt-get install autoconf)" >&2
	exit 1
}
rm -rf autom4te.cache
# configure.ac m4_includes config/kernel.m4 and every config/kernel-*.m4.
autoconf -I config -o configure configure.ac
rm -rf autom4te.cache configure~
echo "autogen.sh: configure generated; now run ./configure"
