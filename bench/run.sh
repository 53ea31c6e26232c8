#!/usr/bin/env bash
# The one-command benchmark: idem on the shared workload (../shared/bench/README.md) through the openai
# provider against the fake server, a fresh SQLite store per scenario. Prints a Markdown table, writes it to
# bench/out/results.md and exits non-zero when a correctness criterion fails (speed is reported, not asserted).
#
#   bench/run.sh            the workload table
#   bench/run.sh overhead   the idempotent executor's own cost per call (memory and SQLite stores, replays)
#
# IDEM_SHARED=/path/to/shared overrides ../shared; IDEM_BENCH_KEEP=1 keeps the temp directory.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
. "$repo/bench/lib.sh"

mode="${1:-workload}"
latency_ms=50
build_snapshot

if [ "$mode" = overhead ]; then
  cp="$work/snap/idem-cli/target/idem.jar:$work/snap/idem-cli/target/lib/*"
  exec_args=(-XX:+UseSerialGC -cp "$cp" "$repo/bench/ExecutorOverhead.java" "$work")
  java "${exec_args[@]}"
  exit $?
fi
[ "$mode" = workload ] || { echo "usage: bench/run.sh [overhead]" >&2; exit 2; }

for n in 200 1000; do
  python3 "$shared/bench/gen_tests.py" --n "$n" --format prompt-yml --out "$work/bench-$n.prompt.yml" >/dev/null
done
start_server clean --latency-ms "$latency_ms"
start_server faulty --latency-ms "$latency_ms" --fail-rate 0.2 --rate-429 0.1

export OPENAI_API_KEY="sk-bench-not-a-real-key"
failures=()
rows=()

# timed OUT_PREFIX CMD... : runs CMD; sets t_wall (s, 2 decimals), t_rss (MB) and t_rc.
timed() {
  local out="$1"; shift
  local start end
  start=$(date +%s%N)
  set +e
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" >"$out.stdout" 2>"$out.stderr"
  t_rc=$?
  set -e
  end=$(date +%s%N)
  t_wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
  t_rss=$(awk 'END { printf "%.0f", $2 / 1024 }' "$out.time")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "–" }'; }
check() { # check LABEL CONDITION-DESCRIPTION ACTUAL EXPECTED
  if [ "$3" != "$4" ]; then failures+=("$1: $2 expected $4, got $3"); fi
}

# --version cold start: medians of 5.
walls=(); rsss=()
for i in 1 2 3 4 5; do
  timed "$work/version-$i" "$idem" --version
  walls+=("$t_wall"); rsss+=("$t_rss")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
v_wall=$(median "${walls[@]}"); v_rss=$(median "${rsss[@]}")
rows+=("| \`--version\` cold start (median of 5) | $v_wall s | $v_rss MB | – | – | – | – | 1.73 s | $(ratio "$v_wall" 1.73) |")

# scenario LABEL N J SERVER STORE PROMPTFOO_S [cached|fault]
scenario() {
  local label="$1" n="$2" j="$3" server="$4" store="$5" pf="$6" kind="${7:-cold}"
  local port_var="port_$server"; local port="${!port_var}"
  local out="$work/run-$(echo "$label" | tr -c 'a-zA-Z0-9' '_')"
  stats_reset "$port"
  OPENAI_BASE_URL="http://127.0.0.1:$port/v1" timed "$out" \
    "$idem" eval "$work/bench-$n.prompt.yml" --provider openai -j "$j" --store "sqlite:$store" \
    --report-json "$out.json" --quiet
  local seen; seen=$(completions "$port")
  local statuses=""; [ "$kind" = fault ] && statuses=" ($(by_status "$port"))"
  if [ "$t_rc" -gt 1 ] || [ ! -s "$out.json" ]; then
    failures+=("$label: idem exited $t_rc without a report: $(tail -n 3 "$out.stderr" | tr '\n' ' ')")
    rows+=("| $label | $t_wall s | $t_rss MB | $seen | exit $t_rc | – | – | $pf s | – |")
    return
  fi
  local passed failed errors replays
  passed=$(report_field "$out.json" 'd["idem"]["passed"]')
  failed=$(report_field "$out.json" 'd["idem"]["failed"]')
  errors=$(report_field "$out.json" 'd["idem"]["errors"]')
  replays=$(report_field "$out.json" 'd["idem"]["replays"]')
  check "$label" "passed" "$passed" $((n * 9 / 10))
  check "$label" "failed" "$failed" $((n / 10))
  check "$label" "errors" "$errors" 0
  local limit
  case "$kind" in
    cold) check "$label" "server requests" "$seen" "$n"; limit=$(awk -v n="$n" -v c="$j" -v l="$latency_ms" \
            'BEGIN { printf "%.2f", int((n + c - 1) / c) * l / 1000 }') ;;
    cached) check "$label" "server requests" "$seen" 0; check "$label" "replays" "$replays" "$n"; limit=0 ;;
    fault) limit=$(awk -v n="$n" -v c="$j" -v l="$latency_ms" 'BEGIN { printf "%.2f", int((n + c - 1) / c) * l / 1000 }') ;;
  esac
  local lim_cell="–"; [ "$limit" != 0 ] && lim_cell="$limit s"
  rows+=("| $label | $t_wall s | $t_rss MB | $seen$statuses | $passed/$failed/$errors | $lim_cell | $(ratio "$t_wall" "$limit") | $pf s | $(ratio "$t_wall" "$pf") |")
}

scenario "N=200, -j 1" 200 1 clean "$work/s1.db" 15.40
scenario "N=200, -j 4" 200 4 clean "$work/s2.db" 6.92
scenario "N=200, -j 16" 200 16 clean "$work/s3.db" 4.97
scenario "N=1000, -j 16 (cold store)" 1000 16 clean "$work/s4.db" 16.50
scenario "N=1000, -j 16 (cached rerun, same store)" 1000 16 clean "$work/s4.db" 8.42 cached
scenario "N=200, -j 4, 20% 500s + 10% 429s" 200 4 faulty "$work/s6.db" 16.18 fault

mkdir -p "$repo/bench/out"
{
  echo "## idem on the shared workload ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, fake server latency ${latency_ms} ms)"
  echo
  echo "| scenario | wall | peak RSS | server saw | pass/fail/error | limit ceil(N/c)·L | × limit | promptfoo | × promptfoo |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Wall and RSS are of the whole process (JVM start, spec loading, reports). The fault run's limit ignores"
  echo "retries: each 429 costs at least its Retry-After of 1 s."
  echo
  if [ ${#failures[@]} -eq 0 ]; then
    echo "Correctness: all criteria met (pass 0.9·N, fail 0.1·N, 0 errors, N requests cold, 0 cached)."
  else
    echo "Correctness: ${#failures[@]} criterion/criteria FAILED:"
    printf -- '- %s\n' "${failures[@]}"
  fi
} | tee "$repo/bench/out/results.md"

[ ${#failures[@]} -eq 0 ]
