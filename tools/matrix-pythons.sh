#!/bin/sh
# matrix-pythons.sh : lists the CPythons (3.11 and later) that pydrill can be
# built against here besides the default python3-embed, one a line:
#   VERSION PC-NAME PC-DIR LIBDIR
# (PC-DIR is "-" where pkg-config finds the .pc file by itself). Found in
# pkg-config's own search path (Debian's libpython3.X-dev), in
# ~/.pyenv/versions/*/lib/pkgconfig, and in the pkgconfig folders that
# PYDRILL_EXTRA_PYTHONS lists (separated by spaces or colons).
# matrix-pythons.sh --main : the version of the default python3-embed.

# version PC-NAME : the full version ("3.12.1") from the headers' patchlevel.h
version() {
    inc=$(pkg-config --cflags-only-I "$1" 2>/dev/null | sed 's/^-I//; s/ .*//')
    sed -n 's/^#define PY_VERSION[[:space:]]*"\([^"]*\)".*/\1/p' "$inc/patchlevel.h" 2>/dev/null
}

# The default, which the main pass of make check builds against.
main=$(version python3-embed)
main_lib=$(pkg-config --variable=libdir python3-embed 2>/dev/null)
if [ "${1:-}" = --main ]; then
    echo "${main:-none}"
    exit 0
fi

# found PC-DIR : one line per python-3.X-embed.pc in PC-DIR ("-" for the
# default search path)
found() {
    if [ "$1" = - ]; then
        names=$(pkg-config --list-all 2>/dev/null | awk '{print $1}' | grep -E '^python-3\.[0-9]+-embed$')
    else
        names=$(ls "$1" 2>/dev/null | sed -n 's/^\(python-3\.[0-9][0-9]*-embed\)\.pc$/\1/p')
    fi
    for pc in $names; do
        minor=${pc#python-3.}
        minor=${minor%-embed}
        [ "$minor" -ge 11 ] || continue
        if [ "$1" = - ]; then
            v=$(version "$pc") lib=$(pkg-config --variable=libdir "$pc")
        else
            v=$(PKG_CONFIG_PATH="$1" version "$pc") lib=$(PKG_CONFIG_PATH="$1" pkg-config --variable=libdir "$pc")
        fi
        [ -n "$v" ] || continue
        [ "$v" = "$main" ] && [ "$lib" = "$main_lib" ] && continue
        echo "$v $pc $1 $lib"
    done
}

{
    found -
    for d in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.*/lib/pkgconfig; do
        [ -d "$d" ] && found "$d"
    done
    for d in $(echo "${PYDRILL_EXTRA_PYTHONS:-}" | tr ':' ' '); do
        found "$d"
    done
} | awk '!seen[$1 " " $4]++' | sort -t. -k1,1n -k2,2n -k3,3n
