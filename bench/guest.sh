#!/bin/sh
# bench/guest.sh: guest side of bench/run (installed as /tests/runner.sh in the initramfs,
# run by tests/vm/init).  What to run comes from the kernel command line:
#   hmbench.group=main|hugetlb|devdax|scale  hmbench.sizes=1,4 (GiB)
#   hmbench.base=0x100000000 (reserved region)  hmbench.region=4 (GiB reserved)
#   hmbench.scale=pud:64G,pmd:256G,...
#   hmbench.only=hugemap,devmem,thp,hugetlbfs-1g,hugetlbfs-2m (cases of the group; default all)
# Prints HMBENCH lines (hmbench) and HMBENCH-INFO / HMBENCH-SKIP lines.
B=/tests/hmbench
arg() { tr ' ' '\n' </proc/cmdline | sed -n "s/^hmbench\.$1=//p" | tail -n 1; }
group=$(arg group); sizes=$(arg sizes | tr ',' ' '); base=$(arg base); region=$(arg region)
only=$(arg only)
want() { [ -z "$only" ] || case ",$only," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
info() { echo "HMBENCH-INFO $*"; }
skip() { echo "HMBENCH-SKIP $*"; }
info "group=$group kernel=$(uname -r) cmdline=$(cat /proc/cmdline)"
grep -q pdpe1gb /proc/cpuinfo && info "cpu: pdpe1gb" || info "cpu: no pdpe1gb"
dmesg -n 1 2>/dev/null

entry_of() { case $1 in pud) echo 1G ;; pmd) echo 2M ;; pte) echo 4K ;; esac; }
hm_load() {  # hm_load REGIONS MAX_FAULT
    rmmod hugemap 2>/dev/null
    if ! insmod /hugemap.ko regions="$1" max_fault="$2" 2>/tmp/insmod.err; then
        skip "hugemap insmod regions=$1 max_fault=$2: $(cat /tmp/insmod.err) $(dmesg | grep hugemap | tail -n 2 | tr '\n' ' ')"
        return 1
    fi
    i=0; while [ ! -e /dev/hugemap0 ] && [ $i -lt 20 ]; do sleep 0.2; i=$((i + 1)); done
    d=/sys/class/hugemap/hugemap0
    info "hugemap max_fault=$2 fault_sizes=$(cat $d/fault_sizes) unavailable=$(cat $d/unavailable | tr '\n' ';')"
    return 0
}

case $group in
main)
    echo always >/sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null
    info "thp enabled: $(cat /sys/kernel/mm/transparent_hugepage/enabled) defrag: $(cat /sys/kernel/mm/transparent_hugepage/defrag)"
    info "iomem at base: $(grep -i "$(printf '%x' "$base")-" /proc/iomem | head -n 3 | tr '\n' ';')"
    for s in $sizes; do
        for mf in pud pmd pte; do
            want hugemap || break
            if hm_load "${region}G@$base" $mf; then
                $B map "hugemap-$mf" /dev/hugemap0 0 "${s}G" "$(entry_of $mf)" \
                    --stats /sys/class/hugemap/hugemap0/stats
            fi
        done
        rmmod hugemap 2>/dev/null
        if want devmem; then
            $B map devmem-4k /dev/mem "$base" "${s}G" 4K || skip "devmem-4k size=${s}G: /dev/mem mmap refused"
        fi
        want thp && $B anon thp-2m "${s}G" 2M
        info "meminfo after ${s}G: $(grep -E '^(MemFree|AnonHugePages|PageTables):' /proc/meminfo | tr -s ' ' | tr '\n' ';')"
    done
    ;;
hugetlb)
    mkdir -p /mnt/h1g /mnt/h2m
    if want hugetlbfs-1g; then
        mount -t hugetlbfs -o pagesize=1G none /mnt/h1g || skip "hugetlbfs pagesize=1G mount failed"
    fi
    if want hugetlbfs-2m; then
        mount -t hugetlbfs -o pagesize=2M none /mnt/h2m || skip "hugetlbfs pagesize=2M mount failed"
    fi
    info "pools: 1G=$(cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages) 2M=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages)"
    for s in $sizes; do
        want hugetlbfs-1g && $B map hugetlbfs-1g /mnt/h1g/bench 0 "${s}G" 1G --create
        want hugetlbfs-2m && $B map hugetlbfs-2m /mnt/h2m/bench 0 "${s}G" 2M --create
    done
    ;;
devdax)
    # memmap=SIZE!BASE: legacy e820 pmem -> namespace0.0; turn it into dax0.0 via sysfs
    # (what 'ndctl create-namespace -m devdax' does, without ndctl)
    for m in $(cat /tests/devdax.modules 2>/dev/null); do
        insmod "/tests/$m" 2>/tmp/e || info "insmod $m: $(cat /tmp/e)"
    done
    sleep 1
    ns=/sys/bus/nd/devices/namespace0.0
    if [ ! -d $ns ]; then
        skip "devdax: no nd namespace0.0 ($(ls /sys/bus/nd/devices 2>&1 | tr '\n' ' '))"
    else
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
        else
            dsize=$(cat /sys/bus/dax/devices/${dev#/dev/}/size 2>/dev/null)
            info "$dev size=$dsize align=$(cat /sys/bus/dax/devices/${dev#/dev/}/align 2>/dev/null)"
            for s in $sizes; do
                if [ $((s * 1073741824)) -le "${dsize:-0}" ]; then
                    $B map devdax-1g "$dev" 0 "${s}G" 1G
                else
                    skip "devdax-1g size=${s}G: $dev has only $dsize bytes (info block + memmap take the rest)"
                fi
            done
        fi
    fi
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
