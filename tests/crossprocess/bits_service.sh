#!/bin/sh
# Runs bits_service_client against Wine's BITS service once per pairing of
# marshalers, in a prefix of its own, and prints one TAP stream.
#
# The service (qmgr.dll in svchost.exe) is started by the prefix's
# services.exe, and a Wine process takes its DLL load order from the Unix
# environment it inherited: svchost's WINEDLLOVERRIDES is the one of
# whatever first started the prefix's wineserver, whatever the client's is.
# So for each pairing the session is ours: the wineserver is ended, the first
# process of the new session carries the service's WINEDLLOVERRIDES, and
# HKCU\Software\Wine\AppDefaults\svchost.exe\DllOverrides says the same
# (it decides when the environment names no qmgrprxy). The client then starts
# with its own override, and checks in both processes which image it got.
#
# usage: bits_service.sh <wine-run> <client.exe> <qmgrprxy.dll> <prefix> <http_fixture.py> <work dir>
#                        <service>:<client>...   (each ours or builtin; the first is the reference)
set -u
wine_run=$1 client=$2 dll=$3 prefix=$4 fixture=$5 work=$6
shift 6
export WINEPREFIX="$prefix"
export WINEDEBUG=-all
# The service fetches from 127.0.0.1: no proxy from the environment.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY no_proxy NO_PROXY
mkdir -p "$work"

. "$(dirname "$0")/../tap.sh"   # check, tap_include, tap_end
override() {   # ours -> n, builtin -> b
    case $1 in ours) echo n ;; builtin) echo b ;; *) echo "bad side $1" >&2; exit 2 ;; esac
}
end_session() {
    wineserver -k >/dev/null 2>&1
    wineserver -w >/dev/null 2>&1
}

http_pid=
cleanup() {
    [ -n "$http_pid" ] && kill "$http_pid" 2>/dev/null
    end_session
}
trap cleanup EXIT INT TERM

# One pairing at a time in this prefix, also for hand runs next to meson's.
exec 8>"$prefix.session.lock"
flock 8

# Create the prefix and register the built DLL (wine-run does both), then
# leave no session behind: the next one must start with our environment.
QMGRPRXY_DLL="$dll" "$wine_run" cmd /c exit >/dev/null 2>&1
status=$?
check "$([ $status = 0 ] && echo 1 || echo 0)" "prefix $prefix ready, built DLL registered (status $status)"
end_session

rm -f "$work/http-port"
python3 "$fixture" "$work/http-port" &
http_pid=$!
i=0
while [ ! -s "$work/http-port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$work/http-port" 2>/dev/null)
check "$([ -n "$port" ] && echo 1 || echo 0)" "HTTP fixture listening on 127.0.0.1:$port"
url=${port:+http://127.0.0.1:$port}

reference=
for pair in "$@"; do
    service=${pair%%:*} side=${pair#*:}
    s=$(override "$service") c=$(override "$side")
    echo "# service=$service (qmgrprxy=$s), client=$side (qmgrprxy=$c)"
    end_session
    # The first process of the session: services.exe inherits its environment.
    WINEDLLOVERRIDES="mscoree,mshtml=;qmgrprxy=$s" wine reg add 'HKCU\Software\Wine\AppDefaults\svchost.exe\DllOverrides' \
        /v qmgrprxy /d "$([ "$s" = n ] && echo native || echo builtin)" /f >/dev/null 2>&1
    transcript="$work/transcript-$service-$side.txt"
    rm -f "$transcript"
    WINEDLLOVERRIDES="mscoree,mshtml=;qmgrprxy=$c" timeout 50 wine "$client" "$dll" "$side" "$service" "$transcript" $url \
        >"$work/out-$service-$side.txt" 2>"$work/err-$service-$side.txt"
    status=$?
    end_session
    # The client's own TAP, numbered on from ours.
    tap_include "$work/out-$service-$side.txt"
    ran=$?
    # 0: all passed, 1: failures reported above; anything else is a crash or the timeout.
    check "$([ $status -le 1 ] && [ $ran = 0 ] && echo 1 || echo 0)" \
        "service=$service client=$side: the client ran to its end (status $status)"
    if [ -z "$reference" ]; then
        reference=$transcript
    else
        # Same calls, same values, whoever marshals them; "~" lines are where
        # Wine's builtin and Windows' marshaling differ (see the client).
        grep -v '^~' "$reference" >"$work/reference.cmp"
        grep -v '^~' "$transcript" >"$work/transcript.cmp"
        if cmp -s "$work/reference.cmp" "$work/transcript.cmp"; then same=1
        else same=0; diff "$work/reference.cmp" "$work/transcript.cmp" | sed 's/^/# /'; fi
        check $same "service=$service client=$side received what $(basename "$reference" .txt | sed 's/transcript-//') received"
    fi
done

tap_end
