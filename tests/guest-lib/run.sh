#!/bin/sh
# c15-lib-*: libhugemap and hugemapctl inside a test guest (busybox sh).
# The harness has loaded /hugemap.ko as regions=$RESV_SIZE@$RESV_BASE.
# Prints "HMTEST c15-lib-<name> PASS|FAIL <msg>" lines.
D=$(cd "$(dirname "$0")" && pwd)
CTL=$D/hugemapctl
LT=$D/hugemap-libtest
[ -f /etc/hugemap-target ] && . /etc/hugemap-target
SYS=/sys/class/hugemap
R=hugemap0
T=$(mktemp -d /tmp/c15.XXXXXX 2>/dev/null || { mkdir -p /tmp/c15.$$ && echo /tmp/c15.$$; })

res() { echo "HMTEST c15-lib-$1 $2 $3"; }

# CASES (from /etc/hugemap-target) selects by prefix; empty runs all
want() {
	[ -z "${CASES:-}" ] && return 0
	for w in $CASES; do
		case "c15-lib-$1" in "$w"*) return 0 ;; esac
	done
	return 1
}

# jget FILE KEY: value of the first "KEY": VALUE line, quotes and comma off
jget() {
	sed -n "s/^ *\"$2\": *\(.*\)\$/\1/p" "$1" | head -n 1 |
		sed 's/,$//; s/^"\(.*\)"$/\1/'
}

tobytes() {
	case $1 in
	*K) echo $((${1%K} * 1024)) ;;
	*M) echo $((${1%M} * 1048576)) ;;
	*G) echo $((${1%G} * 1073741824)) ;;
	*) echo $(($1)) ;;
	esac
}

# errs accumulates mismatches of one case
errs=
chk() { # chk WHAT GOT WANT
	[ "$2" = "$3" ] || errs="$errs; $1: got '$2' want '$3'"
}
jsonok() { # jsonok FILE
	m=$("$LT" jsoncheck <"$1") || errs="$errs; $(basename "$1"): $m"
}
finish() { # finish NAME PASSMSG
	if [ -z "$errs" ]; then res "$1" PASS "$2"; else res "$1" FAIL "${errs#; }"; fi
	errs=
}

# fmtsize BYTES: the largest exact unit, as hugemap_format_size() writes it
fmtsize() {
	for u in G:1073741824 M:1048576 K:1024; do
		if [ "$1" -ge "${u#*:}" ] && [ $(($1 % ${u#*:})) -eq 0 ]; then
			echo "$(($1 / ${u#*:}))${u%%:*}"
			return
		fi
	done
	echo "$1"
}

PMD_BYTES=$(tobytes "${PMD_SIZE:-2M}")
# EXPECT_PMD 0: a PTE-only kernel (tests/targets.conf expect_pmd); with the
# module's pte_batch one PTE fault maps a PMD-sized block of PTEs
EXPECT_PMD=${EXPECT_PMD:-1}
RESV_BYTES=${RESV_SIZE_BYTES:-$(tobytes "${RESV_SIZE:-2G}")}
G=1073741824

# ---- module not loaded message (works with or without the module) -------
if want notloaded; then
	out=$(HUGEMAP_SYSFS_ROOT=/nonexistent "$CTL" list 2>&1); rc=$?
	chk "list rc" "$rc" 1
	case $out in *"hugemap module not loaded"*) ;; *) errs="$errs; list message: $out" ;; esac
	out=$(HUGEMAP_SYSFS_ROOT=/nonexistent "$CTL" map hugemap9 --touch 2>&1); rc=$?
	chk "map rc" "$rc" 1
	case $out in *"hugemap module not loaded"*) ;; *) errs="$errs; map message: $out" ;; esac
	HUGEMAP_SYSFS_ROOT=/nonexistent "$CTL" --json list >"$T/nl.json" 2>/dev/null
	chk "json errno" "$(jget "$T/nl.json" errno)" 19
	jsonok "$T/nl.json"
	finish notloaded "clear message without /sys/class/hugemap: ${out#hugemapctl: }"
fi

