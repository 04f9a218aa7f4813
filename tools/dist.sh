#!/bin/sh
# The release tree and archive, from configured and built meson build dirs:
#   tools/dist.sh stage <dir> <x86_64 build> [<i686 build>]
#   tools/dist.sh archive <dir>/qmgrprxy-VERSION.tar.xz <x86_64 build> <i686 build>
# The tree (also what `tools/dev install` runs setup_qmgrprxy.sh from):
#   setup_qmgrprxy.sh, README.md
#   x64/, x32/         qmgrprxy.dll and its qmgrprxy.manifest (an assembly)
#   include/           the SDK headers (bits.h ... bits10_3.h, qmgr.h) and their IDL
#   lib/x64/, lib/x32/ libbitsuuid.a, qmgrprxy.dll.a, qmgrprxy.def, pkgconfig/qmgrprxy.pc
# Everything comes from `meson install --strip` of each build into a scratch DESTDIR.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)

stage_arch() {   # stage_arch <tree> <build dir> <x64|x32>
    tree=$1 build=$2 arch=$3
    scratch=$tree.destdir-$arch
    rm -rf "$scratch"
    meson install -C "$build" --destdir "$scratch" --no-rebuild --quiet --strip
    pc=$(find "$scratch" -name qmgrprxy.pc)
    root=$(dirname "$(dirname "$(dirname "$pc")")")   # <scratch>/<prefix>
    mkdir -p "$tree/$arch" "$tree/include" "$tree/lib/$arch/pkgconfig"
    cp "$root/bin/qmgrprxy.dll" "$root/bin/qmgrprxy.manifest" "$tree/$arch/"
    cp "$root"/include/qmgrprxy/* "$tree/include/"
    cp "$root/lib/libbitsuuid.a" "$root/lib/qmgrprxy.dll.a" "$root/lib/qmgrprxy.def" "$tree/lib/$arch/"
    # pkg-config relative to where the tree is unpacked.
    sed -e 's|^prefix=.*|prefix=${pcfiledir}/../../..|' -e 's|^includedir=.*|includedir=${prefix}/include|' \
        -e "s|^libdir=.*|libdir=\${prefix}/lib/$arch|" -e 's|-I${includedir}/qmgrprxy|-I${includedir}|' \
        "$pc" >"$tree/lib/$arch/pkgconfig/qmgrprxy.pc"
    rm -rf "$scratch"
}

stage() {   # stage <tree> <x86_64 build> [<i686 build>]
    rm -rf "$1"
    mkdir -p "$1"
    tree=$(cd "$1" && pwd)   # meson reads a relative DESTDIR from the build dir
    cp "$top/tools/setup_qmgrprxy.sh" "$top/README.md" "$tree/"
    stage_arch "$tree" "$2" x64
    [ $# -lt 3 ] || stage_arch "$tree" "$3" x32
}

case ${1:-} in
    stage)
        [ $# -ge 3 ] || { echo "usage: $0 stage <dir> <x86_64 build> [<i686 build>]" >&2; exit 2; }
        shift
        stage "$@"
        ;;
    archive)
        [ $# -eq 4 ] || { echo "usage: $0 archive <out.tar.xz> <x86_64 build> <i686 build>" >&2; exit 2; }
        out=$2
        name=$(basename "$out" .tar.xz)
        dir=$(cd "$(dirname "$out")" && pwd)
        stage "$dir/$name" "$3" "$4"
        tar -C "$dir" -cJf "$out" --owner=0 --group=0 --sort=name "$name"
        rm -rf "${dir:?}/$name"
        ;;
    *)
        echo "usage: $0 stage|archive ..." >&2
        exit 2
        ;;
esac
