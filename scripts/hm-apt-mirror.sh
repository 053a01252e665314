# shellcheck shell=bash
# hm_apt_mirror [debian|security]: print the Debian archive (or security archive)
# URI this machine's apt is configured with: the first matching entry of
# /etc/apt/sources.list, sources.list.d/*.list (one-line format) and
# sources.list.d/*.sources (deb822), in that order.  A Debian archive entry is
# a "deb" entry with component main and a Debian suite (a codename or
# stable/testing/unstable..., optionally -updates/-backports); a security
# entry has a -security suite (or the old codename/updates).  Prints nothing
# and returns 1 if none is configured.  HM_APT_ETC replaces /etc/apt (tests).
# Sourced by scripts/hm-lib.sh, tests/packaging/mkchroot, config/fetch-checkpatch.sh.
hm_apt_mirror() {
    local want=${1:-debian} etc=${HM_APT_ETC:-/etc/apt} f uri
    uri=$(
        {
            [ ! -f "$etc/sources.list" ] || hm_apt_mirror_oneline "$etc/sources.list"
            for f in "$etc"/sources.list.d/*.list; do
                [ ! -f "$f" ] || hm_apt_mirror_oneline "$f"
            done
            for f in "$etc"/sources.list.d/*.sources; do
                [ ! -f "$f" ] || hm_apt_mirror_deb822 "$f"
            done
        } | awk -v want="$want" '
            function debian(s) {
                return s ~ /^(buster|bullseye|bookworm|trixie|forky|duke|sid|stable|oldstable|oldoldstable|testing|unstable|experimental)(-updates|-backports|-proposed-updates)?$/
            }
            {
                main = 0
                for (i = 3; i <= NF; i++) if ($i == "main") main = 1
                if (!main) next
                if (want == "security" && ($2 ~ /-security$/ || $2 ~ /\/updates$/)) { print $1; exit }
                if (want != "security" && debian($2)) { print $1; exit }
            }'
    )
    uri=${uri%/}
    [ -n "$uri" ] || return 1
    echo "$uri"
}

# one-line format: "URI SUITE COMPONENTS..." for each deb line
hm_apt_mirror_oneline() {
    awk '{ sub(/#.*/, "") }
        $1 == "deb" {
            sub(/\[[^]]*\]/, ""); $1 = $1
            out = $2 " " $3; for (i = 4; i <= NF; i++) out = out " " $i; print out
        }' "$1"
}

# deb822: "URI SUITE COMPONENTS..." for each URI x suite of enabled deb stanzas
hm_apt_mirror_deb822() {
    awk '
        function flush(   nu, ns, u, s, i, j) {
            if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no") {
                nu = split(uris, u, " "); ns = split(suites, s, " ")
                for (i = 1; i <= nu; i++) for (j = 1; j <= ns; j++) print u[i], s[j], comps
            }
            types = uris = suites = comps = ""; enabled = "yes"; key = ""
        }
        BEGIN { enabled = "yes" }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        /^[ \t]/ { val = $0; sub(/^[ \t]+/, "", val)
                   if (key == "uris") uris = uris " " val
                   else if (key == "suites") suites = suites " " val
                   else if (key == "components") comps = comps " " val
                   else if (key == "types") types = types " " val
                   next }
        {
            key = tolower($0); sub(/:.*/, "", key)
            val = $0; sub(/^[^:]*:[ \t]*/, "", val)
            if (key == "types") types = val
            else if (key == "uris") uris = val
            else if (key == "suites") suites = val
            else if (key == "components") comps = val
            else if (key == "enabled") enabled = val
        }
        END { flush() }' "$1"
}

# hm_apt_mirror_or_die KIND VAR: the mirror, or a message naming VAR and exit 1
hm_apt_mirror_or_die() {
    local m what=archive example=http://deb.debian.org/debian
    if m=$(hm_apt_mirror "$1"); then
        echo "$m"
        return 0
    fi
    [ "$1" != security ] || { what="security archive"; example=http://deb.debian.org/debian-security; }
    echo "no Debian $what found in the apt configuration (${HM_APT_ETC:-/etc/apt}/sources.list," \
        "sources.list.d/*.list, sources.list.d/*.sources): set $2, e.g. $2=$example" >&2
    exit 1
}
