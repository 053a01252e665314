# hugemap guest cases for pages mode (regions=...:pages, issue 15).  Sourced by
# runner.sh, which provides load_or_fail, check, simple, c01, bad_param and the
# target variables.  EXPECT_PAGES (tests/targets.conf) says whether this kernel
# must offer pages mode: there every p* case runs the PFN-mode case of the same
# number on a :pages region (same expectations, same fault counts) or a pages-only
# case; elsewhere only p00 runs and checks the refusal and its reason.
#   p00-availability  sysfs/ioctl/log of both modes, refusals of bad :pages items
#   p18-gup           futex mutex+condvar+robust, O_DIRECT, vmsplice, process_vm_*, /proc/PID/mem
#   p19-populate      MAP_POPULATE, MADV_POPULATE_READ/WRITE: entries at mmap, 0 faults at touch
#   p20-pin           a pinned page across munmap, close and rmmod
# The a* cases run the same bodies on alloc=$ASIZE:pages, memory the driver allocates
# (struct pages of its own): EXPECT_ALLOC_PAGES says which entries it gets (pte or pmd).
#   a00-alloc-pages   sysfs, load line, sizes, zeroed memory and faults (hmtest alloc), default pfn
#   r01-rxe-reg       soft-RoCE (rdma_rxe on lo): REG_MR of a pages mapping pins it (page_refs,
#                     busy, rmmod refused until DEREG_MR), of a pfn one EFAULT, for regions=
#                     and alloc=; where the kernel has CONFIG_RDMA_RXE (EXPECT_RXE, mkinitramfs)
if [ "${EXPECT_PAGES:-0}" != 0 ]; then
    ALL_CASES="$ALL_CASES p00-availability p01-entry-size p01-max-pmd p01-max-pte p02-alignment
p03-integrity p04-fork p05-munmap p05b-mremap-phase p05c-two-process p06-mprotect p08-concurrency
p11-thp-never p18-gup p19-populate p20-pin p16-stress"
else
    ALL_CASES="$ALL_CASES p00-availability"
fi
ASIZE=512M
# the cases that lay out several PMD blocks (a03 a05 a05c a06) need 4 of them in ASIZE:
# not with 512M PMDs (64K pages), whose guest cannot allocate 2 GiB; a00 reports it.  a18
# lays out 2M blocks there (PTE-only: no entry layout to cover)
ALAYOUT=1
_pb=$(bytes "$PMD_SIZE" 2>/dev/null)
case $_pb in ''|*[!0-9]*) ;; *) [ $((4 * _pb)) -le 536870912 ] || ALAYOUT=0 ;; esac
if [ "${EXPECT_ALLOC_PAGES:-0}" != 0 ]; then
    ALL_CASES="$ALL_CASES a00-alloc-pages a04-fork a08-concurrency a11-thp-never a19-populate
a20-pin a16-stress a18-gup"
    [ "$ALAYOUT" = 0 ] || ALL_CASES="$ALL_CASES a03-integrity a05-munmap a05c-two-process a06-mprotect"
fi
if [ "${EXPECT_RXE:-0}" = 1 ] && { [ "${EXPECT_PAGES:-0}" != 0 ] || [ "${EXPECT_ALLOC_PAGES:-0}" != 0 ]; }; then
    ALL_CASES="$ALL_CASES r01-rxe-reg"
fi
PREGION="$REGION:pages"

# pages_pmd [pmd]: whether pages mode installs PMD entries (EXPECT_PAGES, targets.conf),
# at the default max_fault or with max_fault=pmd
pages_pmd() {
    case ${EXPECT_PAGES:-0} in
        nopmd) echo 0 ;;
        whole) if [ "$1" = pmd ] || [ "$EXPECT_PUD" != 1 ]; then echo 1; else echo 0; fi ;;
        *) echo "${EXPECT_PMD:-1}" ;;
    esac
}

# pages CMD...: run a case body with the pages-mode region in REGION and the
# pages-mode PMD expectation in EXPECT_PMD
pages() {
    local REGION EXPECT_PMD
    REGION=$PREGION
    EXPECT_PMD=$(pages_pmd)
    "$@"
}
pages_maxpmd() {
    local REGION EXPECT_PMD
    REGION=$PREGION
    EXPECT_PMD=$(pages_pmd pmd)
    "$@"
}

# apages CMD...: run a case body on an alloc= region in pages mode
apages() {
    local LOADPARAM
    LOADPARAM="alloc=$ASIZE:pages"
    "$@"
}

sysf() { cat "/sys/class/hugemap/hugemap0/$1" 2>/dev/null; }