# The guest runner unloads the module after each case: load it here if
# needed (and first check the real "not loaded" message), unload at the end.
KO=${HM_KO:-/hugemap.ko}
we_loaded=
if [ ! -d "$SYS/$R" ] && ! grep -q '^hugemap ' /proc/modules 2>/dev/null && [ -f "$KO" ]; then
	if want notloaded; then
		out=$("$CTL" list 2>&1); rc=$?
		chk "real list rc" "$rc" 1
		case $out in *"hugemap module not loaded (/sys/class/hugemap does not exist"*) ;;
		*) errs="$errs; real not-loaded message: $out" ;; esac
		out2=$("$CTL" info hugemap0 2>&1)
		case $out2 in *"hugemap module not loaded"*) ;;
		*) errs="$errs; real not-loaded info message: $out2" ;; esac
		finish notloaded-real "${out#hugemapctl: }"
	fi
	if out=$(insmod "$KO" "regions=${RESV_SIZE}@${RESV_BASE}" 2>&1); then
		we_loaded=1
	else
		res setup FAIL "insmod $KO regions=${RESV_SIZE}@${RESV_BASE}: $out"
	fi
fi
# wait for the device node (devtmpfs), make it by hand if it does not come
i=0
while [ -d "$SYS/$R" ] && [ ! -c "/dev/$R" ] && [ $i -lt 50 ]; do
	usleep 100000 2>/dev/null || sleep 1
	i=$((i + 1))
done
if [ -d "$SYS/$R" ] && [ ! -c "/dev/$R" ]; then
	mm=$(cat "$SYS/$R/dev")
	mknod "/dev/$R" c "${mm%%:*}" "${mm##*:}"
fi
cleanup() {
	rm -rf "$T"
	if [ -n "$we_loaded" ]; then
		rmmod hugemap 2>/dev/null || { sleep 1; rmmod hugemap; }
	fi
}
if [ ! -d "$SYS/$R" ]; then
	res setup FAIL "$SYS/$R missing: module not loaded (and $KO not loadable)"
	cleanup
	exit 0
fi
PAGE=$("$CTL" info $R --json | sed -n 's/^ *"page_size": *\([0-9]*\).*/\1/p')
[ -n "$PAGE" ] || PAGE=4096

