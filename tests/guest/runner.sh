#!/bin/sh
# hugemap guest test runner (busybox sh).  Started by /init as /tests/runner.sh.
# Prints exactly one line per case: "HMTEST <case-id> PASS|FAIL <text>".
# Environment: /etc/hugemap-target (TARGET ARCH KVER EXPECT_PUD PMD_SIZE RESV_BASE
# RESV_SIZE IVSHMEM_SIZE BLOCKDEV CASES ...), the module /hugemap.ko, and
# /tests/hmtest (built by make -C tests/guest).
# Dry run on a host: HM_DRYRUN=1 HM_TARGET_FILE=f HM_BIN=path sh runner.sh

export PATH=/bin:/sbin:/usr/bin:/usr/sbin:$PATH
T=$(cd "$(dirname "$0")" && pwd)
HM=${HM_BIN:-$T/hmtest}
KO=${HM_KO:-/hugemap.ko}
TGT=${HM_TARGET_FILE:-/etc/hugemap-target}
TMP=${TMPDIR:-/tmp}
ALL_CASES="c01-entry-size c01-max-pmd c01-max-pte c01-pte-nobatch c02-alignment c03-integrity c04-fork
c05-munmap c05b-mremap-phase c05c-two-process c06-mprotect c07-madvise c08-concurrency c08b-walkers c09-refusals c10-lifetime
c10-params c11-thp-never c12-info c13-device-mem c14-alloc c15-lib c16-stress"
BADRE='BUG|WARNING|Oops|bad pud|bad pmd|Call Trace|general protection|Unable to handle|RIP: |refcount_t|list_del corruption'

mkdir -p "$TMP"
if [ ! -r "$TGT" ]; then
    for c in $ALL_CASES; do echo "HMTEST $c FAIL $TGT missing"; done
    exit 0
fi
. "$TGT"
[ -e /proc/self ] || mount -t proc proc /proc
[ -e /sys/class ] || mount -t sysfs sysfs /sys

case $ARCH in
    amd64|x86_64) IS_X86=1; ARCHN=x86_64 ;;
    *) IS_X86=0; ARCHN=aarch64 ;;
esac

# ---------------------------------------------------------------- helpers
bytes() { "$HM" size "$1"; }
hexb() { printf '0x%x' "$1"; }

RESV_BYTES=$(bytes "$RESV_SIZE")
RESV_B=$(bytes "$RESV_BASE")
PMD_B=$(bytes "$PMD_SIZE")
REGION="$RESV_SIZE@$RESV_BASE"

want() {
    local w
    [ -z "$CASES" ] && return 0
    for w in $CASES; do [ "$w" = "$1" ] && return 0; done
    return 1
}

# state of the running case
CASE= FAILS= FIGS= PASSED=0 SEQ=0
fail() { FAILS="${FAILS:+$FAILS; }$*"; }
ok() { PASSED=1; FIGS="${FIGS:+$FIGS; }$*"; }

# load PARAMS...: insmod and wait for /dev/hugemap0; sets LOADRES (OK or errno)
load() {
    LOADRES=$("$HM" modload "$KO" "$@" 2>&1)
    [ "$LOADRES" = OK ] || return 1
    devnodes
    return 0
}

