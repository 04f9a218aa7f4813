#!/usr/bin/env python3
"""Repairs two widl -Os defects in a generated proxy file. Neither changes a
byte on the wire; both are about what happens to bad arguments.

1. For an array sized by a pointer (`[out, size_is(, *pRangeCount)]`,
   `[out, length_is(*pceltFetched)]`), widl reads the count as
   `(ULONG_PTR)*pRangeCount` also where that pointer may be NULL: in the
   proxy's error path, after its own NULL check refused the call (so the
   client faults outside the try block), and in the stub's clean-up, where
   a [unique] pceltFetched may be NULL (so the server faults). MIDL reads
   such a count as 0 when the pointer is NULL; so does this.

2. A proxy zeroes an [out] array sized by an argument
   (`MIDL_memset(rgelt, 0, celt * sizeof(*rgelt))`) before its try block:
   a huge celt runs the memset off the caller's array. NDR refuses an array
   whose size does not fit 32 bits (RPC_S_INVALID_BOUND, as rpcrt4's
   interpreter does); the check and the memset move into the try block,
   after NdrProxyInitialize, so that both end in an error HRESULT.

usage: fix_inline_proxy.py <widl output> <fixed output>
"""
import re
import sys

COUNT = re.compile(r"\(ULONG_PTR\)\*((?:__frame->)?[A-Za-z_]\w*);")
ARRAY_MEMSET = re.compile(r"^    if \((\w+)\) MIDL_memset\( \1, 0, (\w+) \* sizeof\( \*\1 \)\);\n", re.M)
INIT = re.compile(r"^        NdrProxyInitialize\(This, [^\n]*\);\n", re.M)


def move_array_memsets(text):
    out, pos, moved = [], 0, 0
    for m in ARRAY_MEMSET.finditer(text):
        init = INIT.search(text, m.end())
        if not init or text.find("RpcTryExcept", m.end(), init.start()) < 0:
            sys.exit("fix_inline_proxy.py: an array memset without its try block")
        array, count = m.group(1), m.group(2)
        out.append(text[pos:m.start()])
        out.append(text[m.end():init.end()])
        out.append(f"        if ({array})\n        {{\n"
                   f"            if ((ULONG64){count} * sizeof( *{array} ) > 0xffffffff) RpcRaiseException(RPC_S_INVALID_BOUND);\n"
                   f"            MIDL_memset( {array}, 0, {count} * sizeof( *{array} ));\n"
                   f"        }}\n")
        pos = init.end()
        moved += 1
    out.append(text[pos:])
    return "".join(out), moved


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="utf-8").read()
    text = COUNT.sub(r"(\1 ? (ULONG_PTR)*\1 : 0);", text)
    if re.search(r"(?<!\? )\(ULONG_PTR\)\*", text):
        sys.exit(f"{sys.argv[1]}: a count read of another shape is left unguarded")
    text, moved = move_array_memsets(text)
    if not moved:
        sys.exit(f"{sys.argv[1]}: no [out] array memset found (has widl changed?)")
    open(sys.argv[2], "w", encoding="utf-8").write(text)


main()
