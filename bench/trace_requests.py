#!/usr/bin/env python3
"""Counts the wineserver requests between the marks of bench.exe --anatomy.

Every wineserver request is a round trip from a Wine process to the
wineserver: under Wine it is the unit of cost that a Windows benchmark does
not have. Run the parent or a child with
    WINEDEBUG=+pid,+server,+debugstr
and give this script the trace (stderr). For each marked loop it prints the
requests per operation of the client's thread, of the client process's
other threads (the objects' STA, RPC threads) and of the host process, and
the most frequent request names. Other processes of the prefix (services
starting up, ...) are left out: threads are mapped to processes through the
init_first_thread and new_thread replies.
usage: trace_requests.py <trace> [top]"""
import collections
import re
import sys

MARK = re.compile(r'^([0-9a-f]{4}):([0-9a-f]{4}):.*OutputDebugStringA "bench-(anatomy (begin|end) (\S+) (\d+)|host)')
REQUEST = re.compile(r'^([0-9a-f]{4}): (\w+)\(')
FIRST_THREAD = re.compile(r'^([0-9a-f]{4}): init_first_thread\(\) = 0 \{ pid=([0-9a-f]{4}), tid=([0-9a-f]{4})')
NEW_THREAD = re.compile(r'^([0-9a-f]{4}): new_thread\(\) = 0 \{ tid=([0-9a-f]{4})')


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    pid_of, client_pid, client_tid, host_pids = {}, None, None, set()
    label, count, seen, results = None, 1, None, []
    with open(path, errors="replace") as trace:
        for line in trace:
            m = FIRST_THREAD.match(line)
            if m:
                pid_of[m.group(3)] = m.group(2)
                continue
            m = NEW_THREAD.match(line)
            if m and m.group(1) in pid_of:
                pid_of[m.group(2)] = pid_of[m.group(1)]
                continue
            m = MARK.match(line)
            if m:
                if m.group(4) is None:                         # bench-host
                    host_pids.add(m.group(1))
                elif m.group(4) == "begin":
                    client_pid, client_tid = m.group(1), m.group(2)
                    label, count, seen = m.group(5), int(m.group(6)), collections.defaultdict(collections.Counter)
                elif label == m.group(5):
                    results.append((label, count, seen))
                    label = None
                continue
            m = REQUEST.match(line)
            if not label or not m or ") = " in line:
                continue
            tid, pid = m.group(1), pid_of.get(m.group(1))
            if tid == client_tid:
                where = "client thread"
            elif pid == client_pid:
                where = "client process, other threads"
            elif pid in host_pids:
                where = "host process"
            else:
                continue
            seen[where][m.group(2)] += 1
    for label, count, seen in results:
        total = sum(sum(c.values()) for c in seen.values())
        print(f"{label}: {total / count:.1f} wineserver requests per operation")
        for where in ("client thread", "client process, other threads", "host process"):
            if where not in seen:
                continue
            counter = seen[where]
            names = ", ".join(f"{name} {n / count:.1f}" for name, n in counter.most_common(top))
            print(f"    {where}: {sum(counter.values()) / count:.1f} ({names})")


if __name__ == "__main__":
    main()
