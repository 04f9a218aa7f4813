#!/usr/bin/env python3
"""Writes the assembly manifest of qmgrprxy.dll for registration-free use.

An application whose activation context holds this assembly gets the DLL's
proxies and stubs without any registry entry: COM asks the context for an
interface's proxy/stub CLSID (comInterfaceProxyStub) and for the file that
serves that CLSID (comClass). Everything comes from the files the DLL is
built from, so the manifest cannot drift from the DLL: the interfaces, in
the order of the proxy file, with their vtable slot counts (widl's
CINTERFACE_PROXY_VTABLE(n)), and every GUID from widl's IID file.

Wine ignores proxyStubClsid32 of a comInterfaceProxyStub (ntdll/actctx.c
stores it only for comInterfaceExternalProxyStub) and answers the
interface's own IID as its proxy/stub CLSID; Wine 8.0 then fails to
unmarshal unless that CLSID is a comClass of the file (tests/regfree). So
each IID is also a comClass of the file. The DLL accepts any of its IIDs as
a class (rpcrt4's NdrDllGetClassObject looks the CLSID up in its proxy
file). Windows reads proxyStubClsid32 and finds the factory's comClass.

usage: make_manifest.py <proxy file _p.c> <IID file _i.c> <factory CLSID name> <version> <x86_64|x86> <out>
"""
import re
import sys

VTABLE = re.compile(r"CINTERFACE_PROXY_VTABLE\((\d+)\) _(\w+)ProxyVtbl =")
GUID = re.compile(r"MIDL_DEFINE_GUID\((IID|CLSID), (\w+), " + r",\s*".join([r"0x([0-9a-fA-F]+)"] * 11) + r"\);")
ARCH = {"x86_64": "amd64", "x86": "x86"}


def guid_text(parts):
    d1, d2, d3 = (int(p, 16) for p in parts[:3])
    b = [int(p, 16) for p in parts[3:]]
    return "{%08X-%04X-%04X-%02X%02X-%s}" % (d1, d2, d3, b[0], b[1], "".join("%02X" % x for x in b[2:]))


def main(proxy_c, iid_c, factory, version, cpu, out):
    interfaces = [(m.group(2), int(m.group(1))) for m in VTABLE.finditer(open(proxy_c).read())]
    guids = {m.group(2): guid_text(m.groups()[2:]) for m in GUID.finditer(open(iid_c).read())}
    if not interfaces or factory not in guids:
        sys.exit(f"{proxy_c}, {iid_c}: no interfaces, or no {factory}: has widl's output changed shape?")
    missing = [name for name, _ in interfaces if "IID_" + name not in guids]
    if missing:
        sys.exit(f"{iid_c}: no IID for {', '.join(missing)}")
    ps = guids[factory]
    version = ".".join((version.split(".") + ["0"] * 4)[:4])
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f"<!-- qmgrprxy.dll for registration-free COM: {len(interfaces)} interfaces, generated at build time -->",
        '<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">',
        f'  <assemblyIdentity type="win32" name="qmgrprxy" version="{version}" processorArchitecture="{ARCH[cpu]}"/>',
        '  <file name="qmgrprxy.dll">',
        f'    <comClass clsid="{ps}" threadingModel="Both" description="PSFactoryBuffer"/>',
    ]
    for name, slots in interfaces:
        iid = guids["IID_" + name]
        if iid != ps:   # one comClass per CLSID (IBackgroundCopyManager's IID is the factory's)
            lines.append(f'    <comClass clsid="{iid}" threadingModel="Both" description="PSFactoryBuffer for {name}"/>')
    for name, slots in interfaces:
        lines.append(f'    <comInterfaceProxyStub iid="{guids["IID_" + name]}" name="{name}" '
                     f'proxyStubClsid32="{ps}" numMethods="{slots}"/>')
    lines += ["  </file>", "</assembly>", ""]
    with open(out, "w", newline="\r\n") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    main(*sys.argv[1:])