# make sure /dev/hugemapN exists for every /sys/class/hugemap/hugemapN
devnodes() {
    local s n i mm
    for s in /sys/class/hugemap/hugemap*; do
        [ -e "$s/dev" ] || continue
        n=${s##*/}
        i=0
        while [ ! -c "/dev/$n" ] && [ $i -lt 50 ]; do usleep 100000 2>/dev/null || sleep 1; i=$((i + 1)); done
        if [ ! -c "/dev/$n" ]; then
            mm=$(cat "$s/dev")
            mknod "/dev/$n" c "${mm%%:*}" "${mm##*:}" && echo "# made /dev/$n by hand" >&2
        fi
    done
}

loaded() { grep -q '^hugemap ' /proc/modules 2>/dev/null; }

# unload: rmmod if loaded; returns non-zero if it stays loaded
unload() {
    local i r
    loaded || return 0
    i=0
    while [ $i -lt 5 ]; do
        r=$("$HM" modunload hugemap 2>&1)
        [ "$r" = OK ] && return 0
        i=$((i + 1)); sleep 1
    done
    UNLOADRES=$r
    return 1
}

leftovers() {
    local l f
    l=
    for f in /dev/hugemap* /sys/class/hugemap/hugemap*; do [ -e "$f" ] && l="$l $f"; done
    echo "$l"
}

# pstate PID: process state letter from /proc (empty if gone)
pstate() {
    local st
    st=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
    st=${st##*) }
    echo "${st%% *}"
}

# run SECS SUBCMD ARGS...: run hmtest with a deadline; sets OUT (result text), returns 0 on PASS.
# A program stuck in the kernel (e.g. after an Oops, state D) cannot be killed: it is
# abandoned after SECS+20 s so the remaining cases still report.
run() {
    local secs rc line pid n st
    secs=$(( $1 * ${SLOW_FACTOR:-1} )); shift
    "$HM" "$@" >"$TMP/hm.out" &
    pid=$!
    n=0 rc=
    while :; do
        st=$(pstate $pid)
        if [ -z "$st" ] || [ "$st" = Z ]; then
            wait $pid
            rc=$?
            break
        fi
        [ $n -eq "$secs" ] && kill -9 $pid 2>/dev/null
        if [ $n -ge $((secs + 20)) ]; then
            OUT="hmtest $1 stuck in state $st ${n}s after start, abandoned: $(tail -n 1 "$TMP/hm.out")"
            return 1
        fi
        sleep 1
        n=$((n + 1))
    done
    line=$(grep -E '^(PASS|FAIL)( |$)' "$TMP/hm.out" | tail -n 1)
    if [ $rc -eq 137 ] && [ -z "$line" ] && [ $n -ge "$secs" ]; then
        OUT="hmtest $1 killed after ${secs}s (timeout)"
        return 1
    elif [ $rc -gt 128 ]; then
        OUT="hmtest $1 died with signal $((rc - 128))${line:+ after: $line}"
        return 1
    elif [ -z "$line" ]; then
        OUT="hmtest $1 exit $rc without a result line"
        return 1
    fi
    OUT=${line#* }
    [ "${line%% *}" = PASS ] && [ $rc -eq 0 ]
}

# run and record: PASS -> ok figures, FAIL -> fail reason
check() {
    if run "$@"; then ok "$OUT"; else fail "$OUT"; fi
}

begin() {
    CASE=$1 FAILS= FIGS= PASSED=0
    echo "# ---- $CASE" >&2
    unload || true
    SEQ=$("$HM" kmsg-next)
}

end() {
    local bad res
    unload || fail "rmmod at end of case: ${UNLOADRES:-?}"
    bad=$("$HM" kmsg-since "$SEQ" | grep -E "$BADRE" | head -n 3 | tr '\n' '|')
    [ -z "$bad" ] || fail "kernel log: $bad"
    if [ -z "$FAILS" ] && [ $PASSED = 1 ]; then
        res="HMTEST $CASE PASS $FIGS"
    else
        [ -n "$FAILS" ] || FAILS="no result"
        res="HMTEST $CASE FAIL $FAILS"
    fi
    res=$(printf '%s' "$res" | tr '\n\r' '  ')
    printf '%s\n' "$res"
}

load_or_fail() {
    if load "$@"; then return 0; fi
    fail "insmod $*: $LOADRES"
    return 1
}

# ---------------------------------------------------------------- cases
c01() { # MODE [extra insmod params]
    local mode secs
    mode=$1; shift
    load_or_fail "regions=$REGION" "$@" || return
    secs=300; [ "$mode" = pte ] && secs=900
    check $secs c01 0 "$mode" "$EXPECT_PUD" "$PMD_SIZE" "$ARCHN" "${EXPECT_PMD:-1}"
}

case_c01_entry_size() { c01 pud; }
case_c01_max_pmd() { c01 pmd max_fault=pmd; }
case_c01_max_pte() { c01 pte max_fault=pte; }
case_c01_pte_nobatch() { c01 pte max_fault=pte pte_batch=0; }

case_c02_alignment() {
    load_or_fail "regions=$REGION" || return
    check 600 c02 0 "$RESV_BASE" "$PMD_SIZE" "$EXPECT_PUD" "${EXPECT_PMD:-1}"
}

# the module parameter of the region a case body tests: LOADPARAM (alloc=...:pages for
# the a* cases of pages-cases.sh), else regions=$REGION
rparam() { echo "${LOADPARAM:-regions=$REGION}"; }

simple() { # SUBCMD SECS [args]
    local sub secs
    sub=$1 secs=$2; shift 2
    load_or_fail "$(rparam)" || return
    check "$secs" "$sub" 0 "$PMD_SIZE" "$@"
}
case_c03_integrity() { simple c03 300; }
case_c04_fork() { simple c04 300; }
case_c05_munmap() { simple c05 300; }
case_c05b_mremap_phase() { simple c05b 600; }
case_c05c_two_process() { simple c05c 300; }
case_c06_mprotect() { simple c06 600; }
case_c07_madvise() { simple c07 300; }
case_c08_concurrency() { simple c08 600 8 20; }
# no_block_driver: as in tests/vm/init: why this kernel has no block device, or nothing
no_block_driver() {
    local m
    for m in loop ramdisk virtblk sd; do
        sed -n '/^Block devices:/,$p' /proc/devices | grep -q " $m\$" && return 0
    done
    for m in loop brd virtio_blk; do [ -e /sys/module/$m ] && return 0; done
    ls -d /sys/block/loop* /sys/block/ram* /sys/block/vd* /sys/block/sd* >/dev/null 2>&1 && return 0
    [ ! -e /dev/loop-control ] || return 0
    echo "kernel $(uname -r) has no loop, brd, virtio_blk or SATA disk driver (no loop/ramdisk/virtblk/sd major in /proc/devices, none in /sys/module or /sys/block)"
}

case_c08b_walkers() {
    local na
    if [ -z "$BLOCKDEV" ]; then
        # O_DIRECT needs a block device: not run only where the kernel truly has no
        # block driver (checked again here), and the result line says so
        na=$(no_block_driver)
        if [ -z "$na" ]; then
            fail "no BLOCKDEV although the kernel has a block driver (/init found none: ${BLOCKDEV_NA:-?})"
        else
            simple c08b 300 "none:$na"
            return
        fi
    elif [ ! -b "$BLOCKDEV" ]; then
        fail "BLOCKDEV '$BLOCKDEV' is not a block device"
    fi
    simple c08b 300 "${BLOCKDEV:-/nonexistent}"
}
case_c09_refusals() { simple c09 120; }

case_c10_lifetime() {
    load_or_fail "regions=$REGION" || return
    figs=
    for how in fd map; do
        rm -f "$TMP/hold.ready" "$TMP/hold.release"
        timeout -s KILL $((120 * ${SLOW_FACTOR:-1})) "$HM" hold 0 "$how" "$TMP/hold.ready" "$TMP/hold.release" >"$TMP/hold.out" &
        hpid=$!
        i=0
        while [ ! -e "$TMP/hold.ready" ] && [ $i -lt 300 ]; do usleep 100000; i=$((i + 1)); done
        if [ ! -e "$TMP/hold.ready" ]; then
            fail "hold $how did not get ready: $(cat "$TMP/hold.out")"
        else
            r=$("$HM" modunload hugemap)
            if [ "$r" = OK ]; then
                fail "rmmod with a live $how succeeded"
            else
                loaded || fail "module gone after refused rmmod ($how)"
                figs="$figs rmmod-with-$how=$r"
            fi
        fi
        touch "$TMP/hold.release"
        wait $hpid
        grep -q '^PASS' "$TMP/hold.out" || fail "hold $how: $(cat "$TMP/hold.out")"
        loaded || { load_or_fail "regions=$REGION" || return; }
    done
    r=$("$HM" modunload hugemap)
    if [ "$r" != OK ]; then
        fail "rmmod after unmap/close: $r"
        return
    fi
    l=$(leftovers)
    [ -z "$l" ] || fail "left after rmmod:$l"
    n=0 cyc_fail=
    while [ $n -lt 50 ]; do
        if ! load "regions=$REGION"; then cyc_fail="insmod #$n: $LOADRES"; break; fi
        if [ ! -c /dev/hugemap0 ] || [ ! -e /sys/class/hugemap/hugemap0/size ]; then
            cyc_fail="cycle $n: /dev/hugemap0 or sysfs missing"; break
        fi
        r=$("$HM" modunload hugemap)
        [ "$r" = OK ] || { cyc_fail="rmmod #$n: $r"; break; }
        l=$(leftovers)
        [ -z "$l" ] || { cyc_fail="cycle $n left:$l"; break; }
        n=$((n + 1))
    done
    [ -z "$cyc_fail" ] || fail "$cyc_fail"
    [ -n "$FAILS" ] || ok "${figs# }; rmmod after unmap OK; $n insmod/rmmod cycles clean"
}

# bad_param LABEL ITEMTEXT PARAMS...: insmod must fail with EINVAL/EBUSY and log one line naming ITEMTEXT
bad_param() {
    local label item s r nl l
    label=$1 item=$2; shift 2
    s=$("$HM" kmsg-next)
    r=$("$HM" modload "$KO" "$@" 2>&1)
    if [ "$r" = OK ]; then
        unload
        fail "$label ($*) loaded"
        return
    fi
    case $r in EINVAL|EBUSY) ;; *) fail "$label ($*): $r, expected EINVAL or EBUSY" ;; esac
    "$HM" kmsg-since "$s" | grep -v -E 'taints kernel|tainting kernel' >"$TMP/pl.log"
    nl=$(wc -l <"$TMP/pl.log")
    if [ "$nl" -ne 1 ]; then
        fail "$label: $nl log lines: $(head -n 3 "$TMP/pl.log" | tr '\n' '|')"
    elif ! grep -q -F -- "$item" "$TMP/pl.log"; then
        fail "$label: log line does not name \"$item\": $(cat "$TMP/pl.log")"
    fi
    l=$(leftovers)
    [ -z "$l" ] || fail "$label left$l"
    PFIGS="$PFIGS $label=$r"
}

# iomem_pick KIND: print "START END" of a suitable /proc/iomem range
iomem_pick() {
    local page
    page=$("$HM" pagesize)
    if [ "$1" = ram ]; then
        grep -E '^[0-9a-f]+-[0-9a-f]+ : System RAM' /proc/iomem
    elif [ "$1" = busy-small ]; then
        # 64K pages: claimed ranges are often smaller than a page (virtio-pci-modern's 16K);
        # one page from a page-aligned start still overlaps it
        grep -E '^ +[0-9a-f]+-[0-9a-f]+ : ' /proc/iomem |
            grep -v -i -E 'System RAM|Kernel|reserved|PCI Bus|PCI ECAM|pcie@|ACPI|hugemap|Crash|IOAPIC|HPET|Local APIC|PCI MMCONFIG|0000:|ivshmem|video ROM|System ROM|Adapter ROM|GICD|GICR'
    else
        # a nested (claimed) resource of a driver
        grep -E '^ +[0-9a-f]+-[0-9a-f]+ : ' /proc/iomem |
            grep -v -i -E 'System RAM|Kernel|reserved|PCI Bus|PCI ECAM|pcie@|ACPI|hugemap|Crash|IOAPIC|HPET|Local APIC|PCI MMCONFIG|0000:|ivshmem|video ROM|System ROM|Adapter ROM|GICD|GICR'
    fi | while read -r range rest; do
        s=$((0x${range%-*})); e=$((0x${range#*-}))
        a=$(( (s + 2097151) / 2097152 * 2097152 ))
        if [ "$1" = ram ]; then
            [ $((a + 2097152)) -le $((e + 1)) ] && { echo "$a 2097152 $rest"; break; }
        else
            [ $((s % page)) -eq 0 ] && { [ $((e + 1 - s)) -ge "$page" ] || [ "$1" = busy-small ]; } &&
                { echo "$s $page $rest"; break; }
        fi
    done
}

case_c10_params() {
    PFIGS=
    rb=$RESV_B
    bad_param zero-size "0@$RESV_BASE" "regions=0@$RESV_BASE"
    bad_param unaligned-size "4097@$RESV_BASE" "regions=4097@$RESV_BASE"
    ub=$(hexb $((rb + 2048)))
    bad_param unaligned-base "1G@$ub" "regions=1G@$ub"
    ob=$(hexb $((rb + 536870912)))
    bad_param overlap "1G@$ob" "regions=1G@$RESV_BASE,1G@$ob"
    set -- $(iomem_pick ram)
    if [ -n "$1" ]; then
        it="2M@$(hexb "$1")"
        bad_param system-ram "$it" "regions=$it"
    else
        fail "no System RAM range found in /proc/iomem"
    fi
    set -- $(iomem_pick busy)
    [ -n "$1" ] || set -- $(iomem_pick busy-small)
    if [ -n "$1" ]; then
        it="$2@$(hexb "$1")"
        shift 3
        echo "# busy range $it: $*" >&2
        bad_param "busy($*)" "$it" "regions=$it"
    else
        fail "no claimed driver range found in /proc/iomem"
        { echo "# /proc/iomem:"; sed 's/^/#   /' /proc/iomem; } >&2
    fi
    bad_param cache-mode "1G@$RESV_BASE:xx" "regions=1G@$RESV_BASE:xx"
    bad_param unparsable "banana" "regions=banana"
    bad_param max-fault "max_fault" "regions=$REGION" "max_fault=huge"
    bad_param alloc-0 "alloc" "alloc=0"
    [ -n "$FAILS" ] || ok "${PFIGS# }"
}

case_c11_thp_never() {
    f=/sys/kernel/mm/transparent_hugepage/enabled
    if [ ! -e "$f" ]; then
        fail "$f does not exist"
        return
    fi
    old=$(sed -n 's/.*\[\(.*\)\].*/\1/p' "$f")
    if ! echo never >"$f"; then
        fail "cannot write never to $f"
        return
    fi
    now=$(sed -n 's/.*\[\(.*\)\].*/\1/p' "$f")
    [ "$now" = never ] || fail "$f reads [$now] after writing never"
    ${C11_BODY:-c01 pud}
    unload || true
    echo "$old" >"$f"
    now=$(sed -n 's/.*\[\(.*\)\].*/\1/p' "$f")
    [ "$now" = "$old" ] || fail "could not restore $f to $old (reads $now)"
    FIGS="thp=never (was $old): $FIGS"
}

case_c12_info() {
    load_or_fail "regions=$REGION" || return
    check 300 c12 0 "$RESV_SIZE" "$RESV_BASE" "$PMD_SIZE" "$EXPECT_PUD"
}

# pat_check BASE SIZE MODE: on x86 the PAT memtype the kernel recorded for the region
# (what vmf_insert_pfn* applies to the user entries) is MODE's; sets PATRES
pat_check() {
    local f=/sys/kernel/debug/x86/pat_memtype_list want lines bad
    if [ "$IS_X86" != 1 ]; then
        PATRES="memtype not checked (arm64: no PAT memtype list)"
        return 0
    fi
    [ -e "$f" ] || mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
    if [ ! -r "$f" ]; then
        PATRES="no $f"
        return 1
    fi
    case $3 in wc) want=write-combining ;; uc) want=uncached-minus ;; *) want=write-back ;; esac
    # "PAT: [mem 0x...-0x...] TYPE" from 5.6 (and RHEL 8), "TYPE @ 0x...-0x..." before (4.14)
    lines=$(grep -i -e "\[mem 0x$(printf '%016x' "$1")-0x$(printf '%016x' $(($1 + $2)))\]" \
        -e "@ 0x$(printf '%x' "$1")-0x$(printf '%x' $(($1 + $2)))\$" "$f")
    bad=$(echo "$lines" | grep -v -e " $want\$" -e "^$want @ ")
    if [ -z "$lines" ] || [ -n "$bad" ]; then
        PATRES="PAT memtype of the region: '${lines:-none}', expected $want"
        return 1
    fi
    PATRES="PAT memtype $want ($(echo "$lines" | wc -l) entries)"
}

case_c13_device_mem() {
    dev=
    for d in /sys/bus/pci/devices/*; do
        [ "$(cat "$d/vendor" 2>/dev/null):$(cat "$d/device" 2>/dev/null)" = "0x1af4:0x1110" ] && dev=$d
    done
    if [ -z "$dev" ]; then
        fail "no ivshmem-plain device (1af4:1110)"
        return
    fi
    set -- $(sed -n 3p "$dev/resource")
    s=$(($1)); e=$(($2))
    if [ "$s" -eq 0 ] || [ "$e" -le "$s" ]; then
        fail "ivshmem ${dev##*/} BAR2 not assigned: $(sed -n 3p "$dev/resource")"
        return
    fi
    size=$((e - s + 1))
    if [ -n "$IVSHMEM_SIZE" ] && [ "$size" -ne "$(bytes "$IVSHMEM_SIZE")" ]; then
        fail "BAR2 size $size, IVSHMEM_SIZE=$IVSHMEM_SIZE"
    fi
    # memory decoding: enable the device (no driver binds ivshmem-plain)
    [ "$(cat "$dev/enable" 2>/dev/null)" != 0 ] || echo 1 >"$dev/enable" 2>/dev/null ||
        echo "# could not enable ${dev##*/}" >&2
    for mode in uc wc; do
        if load "regions=$size@$(hexb "$s"):$mode"; then
            if ! pat_check "$s" "$size" "$mode"; then
                fail "$mode: $PATRES"
            elif run 300 devmem 0 "$mode" "$PMD_SIZE"; then
                ok "$OUT; $PATRES"
            else
                fail "$mode: $OUT"
            fi
            unload || fail "rmmod ($mode): $UNLOADRES"
        else
            fail "insmod regions=$size@$(hexb "$s"):$mode: $LOADRES"
        fi
    done
}

