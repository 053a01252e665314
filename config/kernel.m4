dnl config/kernel.m4: hugemap's kernel probe engine (design after OpenZFS
dnl config/kernel.m4, not its code).
dnl
dnl Every config/kernel-<name>.m4 defines two macros and registers itself:
dnl   HM_AC_KERNEL_SRC_<NAME>  writes probe module sources (HM_LINUX_TEST_SRC)
dnl   HM_AC_KERNEL_<NAME>      decides HAVE_* from the facts (HM_LINUX_TEST_RESULT*)
dnl   HM_PROBE_REGISTER([<NAME>])
dnl The engine writes ALL probe modules into one directory, compiles them in ONE
dnl parallel kbuild run (make -C $LINUX_OBJ M=$probedir -k -jN modules), runs
dnl modpost once more over the modules that compiled, and keeps three separate
dnl facts per probe module: the object compiled; modpost reported an undefined
dnl symbol for it; and (per symbol) the symbol is exported in the kernel's
dnl Module.symvers.  The modpost exit status is never trusted (4.14/4.18
dnl modpost only WARNs "undefined!" and exits 0).
dnl
dnl Probe sources are compiled with -Werror and must be warning-clean, so that a
dnl CONFIG_WERROR kernel or `make WERROR=1` cannot flip an answer.  objtool
dnl (x86_64) skips every probe object (OBJECT_FILES_NON_STANDARD := y) except
dnl those a probe asks it for (HM_LINUX_TEST_OBJTOOL); its warnings about such an
dnl object are a fourth fact, read from the probe build log.  Facts are
dnl cached per (kernel obj dir, UTS release, compiler, Module.symvers, .config,
dnl probe sources) under $HUGEMAP_CACHE/probes or ~/.cache/hugemap/probes.

m4_define([HM_PROBE_LIST], [])
dnl HM_PROBE_REGISTER([NAME]): add a probe file's macros to the run.
AC_DEFUN([HM_PROBE_REGISTER], [m4_append_uniq_w([HM_PROBE_LIST], [$1])])

dnl HM_LINUX_TEST_SRC([name], [file-scope code], [function body])
dnl Writes $hm_probedir/hm_<name>.c: a GPL module holding the file-scope code
dnl and a non-static function `int hm_probe_<name>(void *hm_arg)` whose body is
dnl the given code (declarations first: -Wdeclaration-after-statement).
dnl Avoid square brackets in probe code (m4 quotes); use *(p + i).
AC_DEFUN([HM_LINUX_TEST_SRC], [
cat >"$hm_probedir/hm_$1.c" <<'_HM_PROBE_EOF'
/* hugemap configure probe: $1 */
@%:@include <linux/module.h>
@%:@include <linux/kernel.h>
$2

int hm_probe_$1(void *hm_arg);
int hm_probe_$1(void *hm_arg)
{
$3
	return 0;
}

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("hugemap configure probe $1");
_HM_PROBE_EOF
hm_probe_all="$hm_probe_all hm_$1"
])

dnl HM_LINUX_TEST_CFLAGS([name], [flags]): extra compiler flags for probe hm_<name>
dnl only (a per-object CFLAGS_hm_<name>.o line in the probe Kbuild), e.g. to find out
dnl whether a flag makes a kernel header's warning go away.
AC_DEFUN([HM_LINUX_TEST_CFLAGS], [
hm_probe_cflags="$hm_probe_cflags
CFLAGS_hm_$1.o += $2"
])

dnl HM_LINUX_TEST_OBJTOOL([name]): run the kernel's objtool over probe hm_<name>
dnl (a per-object OBJECT_FILES_NON_STANDARD_hm_<name>.o := n line: the other
dnl probes stay unchecked), to find out whether the kernel's objtool warns about
dnl code the compiler generates.  Each warning objtool prints about the object
dnl ("hm_<name>.o: warning: objtool: ..." or, with CONFIG_MODVERSIONS on old kernels,
dnl ".tmp_hm_<name>.o: ...") becomes the fact "objtool hm_<name> TEXT".
dnl Where objtool does not run (arm64, no CONFIG_STACK_VALIDATION/CONFIG_OBJTOOL)
dnl there are no such facts.  Decide with HM_LINUX_TEST_RESULT_OBJTOOL.
AC_DEFUN([HM_LINUX_TEST_OBJTOOL], [
hm_probe_cflags="$hm_probe_cflags
OBJECT_FILES_NON_STANDARD_hm_$1.o := n"
])

dnl HM_LINUX_TEST_RESULT([name], [action-if-compiled], [action-if-not])
dnl Compile-only probe (declarations, types, members, CONFIG_ symbols).
dnl On failure $hm_why holds a one-line reason.
AC_DEFUN([HM_LINUX_TEST_RESULT], [
AS_IF([hm_fact_compiled hm_$1], [$2], [hm_why="probe hm_$1 does not compile"; $3])
])

dnl HM_LINUX_TEST_RESULT_SYMBOL([name], [symbol ...], [action-if-yes], [action-if-no])
dnl Symbol probe: the probe compiled (exact signature) AND at least one of the
dnl listed symbols (the function or, for a static inline wrapper, its backing
dnl symbol) is exported in $LINUX_OBJ/Module.symvers AND modpost did not report
dnl any undefined symbol for the probe module.
AC_DEFUN([HM_LINUX_TEST_RESULT_SYMBOL], [
AS_IF([hm_fact_symbol_ok hm_$1 "$2"], [$3], [$4])
])

dnl HM_LINUX_TEST_RESULT_OBJTOOL([name], [action-if-clean], [action-if-not])
dnl objtool probe (HM_LINUX_TEST_OBJTOOL): the probe compiled AND objtool printed
dnl no warning about it.  On failure $hm_why holds a one-line reason (objtool's
dnl first warning, or "does not compile").
AC_DEFUN([HM_LINUX_TEST_RESULT_OBJTOOL], [
AS_IF([hm_fact_objtool_clean hm_$1], [$2], [$3])
])

