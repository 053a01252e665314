# hugemap guest cases for hostile and careless input (issue 14).  Sourced by
# runner.sh, which provides load_or_fail, check and the target variables.
#   c17-param-fuzz   regions=/alloc= edge table + random strings (hmtest pfuzz)
#   c17-alloc-limit  alloc= over the limit, at it, and killed while allocating (hmtest alimit)
#   c17-privs        who sees physical addresses (hmtest privs)
#   c17-ioctl        larger/smaller info structs, both command numbers, ioctl fuzz (hmtest ifuzz)
# The random part uses FUZZ_SEED from /etc/hugemap-target if set, else the clock;
# the seed is in the result line so a failure can be replayed.
ALL_CASES="$ALL_CASES c17-param-fuzz c17-alloc-limit c17-privs c17-ioctl"
FUZZ_SEED=${FUZZ_SEED:-$(date +%s)}

case_c17_param_fuzz() {
    check 900 pfuzz "$KO" "$RESV_BASE" "$RESV_SIZE" "$FUZZ_SEED" 150 "$([ "${EXPECT_ALLOC_PAGES:-0}" = 0 ] && echo 0 || echo 1)"
}

case_c17_alloc_limit() {
    check 900 alimit "$KO"
}

case_c17_privs() {
    load_or_fail "regions=$REGION" || return
    check 120 privs 0
}

case_c17_ioctl() {
    load_or_fail "regions=$REGION" || return
    check 300 ifuzz 0 "$FUZZ_SEED" 3000
}
