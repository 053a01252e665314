#!/bin/sh
# bench/guest.sh: guest side of bench/run (installed as /tests/runner.sh in the initramfs,
# run by tests/vm/init).  What to run comes from the kernel command line:
#   hmbench.group=main|hugetlb|devdax|scale|populate  hmbench.sizes=1,4 (GiB)
#   hmbench.base=0x100000000 (reserved region)  hmbench.region=4 (GiB reserved)
#   hmbench.scale=pud:64G,pmd:256G,...
#   hmbench.only=hugemap,devmem,thp,hugetlbfs-1g,hugetlbfs-2m (cases of the group; default all)
# Prints HMBENCH lines (hmbench) and HMBENCH-INFO / HMBENCH-SKIP lines.
# Entry sizes follow the base page size P (4K on x86 and arm64 4K, 16K on arm64 16K):
# P/8 entries per table, so PTE = P, PMD = P*P/8 (2M or 32M), PUD = PMD*P/8 (1G or 64G);
# case labels carry the real size (thp-2m / thp-32m, devmem-4k / devmem-16k).
B=/tests/hmbench
arg() { tr ' ' '\n' </proc/cmdline | sed -n "s/^hmbench\.$1=//p" | tail -n 1; }
group=$(arg group); sizes=$(arg sizes | tr ',' ' '); base=$(arg base); region=$(arg region)
only=$(arg only)
want() { [ -z "$only" ] || case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
info() { echo "HMBENCH-INFO $*"; }
skip() { echo "HMBENCH-SKIP $*"; }
info "group=$group kernel=$(uname -r) cmdline=$(cat /proc/cmdline)"
page=$($B pagesize)
case $(uname -m) in
    x86_64) grep -q pdpe1gb /proc/cpuinfo && info "cpu: pdpe1gb" || info "cpu: no pdpe1gb" ;;
    *) info "cpu: $(uname -m) page_size=$page" ;;
esac
dmesg -n 1 2>/dev/null

# hsize BYTES: 4K, 2M, 1G, 64G, ... (largest exact unit)
hsize() {
    for u in T:40 G:30 M:20 K:10; do
        sh=${u#*:}
        if [ $(($1 % (1 << sh))) -eq 0 ]; then echo "$(($1 >> sh))${u%:*}"; return; fi
    done
    echo "$1"
}
lc() { echo "$1" | tr 'A-Z' 'a-z'; }
pte_b=$page pmd_b=$((page * page / 8)) pud_b=$((page * page / 8 * page / 8))
entry_of() { case $1 in pud) hsize $pud_b ;; pmd) hsize $pmd_b ;; pte) hsize $pte_b ;; esac; }
hm_load() {  # hm_load REGIONS MAX_FAULT [PTE_BATCH]
    rmmod hugemap 2>/dev/null
    if ! insmod /hugemap.ko regions="$1" max_fault="$2" pte_batch="${3:-Y}" 2>/tmp/insmod.err; then
        skip "hugemap insmod regions=$1 max_fault=$2 pte_batch=${3:-Y}: $(cat /tmp/insmod.err) $(dmesg | grep hugemap | tail -n 2 | tr '\n' ' ')"
        return 1
    fi
    i=0; while [ ! -e /dev/hugemap0 ] && [ $i -lt 20 ]; do sleep 0.2; i=$((i + 1)); done
    d=/sys/class/hugemap/hugemap0
    info "hugemap max_fault=$2 fault_sizes=$(cat $d/fault_sizes) unavailable=$(cat $d/unavailable | tr '\n' ';')"
    # no entries of that size on this kernel (arm64: no PUD for hugemap): the driver would
    # fall back to the next size, a duplicate of the smaller case under a wrong label
    case " $(cat $d/fault_sizes) " in *" $(entry_of "$2") "*) ;; *)
        skip "hugemap regions=$1 max_fault=$2: no $(entry_of "$2") entries on this kernel (fault_sizes=$(cat $d/fault_sizes); unavailable=$(cat $d/unavailable | tr '\n' ';')): it would map with the next smaller size"
        rmmod hugemap 2>/dev/null
        return 1 ;;
    esac
    return 0
}