dnl HM_RESULT([HAVE_X], [yes|no|shell-var], [why-if-no], [description])
dnl Records a result for hugemap_config.h and the summary.
AC_DEFUN([HM_RESULT], [hm_result $1 "$2" "$3"])

dnl ---------------------------------------------------------------------
dnl Shell helpers, emitted once.
AC_DEFUN([HM_KERNEL_SHELL_FUNCS], [
dnl hm_conf VAR: value of CONFIG_VAR from the kernel's auto.conf/.config ("" if unset)
hm_conf() {
	sed -n "s/^$[1]=//p" "$hm_kconfig" 2>/dev/null | head -n 1 | sed 's/^"\(.*\)"$/\1/'
}

dnl hm_probe_kbuild MODULE...: the probe directory's Kbuild builds exactly these
hm_probe_kbuild() {
	printf 'obj-m += %s.o\n' "$[@]" >"$hm_probedir/Kbuild"
	printf 'ccflags-y += -Werror\nOBJECT_FILES_NON_STANDARD := y\n' >>"$hm_probedir/Kbuild"
	test -z "$hm_probe_cflags" || echo "$hm_probe_cflags" >>"$hm_probedir/Kbuild"
}

dnl hm_probe_make LOG MAKEARGS...: kbuild "modules" over the probe directory,
dnl output in LOG and in config.log
hm_probe_make() {
	hm_plog=$[1]
	shift
	( unset KBUILD_OUTPUT KBUILD_EXTMOD O; cd "$hm_probedir" &&
	  make -C "$LINUX_OBJ" M="$hm_probedir" $KERNEL_MAKE_ARGS "$[@]" modules ) \
		>"$hm_plog" 2>&1
	cat "$hm_plog" >&AS_MESSAGE_LOG_FD
}

dnl hm_probe_env_failed LOG: the build environment failed, not a probe
dnl (a header replaced while read, an OOM-killed cc1, an ICE, a full disk)
hm_probe_env_failed() {
	grep -q -e 'fixdep: error' -e 'Killed signal' -e 'internal compiler error' \
		-e 'No space left on device' "$[1]"
}

dnl hm_probe_explained MODULE LOG: the compiler reported on MODULE's own source,
dnl or objtool on MODULE's object (a kernel whose objtool warnings are errors
dnl removes the object)
hm_probe_explained() {
	grep -q -e "$[1]\.c:@<:@0-9@:>@" -e "/\(\.tmp_\)\{0,1\}$[1]\.o: @<:@a-z@:>@*: objtool: " "$[2]"
}

dnl hm_probe_objtool_facts LOG...: "objtool hm_x TEXT" for each objtool warning
dnl (or error) about a probe object; old kbuild runs objtool on .tmp_hm_x.o
hm_probe_objtool_facts() {
	sed -n 's/^\(.*\/\)\{0,1\}\(\.tmp_\)\{0,1\}\(hm_@<:@A-Za-z0-9_@:>@*\)\.o: @<:@a-z@:>@*: objtool: \(.*\)/objtool \3 \4/p' "$[@]" |
		awk '!seen@<:@$[0]@:>@++'
}

hm_fact_compiled() {
	grep -qx "compiled $[1]" "$hm_facts"
}

dnl hm_fact_objtool MODULE: objtool's first warning about MODULE ("" if none)
hm_fact_objtool() {
	grep "^objtool $[1] " "$hm_facts" | head -n 1 | cut -d' ' -f3-
}

dnl hm_fact_objtool_clean MODULE -> 0/1, sets hm_why
hm_fact_objtool_clean() {
	hm_o=$(hm_fact_objtool "$[1]")
	if test -n "$hm_o"; then
		hm_why="objtool: $hm_o (probe $[1])"
		return 1
	fi
	if ! hm_fact_compiled "$[1]"; then
		hm_why="probe $[1] does not compile"
		return 1
	fi
	return 0
}

hm_fact_undefined() {
	grep "^undef $[1] " "$hm_facts" | head -n 1 | cut -d' ' -f3
}

hm_symvers_has() {
	awk -F'\t' -v s="$[1]" '$[2] == s { f = 1; exit } END { exit !f }' "$LINUX_SYMVERS"
}

dnl hm_fact_symbol_ok MODULE "SYM..." -> 0/1, sets hm_why, hm_sym_found
hm_fact_symbol_ok() {
	hm_sym_found=
	if ! hm_fact_compiled "$[1]"; then
		hm_why="probe $[1] does not compile (no such declaration/signature)"
		return 1
	fi
	for hm_s in $[2]; do
		if hm_symvers_has "$hm_s"; then
			hm_sym_found=$hm_s
			break
		fi
	done
	if test -z "$hm_sym_found"; then
		hm_why="$(echo $[2] | sed 's/ / or /g') not exported in Module.symvers"
		return 1
	fi
	hm_u=$(hm_fact_undefined "$[1]")
	if test -n "$hm_u"; then
		hm_why="modpost: \"$hm_u\" undefined for probe $[1]"
		return 1
	fi
	return 0
}

hm_results=
dnl hm_result HAVE_X yes|no why
hm_result() {
	hm_results="$hm_results $[1]"
	eval "hm_r_$[1]=\$[2]"
	if test "x$[2]" = xyes; then
		eval "hm_why_$[1]="
	else
		eval "hm_why_$[1]=\$[3]"
	fi
	AC_MSG_CHECKING([$[1]])
	if test "x$[2]" = xyes; then
		AC_MSG_RESULT([yes])
	else
		AC_MSG_RESULT([no ($[3])])
	fi
}

hm_have() {
	eval "test \"x\$hm_r_$[1]\" = xyes"
}

hm_hash() {
	if command -v sha256sum >/dev/null 2>&1; then
		sha256sum | cut -c1-40
	else
		cksum | tr ' ' '-'
	fi
}
])

