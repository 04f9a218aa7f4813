#!/bin/sh
# Installs qmgrprxy.dll into a Wine prefix, or takes it back out, in the
# manner of DXVK's setup script and winetricks' verbs.
#
#   setup_qmgrprxy.sh install   [--prefix DIR]
#   setup_qmgrprxy.sh uninstall [--prefix DIR]
#
# DIR defaults to $WINEPREFIX, else ~/.wine; it must be a prefix (system.reg).
# The DLLs come from x64/ (and x32/) beside this script, each with its
# qmgrprxy.manifest, which lists the interfaces the DLL serves.
#
# install: ends the prefix's Wine processes (wineserver -k; a running BITS
# service keeps the qmgrprxy.dll it mapped), saves what it will replace into
# DIR/qmgrprxy-saved/ (system32's qmgrprxy.dll, Wine's builtin, and
# syswow64's; HKCR\Interface\{IID} of every interface in the manifest and
# HKCR\CLSID of the proxy/stub factory, in both registry views; the
# qmgrprxy value of HKCU\Software\Wine\DllOverrides), copies the DLLs in,
# sets that value to native (so every process of the prefix, Wine's BITS
# service whoever starts it included, maps this DLL) and registers the DLLs
# with the prefix's regsvr32. A second install keeps the first saved state.
# uninstall: puts back exactly what was saved, files and registry, and
# removes the saved state; without one it changes nothing.
#
# WINE and WINESERVER name the programs to use (default wine, wineserver).
set -eu

usage() {
    echo "usage: $0 install|uninstall [--prefix DIR]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
action=$1
shift
prefix=${WINEPREFIX:-$HOME/.wine}
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) [ $# -ge 2 ] || usage; prefix=$2; shift 2 ;;
        --prefix=*) prefix=${1#--prefix=}; shift ;;
        *) usage ;;
    esac
done
case $action in install|uninstall) ;; *) usage ;; esac

here=$(cd "$(dirname "$0")" && pwd)
wine=${WINE:-wine}
wineserver=${WINESERVER:-wineserver}
say() { echo "qmgrprxy: $*"; }
die() { echo "qmgrprxy: $*" >&2; exit 1; }

[ -f "$prefix/system.reg" ] || die "$prefix is not a Wine prefix (no system.reg): nothing done"
prefix=$(cd "$prefix" && pwd)
export WINEPREFIX="$prefix" WINEDEBUG="${WINEDEBUG--all}"
windows=$prefix/drive_c/windows
saved=$prefix/qmgrprxy-saved
manifest=$here/x64/qmgrprxy.manifest

# The keys the registration writes: every interface of the manifest, and the factory.
keys() {
    sed -n 's/.*<comInterfaceProxyStub iid="\({[^}]*}\)".*/Interface\\\1/p' "$manifest"
    sed -n 's/.*<comClass clsid="\({[^}]*}\)"[^>]*description="PSFactoryBuffer".*/CLSID\\\1/p' "$manifest"
}
# The views to handle: 64-bit, and 32-bit where the prefix runs 32-bit programs.
views() {
    echo 64
    if [ -f "$windows/syswow64/regsvr32.exe" ] && [ -f "$here/x32/qmgrprxy.dll" ]; then echo 32; fi
}
dir_of_view() { if [ "$1" = 64 ]; then echo system32; else echo syswow64; fi; }
reg() { "$wine" reg "$@" >/dev/null 2>&1; }

end_session() {
    say "ending the Wine processes of $prefix, if any (wineserver -k): they keep the qmgrprxy.dll they mapped"
    "$wineserver" -k 2>/dev/null || true
    "$wineserver" -w 2>/dev/null || true
}

