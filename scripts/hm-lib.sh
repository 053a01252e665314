# shellcheck shell=bash
# Common helpers for scripts/hm-env, scripts/matrix and tests/run.
# Sourced, never executed.  Callers run with `set -euo pipefail`.

HM_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HM_CACHE=${HUGEMAP_CACHE:-/var/cache/hugemap}
# Debian mirror: HUGEMAP_MIRROR, else the machine's own apt configuration
# (scripts/hm-apt-mirror.sh); empty if neither (hm_sources then says what to set)
. "$HM_ROOT/scripts/hm-apt-mirror.sh"
HM_MIRROR=${HUGEMAP_MIRROR:-$(hm_apt_mirror || true)}
HM_TARGETS_CONF=${HM_TARGETS_CONF:-$HM_ROOT/tests/targets.conf}
# kernel kits (flavour kit:NAME): NAME.tar.xz there, unpacked into $HM_CACHE/kits/NAME
HM_KITS=$(readlink -m "${HUGEMAP_KITS:-$HM_ROOT/../shared/kernels}")
# where $HM_CACHE/kits appears inside the build chroots (bind mount, see hm_in_chroot)
HM_KITS_IN_CHROOT=/hm-kits
# apt lists older than this (seconds) are refreshed
HM_APT_MAX_AGE=${HM_APT_MAX_AGE:-21600}
export DEBIAN_FRONTEND=noninteractive

hm_log() { printf '[hm %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
hm_die() { printf '[hm %s] ERROR: %s\n' "$(date +%H:%M:%S)" "$*" >&2; exit 1; }

# hm_retry N CMD...: run CMD up to N times (network hiccups)
hm_retry() {
    local n=$1 i=1; shift
    while :; do
        if "$@"; then return 0; fi
        if [ "$i" -ge "$n" ]; then return 1; fi
        hm_log "retry $i/$n: $*"
        i=$((i + 1)); sleep $((i * 3))
    done
}

# hm_lock NAME: take an exclusive lock on fd 9 for the rest of the (sub)shell
hm_lock() {
    mkdir -p "$HM_CACHE/locks"
    exec 9>"$HM_CACHE/locks/$1.lock"
    flock 9
}

# ---- targets -------------------------------------------------------------

# hm_all_targets: target names in targets.conf order
hm_all_targets() {
    awk '!/^[[:space:]]*(#|$)/ {print $1}' "$HM_TARGETS_CONF"
}

# hm_target T: sets TARGET SUITE ARCH FLAVOUR EXPECT_PUD PMD_SIZE EXPECT_PMD EXPECT_PAGES EXPECT_ALLOC_PAGES
# BASE_SUITE ARCH_KBUILD,
# and KIT (the kit's name for a "kit:NAME" flavour, else empty)
hm_target() {
    local line
    line=$(awk -v t="$1" '!/^[[:space:]]*#/ && $1 == t {print; exit}' "$HM_TARGETS_CONF")
    [ -n "$line" ] || hm_die "unknown target '$1' (see $HM_TARGETS_CONF)"
    # shellcheck disable=SC2086
    set -- $line
    TARGET=$1 SUITE=$2 ARCH=$3 FLAVOUR=$4 EXPECT_PUD=$5 PMD_SIZE=$6 EXPECT_PMD=${7:-1} EXPECT_PAGES=${8:-0}
    EXPECT_ALLOC_PAGES=${9:-$([ "${8:-0}" = 0 ] && echo 0 || echo pte)}
    BASE_SUITE=${SUITE%-backports}
    KIT=
    case $FLAVOUR in kit:*) KIT=${FLAVOUR#kit:} ;; esac
    case $ARCH in
        amd64) ARCH_KBUILD=x86 ;;
        arm64) ARCH_KBUILD=arm64 ;;
        *) hm_die "bad arch $ARCH" ;;
    esac
    CHROOT=$HM_CACHE/chroots/$BASE_SUITE
}

# ---- private apt (host side; never touches the system's sources) ---------

hm_apt_dir() { echo "$HM_CACHE/apt/$1"; }

hm_apt_opts() {
    local d; d=$(hm_apt_dir "$1")
    echo "-o Dir::Etc::SourceList=$d/sources.list -o Dir::Etc::SourceParts=$d/sources.list.d" \
         "-o Dir::Etc::Preferences=$d/preferences -o Dir::Etc::PreferencesParts=$d/preferences.d" \
         "-o Dir::State::Lists=$d/lists -o Dir::State::status=$d/status -o Dir::Cache=$d/cache" \
         "-o APT::Architecture=amd64 -o APT::Architectures=amd64,arm64" \
         "-o Acquire::Retries=3 -o Acquire::Check-Valid-Until=false -o Acquire::Languages=none -o APT::Sandbox::User=root" \
         "-o Debug::NoLocking=1"
}