case_c14_alloc() {
    for spec in 64M 64M@0; do
        if load "alloc=$spec"; then
            node=
            case $spec in *@*) node=${spec#*@} ;; esac
            if run 300 alloc 0 "$PMD_SIZE" 64M $node; then
                ok "alloc=$spec: $OUT"
            else
                fail "alloc=$spec: $OUT"
            fi
            unload || fail "rmmod (alloc=$spec): $UNLOADRES"
        else
            fail "insmod alloc=$spec: $LOADRES"
        fi
    done
}

# c14b-alloc-1g (PUD targets): alloc=1G, PFN mode.  Where the kernel exports
# alloc_contig_pages() (7.x) the region is one 1 GiB chunk and maps with a PUD (that path
# oopsed without a node given before 2026-12-04: NUMA_NO_NODE reached the zonelist lookup);
# elsewhere buddy chunks, and fault_sizes/unavailable must say so.
[ "$EXPECT_PUD" != 1 ] || ALL_CASES="$ALL_CASES c14b-alloc-1g"
case_c14b_alloc_1g() {
    load_or_fail "alloc=1G" || return
    if [ "$(cat /sys/class/hugemap/hugemap0/chunk_size)" = 1073741824 ] &&
       ! grep -q '^1G ' /sys/class/hugemap/hugemap0/fault_sizes; then
        fail "1 GiB chunk but fault_sizes '$(cat /sys/class/hugemap/hugemap0/fault_sizes)'"
    fi
    check 300 alloc 0 "$PMD_SIZE" 1G
}