# hsize BYTES: 4096 -> 4K, 2097152 -> 2M (as sysfs fault_sizes writes sizes)
hsize() {
    local n=$1 u=
    for x in K M G; do
        [ $((n % 1024)) -eq 0 ] && [ "$n" -ge 1024 ] || break
        n=$((n / 1024)) u=$x
    done
    echo "$n$u"
}

case_p00_availability() {
    local s u
    PFIGS=
    if [ "${EXPECT_PAGES:-0}" != 0 ]; then
        s=$("$HM" kmsg-next)
        load_or_fail "regions=$PREGION" || return
        [ "$(sysf map_mode)" = pages ] || fail "map_mode '$(sysf map_mode)', expected pages"
        [ "$(sysf gup)" = 1 ] || fail "gup '$(sysf gup)', expected 1"
        [ -z "$(sysf gup_unavailable)" ] || fail "gup_unavailable '$(sysf gup_unavailable)' in pages mode"
        [ "$(sysf memmap_bytes)" -eq $((RESV_BYTES / $("$HM" pagesize) * 64)) ] ||
            fail "memmap_bytes $(sysf memmap_bytes), expected 64 B per page"
        "$HM" kmsg-since "$s" | grep -q "hugemap0: .* pages (GUP), entry sizes .*, struct pages " ||
            fail "no load line naming pages mode and the struct page cost: $("$HM" kmsg-since "$s" | tail -n 2 | tr '\n' '|')"
        PFIGS="pages: memmap=$(sysf memmap_bytes) sizes=$(sysf fault_sizes | tr ' ' ,)"
        unload || fail "rmmod: $UNLOADRES"
        load_or_fail "regions=$REGION" || return
        [ "$(sysf map_mode)" = pfn ] && [ "$(sysf gup)" = 0 ] || fail "default mode: map_mode '$(sysf map_mode)' gup '$(sysf gup)'"
        sysf gup_unavailable | grep -q "^pages: not requested" || fail "pfn gup_unavailable: '$(sysf gup_unavailable)'"
        [ "$(sysf memmap_bytes)" = 0 ] || fail "pfn memmap_bytes $(sysf memmap_bytes)"
        unload || fail "rmmod: $UNLOADRES"
        bad_param pages-wc "needs write-back" "regions=$REGION:wc:pages"
        bad_param pages-twice "map mode given twice" "regions=$REGION:pages:pfn"
        bad_param pages-unaligned "aligned to" "regions=1M@$RESV_BASE:pages"
    else
        bad_param pages-unavailable "pages mode unavailable: " "regions=$PREGION"
        u=$(sed -n 's/.*pages mode unavailable: //p' "$TMP/pl.log")
        load_or_fail "regions=$REGION" || return
        [ "$(sysf map_mode)" = pfn ] && [ "$(sysf gup)" = 0 ] || fail "map_mode '$(sysf map_mode)' gup '$(sysf gup)'"
        [ "$(sysf gup_unavailable)" = "pages: $u" ] ||
            fail "gup_unavailable '$(sysf gup_unavailable)' differs from the load refusal '$u'"
        PFIGS="$PFIGS reason: $u"
    fi
    loaded && { unload || fail "rmmod: $UNLOADRES"; }
    if [ "${EXPECT_ALLOC_PAGES:-0}" != 0 ]; then
        bad_param alloc-pages-twice "cannot parse" "alloc=64M:pages:pfn"
    else
        bad_param alloc-pages-unavailable "pages mode unavailable: " "alloc=64M:pages"
    fi
    [ -n "$FAILS" ] || ok "${PFIGS# }"
}

case_p01_entry_size() { pages c01 pud; }
case_p01_max_pmd() { pages_maxpmd c01 pmd max_fault=pmd; }
case_p01_max_pte() { pages c01 pte max_fault=pte; }
case_p02_alignment() { pages case_c02_alignment; }
case_p03_integrity() { pages simple c03 300; }
case_p04_fork() { pages simple c04 300; }
case_p05_munmap() { pages simple c05 300; }
case_p05b_mremap_phase() { pages simple c05b 600; }
case_p05c_two_process() { pages simple c05c 300; }
case_p06_mprotect() { pages simple c06 600; }
case_p08_concurrency() { pages simple c08 600 8 20; }
case_p11_thp_never() { pages case_c11_thp_never; }

case_p18_gup() {
    local bd na
    bd=$BLOCKDEV
    if [ -z "$bd" ]; then
        na=$(no_block_driver)
        [ -n "$na" ] || { fail "no BLOCKDEV although the kernel has a block driver"; return; }
        bd="none:$na"
    fi
    load_or_fail "${LOADPARAM:-regions=$PREGION}" || return
    check 900 gup 0 "$PMD_SIZE" "$bd"
}
case_p19_populate() {
    load_or_fail "${LOADPARAM:-regions=$PREGION}" || return
    check 900 populate 0 "$PMD_SIZE"
}
case_p20_pin() {
    load_or_fail "${LOADPARAM:-regions=$PREGION}" || return
    check 300 gup-pin 0
}
case_p16_stress() { pages case_c16_stress; }