dnl ---------------------------------------------------------------------
dnl HM_AC_KERNEL: locate the kernel, set up the toolchain, run all probes.
AC_DEFUN([HM_AC_KERNEL], [
HM_KERNEL_SHELL_FUNCS
HM_AC_KERNEL_PATHS
HM_AC_KERNEL_RELEASE
HM_AC_KERNEL_TOOLCHAIN
HM_AC_KERNEL_GEOMETRY
HM_AC_KERNEL_PROBES
HM_AC_KERNEL_SIZES
])

dnl ---------------------------------------------------------------------
AC_DEFUN([HM_AC_KERNEL_PATHS], [
AC_ARG_WITH([linux],
	AS_HELP_STRING([--with-linux=SRC], [kernel source tree (default: from the obj dir)]),
	[LINUX=$withval], [LINUX=])
AC_ARG_WITH([linux-obj],
	AS_HELP_STRING([--with-linux-obj=OBJ], [kernel build tree (default: /lib/modules/`uname -r`/build)]),
	[LINUX_OBJ=$withval], [LINUX_OBJ=])

hm_uname_r=$(uname -r)
dnl hm_release_of DIR: the kernel release a headers/build directory is for: its
dnl utsrelease.h, else its path (/lib/modules/K/build, /usr/src/kernels/K,
dnl /usr/src/linux-headers-K), else empty
hm_release_of() {
	hm_ro=$(sed -n 's/^@%:@define UTS_RELEASE "\(.*\)"/\1/p' "$[1]/include/generated/utsrelease.h" 2>/dev/null)
	if test -z "$hm_ro"; then
		case $[1] in
		*/lib/modules/*/build|*/lib/modules/*/source|*/lib/modules/*/build/|*/lib/modules/*/source/)
			hm_ro=${1%/}; hm_ro=${hm_ro%/*}; hm_ro=${hm_ro@%:@@%:@*/} ;;
		*/kernels/*) hm_ro=${1%/}; hm_ro=${hm_ro@%:@@%:@*/} ;;
		*/linux-headers-*) hm_ro=${1%/}; hm_ro=${hm_ro@%:@@%:@*/linux-headers-} ;;
		esac
	fi
	echo "$hm_ro"
}
dnl hm_obj_of DIR: a build (obj) directory DIR really is (Module.symvers, utsrelease.h
dnl or a kbuild Makefile that includes a source tree)
hm_obj_of() {
	test -f "$[1]/Module.symvers" || test -f "$[1]/include/generated/utsrelease.h" ||
		grep -q '^include /.*/Makefile$' "$[1]/Makefile" 2>/dev/null
}
dnl the kernel being targeted, for the hints: the given tree's release, else the running one
hm_target_r=
for hm_d in "$LINUX_OBJ" "$LINUX"; do
	test -n "$hm_d" || continue
	hm_target_r=$(hm_release_of "$hm_d")
	test -z "$hm_target_r" || break
done
hm_target_what="the targeted kernel $hm_target_r"
if test -z "$LINUX_OBJ$LINUX"; then
	hm_target_r=$hm_uname_r
	hm_target_what="the running kernel $hm_uname_r"
elif test -z "$hm_target_r"; then
	hm_target_r=VERSION
	hm_target_what="the kernel in ${LINUX_OBJ:-$LINUX}"
fi
hm_pkg_hint="install the headers of $hm_target_what: Debian/Ubuntu: apt-get install linux-headers-$hm_target_r; RHEL/Fedora/Rocky/Alma: dnf install kernel-devel-$hm_target_r; or pass --with-linux=SRC --with-linux-obj=OBJ (a Debian /usr/src/linux-headers-K-ARCH, a RHEL /usr/src/kernels/K, /lib/modules/K/build or a built kernel tree)"

dnl --with-linux=DIR may name a build (obj) directory without sources: Debian's
dnl /usr/src/linux-headers-K-ARCH (sources in ...-common) or /lib/modules/K/build;
dnl then it is the obj dir and the sources are found from it below
if test -n "$LINUX" && test -z "$LINUX_OBJ" && test ! -f "$LINUX/include/linux/mm.h" &&
   hm_obj_of "$LINUX"; then
	AC_MSG_NOTICE([--with-linux=$LINUX is a kernel build directory without sources: using it as --with-linux-obj])
	LINUX_OBJ=$LINUX
	LINUX=
fi

AC_MSG_CHECKING([kernel build tree (obj)])
if test -z "$LINUX_OBJ" && test -z "$LINUX"; then
	LINUX_OBJ=/lib/modules/$hm_uname_r/build
	test -e "$LINUX_OBJ/Makefile" ||
		AC_MSG_ERROR([kernel headers for the running kernel $hm_uname_r not found at $LINUX_OBJ: $hm_pkg_hint])
elif test -z "$LINUX_OBJ"; then
	dnl only SRC given: SRC itself if it was built in place, else a Debian
	dnl flavour dir whose Makefile includes SRC, else /lib/modules/*/build
	dnl whose source link is SRC
	hm_src_real=$(readlink -f "$LINUX" 2>/dev/null)
	if test -f "$LINUX/Module.symvers" || test -f "$LINUX/include/generated/utsrelease.h"; then
		LINUX_OBJ=$LINUX
	else
		for hm_d in "${hm_src_real%-common}"-* /lib/modules/*/build; do
			test -f "$hm_d/Makefile" || continue
			if grep -q "^include $hm_src_real/Makefile" "$hm_d/Makefile" 2>/dev/null ||
			   test "$(readlink -f "$hm_d/../source" 2>/dev/null)" = "$hm_src_real" ||
			   test "$(readlink -f "$hm_d/source" 2>/dev/null)" = "$hm_src_real"; then
				LINUX_OBJ=$hm_d
				dnl prefer the running flavour
				case $hm_d in *"$hm_uname_r"*) break ;; esac
			fi
		done
		test -n "$LINUX_OBJ" || LINUX_OBJ=$LINUX
	fi
