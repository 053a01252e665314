#!/bin/sh
# Check that the shared library exports exactly the symbols of the version
# script, all at version HUGEMAP_1.0, and has the right SONAME.
# usage: check_exports.sh libhugemap.so.X libhugemap.map
set -eu
lib=$1 map=$2
fail=0
want=$(sed -n 's/^[[:space:]]*\(hugemap_[a-z0-9_]*\);.*/\1/p' "$map" | sort)
have=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' |
       grep -v '^HUGEMAP_1\.0$' | sed 's/@.*//' | sort)
if [ "$want" != "$have" ]; then
	echo "check_exports: exported symbols differ from $map:" >&2
	diff -u /dev/fd/3 /dev/fd/4 3<<A 4<<B >&2 || true
$want
A
$have
B
	fail=1
fi
bad=$(objdump -T "$lib" | awk '/ hugemap_/ && $0 !~ /HUGEMAP_1\.0/' || true)
if [ -n "$bad" ]; then
	echo "check_exports: symbols without version HUGEMAP_1.0:" >&2
	echo "$bad" >&2
	fail=1
fi
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
if [ "$soname" != libhugemap.so.1 ]; then
	echo "check_exports: SONAME is '$soname', expected libhugemap.so.1" >&2
	fail=1
fi
n=$(printf '%s\n' "$have" | wc -l)
[ $fail -eq 0 ] && echo "check_exports: $n symbols, all HUGEMAP_1.0, SONAME $soname"
exit $fail