# ---- list -------------------------------------------------------------
if want list; then
	"$CTL" list >"$T/list.txt" 2>&1; rc=$?
	chk "list rc" "$rc" 0
	"$CTL" list --json >"$T/list.json" 2>&1
	jsonok "$T/list.json"
	n=0
	for d in "$SYS"/hugemap*; do
		[ -d "$d" ] || continue
		n=$((n + 1))
		name=${d##*/}
		line=$(grep "^$name " "$T/list.txt")
		set -- $line
		chk "$name table kind" "$3" "$(cat "$d/kind")"
		chk "$name table mode" "$4" "$(cat "$d/cache_mode")"
		chk "$name table node" "$5" "$(cat "$d/numa_node")"
		chk "$name table max" "$6" "$(cat "$d/max_fault")"
		shift 6
		last=$(eval echo "\${$#}")
		chk "$name table mappings" "$last" "$(cat "$d/stats/mappings")"
		sizes=$(echo "$line" | sed 's/^\(\([^ ]* *\)\{6\}\)//; s/ *[0-9]*$//')
		chk "$name table sizes" "$sizes" "$(cat "$d/fault_sizes")"
	done
	chk "json region count" "$(grep -c '"device":' "$T/list.json")" "$n"
	chk "table rows" "$(($(wc -l <"$T/list.txt") - 1))" "$n"
	d=$SYS/$R
	chk "json device" "$(jget "$T/list.json" device)" "$R"
	chk "json size" "$(jget "$T/list.json" size)" "$(cat "$d/size")"
	chk "json size=RESV" "$(jget "$T/list.json" size)" "$RESV_BYTES"
	chk "json base" "$(jget "$T/list.json" base)" "$(cat "$d/base")"
	chk "json kind" "$(jget "$T/list.json" kind)" "$(cat "$d/kind")"
	chk "json chunk" "$(jget "$T/list.json" chunk_size)" "$(cat "$d/chunk_size")"
	chk "json mode" "$(jget "$T/list.json" cache_mode)" "$(cat "$d/cache_mode")"
	chk "json node" "$(jget "$T/list.json" numa_node)" "$(cat "$d/numa_node")"
	chk "json max" "$(jget "$T/list.json" max_fault)" "$(cat "$d/max_fault")"
	chk "json sizes" "$(jget "$T/list.json" fault_sizes_text)" "$(cat "$d/fault_sizes")"
	chk "json mappings" "$(jget "$T/list.json" mappings)" "$(cat "$d/stats/mappings")"
	finish list "$n region(s), table and --json match sysfs ($(cat "$d/fault_sizes"))"
fi

# ---- info ---------------------------------------------------------------
if want info; then
	d=$SYS/$R
	"$CTL" info $R --json >"$T/info.json" 2>&1; rc=$?
	chk "info rc" "$rc" 0
	jsonok "$T/info.json"
	chk "source" "$(jget "$T/info.json" source)" ioctl
	chk "size" "$(jget "$T/info.json" size)" "$(cat "$d/size")"
	chk "base" "$(jget "$T/info.json" base)" "$(cat "$d/base")"
	b=$(jget "$T/info.json" base)
	[ -n "$b" ] && [ "$b" != null ] && chk "base=RESV_BASE" "$((b))" "$((RESV_BASE))"
	chk "kind" "$(jget "$T/info.json" kind)" "$(cat "$d/kind")"
	chk "chunk" "$(jget "$T/info.json" chunk_size)" "$(cat "$d/chunk_size")"
	chk "mode" "$(jget "$T/info.json" cache_mode)" "$(cat "$d/cache_mode")"
	chk "node" "$(jget "$T/info.json" numa_node)" "$(cat "$d/numa_node")"
	chk "max" "$(jget "$T/info.json" max_fault)" "$(cat "$d/max_fault")"
	sizes=$(jget "$T/info.json" fault_sizes_text)
	chk "sizes" "$sizes" "$(cat "$d/fault_sizes")"
	chk "pmd_size" "$(jget "$T/info.json" pmd_size)" "$PMD_BYTES"
	case "$EXPECT_PUD:$EXPECT_PMD:$sizes" in
	1:1:"1G ${PMD_SIZE} "*) ;;
	0:1:"${PMD_SIZE} "*) ;;
	0:0:"$(fmtsize "$PAGE")") ;;
	*) errs="$errs; fault sizes '$sizes' with EXPECT_PUD=$EXPECT_PUD EXPECT_PMD=$EXPECT_PMD PMD_SIZE=$PMD_SIZE" ;;
	esac
	chk "mappings" "$(jget "$T/info.json" mappings)" "$(cat "$d/stats/mappings")"
	# sysfs-only view agrees
	"$CTL" info $R --sysfs --json >"$T/infos.json" 2>&1
	jsonok "$T/infos.json"
	for k in size base chunk_size cache_mode numa_node max_fault fault_sizes fault_sizes_text unavailable; do
		chk "sysfs $k" "$(jget "$T/infos.json" $k)" "$(jget "$T/info.json" $k)"
	done
	"$CTL" info /dev/$R >"$T/info.txt" 2>&1
	chk "text sizes" "$(sed -n 's/^entry sizes: *//p' "$T/info.txt")" "$(cat "$d/fault_sizes")"
	m=$("$LT" info $R) || errs="$errs; libtest: $m"
	finish info "ioctl, sysfs and text agree: $sizes, base $b; ${m#OK }"
fi

# ---- stats --------------------------------------------------------------
if want stats; then
	d=$SYS/$R
	"$CTL" stats $R --reset >/dev/null 2>&1
	"$LT" predict $R 0 "$PMD_SIZE" >/dev/null	# make counters non-zero
	"$CTL" stats $R --json >"$T/st.json" 2>&1; rc=$?
	chk "stats rc" "$rc" 0
	jsonok "$T/st.json"
	for k in pud_faults pmd_faults pte_faults pte_entries fallbacks mappings; do
		chk "$k" "$(jget "$T/st.json" $k)" "$(cat "$d/stats/$k")"
	done
	total=$(($(jget "$T/st.json" pud_faults) + $(jget "$T/st.json" pmd_faults) + $(jget "$T/st.json" pte_faults)))
	[ "$total" -gt 0 ] || errs="$errs; no faults counted after touching $PMD_SIZE"
	"$CTL" stats $R >"$T/st.txt"
	chk "text pmd" "$(sed -n 's/^pmd_faults *//p' "$T/st.txt")" "$(cat "$d/stats/pmd_faults")"
	"$CTL" stats $R --reset --json >"$T/st0.json" 2>&1; rc=$?
	chk "reset rc" "$rc" 0
	jsonok "$T/st0.json"
	for k in pud_faults pmd_faults pte_faults pte_entries fallbacks; do
		chk "reset $k" "$(jget "$T/st0.json" $k)" 0
		chk "sysfs reset $k" "$(cat "$d/stats/$k")" 0
	done
	finish stats "stats/--json match sysfs ($total faults), --reset zeroes them"
