#!/bin/sh
# Build the RPM packages of a configured, built tree into a scratch folder
# and inspect them with rpm: what fitbot holds, its config file marked
# %config(noreplace), what it requires, its scriptlets, and the files
# unpacked into a throwaway root (rpm --root, no scriptlets) running.
#   packaging/check-rpm.sh BUILD_DIR PREFIX LIBDIR SYSCONFDIR
# Exit 0 ok, 1 a check failed, 77 when rpmbuild, rpm or cpack is missing
# (ctest: skipped; Debian's rpm package provides them).
set -u
build=$1 prefix=$2 libdir=$3 sysconf=$4
for t in rpmbuild rpm cpack; do command -v $t >/dev/null || exit 77; done
out=$(mktemp -d "${TMPDIR:-/tmp}/fitbot-rpm.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "packaging_rpm: $*" >&2; fail=1; }

(cd "$build" && cpack -G RPM -B "$out" >"$out/cpack.log" 2>&1) ||
  { cat "$out/cpack.log" >&2; exit 1; }
run=$(ls "$out"/fitbot-[0-9]*.rpm 2>/dev/null | head -1)
dev=$(ls "$out"/fitbot-dev-[0-9]*.rpm 2>/dev/null | head -1)
[ -n "$run" ] || { bad "no fitbot .rpm: $(ls "$out")"; exit 1; }
[ -n "$dev" ] || bad "no fitbot-dev .rpm"
lib=$prefix/$libdir
case $libdir in /*) lib=$libdir ;; esac

rpm -qpl "$run" >"$out/run.txt" 2>/dev/null
rpm -qpc "$run" >"$out/conf.txt" 2>/dev/null
rpm -qpR "$run" >"$out/req.txt" 2>/dev/null
rpm -qp --scripts "$run" >"$out/scripts.txt" 2>/dev/null
rpm -qp --qf '%{NAME} %{VERSION} %{ARCH}\n' "$run" >"$out/nva.txt" 2>/dev/null
has() { grep -Eq "$2" "$out/$1.txt" || bad "$3 (rpm: $1)"; }
has run "^$prefix/bin/fitbot$" "fitbot lacks the daemon"
has run "^$prefix/bin/fitbot-sandbox$" "fitbot lacks the sandbox"
has run "^$lib/fitbot/plugins/users\.so$" "fitbot lacks users.so"
has run "/systemd/system/fitbot\.service$" "fitbot lacks the systemd unit"
has run "/fitbot/sql/core/[0-9]+_.*\.sql$" "fitbot lacks sql/core"
has conf "^$sysconf/fitbot/fitbot\.conf$" "fitbot.conf is not a %config file"
has req "libmicrohttpd" "fitbot does not require libmicrohttpd"
has req "shadow-utils" "fitbot does not require shadow-utils (useradd)"
has scripts "useradd" "the %post scriptlet does not create the user"
has scripts "systemctl disable --now fitbot" "the %preun scriptlet does not stop the service"
has nva "^fitbot [0-9]" "name/version: $(cat "$out/nva.txt")"
! grep -Eq "^$prefix/include/" "$out/run.txt" || bad "fitbot holds headers"
! grep -Eq "fitbot-dev" "$out/req.txt" || bad "fitbot requires fitbot-dev"
if [ -n "$dev" ]; then
  rpm -qpl "$dev" >"$out/dev.txt" 2>/dev/null
  has dev "^$prefix/include/fitbot/plugin\.h$" "fitbot-dev lacks plugin.h"
fi
rpm -qp --qf '[%{FILEMODES:perms} %{FILENAMES}\n]' "$run" 2>/dev/null |
  grep -E " $sysconf/fitbot/fitbot\.conf$" >"$out/mode.txt"
# an %config file that is not world-writable, and no setuid file
! grep -q '^.......w' "$out/mode.txt" || bad "fitbot.conf is world-writable"
! rpm -qp --qf '[%{FILEMODES:perms}\n]' "$run" 2>/dev/null | grep -q '^...s' ||
  bad "a setuid file"

# Unpacked into a throwaway root (no scriptlets, no dependencies: the root
# is empty) and run from there.
root=$out/root
mkdir -p "$root"
rpm --root "$root" --initdb 2>"$out/initdb.txt" || bad "rpm --initdb: $(cat "$out/initdb.txt")"
rpm --root "$root" -i --nodeps --noscripts --notriggers --excludedocs \
  --ignorearch "$run" >"$out/install.txt" 2>&1 ||
  bad "rpm -i into a throwaway root: $(cat "$out/install.txt")"
LD_LIBRARY_PATH="$root$lib" "$root$prefix/bin/fitbot" --version \
  >"$out/version.txt" 2>&1 && grep -q '^fitbot ' "$out/version.txt" ||
  bad "the installed fitbot --version: $(cat "$out/version.txt")"
rpm --root "$root" -q fitbot >/dev/null 2>&1 || bad "rpm -q fitbot in the root"
rpm --root "$root" -e --nodeps --noscripts fitbot >"$out/erase.txt" 2>&1 ||
  bad "rpm -e: $(cat "$out/erase.txt")"
[ ! -e "$root$prefix/bin/fitbot" ] || bad "rpm -e left the daemon behind"
[ $fail -eq 0 ] && echo "packaging_rpm: $(basename "$run") ($(wc -l <"$out/run.txt") files) and $(basename "$dev") ok"
exit $fail
