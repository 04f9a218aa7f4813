#!/usr/bin/env python3
"""Counts the wineserver requests between the marks of bench.exe --anatomy.

Every wineserver request is a round trip from a Wine process to the
wineserver; under Wine they are the unit of cost that a Windows benchmark
does not see. Run a child (or the parent) with
    WINEDEBUG=+pid,+server,+debugstr
and give this script the trace (stderr). For each marked loop it prints the
requests per operation, in total and by request name (most frequent first).
usage: trace_requests.py <trace> [top]"""
import collections
import re
import sys

MARK = re.compile(r'OutputDebugStringA "bench-anatomy (begin|end) (\S+) (\d+)"')
REQUEST = re.compile(r'^[0-9a-f]{4}: (\w+)\(')


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    label, count, seen, results = None, 1, collections.Counter(), []
    with open(path, errors="replace") as trace:
        for line in trace:
            mark = MARK.search(line)
            if mark:
                if mark.group(1) == "begin":
                    label, count, seen = mark.group(2), int(mark.group(3)), collections.Counter()
                elif label == mark.group(2):
                    results.append((label, count, seen))
                    label = None
                continue
            request = REQUEST.match(line)
            if label and request and ") = " not in line:
                seen[request.group(1)] += 1
    for label, count, seen in results:
        total = sum(seen.values())
        print(f"{label}: {total / count:.1f} wineserver requests per operation")
        for name, n in seen.most_common(top):
            print(f"    {n / count:6.1f}  {name}")


if __name__ == "__main__":
    main()