fi

# ---- map --touch of 1 GiB ------------------------------------------------
if want map; then
	d=$SYS/$R
	# expected faults for 1G and for 2 PMDs (the text case), the predicted entries
	epte=0 epmd2=2 epte2=0 ent2="pmd 2, pte 0" largest=$PMD_SIZE
	if [ "${EXPECT_PUD:-0}" = 1 ]; then
		epud=1 epmd=0 eent=$G
		pred1="\"pud_faults\": 1, \"pmd_faults\": 0, \"pte_faults\": 0"
	elif [ "$EXPECT_PMD" = 1 ]; then
		epud=0 epmd=$((G / PMD_BYTES)) eent=$PMD_BYTES
		pred1="\"pud_faults\": 0, \"pmd_faults\": $epmd, \"pte_faults\": 0"
	else
		# PTE only: the prediction counts entries, the stats count faults
		epud=0 epmd=0 epmd2=0 eent=$PAGE largest=$(fmtsize "$PAGE")
		epte=$((G / PAGE)) epte2=$((2 * PMD_BYTES / PAGE))
		if [ "$(cat /sys/module/hugemap/parameters/pte_batch 2>/dev/null)" = Y ]; then
			epte=$((G / PMD_BYTES)) epte2=2
		fi
		ent2="pmd 0, pte $((2 * PMD_BYTES / PAGE))"
		pred1="\"pud_faults\": 0, \"pmd_faults\": 0, \"pte_faults\": $((G / PAGE))"
	fi
	"$CTL" stats $R --reset >/dev/null 2>&1
	"$CTL" map $R --length 1G --touch --json >"$T/map.json" 2>&1; rc=$?
	chk "map rc" "$rc" 0
	jsonok "$T/map.json"
	pud=$(jget "$T/map.json" pud_faults) pmd=$(jget "$T/map.json" pmd_faults)
	pte=$(jget "$T/map.json" pte_faults)
	chk "reported pud" "$pud" "$epud"
	chk "reported pmd" "$pmd" "$epmd"
	chk "reported pte" "$pte" "$epte"
	chk "sysfs pud" "$(cat "$d/stats/pud_faults")" "$pud"
	chk "sysfs pmd" "$(cat "$d/stats/pmd_faults")" "$pmd"
	chk "sysfs pte" "$(cat "$d/stats/pte_faults")" "$pte"
	chk "touched pages" "$(jget "$T/map.json" touched_pages)" "$((G / PAGE))"
	pred=$(sed -n 's/^ *"predicted": *//p' "$T/map.json")
	chk "predicted" "$pred" "{\"entry_size\": $eent, $pred1},"
	ns=$(jget "$T/map.json" touch_wall_time_ns)
	# text output (a short range: TCG walks every page slowly)
	"$CTL" map $R --offset "$PMD_SIZE" --length "$((2 * PMD_BYTES))" --touch >"$T/map.txt" 2>&1
	grep -q "^faults (stats delta): pud 0, pmd $epmd2, pte $epte2," "$T/map.txt" ||
		errs="$errs; text: $(grep faults "$T/map.txt")"
	grep -q "^touch wall time: *[0-9.]* ms" "$T/map.txt" ||
		errs="$errs; no wall time line"
	grep -q "^predicted entries: *pud 0, $ent2 (largest $largest)" "$T/map.txt" ||
		errs="$errs; text: $(grep predicted "$T/map.txt")"
	chk "mappings after" "$(cat "$d/stats/mappings")" 0
	finish map "1 GiB --touch: pud $pud pmd $pmd pte $pte (stats delta = sysfs), wall ${ns}ns"
fi