fi
LINUX_OBJ=$(readlink -f "$LINUX_OBJ" 2>/dev/null || echo "$LINUX_OBJ")
AC_MSG_RESULT([$LINUX_OBJ])
test -f "$LINUX_OBJ/Makefile" ||
	AC_MSG_ERROR([$LINUX_OBJ is not a kernel build tree (no Makefile): $hm_pkg_hint])

AC_MSG_CHECKING([kernel source tree])
if test -z "$LINUX"; then
	hm_inc=$(sed -n 's,^include \(/.*\)/Makefile$,\1,p' "$LINUX_OBJ/Makefile" | head -n 1)
	if test -e "$LINUX_OBJ/source" && test -f "$LINUX_OBJ/source/include/linux/mm.h"; then
		LINUX=$LINUX_OBJ/source
	elif test -n "$hm_inc" && test -d "$hm_inc/include/linux"; then
		LINUX=$hm_inc
	elif test -d "$LINUX_OBJ/include/linux"; then
		LINUX=$LINUX_OBJ
	elif test -f "${LINUX_OBJ%-*}-common/include/linux/mm.h"; then
		dnl Debian: /usr/src/linux-headers-K-ARCH and its sources in K-common
		LINUX=${LINUX_OBJ%-*}-common
	else
		for hm_d in /lib/modules/*/build; do
			test "$(readlink -f "$hm_d")" = "$LINUX_OBJ" && test -e "$hm_d/../source" && {
				LINUX=$hm_d/../source; break; }
		done
		test -n "$LINUX" || LINUX=$LINUX_OBJ
	fi
fi
LINUX=$(readlink -f "$LINUX" 2>/dev/null || echo "$LINUX")
AC_MSG_RESULT([$LINUX])
test -f "$LINUX/include/linux/mm.h" ||
	AC_MSG_ERROR([$LINUX has no include/linux/mm.h: not a kernel source/headers tree ($hm_pkg_hint)])

if test -f "$LINUX_OBJ/include/config/auto.conf"; then
	hm_kconfig=$LINUX_OBJ/include/config/auto.conf
elif test -f "$LINUX_OBJ/.config"; then
	hm_kconfig=$LINUX_OBJ/.config
else
	AC_MSG_ERROR([$LINUX_OBJ has neither include/config/auto.conf nor .config: run `make modules_prepare` there or $hm_pkg_hint])
fi
LINUX_SYMVERS=$LINUX_OBJ/Module.symvers
test -s "$LINUX_SYMVERS" ||
	AC_MSG_ERROR([$LINUX_SYMVERS is missing or empty: symbol probes need the kernel's export list (build the kernel with `make modules`, or $hm_pkg_hint)])
AC_SUBST([LINUX])
AC_SUBST([LINUX_OBJ])
AC_SUBST([LINUX_SYMVERS])
])

dnl ---------------------------------------------------------------------
AC_DEFUN([HM_AC_KERNEL_RELEASE], [
AC_MSG_CHECKING([kernel release])
LINUX_VERSION=
for hm_f in include/generated/utsrelease.h include/linux/utsrelease.h; do
	test -f "$LINUX_OBJ/$hm_f" || continue
	LINUX_VERSION=$(sed -n 's/^@%:@define UTS_RELEASE "\(.*\)"/\1/p' "$LINUX_OBJ/$hm_f")
	break
done
test -n "$LINUX_VERSION" ||
	AC_MSG_ERROR([cannot read UTS_RELEASE from $LINUX_OBJ/include/generated/utsrelease.h: run `make modules_prepare` in $LINUX_OBJ or $hm_pkg_hint])
AC_MSG_RESULT([$LINUX_VERSION])
AC_SUBST([LINUX_VERSION])

hm_kv=$(echo "$LINUX_VERSION" | sed -n 's/^\([[0-9]]*\)\.\([[0-9]]*\).*/\1 \2/p')
hm_kmaj=${hm_kv% *}
hm_kmin=${hm_kv#* }
hm_vnum() { echo "$[1]" | awk -F. '{ printf "%d\n", $[1] * 1000 + $[2] }'; }
if test -n "$hm_kv"; then
	hm_kcur=$((hm_kmaj * 1000 + hm_kmin))
	if test "$hm_kcur" -lt "$(hm_vnum "$HM_KERNEL_MIN")"; then
		AC_MSG_ERROR([kernel $LINUX_VERSION is older than $HM_KERNEL_MIN, the oldest kernel $PACKAGE_NAME supports (META KERNEL_MIN)])
	fi
	if test "$hm_kcur" -gt "$(hm_vnum "$HM_KERNEL_MAX")"; then
		AC_MSG_WARN([kernel $LINUX_VERSION is newer than $HM_KERNEL_MAX, the newest kernel $PACKAGE_NAME was tested with (META KERNEL_MAX); relying on the probes])
	fi
fi
])