# devdax_setup: memmap=SIZE!BASE gives legacy e820 pmem -> namespace0.0; turn it into
# dax0.0 via sysfs (what 'ndctl create-namespace -m devdax' does, without ndctl).
# Sets dev (/dev/daxN.M) and dsize; returns 1 (with a SKIP line) if there is none.
devdax_setup() {
    for m in $(cat /tests/devdax.modules 2>/dev/null); do
        insmod "/tests/$m" 2>/tmp/e || info "insmod $m: $(cat /tmp/e)"
    done
    sleep 1
    dev= dsize=
    if [ ! -d /sys/bus/nd/devices/namespace0.0 ]; then
        skip "devdax: no nd namespace0.0 ($(ls /sys/bus/nd/devices 2>&1 | tr '\n' ' '))"
        return 1
    fi
    dax=$(cd /sys/bus/nd/devices && ls -d dax*.0 2>/dev/null | head -n 1)
    info "nd devices: $(ls /sys/bus/nd/devices | tr '\n' ' ') seed=$dax supported_alignments=$(cat /sys/bus/nd/devices/$dax/supported_alignments 2>/dev/null)"
    echo namespace0.0 >/sys/bus/nd/drivers/nd_pmem/unbind 2>/dev/null
    d=/sys/bus/nd/devices/$dax
    cat /proc/sys/kernel/random/uuid >$d/uuid 2>/tmp/e || info "uuid: $(cat /tmp/e)"
    echo pmem >$d/mode 2>/tmp/e || info "mode: $(cat /tmp/e)"
    echo 1073741824 >$d/align 2>/tmp/e || info "align 1G: $(cat /tmp/e)"
    echo namespace0.0 >$d/namespace 2>/tmp/e || info "namespace: $(cat /tmp/e)"
    echo "$dax" >/sys/bus/nd/drivers/dax_pmem/bind 2>/tmp/e || {
        info "bind dax_pmem: $(cat /tmp/e)"
        echo "$dax" >/sys/bus/nd/drivers_probe 2>/tmp/e || info "drivers_probe: $(cat /tmp/e)"
    }
    sleep 1
    info "dax: $(ls /dev/dax* 2>&1 | tr '\n' ' ') size=$(cat $d/size 2>/dev/null) align=$(cat $d/align 2>/dev/null)"
    dev=$(ls /dev/dax* 2>/dev/null | head -n 1)
    if [ -z "$dev" ]; then
        skip "devdax: no /dev/dax* after configuring $dax: $(dmesg | tail -n 5 | tr '\n' ' ')"
        return 1
    fi
    dsize=$(cat /sys/bus/dax/devices/${dev#/dev/}/size 2>/dev/null)
    info "$dev size=$dsize align=$(cat /sys/bus/dax/devices/${dev#/dev/}/align 2>/dev/null)"
    return 0
}

case $group in
main)
    echo always >/sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null
    info "thp enabled: $(cat /sys/kernel/mm/transparent_hugepage/enabled) defrag: $(cat /sys/kernel/mm/transparent_hugepage/defrag)"
    info "iomem at base: $(grep -i "$(printf '%x' "$base")-" /proc/iomem | head -n 3 | tr '\n' ';')"
    for s in $sizes; do
        # hugemap-pte: PTEs with pte_batch=Y (the default: one fault per PMD-sized
        # block); hugemap-pte-nobatch: one PTE per fault
        for mf in pud pmd pte pte-nobatch; do
            want hugemap || break
            b=Y; [ "$mf" = pte-nobatch ] && b=N
            if hm_load "${region}G@$base" "${mf%-nobatch}" $b; then
                $B map "hugemap-$mf" /dev/hugemap0 0 "${s}G" "$(entry_of "${mf%-nobatch}")" \
                    --stats /sys/class/hugemap/hugemap0/stats
            fi
        done
        rmmod hugemap 2>/dev/null
        if want devmem; then
            l=devmem-$(lc "$(entry_of pte)")
            $B map "$l" /dev/mem "$base" "${s}G" "$(entry_of pte)" ||
                skip "$l size=${s}G: /dev/mem mmap refused ($(dmesg | tail -n 2 | tr '\n' ' '))"
        fi
        want thp && $B anon "thp-$(lc "$(entry_of pmd)")" "${s}G" "$(entry_of pmd)"
        info "meminfo after ${s}G: $(grep -E '^(MemFree|AnonHugePages|PageTables):' /proc/meminfo | tr -s ' ' | tr '\n' ';')"
    done
    ;;
hugetlb)
    # the pools reserved on the command line (nr_hugepages > 0), largest first; the case
    # label is the hugetlb page size, the entry the real page-table entry: a size between
    # PMD and PUD (arm64 16K: 1G) is a run of contiguous PMDs, labelled -cont
    hsizes=
    for kb in $(ls /sys/kernel/mm/hugepages | sed -n 's/^hugepages-\([0-9]*\)kB$/\1/p' | sort -rn); do
        [ "$(cat /sys/kernel/mm/hugepages/hugepages-${kb}kB/nr_hugepages)" -gt 0 ] || continue
        hsizes="$hsizes $kb"
    done
    [ "$(uname -m)" = x86_64 ] ||
        info "hugetlb sizes offered: $(ls /sys/kernel/mm/hugepages | tr '\n' ' ') reserved (KiB):$hsizes"
    pools=
    for kb in $hsizes; do
        n=$(lc "$(hsize $((kb * 1024)))")
        mkdir -p /mnt/h$n
        if want hugetlbfs-$n; then
            mount -t hugetlbfs -o pagesize=$(hsize $((kb * 1024))) none /mnt/h$n ||
                skip "hugetlbfs pagesize=$(hsize $((kb * 1024))) mount failed"
        fi
        pools="$pools $(hsize $((kb * 1024)))=$(cat /sys/kernel/mm/hugepages/hugepages-${kb}kB/nr_hugepages)"
    done
    info "pools:$pools"
    for s in $sizes; do
        for kb in $hsizes; do
            b=$((kb * 1024)); n=$(lc "$(hsize $b)"); l=hugetlbfs-$n; e=$b
            if [ $b -ne $pud_b ] && [ $b -ne $pmd_b ] && [ $b -ne $pte_b ]; then
                l=$l-cont
                if [ $b -gt $pud_b ]; then e=$pud_b; elif [ $b -gt $pmd_b ]; then e=$pmd_b; else e=$pte_b; fi
            fi
            want hugetlbfs-$n && $B map "$l" /mnt/h$n/bench 0 "${s}G" "$(hsize $e)" --create
        done
    done
    ;;
