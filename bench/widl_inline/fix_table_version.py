#!/usr/bin/env python3
"""widl -Os gives a proxy file that has an async_uuid interface TableVersion
6 (stubless, with async table), although its proxy vtables are inline ones
without the pStublessProxyInfo header; rpcrt4 reads any TableVersion above 1
as stubless and then fails every proxy ("IID mismatch", RPC_E_UNEXPECTED).
MIDL refuses async_uuid without /Oicf. For the bench's inline build: table
version 1, no async table, so AsyncIBackgroundCopyCallback is not served.
usage: fix_table_version.py <in.c> <out.c>"""
import sys

text = open(sys.argv[1], encoding="utf-8").read()
old = "    6,\n    _AsyncInterfaceTable,\n"
if text.count(old) != 1:
    sys.exit("fix_table_version.py: the ProxyFileInfo is not as expected")
open(sys.argv[2], "w", encoding="utf-8").write(text.replace(old, "    1,\n    0,\n"))
