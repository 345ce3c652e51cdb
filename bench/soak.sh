#!/usr/bin/env bash
# make soak: SOAK_SECONDS (default 60) of wrk load at 32 connections across pages, API lists, search and the
# dataset against the production server. Fails on any error or non-2xx/3xx answer, or if the workers' memory
# grows by more than SOAK_MAX_GROWTH_MB (default 50) between the first and the second half of the run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk"; exit 1; }
source bench/live_server.sh
SECONDS_TOTAL=${SOAK_SECONDS:-60}
HALF=$((SECONDS_TOTAL / 2))
workers_rss_mb() {
  local master; master=$(cat "$SCRATCH/gunicorn.pid")
  ps -o rss= --ppid "$master" | awk '{s+=$1} END {printf "%.0f", s/1024}'
}
run_wrk() {
  wrk -t2 -c32 -d"${1}s" --latency -s bench/soak.lua "$BASE_URL" | tee -a "$SCRATCH/wrk.txt"
}
echo "== warm-up and first half (${HALF} s)"
run_wrk "$HALF"
FIRST=$(workers_rss_mb)
echo "== second half (${HALF} s); workers' memory after the first half: ${FIRST} MB"
run_wrk "$HALF"
SECOND=$(workers_rss_mb)
echo "== workers' memory: ${FIRST} MB after the first half, ${SECOND} MB at the end"
ERRORS=$(grep -E "Socket errors|Non-2xx" "$SCRATCH/wrk.txt" || true)
if [ -n "$ERRORS" ]; then echo "FAILED: $ERRORS"; exit 1; fi
if [ $((SECOND - FIRST)) -gt "${SOAK_MAX_GROWTH_MB:-50}" ]; then echo "FAILED: memory grew by $((SECOND - FIRST)) MB"; exit 1; fi
echo "== soak passed: no errors, memory stable"
