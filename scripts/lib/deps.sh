# shellcheck shell=bash
# fitbot_install_deps: install the Debian packages the build, the tests and
# the demo need, if any is missing. Uses apt-get as root, or through sudo.
FITBOT_DEBS="build-essential cmake pkg-config libcurl4-openssl-dev libcjson-dev
libpq-dev libmicrohttpd-dev libinih-dev check libsubunit-dev postgresql
curl python3 python3-python-telegram-bot tmux wrk clang libclang-rt-14-dev llvm
libqrencode-dev libcairo2-dev zbar-tools libpango1.0-dev libcsv-dev poppler-utils
fonts-dejavu-core rpm lintian"

fitbot_install_deps() {
  local missing=() p
  for p in $FITBOT_DEBS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing missing packages: ${missing[*]}" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}
