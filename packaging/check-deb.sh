#!/bin/sh
# Build the DEB packages of a configured, built tree into a scratch folder
# and check them: what each package holds, that fitbot does not depend on
# fitbot-dev, and that the unpacked fitbot runs (--version, check-config).
#   packaging/check-deb.sh BUILD_DIR PREFIX LIBDIR SYSCONFDIR
# (ctest packaging_deb passes the tree's own values.) Exit 0 ok, 1 a check
# failed, 77 when dpkg-deb or cpack is missing (ctest: skipped).
set -u
build=$1 prefix=$2 libdir=$3 sysconf=$4
command -v dpkg-deb >/dev/null && command -v cpack >/dev/null || exit 77
out=$(mktemp -d "${TMPDIR:-/tmp}/fitbot-deb.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "packaging_deb: $*" >&2; fail=1; }

(cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) ||
  { cat "$out/cpack.log" >&2; exit 1; }
run=$(ls "$out"/fitbot_*.deb 2>/dev/null) || { bad "no fitbot .deb"; exit 1; }
dev=$(ls "$out"/fitbot-dev_*.deb 2>/dev/null) || { bad "no fitbot-dev .deb"; exit 1; }
dpkg-deb -c "$run" | awk '{print $6}' | sed 's|^\./|/|' >"$out/run.txt"
dpkg-deb -c "$dev" | awk '{print $6}' | sed 's|^\./|/|' >"$out/dev.txt"

has() { # LIST REGEX WHAT
  grep -Eq "$2" "$out/$1.txt" || bad "$1 package lacks $3"
}
lacks() { # LIST REGEX WHAT
  ! grep -Eq "$2" "$out/$1.txt" || bad "$1 package must not hold $3"
}
lib=$prefix/$libdir
case $libdir in /*) lib=$libdir ;; esac
has run "^$prefix/bin/fitbot$" "the daemon"
has run "^$prefix/bin/fitbot-sandbox$" "the sandbox"
has run "^$lib/fitbot/plugins/users\.so$" "users.so"
has run "^$lib/libfitbot-sdk\.so\.[0-9]+(\.[0-9]+)*$" "libfitbot-sdk.so.N"
has run "/fitbot/sql/core/[0-9]+_.*\.sql$" "sql/core"
has run "/systemd/system/fitbot\.service$" "the systemd unit"
has run "^$sysconf/fitbot/fitbot\.conf$" "fitbot.conf"
lacks run "/hello\.so$" "the hello example"
lacks run "/sql/hello/" "the hello example's migrations"
lacks run "^$lib/libfitbot-sdk\.so$" "the .so link (fitbot-dev's)"
lacks run "^$prefix/include/" "headers"
has dev "^$prefix/include/fitbot/plugin\.h$" "plugin.h"
has dev "^$prefix/include/fitbot/sdk\.h$" "sdk.h"
has dev "^$lib/libfitbot-sdk\.so$" "the .so link"
has dev "^$lib/pkgconfig/fitbot-sdk\.pc$" "fitbot-sdk.pc"
has dev "^$lib/cmake/FitbotSDK/FitbotSDKConfig\.cmake$" "the CMake package"
lacks dev "/plugins/" "plugins"
lacks dev "^$lib/libfitbot-sdk\.so\.[0-9]" "the runtime library (fitbot's)"
dpkg-deb -f "$run" Depends | grep -q fitbot-dev && bad "fitbot depends on fitbot-dev"

# Unpack fitbot alone into a throwaway root and run it from there.
root=$out/root
dpkg -x "$run" "$root" || bad "dpkg -x failed"
export LD_LIBRARY_PATH="$root$lib"
"$root$prefix/bin/fitbot" --version >"$out/version.txt" 2>&1 &&
  grep -q '^fitbot ' "$out/version.txt" || bad "fitbot --version: $(cat "$out/version.txt")"
FITBOT_TOKEN=123456:packagingCheck "$root$prefix/bin/fitbot" check-config \
  --config "$root$sysconf/fitbot/fitbot.conf" >"$out/check.txt" 2>&1 ||
  bad "check-config of the packaged fitbot.conf: $(cat "$out/check.txt")"
FITBOT_TOKEN=123456:packagingCheck FITBOT_PLUGIN_DIR="$root$lib/fitbot/plugins" \
  FITBOT_SQL_DIR="$root$prefix/share/fitbot/sql" \
  "$root$prefix/bin/fitbot" plugins --config "$root$sysconf/fitbot/fitbot.conf" \
  >"$out/plugins.txt" 2>&1 && grep -q '^loaded  *users ' "$out/plugins.txt" ||
  bad "the packaged users.so does not load: $(cat "$out/plugins.txt")"
[ $fail -eq 0 ] && echo "packaging_deb: $(basename "$run") and $(basename "$dev") ok"
exit $fail
