#!/bin/sh
# setup_qmgrprxy.sh in a fresh prefix: snapshot the keys it touches, install,
# prove that Wine's BITS service and a client map this DLL (the client of
# tests/crossprocess/bits_service.sh, run with no qmgrprxy override in the
# environment: the prefix's DllOverrides decides), install again, uninstall,
# and compare: the registry keys byte for byte (times aside) and
# system32\qmgrprxy.dll with what was there, and the service maps Wine's
# builtin again. Uninstall without install changes nothing.
# The script and DLL come from a release tree: staged from the build by
# tools/dist.sh, or unpacked from the release archive it makes.
# usage: setup_prefix.sh <tests dir> <pristine prefix> <work dir> <bits_service_client.exe>
#                        stage <tools/dist.sh> <build dir>
#                      | dist <tools/dist.sh> <x86_64 build dir> <i686 build dir>
set -u
tests=$1 pristine=$2 work=$3 client=$4 source=$5
. "$tests/tap.sh"
rm -rf "$work"
mkdir -p "$work"
case $source in
    stage)
        setup=$work/setup
        check_status "tools/dist.sh stage: the release tree of the build" sh "$6" stage "$setup" "$7"
        ;;
    dist)
        # The archive `tools/dev dist` makes: both builds when the i686 one is beside this one.
        version=$(sed -n 's/.*name="qmgrprxy" version="\([0-9]*\.[0-9]*\.[0-9]*\)\.0".*/\1/p' "$7/proxy/qmgrprxy.manifest")
        archive=$work/qmgrprxy-$version.tar.xz
        if [ -f "$8/proxy/qmgrprxy.dll" ]; then x32=x32; else x32=; echo "# no built i686 tree at $8: an x64-only archive"; fi
        check_status "tools/dist.sh archive $(basename "$archive")" sh "$6" archive "$archive" "$7" ${x32:+"$8"}
        mkdir -p "$work/unpacked"
        check_status "unpacked $(basename "$archive") ($(du -k "$archive" | cut -f1) KiB)" tar -C "$work/unpacked" -xJf "$archive"
        setup=$work/unpacked/qmgrprxy-$version
        for f in setup_qmgrprxy.sh README.md x64/qmgrprxy.dll x64/qmgrprxy.manifest include/bits.h include/bits10_3.h \
                 include/qmgr.h lib/x64/libbitsuuid.a lib/x64/qmgrprxy.dll.a lib/x64/pkgconfig/qmgrprxy.pc \
                 ${x32:+x32/qmgrprxy.dll x32/qmgrprxy.manifest lib/x32/libbitsuuid.a lib/x32/pkgconfig/qmgrprxy.pc}; do
            [ -f "$setup/$f" ] || missing="${missing:-} $f"
        done
        check "$([ -z "${missing:-}" ] && echo 1 || echo 0)" \
            "qmgrprxy-$version/ holds the script, README, x64/${x32:+, x32/}, include/, lib/${missing:+; missing:$missing}"
        pcflags=$(PKG_CONFIG_LIBDIR="$setup/lib/x64/pkgconfig" pkg-config --cflags --libs qmgrprxy)
        include=$(echo "$pcflags" | sed -n 's/^-I\([^ ]*\).*/\1/p')
        check "$([ -f "$include/bits.h" ] && [ "$(cd "$include" && pwd)" = "$setup/include" ] && echo 1 || echo 0)" \
            "its pkg-config file names the unpacked tree: $(echo $pcflags)"
        ;;
    *) echo "Bail out! usage: setup_prefix.sh ... stage <dist.sh> <build> | dist <dist.sh> <x86_64 build> <i686 build>"; exit 2 ;;
esac
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
# The Wine processes of the test see no qmgrprxy override: the prefix's decides.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
trap 'wineserver -k 2>/dev/null; wineserver -w 2>/dev/null; rm -rf "$WINEPREFIX"' EXIT INT TERM
manifest=$setup/x64/qmgrprxy.manifest
system_dll=$WINEPREFIX/drive_c/windows/system32/qmgrprxy.dll

snapshot() {   # snapshot <file>: the compared keys, after the session ended
    wineserver -w
    python3 "$tests/install/reg_snapshot.py" "$WINEPREFIX" "$manifest" >"$1"
}
keys_in() { grep -c '^\[' "$1"; }
value_of() {   # value_of <snapshot> <key suffix> <value name>: a value line's data
    KEY="$2]" NAME="$3" awk 'BEGIN { key = ENVIRON["KEY"]; name = ENVIRON["NAME"] }   # awk -v would read the backslashes
        index($0, "[") == 1 { on = (substr($0, length($0) - length(key) + 1) == key); next }
        on && index($0, name "=") == 1 { print substr($0, length(name) + 2) }' "$1"
}
service_run() {   # service_run <side> <label>: bits_service_client, its TAP included
    wineserver -k 2>/dev/null; wineserver -w 2>/dev/null
    timeout 60 wine "$client" "$system_dll" "$1" "$1" "$work/transcript-$2.txt" >"$work/client-$2.out" 2>"$work/client-$2.err"
    status=$?
    wineserver -k 2>/dev/null; wineserver -w 2>/dev/null
    tap_include "$work/client-$2.out"
    ran=$?
    check "$([ $ran = 0 ] && [ $status -le 1 ] && echo 1 || echo 0)" "$2: the BITS client ran to its end (status $status)"
}

