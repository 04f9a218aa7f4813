#!/bin/sh
# Registration-free use in a fresh prefix where nothing of the DLL is
# registered: an application folder holds the client, its manifest (a
# dependency on the qmgrprxy assembly), qmgrprxy.manifest and qmgrprxy.dll,
# as a user would lay it out. Wine's loader still prefers its builtin
# qmgrprxy.dll for that file name, so the client runs with the load-order
# override qmgrprxy=n (a Wine setting, not a registration); the run without
# it is shown as a note.
# usage: regfree.sh <tests dir> <pristine prefix> <work dir> <regfree_client.exe> <qmgrprxy.dll> <qmgrprxy.manifest>
set -u
tests=$1 pristine=$2 work=$3 client=$4 dll=$5 manifest=$6
. "$tests/tap.sh"
export WINEPREFIX="$work/prefix" WINEDEBUG=-all
trap 'wineserver -k 2>/dev/null; wineserver -w 2>/dev/null; rm -rf "$WINEPREFIX"' EXIT INT TERM

check_status "a fresh prefix" "$tests/fresh_prefix.sh" "$pristine" "$WINEPREFIX"
app=$work/app
rm -rf "$app"
mkdir -p "$app"
cp "$client" "$dll" "$manifest" "$app/"
version=$(sed -n 's/.*assemblyIdentity type="win32" name="qmgrprxy" version="\([^"]*\)".*/\1/p' "$manifest")
arch=$(sed -n 's/.*name="qmgrprxy" version="[^"]*" processorArchitecture="\([^"]*\)".*/\1/p' "$manifest")
cat >"$app/regfree_client.exe.manifest" <<MANIFEST
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="regfree_client" version="1.0.0.0" processorArchitecture="$arch"/>
  <dependency>
    <dependentAssembly>
      <assemblyIdentity type="win32" name="qmgrprxy" version="$version" processorArchitecture="$arch"/>
    </dependentAssembly>
  </dependency>
</assembly>
MANIFEST
check "$([ -n "$version" ] && [ -n "$arch" ] && echo 1 || echo 0)" "the assembly is qmgrprxy $version ($arch); the client's manifest depends on it"
# Nothing of ours in the registry: the factory's rows are Wine's builtin ones
# (InprocServer32 is system32's qmgrprxy.dll, Wine's file, not this build's).
wineserver -w
server=$(awk '/^\[Software\\\\Classes\\\\CLSID\\\\\{5CE34C0D-0DC9-4C1F-897C-DAA1B78CEE7C\}\\\\InprocServer32\]/ { on = 1; next }
              /^\[/ { on = 0 } on && /^@=/ { print substr($0, 3) }' "$WINEPREFIX/system.reg")
interfaces=$(grep -c -i '^@="{5CE34C0D-0DC9-4C1F-897C-DAA1B78CEE7C}"' "$WINEPREFIX/system.reg")
system_dll="$WINEPREFIX/drive_c/windows/system32/qmgrprxy.dll"
check "$([ "$server" = '"C:\\windows\\system32\\qmgrprxy.dll"' ] && ! cmp -s "$system_dll" "$dll" && echo 1 || echo 0)" \
    "nothing of this build is registered: the factory is served by $server, Wine's file ($interfaces interface keys name it)"

(cd "$app" && WINEDLLOVERRIDES="mscoree,mshtml=;qmgrprxy=n" timeout 60 wine regfree_client.exe "$app/qmgrprxy.dll") \
    >"$work/client.out" 2>"$work/client.err"
status=$?
tap_include "$work/client.out"
ran=$?
check "$([ $ran = 0 ] && [ $status -le 1 ] && echo 1 || echo 0)" "the client ran to its end (status $status)"

# Without the override Wine maps its builtin in place of the assembly's file.
(cd "$app" && WINEDLLOVERRIDES="mscoree,mshtml=" timeout 60 wine regfree_client.exe "$app/qmgrprxy.dll") \
    >"$work/builtin.out" 2>&1
printf '# without qmgrprxy=n (Wine 8 load order): %s checks pass, %s fail; %s\n' "$(grep -c '^ok' "$work/builtin.out")" \
    "$(grep -c '^not ok' "$work/builtin.out")" "$(grep -m1 'the proxy.s image' "$work/builtin.out" | tr -d '\r')"
tap_end
