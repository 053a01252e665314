#!/bin/sh
# Host tests of hugemapctl against a fake sysfs root (no driver needed).
# usage: HUGEMAPCTL=/path/to/hugemapctl test_hugemapctl.sh
set -u
ctl=${HUGEMAPCTL:?set HUGEMAPCTL}
tmp=$(mktemp -d /tmp/hugemapctl-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
pass=0 failn=0
# really privileged? (fakeroot fakes the uid, not the permission checks)
is_root=0
[ "$(id -u)" -eq 0 ] && [ -z "${FAKEROOTKEY:-}" ] && is_root=1
ok()  { pass=$((pass + 1)); }
bad() { failn=$((failn + 1)); echo "FAIL: $*" >&2; }
expect() { # expect DESC COND...
	d=$1; shift
	if "$@"; then ok; else bad "$d"; fi
}
has() { printf '%s\n' "$1" | grep -q -- "$2"; }

region() { # region N size base kind chunk mode node max sizes unavail pud pmd pte fb maps
	d=$tmp/sys/hugemap$1
	mkdir -p "$d/stats"
	echo "$2" >"$d/size"; echo "$3" >"$d/base"; chmod 0400 "$d/base"
	echo "$4" >"$d/kind"; echo "$5" >"$d/chunk_size"; echo "$6" >"$d/cache_mode"
	echo "$7" >"$d/numa_node"; echo "$8" >"$d/max_fault"; echo "$9" >"$d/fault_sizes"
	shift 9
	printf '%b' "$1" >"$d/unavailable"
	echo "$2" >"$d/stats/pud_faults"; echo "$3" >"$d/stats/pmd_faults"
	echo "$4" >"$d/stats/pte_faults"; echo "$5" >"$d/stats/fallbacks"
	echo "$6" >"$d/stats/mappings"
}
mkdir -p "$tmp/sys" "$tmp/dev"
region 0 2147483648 0x100000000 phys 2147483648 wb 0 pud "1G 2M 4K" "" 3 4 5 1 2
region 1 1073741824 0x0 alloc 33554432 wc -1 pmd "32M 16K" '1G: max_fault=pmd\n' 0 0 0 0 0
# pages-mode attributes: hugemap0 pages (busy), hugemap1 pfn with a reason
printf 'pages\n' >"$tmp/sys/hugemap0/map_mode"; echo 1 >"$tmp/sys/hugemap0/gup"
: >"$tmp/sys/hugemap0/gup_unavailable"; echo 33554432 >"$tmp/sys/hugemap0/memmap_bytes"
echo 1 >"$tmp/sys/hugemap0/busy"; echo 2 >"$tmp/sys/hugemap0/page_refs"
printf 'pfn\n' >"$tmp/sys/hugemap1/map_mode"; echo 0 >"$tmp/sys/hugemap1/gup"
printf 'pages: kernel built without CONFIG_FS_DAX: huge faults of struct-page mappings need a DAX VMA\n' >"$tmp/sys/hugemap1/gup_unavailable"
echo 0 >"$tmp/sys/hugemap1/memmap_bytes"; echo 0 >"$tmp/sys/hugemap1/busy"; echo 0 >"$tmp/sys/hugemap1/page_refs"
: >"$tmp/dev/hugemap0"; chmod 0600 "$tmp/dev/hugemap0"
export HUGEMAP_SYSFS_ROOT=$tmp/sys HUGEMAP_DEV_DIR=$tmp/dev

# list (table)
out=$("$ctl" list); rc=$?
expect "list rc" [ $rc -eq 0 ]
expect "list header" has "$out" "^DEVICE *SIZE *KIND *MODE *NODE *MAX *ENTRY SIZES *MAPPINGS"
expect "list row 0" has "$out" "^hugemap0 *2G *phys *wb *0 *pud *1G 2M 4K *2$"
expect "list row 1" has "$out" "^hugemap1 *1G *alloc *wc *-1 *pmd *32M 16K *0$"
expect "list has 3 lines" [ "$(printf '%s\n' "$out" | wc -l)" -eq 3 ]

# list --json
out=$("$ctl" list --json); rc=$?
expect "list --json rc" [ $rc -eq 0 ]
expect "json device" has "$out" '"device": "hugemap0",'
expect "json size" has "$out" '"size": 2147483648,'
expect "json sizes" has "$out" '"fault_sizes": \[1073741824, 2097152, 4096\],'
expect "json sizes 16k" has "$out" '"fault_sizes": \[33554432, 16384\],'
expect "json sizes text" has "$out" '"fault_sizes_text": "32M 16K",'
expect "json node -1" has "$out" '"numa_node": -1,'
expect "json mappings" has "$out" '"mappings": 2$'
if [ $is_root = 1 ]; then
	expect "json base (root)" has "$out" '"base": "0x100000000",'
fi
if command -v python3 >/dev/null 2>&1; then
	expect "list --json parses" sh -c "printf '%s' '$out' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d[\"regions\"])==2 and d[\"regions\"][1][\"chunk_size\"]==33554432'"
fi

# info --sysfs
out=$("$ctl" info hugemap1 --sysfs); rc=$?
expect "info --sysfs rc" [ $rc -eq 0 ]
expect "info kind" has "$out" "^kind: *alloc$"
expect "info sizes" has "$out" "^entry sizes: *32M 16K$"
expect "info unavailable" has "$out" "^unavailable: *1G: max_fault=pmd$"
out=$("$ctl" --json info 1 --sysfs); rc=$?
expect "info --sysfs --json rc" [ $rc -eq 0 ]
expect "info json unavailable" has "$out" '"unavailable": \["1G: max_fault=pmd"\],'
expect "info json chunk" has "$out" '"chunk_size": 33554432,'

# map mode and GUP state (sysfs)
out=$("$ctl" info hugemap0 --sysfs)
expect "info pages mode" has "$out" "^map mode: *pages (GUP-capable: futex, O_DIRECT, vmsplice, RDMA; struct pages 32M)$"
expect "info pages busy" has "$out" "^pages: *busy (module stays loaded), 2 references held$"
out=$("$ctl" info hugemap1 --sysfs)
expect "info pfn mode" has "$out" "^map mode: *pfn (not GUP-capable)$"
expect "info gup reason" has "$out" "^gup: *pages: kernel built without CONFIG_FS_DAX: huge faults of struct-page mappings need a DAX VMA$"
out=$("$ctl" --json info 0 --sysfs)
expect "info json map_mode" has "$out" '"map_mode": "pages",'
expect "info json gup" has "$out" '"gup": true,'
expect "info json memmap" has "$out" '"memmap_bytes": 33554432,'
expect "info json page_refs" has "$out" '"page_refs": 2,'
out=$("$ctl" --json info 1 --sysfs)
expect "info json gup reason" has "$out" '"gup_unavailable": \["pages: kernel built without CONFIG_FS_DAX: huge faults of struct-page mappings need a DAX VMA"\],'
if command -v python3 >/dev/null 2>&1; then
	expect "info --json parses" sh -c "printf '%s' '$out' | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"gup\"] is False and d[\"map_mode\"]==\"pfn\"'"
fi

# info via ioctl on a non-device: clear message, rc 1
out=$("$ctl" info hugemap0 2>&1); rc=$?
expect "info ioctl on a regular file fails" [ $rc -eq 1 ]
expect "info ENOTTY message" has "$out" "not a hugemap device"

# stats / --reset
out=$("$ctl" stats hugemap0); rc=$?
expect "stats rc" [ $rc -eq 0 ]
expect "stats pud" has "$out" "^pud_faults  3$"
expect "stats fallbacks" has "$out" "^fallbacks   1$"
out=$("$ctl" stats /dev/hugemap0 --json)
expect "stats json" has "$out" '"pmd_faults": 4,'
expect "stats json reset false" has "$out" '"reset": false,'
if [ $is_root = 1 ]; then
	out=$("$ctl" stats 0 --reset --json); rc=$?
	expect "stats --reset rc" [ $rc -eq 0 ]
	expect "stats --reset zero" has "$out" '"pud_faults": 0,'
	expect "sysfs reset" [ "$(cat "$tmp/sys/hugemap0/stats/pte_faults")" = 0 ]
	expect "mappings kept" has "$out" '"mappings": 2$'
	# non-root cannot reset / open
	if command -v setpriv >/dev/null 2>&1; then
		asnobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
		out=$($asnobody "$ctl" stats 0 --reset 2>&1); rc=$?
		expect "nobody reset rc" [ $rc -eq 1 ]
		expect "nobody reset message" has "$out" "cannot reset statistics of hugemap0: permission denied"
		out=$($asnobody "$ctl" map hugemap0 --touch 2>&1); rc=$?
		expect "nobody open rc" [ $rc -eq 1 ]
		expect "nobody open message" has "$out" "cannot open $tmp/dev/hugemap0: permission denied"
		out=$($asnobody "$ctl" --json info hugemap0 2>/dev/null); rc=$?
		expect "nobody json error" has "$out" '"errno": 13'
		out=$($asnobody "$ctl" list --json); rc=$?
		expect "nobody list rc" [ $rc -eq 0 ]
		expect "nobody list base hidden" has "$out" '"base": null,'
	fi
fi

# missing region / module not loaded / usage
out=$("$ctl" stats hugemap7 2>&1); rc=$?
expect "no such region" [ $rc -eq 1 ]
expect "no such region msg" has "$out" "hugemap7: no such hugemap region"
out=$(HUGEMAP_SYSFS_ROOT=$tmp/none "$ctl" list 2>&1); rc=$?
expect "not loaded rc" [ $rc -eq 1 ]
expect "not loaded msg" has "$out" "hugemap module not loaded ($tmp/none does not exist"
out=$(HUGEMAP_SYSFS_ROOT=$tmp/none "$ctl" map hugemap3 2>&1); rc=$?
expect "not loaded map msg" has "$out" "hugemap module not loaded"
out=$(HUGEMAP_SYSFS_ROOT=$tmp/none "$ctl" --json list 2>/dev/null); rc=$?
expect "not loaded json" has "$out" '"errno": 19'
"$ctl" frob >/dev/null 2>&1; expect "unknown command rc 2" [ $? -eq 2 ]
"$ctl" info >/dev/null 2>&1; expect "missing dev rc 2" [ $? -eq 2 ]
"$ctl" map hugemap0 --length 1Q >/dev/null 2>&1; expect "bad size rc 2" [ $? -eq 2 ]
"$ctl" list --reset >/dev/null 2>&1; expect "bad option rc 2" [ $? -eq 2 ]
out=$("$ctl" --help); expect "help" has "$out" "^usage: hugemapctl"

echo "test_hugemapctl: $pass passed, $failn failed"
[ $failn -eq 0 ]