# ---- the library maps with the entry size it predicts -------------------
if want predict; then
	pmd=$PMD_SIZE
	[ "$EXPECT_PMD" = 1 ] || pmd=$PAGE
	if [ "${EXPECT_PUD:-0}" = 1 ]; then big=1G; else big=$pmd; fi
	pt() { # pt NAME ARGS...
		n=$1; shift
		m=$("$LT" predict $R "$@" 2>&1)
		case $m in
		OK*) res "predict-$n" PASS "${m#OK }" ;;
		*) res "predict-$n" FAIL "${m#FAIL }" ;;
		esac
	}
	pt 1g 0 1G --expect-entry $big
	pt offset "$PMD_SIZE" 256M --expect-entry "$pmd"
	pt mixed "$((PMD_BYTES + PAGE))" "$((4 * PMD_BYTES))" --expect-entry "$pmd"
	pt tail 0 "$((G + PMD_BYTES + 3 * PAGE))" --expect-entry $big
	pt end "$((RESV_BYTES - PMD_BYTES))" 0 --expect-entry "$pmd"
	pt align 0 0 --align --expect-entry $big
	pt misalign 0 "$((4 * PMD_BYTES))" --misalign --expect-entry "$PAGE"
fi

# ---- permission message for a non-root user -----------------------------
if want perm; then
	node=/dev/$R
	mode=$(stat -c %a "$node" 2>/dev/null)
	chmod 0600 "$node"
	# nobody must reach the programs: an initramfs root made from a
	# mktemp -d directory is 0700
	opened=
	for dir in / "$(dirname "$D")" "$D"; do
		p=$(stat -c %a "$dir" 2>/dev/null) || continue
		case $p in *[1357]) ;; *) chmod o+x "$dir" && opened="$opened $dir:$p" ;; esac
	done
	out=$("$LT" asuser 65534 65534 "$CTL" info $R 2>&1); rc=$?
	chk "nobody info rc" "$rc" 1
	case $out in
	*"cannot open /dev/$R: permission denied"*) ;;
	*) errs="$errs; info message: $out" ;;
	esac
	m=$("$LT" perm $R) || errs="$errs; libtest: $m"
	out2=$("$LT" asuser 65534 65534 "$CTL" stats $R --reset 2>&1); rc=$?
	chk "nobody reset rc" "$rc" 1
	case $out2 in *"permission denied"*) ;; *) errs="$errs; reset message: $out2" ;; esac
	"$LT" asuser 65534 65534 "$CTL" list --json >"$T/nl.json" 2>&1; rc=$?
	chk "nobody list rc" "$rc" 0
	chk "nobody list base" "$(jget "$T/nl.json" base)" null
	chk "nobody list size" "$(jget "$T/nl.json" size)" "$(cat "$SYS/$R/size")"
	[ -n "$mode" ] && chmod "$mode" "$node"
	for x in $opened; do chmod "${x##*:}" "${x%:*}"; done
	finish perm "${out#hugemapctl: }"
fi

# ---- map mode and GUP state (issue 15): hugemapctl over libhugemap -----
# the default region is pfn mode: not GUP-capable, with a reason; where the
# kernel offers pages mode (EXPECT_PAGES) a :pages region reports it, by sysfs
# (hugemap_gup_read) and by the ioctl (info version 2)
if want gup && [ -n "$we_loaded" ]; then
	"$CTL" info $R --json --sysfs >"$T/g0.json" 2>&1
	jsonok "$T/g0.json"
	chk "pfn map_mode" "$(jget "$T/g0.json" map_mode)" pfn
	chk "pfn gup" "$(jget "$T/g0.json" gup)" false
	reason=$(sed -n 's/^ *"gup_unavailable": \["\(.*\)"\],$/\1/p' "$T/g0.json")
	chk "pfn reason" "$reason" "$(head -n 1 "$SYS/$R/gup_unavailable")"
	[ -n "$reason" ] || errs="$errs; pfn region without a gup_unavailable reason"
	msg="pfn: $reason"
	if [ "${EXPECT_PAGES:-0}" != 0 ]; then
		if ! rmmod hugemap 2>"$T/rmmod.err"; then
			errs="$errs; rmmod: $(cat "$T/rmmod.err")"
		elif ! out=$(insmod "$KO" "regions=${RESV_SIZE}@${RESV_BASE}:pages" 2>&1); then
			we_loaded=
			errs="$errs; insmod :pages: $out"
		else
			i=0
			while [ ! -c /dev/$R ] && [ $i -lt 50 ]; do usleep 100000 2>/dev/null || sleep 1; i=$((i + 1)); done
			[ -c /dev/$R ] || { mm=$(cat "$SYS/$R/dev"); mknod /dev/$R c "${mm%%:*}" "${mm##*:}"; }
			for src in sysfs ioctl; do
				if [ $src = sysfs ]; then
					"$CTL" info $R --json --sysfs >"$T/g1.json" 2>&1
				else
					"$CTL" info $R --json >"$T/g1.json" 2>&1
				fi
				jsonok "$T/g1.json"
				chk "$src map_mode" "$(jget "$T/g1.json" map_mode)" pages
				chk "$src gup" "$(jget "$T/g1.json" gup)" true
				chk "$src memmap" "$(jget "$T/g1.json" memmap_bytes)" "$(cat "$SYS/$R/memmap_bytes")"
				chk "$src busy" "$(jget "$T/g1.json" busy)" false
				chk "$src refs" "$(jget "$T/g1.json" page_refs)" 0
			done
			chk "ioctl version" "$(jget "$T/g1.json" version)" 2
			"$CTL" info $R >"$T/g1.txt" 2>&1
			grep -q "^map mode: *pages (GUP-capable" "$T/g1.txt" ||
				errs="$errs; text info: $(grep '^map mode' "$T/g1.txt")"
			msg="$msg; pages: $(sed -n 's/^map mode: *//p' "$T/g1.txt")"
			rmmod hugemap 2>/dev/null
			if ! out=$(insmod "$KO" "regions=${RESV_SIZE}@${RESV_BASE}" 2>&1); then
				we_loaded=
				errs="$errs; reload: $out"
			fi
		fi
	fi
	finish gup "$msg"
