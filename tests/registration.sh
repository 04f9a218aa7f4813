#!/bin/sh
# Runs the registration test in a fresh prefix of its own: it registers and
# unregisters the DLL, which must not disturb the prefix the other tests share.
# usage: registration.sh <wine-run> <registration.exe> <tsv> <dll> <prefix>
set -eu
wine_run=$1 exe=$2 tsv=$3 dll=$4
export WINEPREFIX="$5"
rm -rf "$WINEPREFIX" "$WINEPREFIX.lock"
unset QMGRPRXY_DLL   # the test runs regsvr32 itself
status=0
"$wine_run" "$exe" "$tsv" "$dll" || status=$?
wineserver -k 2>/dev/null || true
rm -rf "$WINEPREFIX"
exit $status