save_state() {
    mkdir -p "$saved"
    keys >"$saved/keys"   # what uninstall restores, whichever version runs it
    for view in $(views); do
        dir=$(dir_of_view "$view")
        if [ -f "$windows/$dir/qmgrprxy.dll" ]; then cp -p "$windows/$dir/qmgrprxy.dll" "$saved/$dir-qmgrprxy.dll"
        else : >"$saved/$dir-absent"; fi
        mkdir -p "$saved/registry$view"
        n=0
        for key in $(cat "$saved/keys"); do
            n=$((n + 1))
            # reg export fails for a key that does not exist: nothing to restore then.
            if "$wine" reg export "HKCR\\$key" "Z:$(echo "$saved/registry$view/$n.reg" | tr / '\\')" "/reg:$view" /y \
                >/dev/null 2>&1; then :; else rm -f "$saved/registry$view/$n.reg"; fi
        done
        echo "$view" >>"$saved/views"
    done
    "$wine" reg query 'HKCU\Software\Wine\DllOverrides' /v qmgrprxy 2>/dev/null | tr -d '\r' |
        sed -n 's/^ *qmgrprxy *\(REG_[A-Z_]*\) *\(.*\)$/\1 \2/p' >"$saved/override"
    echo "$(date -u '+%Y-%m-%d %H:%M:%S UTC')" >"$saved/complete"
}

install() {
    [ -f "$here/x64/qmgrprxy.dll" ] && [ -f "$manifest" ] || die "no x64/qmgrprxy.dll and x64/qmgrprxy.manifest beside $0"
    end_session
    if [ -f "$saved/complete" ]; then
        say "already installed in $prefix (state saved $(cat "$saved/complete")): installing this DLL again, the saved state kept"
    else
        rm -rf "$saved"
        save_state
        say "saved what install replaces into $saved"
    fi
    reg add 'HKCU\Software\Wine\DllOverrides' /v qmgrprxy /t REG_SZ /d native /f ||
        die "could not set HKCU\\Software\\Wine\\DllOverrides\\qmgrprxy"
    say "set HKCU\\Software\\Wine\\DllOverrides: qmgrprxy=native"
    for view in $(cat "$saved/views"); do
        dir=$(dir_of_view "$view")
        arch=$([ "$view" = 64 ] && echo x64 || echo x32)
        cp "$here/$arch/qmgrprxy.dll" "$windows/$dir/qmgrprxy.dll"
        say "copied $arch/qmgrprxy.dll to C:\\windows\\$dir"
        WINEDLLOVERRIDES=qmgrprxy=n "$wine" "C:\\windows\\$dir\\regsvr32.exe" /s "C:\\windows\\$dir\\qmgrprxy.dll" ||
            die "regsvr32 C:\\windows\\$dir\\qmgrprxy.dll failed"
        say "registered C:\\windows\\$dir\\qmgrprxy.dll ($(keys | wc -l) interfaces and classes, $view-bit view)"
    done
    "$wineserver" -w
    say "installed in $prefix; '$0 uninstall --prefix $prefix' takes it back"
    case ${WINEDLLOVERRIDES:-} in *qmgrprxy*) say "note: your WINEDLLOVERRIDES names qmgrprxy; it wins over the prefix's setting" ;; esac
}

uninstall() {
    if [ ! -f "$saved/complete" ]; then
        say "not installed in $prefix (no $saved): nothing to do"
        return 0
    fi
    end_session
    for view in $(cat "$saved/views"); do
        dir=$(dir_of_view "$view")
        if [ -f "$saved/$dir-qmgrprxy.dll" ]; then cp -p "$saved/$dir-qmgrprxy.dll" "$windows/$dir/qmgrprxy.dll"
        else rm -f "$windows/$dir/qmgrprxy.dll"; fi
        say "restored C:\\windows\\$dir\\qmgrprxy.dll"
        n=0
        for key in $(cat "$saved/keys"); do
            n=$((n + 1))
            reg delete "HKCR\\$key" "/reg:$view" /f || true
            if [ -f "$saved/registry$view/$n.reg" ]; then
                reg import "Z:$(echo "$saved/registry$view/$n.reg" | tr / '\\')" "/reg:$view" || die "could not restore HKCR\\$key"
            fi
        done
        say "restored $n registry keys ($view-bit view)"
    done
    if [ -s "$saved/override" ]; then
        read -r type value <"$saved/override"
        reg add 'HKCU\Software\Wine\DllOverrides' /v qmgrprxy /t "$type" /d "$value" /f
        say "restored HKCU\\Software\\Wine\\DllOverrides: qmgrprxy=$value"
    else
        reg delete 'HKCU\Software\Wine\DllOverrides' /v qmgrprxy /f || true
        say "removed qmgrprxy from HKCU\\Software\\Wine\\DllOverrides: Wine's builtin serves again"
    fi
    "$wineserver" -w
    rm -rf "$saved"
    say "uninstalled from $prefix"
}

$action