fi

# ---- an alloc= region (chunks): reload with one, if we loaded the module -
if want alloc && [ -n "$we_loaded" ]; then
	A=hugemap1
	if ! rmmod hugemap 2>"$T/rmmod.err"; then
		errs="$errs; rmmod: $(cat "$T/rmmod.err")"
	elif ! out=$(insmod "$KO" "regions=${RESV_SIZE}@${RESV_BASE}" alloc=64M 2>&1); then
		we_loaded=
		errs="$errs; insmod alloc=64M: $out"
	else
		i=0
		while [ ! -c /dev/$A ] && [ $i -lt 50 ]; do usleep 100000 2>/dev/null || sleep 1; i=$((i + 1)); done
		[ -c /dev/$A ] || { mm=$(cat "$SYS/$A/dev"); mknod /dev/$A c "${mm%%:*}" "${mm##*:}"; }
		d=$SYS/$A
		chk "kind" "$(cat "$d/kind")" alloc
		"$CTL" list --json >"$T/la.json" 2>&1
		jsonok "$T/la.json"
		chk "regions" "$(grep -c '"device":' "$T/la.json")" 2
		"$CTL" info $A --json >"$T/ia.json" 2>&1
		jsonok "$T/ia.json"
		chk "info kind" "$(jget "$T/ia.json" kind)" alloc
		chk "info base" "$(jget "$T/ia.json" base)" 0x0
		chk "info size" "$(jget "$T/ia.json" size)" 67108864
		chunk=$(cat "$d/chunk_size")
		chk "info chunk" "$(jget "$T/ia.json" chunk_size)" "$chunk"
		chk "info sizes" "$(jget "$T/ia.json" fault_sizes_text)" "$(cat "$d/fault_sizes")"
		# PMD entries only if a chunk holds one (and the kernel has them)
		if [ "$chunk" -ge "$PMD_BYTES" ] && [ "$EXPECT_PMD" = 1 ]; then e=$PMD_SIZE; else e=$PAGE; fi
		# an offset and a length inside the 64M region (a 512M PMD is not)
		aoff=$PMD_BYTES alen=$((2 * PMD_BYTES))
		[ "$aoff" -le 33554432 ] || aoff=16777216
		[ "$alen" -le 67108864 ] || alen=33554432
		for args in "0 64M" "$aoff 0" "0 0 --align" "0 $alen --misalign"; do
			m=$("$LT" predict $A $args 2>&1) || errs="$errs; predict $args: ${m#FAIL }"
		done
		m=$("$LT" predict $A 0 64M --expect-entry "$e" 2>&1) ||
			errs="$errs; expect $e: ${m#FAIL }"
	fi
	finish alloc "64M alloc region, chunk $chunk ($(cat "$SYS/$A/fault_sizes" 2>/dev/null)): ${m#OK }"
fi

cleanup
exit 0