# alloc=...:pages: the entries EXPECT_ALLOC_PAGES names, no struct page cost (the pages
# exist), zeroed memory and exact fault counts (hmtest alloc), GUP-capable; the default
# stays pfn and says why pages mode was not used
case_a00_alloc_pages() {
    local s want
    s=$("$HM" kmsg-next)
    load_or_fail "alloc=$ASIZE:pages" || return
    [ "$(sysf map_mode)" = pages ] || fail "map_mode '$(sysf map_mode)', expected pages"
    [ "$(sysf gup)" = 1 ] || fail "gup '$(sysf gup)', expected 1"
    [ -z "$(sysf gup_unavailable)" ] || fail "gup_unavailable '$(sysf gup_unavailable)' in pages mode"
    [ "$(sysf memmap_bytes)" = 0 ] || fail "memmap_bytes $(sysf memmap_bytes) for allocated pages"
    case ${EXPECT_ALLOC_PAGES:-pte} in
        pmd) want="$PMD_SIZE $(hsize "$("$HM" pagesize)")" ;;
        *) want=$(hsize "$("$HM" pagesize)") ;;
    esac
    [ "$(sysf fault_sizes)" = "$want" ] ||
        fail "fault_sizes '$(sysf fault_sizes)', expected '$want' (EXPECT_ALLOC_PAGES=${EXPECT_ALLOC_PAGES:-pte}); unavailable: $(sysf unavailable | tr '\n' '|')"
    "$HM" kmsg-since "$s" | grep -q "hugemap0: .* pages (GUP), entry sizes " ||
        fail "no load line naming pages mode: $("$HM" kmsg-since "$s" | tail -n 2 | tr '\n' '|')"
    run 300 alloc 0 "$PMD_SIZE" "$ASIZE" || fail "$OUT"
    PFIGS="sizes=$(sysf fault_sizes | tr ' ' ,) chunk=$(sysf chunk_size); $OUT"
    [ "$ALAYOUT" = 1 ] || PFIGS="$PFIGS; a03 a05 a05c a06 not run: they need 4 blocks of $PMD_SIZE, $ASIZE allocated; a18 lays out 2M blocks"
    unload || fail "rmmod: $UNLOADRES"
    load_or_fail "alloc=64M" || return
    [ "$(sysf map_mode)" = pfn ] && [ "$(sysf gup)" = 0 ] || fail "default mode: map_mode '$(sysf map_mode)' gup '$(sysf gup)'"
    sysf gup_unavailable | grep -q "^pages: not requested" || fail "pfn gup_unavailable: '$(sysf gup_unavailable)'"
    [ -n "$FAILS" ] || ok "$PFIGS"
}
case_a03_integrity() { apages simple c03 300; }
case_a04_fork() { apages simple c04 300; }
case_a05_munmap() { apages simple c05 300; }
case_a05c_two_process() { apages simple c05c 300; }
case_a06_mprotect() { apages simple c06 600; }
case_a08_concurrency() { apages simple c08 600 8 20; }
alloc_pages_check() {
    load_or_fail "alloc=$ASIZE:pages" || return
    check 300 alloc 0 "$PMD_SIZE" "$ASIZE"
}
case_a11_thp_never() {
    local C11_BODY=alloc_pages_check
    case_c11_thp_never
}
case_a18_gup() {
    if [ "$ALAYOUT" = 1 ]; then
        apages case_p18_gup
    elif [ "${EXPECT_ALLOC_PAGES:-0}" = pte ]; then
        local PMD_SIZE=2M
        apages case_p18_gup
    else
        fail "no layout for $ASIZE with $PMD_SIZE entries (EXPECT_ALLOC_PAGES=$EXPECT_ALLOC_PAGES)"
    fi
}
case_a19_populate() { apages case_p19_populate; }
case_a20_pin() { apages case_p20_pin; }
case_a16_stress() { apages case_c16_stress; }

case_r01_rxe_reg() {
    local p figs= specs=
    ip link set lo up 2>/dev/null
    [ "${EXPECT_PAGES:-0}" = 0 ] || specs="regions=$PREGION"
    [ "${EXPECT_ALLOC_PAGES:-0}" = 0 ] || specs="$specs alloc=$ASIZE:pages"
    for p in $specs "regions=$REGION"; do
        load_or_fail "$p" || return
        if run 300 rxe-reg 0; then
            figs="$figs $p: $OUT;"
        else
            fail "$p: $OUT"
        fi
        loaded && { unload || fail "rmmod after $p: $UNLOADRES"; }
    done
    [ -n "$FAILS" ] || ok "${figs# }"
}
