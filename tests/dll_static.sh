#!/bin/sh
# Checks the built DLL without running it (so it runs for the i686 build on a
# machine with only 64-bit Wine): the five exports, nothing else exported,
# the machine type, the inline stubs' exception handler (x86_64), and the
# VERSIONINFO strings.
# usage: dll_static.sh <objdump> <qmgrprxy.dll> <expected machine: x86_64|i686>
set -u
objdump=$1 dll=$2 machine=$3
n=0 failed=0
check() {   # check <description> <command...>
    desc=$1; shift
    n=$((n + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $n - $desc"; else echo "not ok $n - $desc"; failed=$((failed + 1)); fi
}

exports=$("$objdump" -p "$dll" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | awk '/\[/ && !/Table/ {print $NF}' | sort | tr '\n' ' ')
expected="DllCanUnloadNow DllGetClassObject DllRegisterServer DllUnregisterServer GetProxyDllInfo "
check "exports are exactly: $exports" test "$exports" = "$expected"

case $machine in
    x86_64) format=pei-x86-64 ;;
    *) format=pei-i386 ;;
esac
check "file format $format" sh -c "'$objdump' -f '$dll' | grep -q 'file format $format\$'"

# x86_64: the inline stubs catch RPC errors through a language handler named
# in each stub's own unwind data (proxy/seh/wine/exception.h); Windows x64
# reads nothing else. 179 methods are inline code (182 less the callback's
# three, which are -Oif tables): a proxy and a stub each.
if [ "$machine" = x86_64 ]; then
    nm=$(printf '%s' "$objdump" | sed 's/objdump$/nm/')
    handler=$("$nm" "$dll" | awk '$3 == "qmgrprxy_seh_handler" {print $1}')
    handlers=$("$objdump" -x "$dll" | grep "Handler: ")
    named=$(printf '%s\n' "$handlers" | grep -c "Handler: $handler\.")
    others=$(printf '%s\n' "$handlers" | grep -vc "Handler: $handler\.")
    check "358 functions name qmgrprxy_seh_handler in their unwind data (got $named)" test "$named" -eq 358
    check "no function names another handler (got $others)" test "$others" -eq 0
fi

# VERSIONINFO strings are UTF-16 in the .rsrc section.
check "VERSIONINFO ProductName qmgrprxy" sh -c "LC_ALL=C tr -d '\\000' < '$dll' | grep -a -q 'ProductNameqmgrprxy'"
check "VERSIONINFO OriginalFilename qmgrprxy.dll" sh -c "LC_ALL=C tr -d '\\000' < '$dll' | grep -a -q 'OriginalFilenameqmgrprxy.dll'"
check "VERSIONINFO FileDescription" sh -c "LC_ALL=C tr -d '\\000' < '$dll' | grep -a -q 'FileDescriptionBackground Intelligent Transfer Service proxy/stub'"

echo "1..$n"
[ $failed -eq 0 ]
