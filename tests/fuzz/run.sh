#!/bin/sh
# Runs the fuzzer to the end of its cases. When a case ends the process (a
# hang: exit 70; an exception nobody handled: 71; anything else, such as
# combase's abort), the program is started again with the same arguments:
# it finds the case that died in the state file, counts it, and goes on
# after it. Fault locations (module+offset) are given a function and line
# by symbolize.py when Python and the MinGW addr2line are there.
#   run.sh <wine-run> <fuzz.exe> <state file> <fuzz arguments...>
set -u
wine_run=$1 exe=$2 state=$3
shift 3
here=$(dirname "$0")
rm -f "$state" "$state.exit"
last=0
restarts=0
filter=cat
if command -v python3 >/dev/null && command -v x86_64-w64-mingw32-addr2line >/dev/null; then
    filter="python3 $here/symbolize.py $(dirname "$exe") $(dirname "${QMGRPRXY_DLL:-$exe}")"
fi
while :; do
    { "$wine_run" "$exe" "$@" --state "$state" --after-exit "$last"; echo $? >"$state.exit"; } | $filter
    code=$(cat "$state.exit")
    case $code in
        0|1|2) exit "$code" ;;
    esac
    # each start goes on after the case that ended the previous one; a
    # process that dies outside a case makes the next one exit with 2
    restarts=$((restarts + 1))
    last=$code
done