dnl ---------------------------------------------------------------------
dnl Toolchain: exactly what the module build uses.
AC_DEFUN([HM_AC_KERNEL_TOOLCHAIN], [
AC_ARG_VAR([ARCH], [kernel architecture for cross builds (x86_64, arm64)])
AC_ARG_VAR([CROSS_COMPILE], [cross toolchain prefix, e.g. aarch64-linux-gnu-])
AC_ARG_VAR([KERNEL_CC], [compiler for the module and probes (default: the kernel's, from CONFIG_CC_VERSION_TEXT)])
AC_ARG_VAR([KERNEL_LD], [linker for the module and probes])
AC_ARG_VAR([LLVM], [1 for clang-built kernels (default: from CONFIG_CC_IS_CLANG)])

AC_MSG_CHECKING([kernel architecture])
if test -n "$(hm_conf CONFIG_ARM64)"; then
	hm_arch=arm64
elif test -n "$(hm_conf CONFIG_X86_64)"; then
	hm_arch=x86_64
else
	hm_arch=unknown
fi
AC_MSG_RESULT([$hm_arch])
case $hm_arch in
x86_64|arm64) ;;
*) AC_MSG_ERROR([unsupported kernel architecture in $hm_kconfig: $PACKAGE_NAME supports x86_64 and arm64]) ;;
esac
hm_host_arch=$(uname -m)
case $hm_host_arch in aarch64) hm_host_arch=arm64 ;; esac
if test -z "$ARCH" && test "$hm_arch" != "$hm_host_arch"; then
	ARCH=$hm_arch
	AC_MSG_NOTICE([cross build for $hm_arch: ARCH=$ARCH])
fi
if test "$hm_arch" = arm64 && test "$hm_host_arch" != arm64 && test -z "$CROSS_COMPILE"; then
	dnl aarch64-linux-gnu-gcc, or the cross variant of the kernel's own compiler
	dnl (CONFIG_CC_VERSION_TEXT "gcc-12 ..." -> aarch64-linux-gnu-gcc-12, what
	dnl Debian's gcc-12-aarch64-linux-gnu alone provides)
	hm_w=$(hm_conf CONFIG_CC_VERSION_TEXT)
	hm_w=${hm_w%% *}
	hm_w=${hm_w#aarch64-linux-gnu-}
	case $hm_w in *gcc*) ;; *) hm_w=gcc ;; esac
	command -v aarch64-linux-gnu-gcc >/dev/null 2>&1 || command -v "aarch64-linux-gnu-$hm_w" >/dev/null 2>&1 ||
		AC_MSG_ERROR([arm64 kernel on a $hm_host_arch host: no aarch64-linux-gnu-gcc or aarch64-linux-gnu-$hm_w; pass CROSS_COMPILE= (Debian: apt-get install gcc-aarch64-linux-gnu or $hm_w-aarch64-linux-gnu)])
	CROSS_COMPILE=aarch64-linux-gnu-
	AC_MSG_NOTICE([cross build: CROSS_COMPILE=$CROSS_COMPILE])
fi

AC_MSG_CHECKING([whether the kernel was built with clang])
hm_cc_text=$(hm_conf CONFIG_CC_VERSION_TEXT)
if test "x$(hm_conf CONFIG_CC_IS_CLANG)" = xy; then
	AC_MSG_RESULT([yes])
	test -n "$LLVM" || LLVM=1
else
	AC_MSG_RESULT([no])
fi

AC_MSG_CHECKING([compiler for the module])
if test -z "$KERNEL_CC" && test -z "$LLVM"; then
	dnl the kernel's own compiler, e.g. "gcc-12 (Debian 12.2.0-14) 12.2.0"
	hm_w=${hm_cc_text%% *}
	for hm_c in "$hm_w" "$CROSS_COMPILE$hm_w"; do
		case $hm_c in *gcc*) ;; *) continue ;; esac
		case $hm_c in "$CROSS_COMPILE"*) ;; *) continue ;; esac
		if command -v "$hm_c" >/dev/null 2>&1; then
			KERNEL_CC=$hm_c
			break
		fi
	done
fi
dnl LLVM=1, LLVM=-15 (suffix) or LLVM=/usr/lib/llvm-15/bin/ (prefix), as kbuild
case $LLVM in
"") hm_clang= ;;
-*) hm_clang=clang$LLVM ;;
*/) hm_clang=${LLVM}clang ;;
*) hm_clang=clang ;;
esac
hm_cc_eff=${KERNEL_CC:-$hm_clang}
hm_cc_eff=${hm_cc_eff:-${CROSS_COMPILE}gcc}
AC_MSG_RESULT([$hm_cc_eff${LLVM:+ (LLVM=$LLVM)}])
command -v "${hm_cc_eff%% *}" >/dev/null 2>&1 ||
	AC_MSG_ERROR([compiler $hm_cc_eff not found (the kernel was built with: $hm_cc_text)])
hm_cc_version=$($hm_cc_eff --version 2>/dev/null | head -n 1)

dnl the make variables shared by the probes and the module build
KERNEL_MAKE_ARGS=
test -z "$ARCH" || KERNEL_MAKE_ARGS="$KERNEL_MAKE_ARGS ARCH=$ARCH"
test -z "$CROSS_COMPILE" || KERNEL_MAKE_ARGS="$KERNEL_MAKE_ARGS CROSS_COMPILE=$CROSS_COMPILE"
test -z "$KERNEL_CC" || KERNEL_MAKE_ARGS="$KERNEL_MAKE_ARGS CC=$KERNEL_CC"
test -z "$KERNEL_LD" || KERNEL_MAKE_ARGS="$KERNEL_MAKE_ARGS LD=$KERNEL_LD"
test -z "$LLVM" || KERNEL_MAKE_ARGS="$KERNEL_MAKE_ARGS LLVM=$LLVM"
KERNEL_MAKE_ARGS=${KERNEL_MAKE_ARGS# }
AC_SUBST([KERNEL_MAKE_ARGS])
AC_SUBST([KERNEL_ARCH], [$hm_arch])
])

dnl ---------------------------------------------------------------------
dnl Page-table geometry: page size from CONFIG_ARM64_{4K,16K,64K}_PAGES (else
dnl 4K); PMD = page * (page / 8); PUD (1G) only with >= 4 levels on 4K pages.
AC_DEFUN([HM_AC_KERNEL_GEOMETRY], [
AC_MSG_CHECKING([page-table geometry])
hm_page_k=4
test -z "$(hm_conf CONFIG_ARM64_16K_PAGES)" || hm_page_k=16
test -z "$(hm_conf CONFIG_ARM64_64K_PAGES)" || hm_page_k=64
hm_levels=$(hm_conf CONFIG_PGTABLE_LEVELS)
test -n "$hm_levels" || hm_levels=4
hm_pmd_k=$((hm_page_k * hm_page_k * 1024 / 8))
hm_human() {
	if test "$[1]" -ge 1048576; then echo "$(($[1] / 1048576))G"
	elif test "$[1]" -ge 1024; then echo "$(($[1] / 1024))M"
	else echo "$[1]K"; fi
}
HM_PAGE=$(hm_human $hm_page_k)
HM_PMD=$(hm_human $hm_pmd_k)
if test "$hm_page_k" = 4 && test "$hm_levels" -ge 4; then
	HM_PUD=1G
else
	HM_PUD=none
fi
AC_MSG_RESULT([page $HM_PAGE, pmd $HM_PMD, pud $HM_PUD ($hm_levels levels)])
])

