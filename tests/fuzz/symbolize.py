#!/usr/bin/env python3
"""Copies the fuzzer's output, giving every code location it prints
(module+0xOFFSET) the function and source line that addr2line finds in the
module's debug information: the fuzzer and the DLL from the build, Wine's
DLLs from its PE directory (Debian builds them with DWARF).
    symbolize.py <dir> [<dir>...] < output"""
import glob
import os
import re
import struct
import subprocess
import sys

LOCATION = re.compile(r'\b([A-Za-z0-9_.-]+\.(?:dll|exe))\+0x([0-9a-f]+)', re.I)
WINE_DIRS = ['/usr/lib/x86_64-linux-gnu/wine/x86_64-windows', '/usr/lib/wine/x86_64-windows',
             '/usr/lib64/wine/x86_64-windows'] + glob.glob('/opt/wine*/lib*/wine/x86_64-windows')


def image_base(path):
    with open(path, 'rb') as f:
        data = f.read(4096)
    pe = struct.unpack_from('<I', data, 0x3c)[0]
    magic = struct.unpack_from('<H', data, pe + 24)[0]
    if magic == 0x20b:                                  # PE32+
        return struct.unpack_from('<Q', data, pe + 24 + 24)[0]
    return struct.unpack_from('<I', data, pe + 24 + 28)[0]


SYMBOLS = {}


def nearest_symbol(path, vma):
    """The code symbol at or below vma (for code without line data, such as
    the C runtime's assembler)."""
    if path not in SYMBOLS:
        out = subprocess.run(['x86_64-w64-mingw32-nm', '-n', path], capture_output=True, text=True,
                             timeout=60).stdout.split('\n')
        SYMBOLS[path] = [(int(f[0], 16), f[2]) for f in (l.split() for l in out)
                         if len(f) == 3 and f[1] in 'tT']
    best = None
    for address, name in SYMBOLS[path]:
        if address > vma:
            break
        best = '%s+0x%x' % (name, vma - address)
    return best


def find(name, dirs):
    for d in dirs:
        for candidate in (name, name.lower()):
            p = os.path.join(d, candidate)
            if os.path.isfile(p):
                return p
    return None


def main():
    dirs = sys.argv[1:] + WINE_DIRS
    files, cache = {}, {}

    def where(module, offset):
        key = (module.lower(), offset)
        if key in cache:
            return cache[key]
        if key[0] not in files:
            files[key[0]] = find(module, dirs)
        path, text = files[key[0]], ''
        if path:
            try:
                vma = image_base(path) + int(offset, 16)
                out = subprocess.run(['x86_64-w64-mingw32-addr2line', '-f', '-e', path, hex(vma)],
                                     capture_output=True, text=True, timeout=20).stdout.split('\n')
                if len(out) >= 2 and out[0] != '??':
                    text = ' [%s %s]' % (out[0], os.path.basename(out[1].split(' ')[0]))
                else:
                    name = nearest_symbol(path, vma)
                    text = ' [%s]' % name if name else ''
            except (OSError, ValueError, subprocess.SubprocessError, struct.error):
                pass
        cache[key] = text
        return text

    for line in sys.stdin:
        line = LOCATION.sub(lambda m: m.group(0) + where(m.group(1), m.group(2)), line)
        sys.stdout.write(line)
        sys.stdout.flush()


if __name__ == '__main__':
    main()