# cases in their own files (each appends to ALL_CASES)
[ -f "$T/input-cases.sh" ] && . "$T/input-cases.sh"
[ -f "$T/pages-cases.sh" ] && . "$T/pages-cases.sh"
# c16-stress: random operations against a model (stress.c), a fresh seed per run.
# /etc/hugemap-target may set STRESS_SECONDS (total guest seconds, default 60),
# STRESS_CHUNK (seconds per seed, default 120: a long run is many seeds),
# STRESS_SEED (replay: the first run uses it), STRESS_OPS (stop after N ops) and
# STRESS_SKIP (op names not run, e.g. to soak past a known bug; reported in the result).
case_c16_stress() {
    local total chunk left n s seedarg
    total=${STRESS_SECONDS:-60} chunk=${STRESS_CHUNK:-120}
    [ "$total" -gt "$chunk" ] || chunk=$total
    load_or_fail "$(rparam)" || return
    left=$total n=0
    while [ "$left" -gt 0 ]; do
        s=$chunk
        [ "$s" -le "$left" ] || s=$left
        seedarg=
        [ -z "$STRESS_SEED" ] || [ $n -ne 0 ] || seedarg="--seed $STRESS_SEED"
        rm -f "$TMP/stress-ops.log"
        if run $((s + 180)) stress 0 "$PMD_SIZE" --seconds "$s" $seedarg ${STRESS_OPS:+--ops "$STRESS_OPS"} ${STRESS_SKIP:+--skip "$STRESS_SKIP"} \
                --ko "$KO" --params "$(rparam)" ${BLOCKDEV:+--blockdev "$BLOCKDEV"} \
                --oplog "$TMP/stress-ops.log"; then
            echo "# c16-stress run $n: $OUT" >&2
            if [ "$total" -gt "$chunk" ]; then ok "${OUT%%;*}"; else ok "$OUT"; fi
        else
            # the op log outlives a process stuck in the kernel (Oops): its last lines
            # are the reproducer together with the seed
            echo "# c16-stress run $n: last operations:" >&2
            tail -n 30 "$TMP/stress-ops.log" 2>/dev/null | sed 's/^/#   /' >&2
            fail "run $n: $OUT; last op: $(tail -n 1 "$TMP/stress-ops.log" 2>/dev/null)"
            break
        fi
        left=$((left - s)) n=$((n + 1))
        loaded || load_or_fail "$(rparam)" || return
    done
    [ "$n" -le 1 ] || FIGS="$n seeds, ${total}s: $FIGS"
}