# hm_sources SUITE: sources lines for a suite (backports also get their base suite)
hm_sources() {
    local s=$1 base=${1%-backports}
    [ -n "$HM_MIRROR" ] || HM_MIRROR=$(hm_apt_mirror_or_die debian HUGEMAP_MIRROR) || exit 1
    echo "deb [arch=amd64,arm64] $HM_MIRROR $base main"
    [ "$s" = "$base" ] || echo "deb [arch=amd64,arm64] $HM_MIRROR $s main"
    # trixie chroot also serves trixie-backports targets
    [ "$s" != trixie ] || echo "deb [arch=amd64,arm64] $HM_MIRROR trixie-backports main"
    return 0
}

# hm_apt_update SUITE [force]
hm_apt_update() {
    local s=$1 d stamp now age
    d=$(hm_apt_dir "$s")
    (
        hm_lock "apt-$s"
        mkdir -p "$d"/{lists/partial,cache/archives/partial,sources.list.d,preferences.d,debs}
        [ -e "$d/status" ] || : >"$d/status"
        : >"$d/preferences"
        hm_sources "$s" >"$d/sources.list.new"
        if ! cmp -s "$d/sources.list.new" "$d/sources.list"; then
            mv "$d/sources.list.new" "$d/sources.list"; rm -f "$d/stamp"
        else
            rm -f "$d/sources.list.new"
        fi
        stamp=$(stat -c %Y "$d/stamp" 2>/dev/null || echo 0)
        now=$(date +%s); age=$((now - stamp))
        if [ "${2:-}" = force ] || [ "$age" -gt "$HM_APT_MAX_AGE" ]; then
            hm_log "apt update ($s, private lists)"
            # shellcheck disable=SC2046
            hm_retry 3 apt-get -q $(hm_apt_opts "$s") update >"$d/update.log" 2>&1 \
                || { cat "$d/update.log" >&2; hm_die "apt update for $s failed"; }
            touch "$d/stamp"
        fi
    )
}

# hm_papt SUITE apt-get|apt-cache ARGS...
hm_papt() {
    local s=$1 tool=$2; shift 2
    # shellcheck disable=SC2046
    "$tool" -q $(hm_apt_opts "$s") "$@"
}