populate)
    # one guest, three kinds of 1 GiB memory prefaulted the same ways (hmbench populate):
    # hugemap pages mode (regions=1G@6G:pages) and, for contrast, pfn mode; /dev/dax0.0 on
    # legacy pmem memmap=2G!4G (align 1G, data at 5G); a hugetlbfs pagesize=1G file
    # (hugepagesz=1G hugepages=1)
    for s in $sizes; do
        for mode in pages pfn; do
            if hm_load "${s}G@$base:$mode" pud; then
                info "hugemap $mode: map_mode=$(cat /sys/class/hugemap/hugemap0/map_mode 2>/dev/null) memmap_bytes=$(cat /sys/class/hugemap/hugemap0/memmap_bytes 2>/dev/null)"
                $B populate "hugemap-$mode" /dev/hugemap0 0 "${s}G" --stats /sys/class/hugemap/hugemap0/stats
            fi
            rmmod hugemap 2>/dev/null
        done
        mkdir -p /mnt/h1g
        if mount -t hugetlbfs -o pagesize=1G none /mnt/h1g; then
            info "hugetlb 1G pool: $(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages 2>/dev/null)"
            $B populate hugetlbfs-1g /mnt/h1g/bench 0 "${s}G" --create
        else
            skip "hugetlbfs pagesize=1G mount failed"
        fi
    done
    devdax_setup && for s in $sizes; do $B populate devdax-1g "$dev" 0 "${s}G"; done
    ;;
devdax)
    devdax_setup && for s in $sizes; do
        if [ $((s * 1073741824)) -le "${dsize:-0}" ]; then
            $B map devdax-1g "$dev" 0 "${s}G" 1G
        else
            skip "devdax-1g size=${s}G: $dev has only $dsize bytes (info block + memmap take the rest)"
        fi
    done
    ;;
scale)
    dev=
    for p in /sys/bus/pci/devices/*; do
        [ "$(cat "$p/vendor"):$(cat "$p/device")" = "0x1af4:0x1110" ] && dev=$p
    done
    if [ -z "$dev" ]; then skip "scale: no ivshmem device"; else
        set -- $(sed -n 3p "$dev/resource")
        bar=$1; barend=$2; barsize=$(( barend - bar + 1 ))
        info "ivshmem ${dev##*/} BAR2 $bar size $barsize"
        info "iomem: $(grep -i "${bar#0x}" /proc/iomem | tr '\n' ';')"
        if [ "$bar" = 0x0000000000000000 ] || [ $barsize -le 1 ]; then skip "scale: BAR2 not assigned"; else
            for item in $(arg scale | tr ',' ' '); do
                mf=${item%%:*} sz=${item#*:}
                if hm_load "$((barsize >> 30))G@$bar" "$mf"; then
                    $B scale "bar-$mf" /dev/hugemap0 "$sz" "$(entry_of "$mf")" \
                        --stats /sys/class/hugemap/hugemap0/stats
                fi
                rmmod hugemap 2>/dev/null
            done
        fi
    fi
    ;;
*) skip "unknown group '$group'" ;;
esac
echo "HMBENCH-END group=$group"
