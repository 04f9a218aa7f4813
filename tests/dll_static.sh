#!/bin/sh
# Checks the built DLL without running it (so it runs for the i686 build on a
# machine with only 64-bit Wine): the five exports, nothing else exported,
# the machine type, interpreted tables without exception handling of their
# own, and the VERSIONINFO strings.
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

# Interpreted tables only: rpcrt4's engine marshals every call (its stubless
# proxy thunks and CStdStubBuffer_Invoke; the [call_as] client halves call
# NdrClientCall2), so the DLL imports none of the routines that generated
# inline code calls, and has no exception handling of its own (x86_64: no
# function names a language handler in its unwind data).
imports=" $("$objdump" -p "$dll" | awk 'tolower($0) ~ /dll name: rpcrt4.dll/ {on = 1; getline; next} on && NF < 3 {on = 0} on {print $NF}' | sort | tr '\n' ' ')"
check "rpcrt4 imports:$imports" sh -c "printf '%s' '$imports' | grep -q ' NdrClientCall2 .* CStdStubBuffer_Invoke \|CStdStubBuffer_Invoke .* NdrClientCall2 '"
for inline in NdrProxyInitialize NdrProxySendReceive NdrStubInitialize NdrConvert RpcExceptionFilter; do
    check "no import of $inline (inline code)" sh -c "! printf '%s' '$imports' | grep -q ' $inline '"
done
if [ "$machine" = x86_64 ]; then
    handlers=$("$objdump" -x "$dll" | grep -c "Handler: ")
    check "no function names an exception handler in its unwind data (got $handlers)" test "$handlers" -eq 0
fi

# VERSIONINFO strings are UTF-16 in the .rsrc section.
check "VERSIONINFO ProductName qmgrprxy" sh -c "LC_ALL=C tr -d '\\000' < '$dll' | grep -a -q 'ProductNameqmgrprxy'"
check "VERSIONINFO OriginalFilename qmgrprxy.dll" sh -c "LC_ALL=C tr -d '\\000' < '$dll' | grep -a -q 'OriginalFilenameqmgrprxy.dll'"
check "VERSIONINFO FileDescription" sh -c "LC_ALL=C tr -d '\\000' < '$dll' | grep -a -q 'FileDescriptionBackground Intelligent Transfer Service proxy/stub'"

echo "1..$n"
[ $failed -eq 0 ]
