#!/bin/bash
# fetch-checkpatch.sh DIR: put checkpatch.pl, spelling.txt and
# const_structs.checkpatch from Debian's linux-source-6.12 (trixie) .deb into
# DIR, using a private apt configuration (the system's apt sources and state
# are never touched).  Falls back to linux-source-6.1 (bookworm).
# Downloads are cached under ${HUGEMAP_CACHE:-/var/cache/hugemap}/apt-checkpatch.
set -euo pipefail
dest=${1:?usage: fetch-checkpatch.sh DIR | --mirror}
cache=${HUGEMAP_CACHE:-/var/cache/hugemap}/apt-checkpatch
# the mirror: HM_DEBIAN_MIRROR, else the machine's apt configuration
. "$(dirname "$(readlink -f "$0")")/../scripts/hm-apt-mirror.sh"
mirror=${HM_DEBIAN_MIRROR:-$(hm_apt_mirror_or_die debian HM_DEBIAN_MIRROR)}
# --mirror: print it and stop (tests/build/run apt-mirror)
[ "$dest" != --mirror ] || { echo "$mirror"; exit 0; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
files="scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch"

mkdir -p "$cache" "$dest"
exec 9>"$cache/.lock"
flock 9
[ -s "$dest/checkpatch.pl" ] && [ -s "$dest/spelling.txt" ] && exit 0

try() { # try SUITE PACKAGE
	local suite=$1 pkg=$2 root=$cache/$1 deb
	mkdir -p "$root/lists/partial" "$root/archives/partial" "$root/parts" "$root/prefs"
	: >"$root/status"
	echo "deb [signed-by=$keyring] $mirror $suite main" >"$root/sources.list"
	local opts=(-o Dir::Etc::SourceList="$root/sources.list" -o Dir::Etc::SourceParts="$root/parts"
		-o Dir::Etc::PreferencesParts="$root/prefs" -o Dir::State::Lists="$root/lists"
		-o Dir::State::status="$root/status" -o Dir::Cache="$root"
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root -q)
	deb=$(ls "$root"/${pkg}_*.deb 2>/dev/null | tail -n 1 || true)
	if [ -z "$deb" ]; then
		apt-get "${opts[@]}" update >&2 || return 1
		(cd "$root" && apt-get "${opts[@]}" download "$pkg" >&2) || return 1
		deb=$(ls "$root"/${pkg}_*.deb 2>/dev/null | tail -n 1)
		[ -n "$deb" ] || return 1
	fi
	echo "fetch-checkpatch: extracting $files from $(basename "$deb")" >&2
	local tmp
	tmp=$(mktemp -d "$cache/x.XXXXXX")
	# the .deb holds /usr/src/linux-source-X.tar.xz: stream it, extract 3 files
	dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './usr/src/linux-source-*.tar.*' |
		xz -dc | tar -x -C "$tmp" --wildcards $(for f in $files; do echo "*/$f"; done) || true
	for f in $files; do
		local got
		got=$(find "$tmp" -path "*/$f" | head -n 1)
		[ -n "$got" ] || { rm -rf "$tmp"; return 1; }
		install -m 0644 "$got" "$dest/$(basename "$f")"
	done
	chmod 0755 "$dest/checkpatch.pl"
	echo "$(basename "$deb")" >"$dest/SOURCE"
	rm -rf "$tmp"
}

try trixie linux-source-6.12 || try bookworm linux-source-6.1 || {
	echo "fetch-checkpatch: cannot fetch checkpatch.pl from Debian's linux-source" >&2
	exit 1
}
echo "fetch-checkpatch: $dest/checkpatch.pl from $(cat "$dest/SOURCE")" >&2
