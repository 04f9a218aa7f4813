#!/bin/sh
# Makes a fresh Wine prefix for a test that owns one: a copy of a pristine
# prefix that wineboot made once for the build (about 10 s; a copy takes 2).
# Nothing of the project is registered in it.
# usage: fresh_prefix.sh <pristine prefix> <new prefix>
set -eu
pristine=$1 prefix=$2
mkdir -p "$(dirname "$pristine")" "$(dirname "$prefix")"
(
    flock 9
    if [ ! -f "$pristine/system.reg" ]; then
        rm -rf "$pristine"
        WINEPREFIX=$pristine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" wine wineboot -i >/dev/null 2>&1
        WINEPREFIX=$pristine wineserver -w
    fi
) 9>"$pristine.lock"
WINEPREFIX=$prefix wineserver -k 2>/dev/null || true
rm -rf "$prefix"
cp -a "$pristine" "$prefix"
