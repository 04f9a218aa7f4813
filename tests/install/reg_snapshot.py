#!/usr/bin/env python3
"""Prints the registry keys that installing qmgrprxy.dll touches, as a
Wine prefix stores them (system.reg, user.reg), for a byte comparison:
HKCR\\Interface\\{IID} of every interface in the manifest and HKCR\\CLSID of
the proxy/stub factory, in both views (Wow6432Node), with their subkeys,
and HKCU\\Software\\Wine\\DllOverrides. Each key's lines are printed as
stored, but for the modification times (the number after the key name and
the #time= line), which a restore cannot keep. Run `wineserver -w` first.

usage: reg_snapshot.py <prefix> <qmgrprxy.manifest>
"""
import re
import sys


def sections(path):
    """(key, lines) of a .reg file of wineserver's, times left out."""
    key, lines = None, []
    for line in open(path, encoding="utf-8", errors="surrogateescape"):
        line = line.rstrip("\n")
        m = re.match(r"^\[(.*)\](?: \d+)?$", line)
        if m:
            if key is not None:
                yield key, lines
            key, lines = m.group(1), []
        elif key is not None and not line.startswith("#time="):
            lines.append(line)
    if key is not None:
        yield key, lines


def main(prefix, manifest):
    text = open(manifest, encoding="utf-8").read()
    iids = re.findall(r'<comInterfaceProxyStub iid="(\{[^}]+\})"', text)
    factory = re.findall(r'<comClass clsid="(\{[^}]+\})"[^>]*description="PSFactoryBuffer"', text)
    roots = []
    for view in ("Software\\\\Classes\\\\", "Software\\\\Classes\\\\Wow6432Node\\\\"):
        roots += [view + "Interface\\\\" + iid for iid in iids] + [view + "CLSID\\\\" + c for c in factory]
    wanted = {"system.reg": [r.lower() for r in roots], "user.reg": ["software\\\\wine\\\\dlloverrides"]}
    for name, keys in wanted.items():
        for key, lines in sections(f"{prefix}/{name}"):
            low = key.lower()
            if any(low == k or low.startswith(k + "\\\\") for k in keys):
                print(f"[{name}: {key}]")
                print("\n".join(l for l in lines if l))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
