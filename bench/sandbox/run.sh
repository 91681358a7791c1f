#!/usr/bin/env bash
# Benchmarks fitbot-sandbox on loopback: the sandbox-bench tool, then wrk
# (if installed) on sendMessage and getUpdates. Every run stops by itself.
#   bench/sandbox/run.sh BUILD_DIR [SECONDS] [THREADS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run.sh BUILD_DIR [SECONDS] [THREADS]}
secs=${2:-5}
threads=${3:-4}
sandbox="$build/sdk/sandbox/fitbot-sandbox"
"$build/bench/sandbox/sandbox-bench" --sandbox "$sandbox" --seconds "$secs" --threads "$threads"
command -v wrk >/dev/null || { echo "wrk not installed: skipping wrk runs"; exit 0; }
out=$(mktemp)
token="4242:BENCH"
"$sandbox" --port 0 --token "$token" --no-limits >"$out" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do grep -q listening "$out" && break; sleep 0.1; done
url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$out")
curl -sf -XPOST "$url/sandbox/users" -d '{"id":9100000000,"first_name":"Wrk"}' >/dev/null
echo "--- wrk sendMessage (2 threads, 8 connections, ${secs}s)"
wrk -t2 -c8 -d"${secs}s" -s "$here/send.lua" "$url/bot$token/sendMessage" | grep -E "Requests/sec|Latency|Non-2xx"
echo "--- wrk getUpdates timeout=0 (2 threads, 8 connections, ${secs}s)"
wrk -t2 -c8 -d"${secs}s" -s "$here/poll.lua" "$url/bot$token/getUpdates" | grep -E "Requests/sec|Latency|Non-2xx"
