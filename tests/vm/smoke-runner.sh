#!/bin/sh
# Harness self-test runner (tests/run --smoke): /hugemap.ko is the hello module here.
. /etc/hugemap-target
if ! insmod /hugemap.ko 2>/tmp/smoke.err; then
    echo "HMTEST smoke-insmod FAIL insmod: $(cat /tmp/smoke.err)"
    exit 0
fi
line=$(dmesg | grep 'hm-hello: loaded' | tail -n 1)
case $TARGET in *-16k) page=16384 ;; *) page=4096 ;; esac
case $line in
    *"PAGE_SIZE=$page "*) echo "HMTEST smoke-insmod PASS ${line#*] }" ;;
    "") echo "HMTEST smoke-insmod FAIL no load message in dmesg" ;;
    *) echo "HMTEST smoke-insmod FAIL page size mismatch: expected $page, module: ${line#*] }" ;;
esac
if rmmod hm_hello 2>/tmp/smoke.err && dmesg | grep -q 'hm-hello: unloaded'; then
    echo "HMTEST smoke-rmmod PASS unloaded"
else
    echo "HMTEST smoke-rmmod FAIL $(cat /tmp/smoke.err)"
fi
