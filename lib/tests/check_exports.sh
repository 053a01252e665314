#!/bin/sh
# Check that the shared library exports exactly the symbols of the version
# script, each at the version node the script lists it under, and has the
# right SONAME.
# usage: check_exports.sh libhugemap.so.X libhugemap.map
set -eu
lib=$1 map=$2
fail=0
# "symbol VERSION" for every global of the version script
want=$(awk '/^HUGEMAP_[0-9.]+ *\{/ { node = $1 }
	    /^[[:space:]]*hugemap_[a-z0-9_]*;/ { s = $1; sub(/;.*/, "", s); print s, node }' \
	"$map" | sort)
# "symbol VERSION" for every defined dynamic symbol of the library
have=$(objdump -T "$lib" | awk '$0 ~ / DF | DO / && $NF !~ /^HUGEMAP_/ && $(NF-1) ~ /^HUGEMAP_/ {
		v = $(NF-1); sub(/^\(/, "", v); sub(/\)$/, "", v); print $NF, v }
	$0 ~ / DF | DO / && $(NF-1) !~ /^\(?HUGEMAP_/ && $NF !~ /^HUGEMAP_/ && $0 !~ /\*UND\*/ {
		print $NF, "(none)" }' | sort)
if [ "$want" != "$have" ]; then
	echo "check_exports: exported symbols or their versions differ from $map:" >&2
	diff -u /dev/fd/3 /dev/fd/4 3<<A 4<<B >&2 || true
$want
A
$have
B
	fail=1
fi
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
if [ "$soname" != libhugemap.so.1 ]; then
	echo "check_exports: SONAME is '$soname', expected libhugemap.so.1" >&2
	fail=1
fi
n=$(printf '%s\n' "$have" | wc -l)
nodes=$(printf '%s\n' "$have" | awk '{print $2}' | sort -u | tr '\n' ' ')
[ $fail -eq 0 ] && echo "check_exports: $n symbols in ${nodes}as the version script says, SONAME $soname"
exit $fail
