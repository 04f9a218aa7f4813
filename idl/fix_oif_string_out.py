#!/usr/bin/env python3
"""Repairs one widl -Oif defect in a generated proxy file.

For an [out] pointer to a string pointer (`[out] LPWSTR *pVal`), MIDL points
the parameter's type offset at the top-level `FC_RP [alloced_on_stack]
[pointer_deref]` descriptor, whose referent is the `FC_OP` string pointer.
widl (7.0 and 8.0 alike) points it at the `FC_OP` itself while leaving the
parameter without IsSimpleRef. The NDR engine then treats the caller's
`LPWSTR *` as the string pointer: the stub sends the bytes of the pointer
value as the string and the proxy overwrites its own copy of pVal, so the
caller gets S_OK and a NULL string. The bytes on the wire are defined by the
FC_OP/FC_C_WSTRING descriptors either way; only the offset is wrong.

This rewrites each such parameter's type offset to the FC_RP that refers to
its string pointer, and fails if a parameter of that shape has none.

usage: fix_oif_string_out.py <widl output> <fixed output>
"""
import re
import sys

IS_BASETYPE = 0x0040
IS_SIMPLE_REF = 0x0100
SERVER_ALLOC_SIZE = 0xe000

# "/* 2 (LPWSTR *) */\n  0x11, 0x14, ... FC_RP ...\n  NdrFcShort(0x2), /* Offset= 2 (6) */"
RP_ON_STACK = re.compile(
    r"/\* (\d+) \([^)]*\) \*/\n\s*0x11, 0x14,[^\n]*\n\s*NdrFcShort\(0x[0-9a-f]+\),\s*/\* Offset= -?\d+ \((\d+)\) \*/")
# "/* 6 (LPWSTR) */\n  0x13, 0x8, /* FC_OP [simple_pointer] */\n ... 0x25 FC_C_WSTRING" (or FC_C_CSTRING)
STRING_POINTER = re.compile(
    r"/\* (\d+) \([^)]*\) \*/\n\s*0x1[23], 0x8,[^\n]*\n(?:/\*[^\n]*\*/\n)?\s*0x2[25],")
PARAM = re.compile(
    r"(NdrFcShort\((0x[0-9a-f]+)\),\s*/\* flags: [^\n]*\n"
    r"\s*NdrFcShort\(0x[0-9a-f]+\),\s*/\* stack offset = \d+ \*/\n\s*)"
    r"NdrFcShort\(0x[0-9a-f]+\),(\s*)/\* type offset = (\d+) \*/")


def main(source, target):
    text = open(source).read()
    split = text.index("__MIDL_TypeFormatString =")
    procs, types = text[:split], text[split:]

    rp_of = {int(m.group(2)): int(m.group(1)) for m in RP_ON_STACK.finditer(types)}
    string_pointers = {int(m.group(1)) for m in STRING_POINTER.finditer(types)}
    fixed = 0

    def repair(m):
        nonlocal fixed
        flags, offset = int(m.group(2), 16), int(m.group(4))
        if flags & (IS_BASETYPE | IS_SIMPLE_REF) or not flags & SERVER_ALLOC_SIZE:
            return m.group(0)
        if offset not in string_pointers:
            return m.group(0)
        if offset not in rp_of:
            sys.exit(f"{source}: no FC_RP descriptor refers to the string pointer at type offset {offset}")
        fixed += 1
        rp = rp_of[offset]
        return f"{m.group(1)}NdrFcShort(0x{rp:x}),{m.group(3)}/* type offset = {rp} (was {offset}: widl -Oif fix) */"

    procs = PARAM.sub(repair, procs)
    with open(target, "w") as out:
        out.write(f"/* {fixed} [out] string-pointer parameters repaired by fix_oif_string_out.py */\n")
        out.write(procs + types)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