# ---------------------------------------------------------------- main
echo "# hugemap guest runner: target=$TARGET arch=$ARCH kernel=$(uname -r) expect_pud=$EXPECT_PUD pmd=$PMD_SIZE region=$REGION blockdev=$BLOCKDEV" >&2
if [ ! -x "$HM" ]; then
    for c in $ALL_CASES; do want "$c" && echo "HMTEST $c FAIL $HM missing"; done
    exit 0
fi
if [ ! -f "$KO" ]; then
    for c in $ALL_CASES; do
        [ "$c" = c15-lib ] && continue
        want "$c" && echo "HMTEST $c FAIL $KO missing"
    done
fi

for c in $ALL_CASES; do
    want "$c" || continue
    if [ "$c" = c15-lib ]; then
        if [ -f "$T/lib/run.sh" ]; then
            timeout -s KILL $((600 * ${SLOW_FACTOR:-1})) sh "$T/lib/run.sh"
            rc=$?
            [ $rc -eq 0 ] || echo "# lib/run.sh exit $rc" >&2
            [ $rc -ne 137 ] || echo "HMTEST c15-lib FAIL lib/run.sh killed after $((600 * ${SLOW_FACTOR:-1}))s"
        else
            echo "HMTEST c15-lib FAIL libhugemap tests missing"
        fi
        continue
    fi
    [ -f "$KO" ] || continue
    fn=case_$(echo "$c" | tr '-' '_')
    begin "$c"
    if [ -n "$HM_DRYRUN" ]; then
        fail "dry run"
    else
        $fn
    fi
    end
done
unload || true
echo "# hugemap guest runner done" >&2
