#!/bin/sh
# `meson install` as a MinGW-w64 developer uses it: installs the build into
# a DESTDIR, checks what is there, compiles each installed SDK header alone,
# builds sdk_client.c against the installed files only (pkg-config, with
# PKG_CONFIG_SYSROOT_DIR pointing into the DESTDIR) and runs it against the
# model's local server, across processes (local_server.sh).
# usage: sdk_install.sh <build dir> <C compiler> <sdk_client.c> <tests dir (tap.c)> <work dir>
#                       <built qmgrprxy.dll> <manager CLSID> <local_server.sh> <its arguments up to the client...>
set -u
build=$1 cc=$2 client_c=$3 tests=$4 work=$5 dll=$6 clsid=$7 local_server=$8
shift 8
. "$tests/tap.sh"

rm -rf "$work"
mkdir -p "$work"
destdir=$work/destdir
check_status "meson install --destdir $destdir" meson install -C "$build" --destdir "$destdir" --no-rebuild --quiet

pc=$(find "$destdir" -name qmgrprxy.pc | head -n 1)
check "$([ -n "$pc" ] && echo 1 || echo 0)" "qmgrprxy.pc installed (${pc#$destdir})"
[ -n "$pc" ] || { tap_end; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$pc")" PKG_CONFIG_LIBDIR="$(dirname "$pc")" PKG_CONFIG_SYSROOT_DIR="$destdir"
cflags=$(echo $(pkg-config --cflags qmgrprxy)) libs=$(echo $(pkg-config --libs qmgrprxy))
echo "# pkg-config --cflags --libs qmgrprxy: $cflags $libs"
includedir=${cflags#-I}
libdir=$(echo "$libs" | sed -n 's/^-L\([^ ]*\).*/\1/p')
prefix=$(pkg-config --variable=prefix qmgrprxy)   # the sysroot included
check "$(case $includedir in "$destdir"/*/include/qmgrprxy) echo 1 ;; *) echo 0 ;; esac)" \
    "Cflags name the DESTDIR's include/qmgrprxy ($includedir)"

# The SDK's file names, each with the declarations of its SDK file.
headers="bits.h bits1_5.h bits2_0.h bits2_5.h bits3_0.h bits4_0.h bits5_0.h bits10_1.h bits10_2.h bits10_3.h qmgr.h"
found=0
for h in $headers; do [ -f "$includedir/$h" ] && found=$((found + 1)); done
check "$([ $found = 11 ] && echo 1 || echo 0)" "the 11 SDK headers are installed: $found/11"
check "$([ ! -e "$includedir/qmgrprxy.h" ] && echo 1 || echo 0)" "the DLL's own umbrella header is not installed"
check "$([ -f "$libdir/libbitsuuid.a" ] && [ -f "$libdir/qmgrprxy.dll.a" ] && [ -f "$libdir/qmgrprxy.def" ] && echo 1 || echo 0)" \
    "lib/ holds libbitsuuid.a, the import library and the .def"
check "$(cmp -s "$prefix/bin/qmgrprxy.dll" "$dll" && echo 1 || echo 0)" "bin/qmgrprxy.dll is the built DLL"

# Each header alone, as the SDK's compile (warnings are errors).
alone=0
for h in $headers; do
    printf '#include <%s>\n' "$h" >"$work/alone.c"
    if "$cc" -Wall -Werror -fsyntax-only $cflags "$work/alone.c" 2>"$work/alone.err"; then alone=$((alone + 1))
    else sed "s/^/# $h: /" "$work/alone.err" | head -n 5; fi
done
check "$([ $alone = 11 ] && echo 1 || echo 0)" "each installed header compiles alone: $alone/11"

# Every IID and CLSID the headers declare is defined in libbitsuuid.a.
nm=$(dirname "$(command -v "$cc")")/$(basename "$cc" | sed 's/gcc$/nm/')
declared=$(cat "$includedir"/*.h | sed -n 's/^DEFINE_GUID(\([A-Za-z0-9_]*\),.*/\1/p' | sort -u)
defined=$("$nm" "$libdir/libbitsuuid.a" | awk '$2 == "R" || $2 == "D" { print $3 }' | sed 's/^_//' | sort -u)
missing=$(echo "$declared" | while read -r g; do echo "$defined" | grep -qx "$g" || echo "$g"; done)
check "$([ -z "$missing" ] && echo 1 || echo 0)" \
    "libbitsuuid.a defines all $(echo "$declared" | wc -l) GUIDs the headers declare (IIDs: $(echo "$declared" | grep -c '^IID_'), CLSIDs: $(echo "$declared" | grep -c '^CLSID_'))${missing:+; missing: $(echo $missing)}"

# The client: only <bits.h> and the installed files (tap.c is the TAP printer).
check_status "the client compiles and links: $cc sdk_client.c tap.c \$(pkg-config --cflags --libs qmgrprxy)" \
    "$cc" -Wall -Werror -o "$work/sdk_client.exe" "$client_c" "$tests/tap.c" -I"$tests" $cflags $libs

if [ -f "$work/sdk_client.exe" ]; then
    "$local_server" "$@" "$work/sdk_client.exe" "$clsid" >"$work/client.out" 2>"$work/client.err"
    status=$?
    tap_include "$work/client.out"
    ran=$?
    check "$([ $ran = 0 ] && [ $status -le 1 ] && echo 1 || echo 0)" "the client ran to its end across processes (status $status)"
fi
tap_end
