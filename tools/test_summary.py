#!/usr/bin/env python3
"""Prints the closing line CI reads, "N passed, N failed", from meson's
test logs of one or more build directories. A test program counts once; its
TAP checks are reported on the line before."""
import json
import sys

passed = failed = skipped = checks = 0
for build in sys.argv[1:]:
    try:
        lines = open(f"{build}/meson-logs/testlog.json").read().splitlines()
    except OSError:
        print(f"{build}: no test log", file=sys.stderr)
        failed += 1
        continue
    for line in lines:
        result = json.loads(line)
        outcome = result.get("result")
        if outcome == "OK":
            passed += 1
        elif outcome == "SKIP":
            skipped += 1
        else:
            failed += 1
            print(f"failed: {build}: {result.get('name')} ({outcome})")
        checks += sum(1 for out in (result.get("stdout") or "").splitlines() if out.startswith("ok "))
print(f"tests: {passed + failed + skipped}, TAP checks passed: {checks}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
