#!/bin/sh
# The systemd unit as built: systemd-analyze verify's syntax (a missing
# binary aside, the unit names the installed path), Type=notify with a
# watchdog and a reload, and `systemd-analyze security --offline` at most
# MAX (default 2.0; the unit scores 1.0-1.2 with systemd 252).
#   packaging/check-unit.sh UNIT_FILE [MAX]
# Exit 0 ok, 1 a check failed, 77 without systemd-analyze (skipped).
set -u
unit=$1 max=${2:-2.0}
command -v systemd-analyze >/dev/null || exit 77
out=$(mktemp -d "${TMPDIR:-/tmp}/fitbot-unit.XXXXXX") || exit 1
trap 'rm -rf "$out"' EXIT
fail=0
bad() { echo "packaging_unit: $*" >&2; fail=1; }
cp "$unit" "$out/fitbot.service"
for want in Type=notify NotifyAccess=main WatchdogSec= 'ExecReload=/bin/kill -HUP $MAINPID' \
  User=fitbot NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes \
  CapabilityBoundingSet= ; do
  grep -q "^$want" "$out/fitbot.service" || bad "the unit lacks $want"
done
systemd-analyze verify "$out/fitbot.service" >"$out/verify.txt" 2>&1
grep -v 'is not executable\|No such file or directory' "$out/verify.txt" \
  | grep . && bad "systemd-analyze verify: $(cat "$out/verify.txt")"
systemd-analyze security --offline=yes --no-pager "$out/fitbot.service" \
  >"$out/security.txt" 2>&1 || true
score=$(sed -n 's/.*Overall exposure level for fitbot.service: \([0-9.]*\).*/\1/p' "$out/security.txt")
if [ -z "$score" ]; then
  echo "packaging_unit: systemd-analyze security --offline does not work here: $(tail -2 "$out/security.txt")"
  [ $fail -eq 0 ] && exit 77
else
  awk -v s="$score" -v m="$max" 'BEGIN { exit !(s <= m) }' ||
    bad "exposure $score is above $max: $(grep '✗' "$out/security.txt")"
  echo "packaging_unit: systemd-analyze security exposure $score (at most $max)"
fi
exit $fail
