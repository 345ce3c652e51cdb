#!/bin/sh
# Instructions per uncached render of one URL, counted by callgrind: the same count whatever else the machine is doing,
# where the wall clock of a shared machine swings by a third from minute to minute (README, Performance).
#
#   bench/instructions.sh /api/v1/countries/kz/profile/ [N]
#
# Runs bench/render_latency.py under valgrind twice, with 3 and with 3 + N renders (N=3), against the database of
# DATABASE_URL (default: db.sqlite3, `make data`), and prints the difference divided by N. Needs valgrind (Debian
# package valgrind); each run takes a minute or two.
set -eu
url=${1:?usage: bench/instructions.sh URL [N]}
count=${2:-3}
here=$(dirname "$0")
python=${PYTHON:-$here/../.venv/bin/python}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() {
  valgrind --tool=callgrind --error-exitcode=0 --callgrind-out-file="$out/callgrind.$1" "$python" \
    "$here/render_latency.py" --renders "$url" "$1" 2> "$out/log.$1"
}
run 0 & first=$!
run "$count" & second=$!
for pid in "$first" "$second"; do
  if ! wait "$pid"; then
    echo "a render failed:" >&2
    tail -n 20 "$out"/log.* >&2
    exit 1
  fi
done
collected() { sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/log.$1"; }
base=$(collected 0)
more=$(collected "$count")
echo "$url: $(( (more - base) / count / 1000000 )) million instructions per render"
