#!/bin/sh
# Build sdk/template out of the tree against a staged install of the SDK
# (cmake --install of the runtime and sdk components), run its test, and build it once more
# with plain cc + pkg-config.
#   template_test.sh BUILD_DIR TEMPLATE_DIR "EXTRA_C_FLAGS"
set -eu
build=$1 template=$2 cflags=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/fitbot-template.XXXXXX")
trap 'rm -rf "$work"' EXIT

for c in runtime sdk; do
  cmake --install "$build" --component "$c" --prefix "$work/stage" >/dev/null
done
cmake -S "$template" -B "$work/build" -DCMAKE_PREFIX_PATH="$work/stage" \
  -DCMAKE_C_FLAGS="$cflags" -DCMAKE_SHARED_LINKER_FLAGS="$cflags" \
  -DCMAKE_MODULE_LINKER_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$cflags" >/dev/null
cmake --build "$work/build"
(cd "$work/build" && LD_LIBRARY_PATH="$work/stage/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  ctest --output-on-failure)

pc=$(find "$work/stage" -name fitbot-sdk.pc | head -n 1)
[ -n "$pc" ] || { echo "fitbot-sdk.pc was not installed" >&2; exit 1; }
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror -fPIC -shared -Wl,-z,defs $cflags \
  -o "$work/myplugin.so" "$template/src/myplugin.c" \
  $(PKG_CONFIG_PATH="$(dirname "$pc")" pkg-config --cflags --libs fitbot-sdk)
nm -D --defined-only "$work/myplugin.so" | grep -q ' fitbot_plugin_v1$'
echo "template: built out of tree (CMake package and pkg-config)"
