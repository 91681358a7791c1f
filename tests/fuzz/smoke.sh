#!/bin/sh
# A libFuzzer target's smoke run: RUNS inputs (mutations of its corpus) after
# the corpus itself, on a temporary copy, so the tree is never written.
# Fails when the target crashes, leaks, or breaks a property (it aborts).
#   smoke.sh BINARY RUNS CORPUS_DIR...
set -eu
bin=$1 runs=$2
shift 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/fitbot-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/corpus"
i=0
for dir in "$@"; do
  i=$((i + 1))
  find "$dir" -type f | while read -r f; do
    cp "$f" "$tmp/corpus/$i-$(echo "$f" | cksum | cut -d' ' -f1)"
  done
done
# a crashing input is kept where the run started (or FITBOT_FUZZ_ARTIFACTS/)
art=${FITBOT_FUZZ_ARTIFACTS:-$PWD}
"$bin" -runs="$runs" -seed=1 -timeout=25 -rss_limit_mb=2048 \
  -artifact_prefix="$art/" -print_final_stats=1 "$tmp/corpus"