# hm_memo SUITE KEY CMD...: CMD's output, cached until the suite's lists are refreshed
hm_memo() {
    local s=$1 key=$2 d f; shift 2
    d=$(hm_apt_dir "$s")
    hm_apt_update "$s"
    f=$d/memo/${key//[:\/]/_}
    if [ -f "$f" ] && [ "$f" -nt "$d/stamp" ]; then cat "$f"; return 0; fi
    mkdir -p "$d/memo"
    "$@" >"$f.$$" || { rm -f "$f.$$"; return 1; }
    mv "$f.$$" "$f"
    cat "$f"
}

# hm_resolve_kver SUITE ARCH FLAVOUR -> KVER (uname -r is KVER-FLAVOUR)
hm_resolve_kver() {
    hm_memo "$1" "kver-$2-$3" hm_resolve_kver_ "$@"
}
hm_resolve_kver_() {
    local s=$1 arch=$2 fl=$3 dep
    dep=$(hm_papt "$s" apt-cache -t "$s" depends "linux-headers-$fl:$arch" 2>/dev/null |
          sed -n "s/^ *Depends: linux-headers-\(.*\)-$fl\(:$arch\)\{0,1\}\$/\1/p" | head -n1)
    [ -n "$dep" ] || hm_die "cannot resolve linux-headers-$fl:$arch in $s"
    echo "$dep"
}

# hm_download SUITE DESTDIR PKG...: download .debs (cached) into DESTDIR
hm_download() {
    local s=$1 dest=$2; shift 2
    mkdir -p "$dest"
    local p need=()
    for p in "$@"; do
        # skip packages already downloaded (file name starts with pkg name + _)
        if ! compgen -G "$dest/${p%%:*}_*.deb" >/dev/null; then need+=("$p"); fi
    done
    [ ${#need[@]} -eq 0 ] && return 0
    hm_log "download ${need[*]} ($s)"
    ( cd "$dest" && hm_retry 3 hm_papt "$s" apt-get -t "$s" download "${need[@]}" ) >"$dest/download.log" 2>&1 \
        || { cat "$dest/download.log" >&2; hm_die "download failed: ${need[*]}"; }
}

# hm_pkg_depends SUITE PKG: print package names from PKG's Depends (first alternative)
hm_pkg_depends() {
    hm_papt "$1" apt-cache -t "$1" show "$2" 2>/dev/null | awk '/^Depends:/ {sub(/^Depends: */, ""); print; exit}' |
        tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/^ *//; s/ *$//' | grep -v '^$' || true
}

# hm_pkg_field SUITE PKG FIELD: the field of the candidate's first stanza
hm_pkg_field() {
    hm_papt "$1" apt-cache -t "$1" show "$2" 2>/dev/null | awk -v f="$3:" '$1 == f {print $2; exit}'
}

# hm_pkg_exists SUITE PKG
hm_pkg_exists() {
    hm_papt "$1" apt-cache -t "$1" show "$2" >/dev/null 2>&1
}

# hm_extract DEB ROOT: extract without clobbering ROOT's /lib -> usr/lib symlinks
hm_extract() {
    dpkg-deb --fsys-tarfile "$1" | tar -x --keep-directory-symlink --exclude='*/dtb/*' -C "$2"
}

# ---- chroots -------------------------------------------------------------

# hm_in_chroot DIR CMD...: run CMD inside DIR with /proc and /dev in a private mount namespace
# (and $HM_CACHE/kits, the unpacked kernel kits, read-only at $HM_KITS_IN_CHROOT)
hm_in_chroot() {
    local d=$1 kits=; shift
    cp -L /etc/resolv.conf "$d/etc/resolv.conf" 2>/dev/null || true
    if [ -d "$HM_CACHE/kits" ]; then
        kits=$HM_CACHE/kits
        [ -d "$d$HM_KITS_IN_CHROOT" ] || mkdir -p "$d$HM_KITS_IN_CHROOT"
    fi
    unshare --mount --propagation private -- /bin/bash -c '
        d=$1 kits=$2 kitsin=$3; shift 3
        mount -t proc proc "$d/proc"
        mount --bind /dev "$d/dev"
        [ -z "$kits" ] || mount --bind "$kits" "$d$kitsin"
        exec chroot "$d" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
    ' hm-chroot "$d" "$kits" "$HM_KITS_IN_CHROOT" "$@"
}

# ---- kernel kits ---------------------------------------------------------

# hm_kit_unpack NAME: $HM_CACHE/kits/NAME from $HM_KITS/NAME.tar.xz (again when the
# tarball is newer than the unpacked copy); prints the directory
hm_kit_unpack() {
    local n=$1 tb=$HM_KITS/$1.tar.xz d=$HM_CACHE/kits/$1
    if [ ! -f "$tb" ]; then
        # a clone elsewhere (CI) may not see the kits folder: a complete unpacked copy will do
        if [ -f "$d/.hm-unpacked" ]; then
            hm_log "kit $n: no $tb (HUGEMAP_KITS=$HM_KITS), using the unpacked copy $d"
            echo "$d"
            return 0
        fi
        hm_die "kit $n: no $tb (HUGEMAP_KITS=$HM_KITS) and no unpacked copy in $d"
    fi
    if [ ! -f "$d/.hm-unpacked" ] || [ "$tb" -nt "$d/.hm-unpacked" ]; then
        (
            hm_lock "kit-$n"
            if [ ! -f "$d/.hm-unpacked" ] || [ "$tb" -nt "$d/.hm-unpacked" ]; then
                hm_log "kit $n: unpacking $tb"
                rm -rf "$d.tmp"; mkdir -p "$d.tmp"
                tar -xJf "$tb" -C "$d.tmp" || hm_die "kit $n: cannot unpack $tb"
                [ -d "$d.tmp/$n/build" ] && [ -d "$d.tmp/$n/boot" ] || hm_die "kit $n: $tb has no $n/build and $n/boot"
                rm -rf "$d"; mv "$d.tmp/$n" "$d"; rm -rf "$d.tmp"
                touch -r "$tb" "$d/.hm-unpacked"
            fi
        ) || exit 1
    fi
    echo "$d"
}

# hm_kit_release DIR: the kit's uname -r
hm_kit_release() {
    sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$1/build/include/generated/utsrelease.h"
}