dnl ---------------------------------------------------------------------
AC_DEFUN([HM_AC_KERNEL_PROBES], [
AC_ARG_ENABLE([probe-cache],
	AS_HELP_STRING([--disable-probe-cache], [do not read or write the kernel probe cache]),
	[], [enable_probe_cache=yes])
AC_ARG_WITH([probe-jobs],
	AS_HELP_STRING([--with-probe-jobs=N], [parallel jobs for the probe build (default: nproc)]),
	[hm_jobs=$withval], [hm_jobs=${HM_PROBE_JOBS:-$(nproc 2>/dev/null || echo 2)}])

hm_probedir=$ac_pwd/.hm-probes
rm -rf "$hm_probedir"
mkdir -p "$hm_probedir" || AC_MSG_ERROR([cannot create $hm_probedir])
hm_facts=$hm_probedir/facts
hm_probe_all=
hm_probe_cflags=
dnl extra compiler flags for the module (Kbuild ccflags-y), chosen by probes
HM_KBUILD_CFLAGS=

dnl the baseline: a trivial module with the headers every probe uses
HM_LINUX_TEST_SRC([baseline], [
#include <linux/mm.h>
#include <linux/fs.h>
], [])
m4_foreach_w([hm_p], HM_PROBE_LIST, [m4_indir([HM_AC_KERNEL_SRC_]hm_p)
])

hm_probe_kbuild $hm_probe_all

dnl cache key: the engine's revision (bump it when the way answers are
dnl found changes), kernel obj dir, UTS release, compiler, make variables,
dnl export list, kernel config, and the probe sources themselves
hm_key=$({
	echo "probe engine 3"
	echo "$LINUX_OBJ"; echo "$LINUX_VERSION"; echo "$hm_cc_version"
	echo "$KERNEL_MAKE_ARGS"
	cat "$LINUX_SYMVERS" "$hm_kconfig"
	cat "$hm_probedir"/*.c "$hm_probedir/Kbuild"
} | hm_hash)
if test -n "$HUGEMAP_CACHE"; then
	hm_cachedir=$HUGEMAP_CACHE/probes
else
	hm_cachedir=${HOME:-/nonexistent}/.cache/hugemap/probes
fi
hm_cachefile=$hm_cachedir/$LINUX_VERSION-$hm_key.facts

hm_probe_count=$(echo $hm_probe_all | wc -w)
if test "x$enable_probe_cache" = xyes && test -s "$hm_cachefile"; then
	AC_MSG_NOTICE([kernel probes: using cached facts $hm_cachefile])
	cp "$hm_cachefile" "$hm_facts"
else
	AC_MSG_NOTICE([kernel probes: building $hm_probe_count probe modules against $LINUX_OBJ (-j$hm_jobs)])
	hm_t0=$(date +%s)
	dnl phase 1: compile every probe object, keep going on errors
	hm_probe_make "$hm_probedir/build.log" -k -j"$hm_jobs"
	dnl a probe that did not compile must say why in its own source (a compiler
	dnl diagnostic located in or included from hm_X.c); anything else is no
	dnl answer: build those probes once more on their own, and never record a
	dnl failure that has no diagnostic of its own
	hm_unexplained=
	hm_env_bad=no
	hm_probe_env_failed "$hm_probedir/build.log" && hm_env_bad=yes
	for hm_m in $hm_probe_all; do
		test -f "$hm_probedir/$hm_m.o" && continue
		if test $hm_env_bad = yes ||
		   ! hm_probe_explained $hm_m "$hm_probedir/build.log"; then
			hm_unexplained="$hm_unexplained $hm_m"
		fi
	done
	if test -n "$hm_unexplained"; then
		AC_MSG_NOTICE([kernel probes: building again, on their own:$hm_unexplained])
		hm_probe_kbuild $hm_unexplained
		hm_probe_make "$hm_probedir/build2.log" -k -j"$hm_jobs"
		hm_probe_env_failed "$hm_probedir/build2.log" &&
			AC_MSG_ERROR([kernel probes: the build environment failed twice (see config.log): no answer is recorded])
		for hm_m in $hm_unexplained; do
			test -f "$hm_probedir/$hm_m.o" ||
			hm_probe_explained $hm_m "$hm_probedir/build2.log" ||
				AC_MSG_ERROR([kernel probe $hm_m failed twice without a diagnostic of its own (see config.log)])
		done
	fi
	: >"$hm_facts"
	hm_ok=
	for hm_m in $hm_probe_all; do
		if test -f "$hm_probedir/$hm_m.o"; then
			echo "compiled $hm_m" >>"$hm_facts"
			hm_ok="$hm_ok $hm_m"
		fi
	done
	dnl objtool's warnings about the probes it was asked to check
	hm_probe_objtool_facts "$hm_probedir"/build*.log >>"$hm_facts"
	hm_fact_compiled hm_baseline || {
		tail -n 40 "$hm_probedir/build.log" >&2
		AC_MSG_ERROR([cannot build a trivial module against $LINUX_OBJ with "$hm_cc_eff" ($KERNEL_MAKE_ARGS): see above and config.log (wrong compiler for this kernel? pass KERNEL_CC=, CROSS_COMPILE=, LLVM=1)])
	}
	hm_t2=$(date +%s)
	dnl phase 2: modpost (no final link) over the modules that compiled; parse
	dnl modpost's "undefined!" reports (WARNING on 4.14/4.18, ERROR later)
	hm_probe_kbuild $hm_ok
	hm_probe_make "$hm_probedir/modpost.log" KBUILD_MODPOST_NOFINAL=1 -j"$hm_jobs"
	dnl  older: [WARNING|ERROR: modpost]: "sym" [/path/hm_x.ko] undefined!
	dnl  newer (seen on 7.3): ERROR: modpost: hm_x.ko: symbol 'sym' undefined!
	sed -n -e 's/.*"\(@<:@^"@:>@*\)" \@<:@\(.*\/\)\{0,1\}\(hm_@<:@A-Za-z0-9_@:>@*\)\.ko\@:>@ undefined.*/undef \3 \1/p' \
		-e "s/.*modpost: \(.*\/\)\{0,1\}\(hm_@<:@A-Za-z0-9_@:>@*\)\.ko: symbol '\(@<:@^'@:>@*\)' undefined.*/undef \2 \3/p" \
		"$hm_probedir/modpost.log" >>"$hm_facts"
	dnl every "undefined" report must have been understood: never guess
	hm_n_undef=$(grep -c 'undefined' "$hm_probedir/modpost.log")
	if test "$hm_n_undef" != "$(grep -c '^undef ' "$hm_facts")"; then
		grep 'undefined' "$hm_probedir/modpost.log" >&2
		AC_MSG_ERROR([unrecognised modpost "undefined" report format (see above): config/kernel.m4 must learn it])
	fi
	dnl modpost must have run: .mod.c files or an undefined report
	if ! ls "$hm_probedir"/*.mod.c >/dev/null 2>&1 && ! grep -q '^undef ' "$hm_facts"; then
		tail -n 40 "$hm_probedir/modpost.log" >&2
		AC_MSG_ERROR([modpost did not run over the probe modules: see config.log])
	fi
	hm_t1=$(date +%s)
	echo "probe build: phase 1 (compile) $((hm_t2 - hm_t0))s, phase 2 (modpost) $((hm_t1 - hm_t2))s" >&AS_MESSAGE_LOG_FD
	hm_ncompiled=`grep -c '^compiled ' "$hm_facts"`
	AC_MSG_NOTICE([kernel probes: built in $((hm_t1 - hm_t0))s, $hm_ncompiled of $hm_probe_count compiled])
	if test "x$enable_probe_cache" = xyes; then
		mkdir -p "$hm_cachedir" 2>/dev/null &&
			cp "$hm_facts" "$hm_cachefile.tmp.$$" 2>/dev/null &&
			mv -f "$hm_cachefile.tmp.$$" "$hm_cachefile" ||
			AC_MSG_WARN([cannot write probe cache $hm_cachefile])
	fi
fi
echo "probe facts:" >&AS_MESSAGE_LOG_FD
cat "$hm_facts" >&AS_MESSAGE_LOG_FD

m4_foreach_w([hm_p], HM_PROBE_LIST, [m4_indir([HM_AC_KERNEL_]hm_p)
])

test -n "$HM_KEEP_PROBES" || rm -rf "$hm_probedir"
HM_KBUILD_CFLAGS=${HM_KBUILD_CFLAGS# }
AC_SUBST([HM_KBUILD_CFLAGS])
])

dnl ---------------------------------------------------------------------
dnl Entry sizes the build supports, hugemap_config.h, summary.
dnl hm_need SIZE "ALTERNATIVE..." ... : each argument is one requirement, a
dnl space-separated list of macros of which one must be yes; "A+B" means
dnl both A and B.  Sets hm_missing to the first requirement not met.
AC_DEFUN([HM_AC_KERNEL_SIZES], [
hm_need() {
	hm_missing=
	for hm_req in "$[@]"; do
		hm_met=no
		for hm_alt in $hm_req; do
			hm_all=yes
			for hm_m in $(echo "$hm_alt" | tr '+' ' '); do
				hm_have "$hm_m" || { hm_all=no; break; }
			done
			test $hm_all = no || { hm_met=yes; break; }
		done
		if test $hm_met = no; then
			hm_first=${hm_req%% *}
			hm_first=${hm_first%%+*}
			for hm_alt in $hm_req; do
				for hm_m in $(echo "$hm_alt" | tr '+' ' '); do
					hm_have "$hm_m" || { hm_first=$hm_m; break 2; }
				done
			done
			eval "hm_w=\$hm_why_$hm_first"
			if test "x$hm_req" = "x$hm_first"; then
				hm_missing="$hm_first ($hm_w)"
			else
				dnl every alternative's first unmet macro and why
				hm_ws=
				for hm_alt in $hm_req; do
					for hm_m in $(echo "$hm_alt" | tr '+' ' '); do
						hm_have "$hm_m" && continue
						eval "hm_w=\$hm_why_$hm_m"
						hm_ws="${hm_ws:+$hm_ws; }$hm_m: $hm_w"
						break
					done
				done
				hm_missing="$(echo "$hm_req" | sed 's/ / or /g') ($hm_ws)"
			fi
			return 1
		fi
	done
	return 0
}

HM_SIZES=
hm_unsupported=
if test "$HM_PUD" = none; then
	hm_unsupported="$hm_unsupported
  PUD: no PUD-level leaf entries with $HM_PAGE pages / $hm_levels levels"
elif hm_need HAVE_CONFIG_TRANSPARENT_HUGEPAGE HAVE_CONFIG_THP_PUD HAVE_VMF_INSERT_PFN_PUD \
	"HAVE_PUD_PFNMAP HAVE_PTE_DEVMAP+HAVE_PFN_T" "HAVE_PMD_PFNMAP HAVE_PMD_MODIFY_KEEPS_DEVMAP" \
	"HAVE_VM_OPS_SPLIT HAVE_VM_OPS_MAY_SPLIT" \
	"HAVE_VM_OPS_MPROTECT HAVE_CHANGE_HUGE_PUD"; then
	HM_SIZES="$HM_PUD"
else
	hm_unsupported="$hm_unsupported
  $HM_PUD: needs $hm_missing"
fi
if hm_need HAVE_CONFIG_TRANSPARENT_HUGEPAGE HAVE_VMF_INSERT_PFN_PMD \
	"HAVE_PMD_PFNMAP HAVE_PTE_DEVMAP+HAVE_PFN_T+HAVE_PMD_MODIFY_KEEPS_DEVMAP"; then
	HM_SIZES="$HM_SIZES $HM_PMD"
else
	hm_unsupported="$hm_unsupported
  $HM_PMD: needs $hm_missing"
fi
HM_SIZES="${HM_SIZES# } $HM_PAGE"
HM_SIZES=${HM_SIZES# }

dnl pages mode (compat/pages.h): struct pages through memremap_pages(), devmap entries
dnl (pfn_t era) or refcounted folio entries (6.15+ without pfn_t); 6.15/6.16 have both: no
if hm_have HAVE_PFN_T && hm_have HAVE_VMF_INSERT_FOLIO_PMD; then
	HM_PAGES=no
	HM_PAGES_WHY="kernel has both devmap entries and folio inserts (6.15/6.16): not supported"
elif hm_have HAVE_VMF_INSERT_FOLIO_PMD; then
	if hm_need HAVE_CONFIG_ZONE_DEVICE HAVE_MEMREMAP_PAGES HAVE_DEV_PAGEMAP_RANGE \
		HAVE_MEMORY_DEVICE_GENERIC HAVE_VMF_INSERT_PAGE_MKWRITE HAVE_DEV_PAGEMAP_VMEMMAP_SHIFT \
		HAVE_INIT_PSEUDO HAVE_FS_DAX; then
		HM_PAGES=yes
		HM_PAGES_WHY="refcounted folio entries on ZONE_DEVICE pages"
	else
		HM_PAGES=no
		HM_PAGES_WHY="needs $hm_missing"
	fi
elif hm_need HAVE_CONFIG_ZONE_DEVICE HAVE_MEMREMAP_PAGES HAVE_DEV_PAGEMAP_RANGE \
	HAVE_MEMORY_DEVICE_GENERIC HAVE_PTE_DEVMAP HAVE_PFN_T HAVE_VMF_INSERT_MIXED_PFN_T \
	HAVE_INIT_PSEUDO HAVE_FS_DAX; then
	HM_PAGES=yes
	HM_PAGES_WHY="devmap entries on ZONE_DEVICE pages"
else
	HM_PAGES=no
	HM_PAGES_WHY="needs $hm_missing"
fi

dnl hugemap_config.h: written only when it changes (no needless rebuilds)
hm_cfg=hugemap_config.h
{
	echo "/* hugemap_config.h: generated by configure for $LINUX_VERSION ($hm_arch). Do not edit. */"
	echo "@%:@ifndef _HUGEMAP_CONFIG_H"
	echo "@%:@define _HUGEMAP_CONFIG_H"
	echo
	echo "@%:@define HUGEMAP_VERSION \"$PACKAGE_VERSION\""
	echo "@%:@define HUGEMAP_CONFIG_KERNEL \"$LINUX_VERSION\""
	echo "@%:@define HUGEMAP_CONFIG_SIZES \"$HM_SIZES\""
	echo
	for hm_m in $hm_results; do
		if hm_have $hm_m; then
			echo "@%:@define $hm_m 1"
		else
			echo "/* @%:@undef $hm_m */"
		fi
	done
	echo
	echo "@%:@endif /* _HUGEMAP_CONFIG_H */"
} >"$hm_cfg.tmp"
if cmp -s "$hm_cfg.tmp" "$hm_cfg"; then
	rm -f "$hm_cfg.tmp"
else
	mv -f "$hm_cfg.tmp" "$hm_cfg"
fi
])

dnl HM_AC_KERNEL_SUMMARY: print the table and the machine-readable line.
AC_DEFUN([HM_AC_KERNEL_SUMMARY], [
hm_probe_summary=conftest.summary
{
	echo
	echo "hugemap $PACKAGE_VERSION configuration"
	echo "  kernel release:   $LINUX_VERSION"
	echo "  kernel obj/src:   $LINUX_OBJ"
	echo "                    $LINUX"
	echo "  arch:             $hm_arch"
	echo "  compiler:         $hm_cc_eff${LLVM:+ LLVM=$LLVM} ($hm_cc_version)"
	echo "  make args:        ${KERNEL_MAKE_ARGS:-(none)}"
	echo "  module cflags:    ${HM_KBUILD_CFLAGS:-(none)}"
	echo "  page size:        $HM_PAGE"
	echo "  PMD entry:        $HM_PMD"
	echo "  PUD entry:        $HM_PUD"
	echo "  probes:"
	for hm_m in $hm_results; do
		if hm_have $hm_m; then
			printf '    %-34s yes\n' "$hm_m"
		else
			eval "hm_w=\$hm_why_$hm_m"
			printf '    %-34s no   %s\n' "$hm_m" "$hm_w"
		fi
	done
	echo "  entry sizes:      $HM_SIZES"
	echo "  pages mode:       $HM_PAGES ($HM_PAGES_WHY)"
	if test -n "$hm_unsupported"; then
		echo "  unsupported:$hm_unsupported"
	fi
	echo
	echo "hugemap-config: kernel=$LINUX_VERSION arch=$hm_arch page=$HM_PAGE pmd=$HM_PMD pud=$HM_PUD sizes=\"$HM_SIZES\" pages=$HM_PAGES"
} >"$hm_probe_summary"
cat "$hm_probe_summary"
cat "$hm_probe_summary" >&AS_MESSAGE_LOG_FD
rm -f "$hm_probe_summary"
])
