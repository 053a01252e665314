#!/bin/sh
# Guest side of tests/vm/numa-check (busybox sh, /tests/runner.sh of that initramfs):
# alloc=SIZE@NODE on a two-node guest (numa=fake=2) must take every page from NODE
# or fail the load with ENOMEM, never fall back to node 0 silently.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
H=/tests/hmtest
nf() { awk '/MemFree/ {print $4}' "/sys/devices/system/node/node$1/meminfo"; }   # kB
on=$(cat /sys/devices/system/node/online)
if [ "$on" != 0-1 ]; then
    echo "HMTEST numa-alloc FAIL nodes online '$on', expected 0-1 (numa=fake=2)"
    exit 0
fi
fails= figs=
# 64M on node 1: all of it from node 1
a0=$(nf 0); a1=$(nf 1)
r=$($H modload /hugemap.ko alloc=64M@1)
b0=$(nf 0); b1=$(nf 1)
nn=$(cat /sys/class/hugemap/hugemap0/numa_node 2>/dev/null)
$H modunload hugemap >/dev/null
d0=$(( (a0 - b0) / 1024 )); d1=$(( (a1 - b1) / 1024 ))
[ "$r" = OK ] && [ "$nn" = 1 ] && [ $d1 -ge 60 ] && [ $d0 -lt 8 ] ||
    fails="$fails; 64M@1: load=$r numa_node=$nn node0 -${d0}M node1 -${d1}M"
figs="64M@1: numa_node=$nn, node1 -${d1}M, node0 -${d0}M"
# node 1 nearly full, then 256M more on it: ENOMEM, node 0 untouched, nothing kept
f1=$(nf 1)
size=$(( (f1 / 1024 - 160) / 2 * 2 ))
a0=$(nf 0)
s=$($H kmsg-next)
r=$($H modload /hugemap.ko "alloc=${size}M@1,256M@1")
b0=$(nf 0)
log=$($H kmsg-since "$s" | grep -v taint | tr '\n' '|')
[ "$r" = OK ] && $H modunload hugemap >/dev/null
d0=$(( (a0 - b0) / 1024 ))
case $log in *'alloc item 2 "256M@1": out of memory on the requested node'*) ok=1 ;; *) ok= ;; esac
[ "$r" = ENOMEM ] && [ -n "$ok" ] && [ $d0 -lt 8 ] && [ ! -e /sys/class/hugemap ] ||
    fails="$fails; ${size}M@1,256M@1: load=$r node0 -${d0}M log: $log"
figs="$figs; ${size}M@1,256M@1: $r, node0 -${d0}M while loading, log: ${log%|}"
if [ -z "$fails" ]; then
    echo "HMTEST numa-alloc PASS $figs"
else
    echo "HMTEST numa-alloc FAIL ${fails#; }"
fi