check_status "a fresh prefix" "$tests/fresh_prefix.sh" "$pristine" "$WINEPREFIX"
snapshot "$work/before.txt"
builtin_sum=$(sha256sum <"$system_dll")
echo "# before install: $(keys_in "$work/before.txt") keys; system32\\qmgrprxy.dll is Wine's ($(grep -c 'Wine builtin DLL' "$system_dll") builtin marks)"

sh "$setup/setup_qmgrprxy.sh" install --prefix "$WINEPREFIX" >"$work/install.out" 2>&1
status=$?
sed 's/^/# /' "$work/install.out"
check "$([ $status = 0 ] && echo 1 || echo 0)" "install: status $status"
snapshot "$work/installed.txt"
check "$(cmp -s "$system_dll" "$setup/x64/qmgrprxy.dll" && echo 1 || echo 0)" "install: system32\\qmgrprxy.dll is this DLL"
override=$(value_of "$work/installed.txt" 'Software\\Wine\\DllOverrides' '"qmgrprxy"')
check "$([ "$override" = '"native"' ] && echo 1 || echo 0)" "install: HKCU\\Software\\Wine\\DllOverrides qmgrprxy=$override"
interfaces=$(grep -c -i '^@="{5CE34C0D-0DC9-4C1F-897C-DAA1B78CEE7C}"' "$work/installed.txt")
file6=$(value_of "$work/installed.txt" '{CF6784F7-D677-49FD-9368-CB47AEE9D1AD}\\NumMethods' '@')
check "$([ "$interfaces" = 35 ] && [ "$file6" = '"18"' ] && echo 1 || echo 0)" \
    "install: $interfaces interfaces name the factory (IBackgroundCopyFile6 NumMethods $file6); $(keys_in "$work/installed.txt") keys"
check "$(grep -q 'qmgrprxy: ending the Wine processes' "$work/install.out" && echo 1 || echo 0)" \
    "install says before it ends the prefix's Wine processes"

# Wine's BITS service (started on demand by the prefix's services.exe) and
# the client: both must map this DLL, with nothing in their environment.
service_run ours installed

sh "$setup/setup_qmgrprxy.sh" install --prefix "$WINEPREFIX" >"$work/install2.out" 2>&1
status=$?
snapshot "$work/installed2.txt"
check "$([ $status = 0 ] && grep -q 'already installed' "$work/install2.out" && cmp -s "$work/installed.txt" "$work/installed2.txt" &&
         echo 1 || echo 0)" "install again: status $status, says so, the same keys and values"

sh "$setup/setup_qmgrprxy.sh" uninstall --prefix "$WINEPREFIX" >"$work/uninstall.out" 2>&1
status=$?
sed 's/^/# /' "$work/uninstall.out"
check "$([ $status = 0 ] && echo 1 || echo 0)" "uninstall: status $status"
snapshot "$work/after.txt"
if cmp -s "$work/before.txt" "$work/after.txt"; then same=1; else same=0; diff "$work/before.txt" "$work/after.txt" | head -n 20 | sed 's/^/# /'; fi
check $same "uninstall: the registry equals the snapshot byte for byte: $(keys_in "$work/after.txt") keys compared (of $(keys_in "$work/installed.txt") while installed)"
check "$([ "$(sha256sum <"$system_dll")" = "$builtin_sum" ] && echo 1 || echo 0)" "uninstall: system32\\qmgrprxy.dll is Wine's file again"
check "$([ ! -e "$WINEPREFIX/qmgrprxy-saved" ] && echo 1 || echo 0)" "uninstall: no saved state left"

service_run builtin uninstalled

sh "$setup/setup_qmgrprxy.sh" uninstall --prefix "$WINEPREFIX" >"$work/uninstall2.out" 2>&1
status=$?
snapshot "$work/after2.txt"
check "$([ $status = 0 ] && grep -q 'not installed' "$work/uninstall2.out" && cmp -s "$work/before.txt" "$work/after2.txt" &&
         echo 1 || echo 0)" "uninstall without install: status $status, says so ($(cat "$work/uninstall2.out")), nothing changed"

mkdir -p "$work/not-a-prefix"
sh "$setup/setup_qmgrprxy.sh" install --prefix "$work/not-a-prefix" >"$work/refused.out" 2>&1
status=$?
check "$([ $status != 0 ] && [ -z "$(ls -A "$work/not-a-prefix")" ] && echo 1 || echo 0)" \
    "a folder without system.reg is refused: status $status, $(cat "$work/refused.out")"
tap_end
