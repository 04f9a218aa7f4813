# TAP for the test scripts (POSIX sh, sourced): numbered checks of the
# script itself, and the TAP of a program it runs, numbered on from them.
tap_n=0
tap_failed=0

check() {   # check <0|1> <description>
    tap_n=$((tap_n + 1))
    if [ "$1" = 1 ]; then echo "ok $tap_n - $2"; else echo "not ok $tap_n - $2"; tap_failed=$((tap_failed + 1)); fi
}

check_status() {   # check_status <description> <command...>: ok if the command succeeds
    what=$1
    shift
    if "$@"; then check 1 "$what"; else check 0 "$what (status $?)"; fi
}

tap_include() {   # tap_include <file>: a program's TAP output, renumbered, without its plan
    awk -v base=$tap_n '
        { sub(/\r$/, "") }
        /^ok [0-9]+/ { $2 = $2 + base; print; next }
        /^not ok [0-9]+/ { $3 = $3 + base; print; next }
        /^1\.\.[0-9]+$/ { next }
        { print }' "$1"
    tap_n=$((tap_n + $(grep -c -E '^(not )?ok [0-9]+' "$1")))
    tap_failed=$((tap_failed + $(grep -c -E '^not ok [0-9]+' "$1")))
    grep -q -E '^1\.\.[0-9]+' "$1"   # the program ran to its end
}

tap_end() {   # prints the plan; the exit status says whether everything passed
    echo "1..$tap_n"
    [ "$tap_failed" = 0 ]
}
