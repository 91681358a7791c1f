#!/bin/sh
# The fitbot .deb's whole life in a throwaway root, with its maintainer
# scripts run (dpkg --root --force-script-chrootless: they honour
# DPKG_ROOT, so nothing outside the root is touched): install, upgrade to
# a newer version (the operator's edited conffile and token kept, the user
# not made twice), remove (the config and the user stay), purge (the
# config, the token and /etc/fitbot go). Then lintian on both packages,
# every remaining tag named in packaging/lintian-explained.txt.
#   packaging/check-dpkg-root.sh BUILD_DIR PREFIX SYSCONFDIR
# Exit 0 ok, 1 a check failed, 77 without dpkg, cpack or useradd, or
# when not root (ctest: skipped).
set -u
build=$1 prefix=$2 sysconf=$3
here=$(cd "$(dirname "$0")" && pwd)
for t in dpkg dpkg-deb cpack useradd groupadd; do
  command -v $t >/dev/null || exit 77
done
[ "$(id -u)" -eq 0 ] || exit 77
out=$(mktemp -d "${TMPDIR:-/tmp}/fitbot-dpkgroot.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "packaging_dpkg_root: $*" >&2; fail=1; }

ver=$(cd "$build" && sed -n 's/^CPACK_PACKAGE_VERSION "\(.*\)"$/\1/p;s/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' CPackConfig.cmake | head -1)
[ -n "$ver" ] || { bad "no version in CPackConfig.cmake"; exit 1; }
mkdir -p "$out/v1" "$out/v2"
(cd "$build" && cpack -G DEB -B "$out/v1" >"$out/cpack1.log" 2>&1 &&
  cpack -G DEB -B "$out/v2" -D CPACK_PACKAGE_VERSION="$ver.1" \
    >"$out/cpack2.log" 2>&1) || { cat "$out"/cpack*.log >&2; exit 1; }
deb1=$(ls "$out"/v1/fitbot_*.deb) deb2=$(ls "$out"/v2/fitbot_*.deb)

R=$out/root
mkdir -p "$R/var/lib/dpkg/info" "$R/var/lib/dpkg/updates" \
  "$R/var/lib/dpkg/triggers" "$R/etc" "$R/var/log"
: >"$R/var/lib/dpkg/status"
: >"$R/var/lib/dpkg/available"
printf 'root:x:0:\n' >"$R/etc/group"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$R/etc/passwd"
printf 'root:*:19000:0:99999:7:::\n' >"$R/etc/shadow"
printf 'root:*::\n' >"$R/etc/gshadow"
chmod 0600 "$R/etc/shadow" "$R/etc/gshadow"
dp() {
  dpkg --root="$R" --force-script-chrootless --force-depends \
    --log="$R/var/log/dpkg.log" "$@" >>"$out/dpkg.log" 2>&1 ||
    { bad "dpkg $*: $(tail -5 "$out/dpkg.log")"; return 1; }
}
status() { dpkg-query --admindir="$R/var/lib/dpkg" -W -f='${Status} ${Version}' fitbot 2>/dev/null; }
mode() { stat -c '%a %g' "$1" 2>/dev/null; }
gid() { awk -F: '$1 == "fitbot" { print $3 }' "$R/etc/group"; }
conf=$R$sysconf/fitbot/fitbot.conf

# install
dp -i "$deb1"
[ "$(status)" = "install ok installed $ver" ] || bad "after install: $(status)"
[ -x "$R$prefix/bin/fitbot" ] || bad "no daemon after install"
[ "$(grep -c '^fitbot:' "$R/etc/passwd")" -eq 1 ] || bad "the fitbot user was not made"
[ "$(mode "$R$sysconf/fitbot")" = "750 $(gid)" ] || bad "/etc/fitbot: $(mode "$R$sysconf/fitbot")"
[ "$(mode "$conf")" = "640 $(gid)" ] || bad "fitbot.conf: $(mode "$conf")"

# the operator edits the config and puts the token in place
echo "; edited by the operator" >>"$conf"
echo "123456:operatorToken" >"$R$sysconf/fitbot/token"
chmod 0644 "$R$sysconf/fitbot/token"

# upgrade
dp -i "$deb2"
[ "$(status)" = "install ok installed $ver.1" ] || bad "after upgrade: $(status)"
grep -q "edited by the operator" "$conf" || bad "the upgrade lost the operator's edit"
[ "$(grep -c '^fitbot:' "$R/etc/passwd")" -eq 1 ] || bad "the user was made twice"
[ "$(stat -c '%a' "$R$sysconf/fitbot/token")" = 600 ] || bad "the token is not 0600 after the upgrade"

# remove: the program goes, the config, token and user stay
dp -r fitbot
[ "$(status)" = "deinstall ok config-files $ver.1" ] || bad "after remove: $(status)"
[ ! -e "$R$prefix/bin/fitbot" ] || bad "the daemon stayed after remove"
[ -f "$conf" ] && [ -f "$R$sysconf/fitbot/token" ] || bad "remove took the config or the token"
grep -q '^fitbot:' "$R/etc/passwd" || bad "remove took the user"

# purge: the config, the token and the folder go; the user stays (policy)
dp -P fitbot
[ -z "$(status)" ] || [ "$(status | cut -d' ' -f1-3)" = "unknown ok not-installed" ] ||
  bad "after purge: $(status)"
[ ! -e "$R$sysconf/fitbot" ] || bad "purge left $(ls -A "$R$sysconf/fitbot")"
# nothing outside the root was touched
[ "$(grep -c '^fitbot:' /etc/passwd)" -eq 0 ] || echo "note: this machine has a fitbot user of its own"

# lintian, when present: every tag it still reports must be explained
if command -v lintian >/dev/null; then
  lintian --no-tag-display-limit "$deb1" "$(ls "$out"/v1/fitbot-dev_*.deb)" \
    >"$out/lintian.txt" 2>&1
  sed -n 's/^[EWIP]: [^ ]*: \([^ ]*\).*/\1/p' "$out/lintian.txt" | sort -u |
    while read -r tag; do
      grep -q "^$tag " "$here/lintian-explained.txt" ||
        { echo "packaging_dpkg_root: lintian tag not explained: $(grep -m1 " $tag" "$out/lintian.txt")" >&2; echo x; }
    done >"$out/unexplained.txt"
  [ ! -s "$out/unexplained.txt" ] || fail=1
  echo "lintian: $(grep -c '^E:' "$out/lintian.txt") errors, $(grep -c '^W:' "$out/lintian.txt") warnings ($(sed -n 's/^[EW]: [^ ]*: \([^ ]*\).*/\1/p' "$out/lintian.txt" | sort -u | wc -l) tags), $(wc -l <"$out/unexplained.txt") tag(s) not explained in packaging/lintian-explained.txt"
fi
[ $fail -eq 0 ] && echo "packaging_dpkg_root: install, upgrade $ver -> $ver.1, remove, purge ok"
exit $fail
