#!/bin/sh
# Build a tiny program against an uninstalled copy via hugemap.pc.
# usage: check_pc.sh hugemap.pc LIBSRCDIR TOPDIR
set -eu
pc=$1 src=$2 top=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MAKEFLAGS= make -s -C "$src" install DESTDIR="$tmp" PREFIX=/usr O="$(cd "$(dirname "$pc")" && pwd)" >/dev/null
cat >"$tmp/t.c" <<'C'
#include <hugemap.h>
#include <stdio.h>
int main(void)
{
	char b[16];
	if (hugemap_format_size(HUGEMAP_MAX_SIZES * 512ULL << 20, b, sizeof(b)) < 0)
		return 1;
	puts(b);
	return 0;
}
C
cflags=$(PKG_CONFIG_SYSROOT_DIR="$tmp" PKG_CONFIG_LIBDIR="$tmp/usr/lib/pkgconfig" pkg-config --cflags hugemap 2>/dev/null) || \
	cflags="-I$tmp/usr/include"
libs=$(PKG_CONFIG_SYSROOT_DIR="$tmp" PKG_CONFIG_LIBDIR="$tmp/usr/lib/pkgconfig" pkg-config --libs hugemap 2>/dev/null) || \
	libs="-L$tmp/usr/lib -lhugemap"
${CC:-cc} -std=c99 -Wall -Wextra -Werror $cflags -o "$tmp/t" "$tmp/t.c" $libs
out=$(LD_LIBRARY_PATH="$tmp/usr/lib" "$tmp/t")
if [ "$out" != 2G ]; then
	echo "check_pc: got '$out', expected 2G" >&2
	exit 1
fi
echo "check_pc: installed header + hugemap.pc build and run OK ($cflags $libs)"
