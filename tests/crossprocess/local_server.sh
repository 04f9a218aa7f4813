#!/bin/sh
# Runs a client of bits_model_host.exe (the model's local server) in the
# cross-process tests' prefix: registers the host's classes there with the
# host's own /regserver, runs the client, and ends the session, host
# included. One session at a time in this prefix (see bits_service.sh).
# usage: local_server.sh <wine-run> <prefix> <qmgrprxy.dll> <bits_model_host.exe> <client.exe> [args...]
# The client gets QMGRPRXY_CLIENT_TIMEOUT seconds (default 100).
set -u
wine_run=$1 prefix=$2 dll=$3 host=$4
shift 4
export WINEPREFIX="$prefix"
export WINEDEBUG=-all
# Every process of the session, the host started by COM included, inherits
# this: our qmgrprxy.dll on both sides.
export WINEDLLOVERRIDES="mscoree,mshtml=;qmgrprxy=n"

end_session() {
    wineserver -k >/dev/null 2>&1
    wineserver -w >/dev/null 2>&1
}
trap end_session EXIT INT TERM

exec 8>"$prefix.session.lock"
flock 8

# The prefix, with the built DLL registered (wine-run), and no session left.
QMGRPRXY_DLL="$dll" "$wine_run" cmd /c exit >/dev/null 2>&1 || { echo "Bail out! no prefix at $prefix"; exit 1; }
end_session
wine "$host" /regserver >/dev/null 2>&1 || { echo "Bail out! $host /regserver failed"; exit 1; }
timeout "${QMGRPRXY_CLIENT_TIMEOUT:-100}" wine "$@"
