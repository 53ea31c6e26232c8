#!/usr/bin/env bash
# Issue 4's scripted checks of the idempotent executor, end to end through the CLI against the fake server:
# concurrent identical runs across processes (SQLite and Redis), replay and --no-cache, a kill -9 in the middle
# of an evaluation and its rerun, Redis paused for 10 s mid-evaluation (issue 8: the run still finishes and
# reports), SIGTERM mid-evaluation (issue 8: claims given back, a rerun waits on none), and a planted API key that
# must never reach the store, reports or output.
# Prints one PASS/FAIL line per check; exits non-zero on any FAIL.
#
# IDEM_SHARED=/path/to/shared overrides ../shared; IDEM_BENCH_KEEP=1 keeps the temp directory.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib.sh
. "$repo/bench/lib.sh"

fails=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; fails=$((fails + 1)); }
expect() { # expect DESCRIPTION ACTUAL EXPECTED
  if [ "$2" = "$3" ]; then pass "$1 (got $2)"; else fail "$1: expected $3, got $2"; fi
}

build_snapshot
start_server slow --latency-ms 200
start_server crash --latency-ms 100
start_redis
python3 "$shared/bench/gen_tests.py" --n 300 --format prompt-yml --out "$work/crash.prompt.yml" >/dev/null 2>&1
spec="$work/crash.prompt.yml"
export OPENAI_API_KEY="sk-bench-not-a-real-key"
vars=(--var "system_context=Payments API behind a gateway, Kafka at-least-once." --var "failure_scenarios=Client retries after gateway timeouts.")

run_slow() { # run_slow OUTFILE STORE [EXTRA...] : never fails the script; the exit code goes to OUTFILE.rc
  local out="$1" store="$2" rc=0; shift 2
  OPENAI_BASE_URL="http://127.0.0.1:$port_slow/v1" "$idem" run "$spec" --provider openai --store "$store" \
    "${vars[@]}" "$@" >"$out" 2>"$out.err" || rc=$?
  echo "$rc" >"$out.rc"
  [ "$rc" -eq 0 ] || echo "      ($(basename "$out"): exit $rc: $(head -c 300 "$out.err" | tr '\n' ' '))"
  return 0
}

echo "== two identical 'idem run' processes at once (server latency 200 ms)"
for store in "sqlite:$work/concurrent.db" "redis://127.0.0.1:$redis_port/0"; do
  kind="${store%%:*}"
  stats_reset "$port_slow"
  run_slow "$work/c1-$kind.out" "$store" & a=$!
  run_slow "$work/c2-$kind.out" "$store" & b=$!
  wait "$a" "$b" || true
  expect "$kind: both processes exit 0" "$(cat "$work/c1-$kind.out.rc")/$(cat "$work/c2-$kind.out.rc")" "0/0"
  expect "$kind: the server saw one completion request for two concurrent processes" "$(completions "$port_slow")" 1
  if cmp -s "$work/c1-$kind.out" "$work/c2-$kind.out" && [ -s "$work/c1-$kind.out" ]; then
    pass "$kind: both processes printed the same reply"
  else
    fail "$kind: the two processes printed different output"
  fi
done

echo "== eight threads of one process asking the same call at once (eval of 8 identical rows, -j 8)"
same="$work/same8.prompt.yml"
python3 - "$spec" "$same" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
head = lines[:lines.index("testData:") + 1]
tail = lines[[i for i, l in enumerate(lines) if l.startswith("evaluators:")][0]:]
row = ['  - inputs:', '      system_context: "Payments API behind a gateway, Kafka at-least-once."',
       '      failure_scenarios: "Client retries after gateway timeouts."', '    expected: "Idempotency"']
open(sys.argv[2], "w").write("\n".join(head + row * 8 + tail))
PY
stats_reset "$port_slow"
rc=0
OPENAI_BASE_URL="http://127.0.0.1:$port_slow/v1" "$idem" eval "$same" --provider openai -j 8 \
  --store "sqlite:$work/same8.db" --report-json "$work/same8.json" --quiet >"$work/same8.out" 2>&1 || rc=$?
expect "the eval of 8 identical rows exits 0" "$rc" 0
expect "8 threads asking the same call made one completion request" "$(completions "$port_slow")" 1
expect "the other 7 received its reply (replays)" "$(report_field "$work/same8.json" 'd["idem"]["replays"]')" 7

echo "== replay and --no-cache"
store="sqlite:$work/replay.db"
stats_reset "$port_slow"
run_slow "$work/r1.out" "$store"
expect "the first run exits 0" "$(cat "$work/r1.out.rc")" 0
first=$(completions "$port_slow")
run_slow "$work/r2.out" "$store"
expect "first run makes one request" "$first" 1
expect "an identical second run makes no request" "$(( $(completions "$port_slow") - first ))" 0
if cmp -s "$work/r1.out" "$work/r2.out"; then pass "the second run prints the same output"; else fail "the second run's output differs"; fi
before=$(completions "$port_slow")
run_slow "$work/r3.out" "$store" --no-cache
expect "with --no-cache the same run makes one request" "$(( $(completions "$port_slow") - before ))" 1

echo "== kill -9 in the middle of an evaluation, then rerun (N=300, -j 4, latency 100 ms)"
store="sqlite:$work/crash.db"
stats_reset "$port_crash"
OPENAI_BASE_URL="http://127.0.0.1:$port_crash/v1" "$idem" eval "$spec" --provider openai -j 4 --store "$store" \
  --quiet >"$work/killed.out" 2>&1 &
victim=$!
pids+=("$victim")
started=$(date +%s%N)
while [ "$(completions "$port_crash")" -lt 8 ] && kill -0 "$victim" 2>/dev/null; do sleep 0.05; done
# ~1.5 s after the first completions, so a good number of calls have been stored.
sleep 1.5
kill -9 "$victim" 2>/dev/null || true
wait "$victim" 2>/dev/null || true
at_kill=$(completions "$port_crash")
elapsed=$(awk -v s="$started" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
stored=$("$idem" store stats --store "$store" 2>/dev/null | awk '$1 == "completed" { print $2 }')
inflight=$("$idem" store stats --store "$store" 2>/dev/null | awk '$1 == "in" && $2 == "progress" { print $3 }')
echo "      killed after ${elapsed} s; the server had seen $at_kill completion requests;"
echo "      the store held ${stored:-?} completed records and ${inflight:-?} claims in progress ('idem store stats')"
echo "      (the up to 4 calls in flight at the kill stay claimed until their 15 s lease runs out; the rerun does"
echo "       every free case first and takes those over at the end)"
rerun_start=$(date +%s%N)
rc=0
OPENAI_BASE_URL="http://127.0.0.1:$port_crash/v1" "$idem" eval "$spec" --provider openai -j 4 --store "$store" \
  --quiet --report-json "$work/rerun.json" >"$work/rerun.out" 2>&1 || rc=$?
rerun_s=$(awk -v s="$rerun_start" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
total=$(completions "$port_crash")
echo "      rerun took ${rerun_s} s (exit $rc); the server saw $total requests in all"
if [ -s "$work/rerun.json" ]; then
  errors=$(report_field "$work/rerun.json" 'd["idem"]["errors"]')
  cases=$(report_field "$work/rerun.json" 'd["idem"]["passed"] + d["idem"]["failed"] + d["idem"]["errors"]')
  replays=$(report_field "$work/rerun.json" 'd["idem"]["replays"]')
  calls=$(report_field "$work/rerun.json" 'd["idem"]["calls"]')
  expect "every case completes on the rerun" "$cases" 300
  expect "no case ends in error" "$errors" 0
  if [ "$total" -le $((300 + 4)) ]; then
    pass "total requests $total <= N + in-flight at the kill (300 + 4)"
  else
    fail "total requests $total > N + in-flight at the kill (300 + 4)"
  fi
  expect "the rerun replayed exactly the records stored before the kill" "$replays" "${stored:-?}"
  # Every completion the server answered before the kill was stored unless it was still in flight (<= -j).
  if [ "$replays" -ge $((at_kill - 4)) ]; then
    pass "the rerun replayed $replays calls >= completions stored before the kill ($at_kill - up to 4 in flight)"
  else
    fail "the rerun replayed only $replays calls; $at_kill completions were seen before the kill"
  fi
  expect "the rerun's calls + replays cover all cases" "$((calls + replays))" 300
else
  fail "the rerun wrote no report (exit $rc): $(tail -n 3 "$work/rerun.out" | tr '\n' ' ')"
fi

echo "== Redis paused (SIGSTOP) for 10 s in the middle of an evaluation (N=300, -j 4, latency 100 ms)"
redis-cli -p "$redis_port" flushall >/dev/null
stats_reset "$port_crash"
started=$(date +%s%N)
OPENAI_BASE_URL="http://127.0.0.1:$port_crash/v1" "$idem" eval "$spec" --provider openai -j 4 \
  --store "redis://127.0.0.1:$redis_port/0" --quiet --report-json "$work/paused.json" >"$work/paused.out" 2>&1 &
victim=$!
pids+=("$victim")
while [ "$(completions "$port_crash")" -lt 20 ] && kill -0 "$victim" 2>/dev/null; do sleep 0.05; done
kill -STOP "$redis_pid"
at_pause=$(completions "$port_crash")
sleep 10
kill -CONT "$redis_pid"
rc=0
wait "$victim" || rc=$?
took=$(awk -v s="$started" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
echo "      paused Redis after $at_pause completions for 10 s; the run took ${took} s (exit $rc)"
if [ -s "$work/paused.json" ]; then
  pass "the run wrote its JSON report"
  expect "every case has a result" "$(report_field "$work/paused.json" 'd["idem"]["passed"] + d["idem"]["failed"]')" 300
  expect "no case ends in error" "$(report_field "$work/paused.json" 'd["idem"]["errors"]')" 0
  expect "the server saw one request per case" "$(completions "$port_crash")" 300
  expect "the run exits as its evaluators decide (1: the bench suite has failing rows), not 3 or 4" "$rc" 1
else
  fail "no report after a 10 s Redis pause (exit $rc): $(tail -n 2 "$work/paused.out" | tr '\n' ' ')"
fi

echo "== SIGTERM in the middle of an evaluation, then rerun (N=300, -j 4, latency 100 ms)"
store="sqlite:$work/term.db"
stats_reset "$port_crash"
OPENAI_BASE_URL="http://127.0.0.1:$port_crash/v1" "$idem" eval "$spec" --provider openai -j 4 --store "$store" \
  --quiet --report-json "$work/term.json" >"$work/term.out" 2>"$work/term.err" &
victim=$!
pids+=("$victim")
while [ "$(completions "$port_crash")" -lt 20 ] && kill -0 "$victim" 2>/dev/null; do sleep 0.05; done
kill -TERM "$victim"
rc=0
wait "$victim" || rc=$?
expect "SIGTERM ends the run with exit 143" "$rc" 143
if grep -q "| passed" "$work/term.out" && [ -s "$work/term.json" ]; then
  pass "the stopped run printed its summary and wrote its report"
else
  fail "the stopped run printed no summary or wrote no report: $(tail -n 2 "$work/term.err" | tr '\n' ' ')"
fi
inflight=$("$idem" store stats --store "$store" 2>/dev/null | awk '$1 == "in" && $2 == "progress" { print $3 }')
expect "no claim is left in progress for a rerun to wait out" "${inflight:-?}" 0
rerun_start=$(date +%s%N)
rc=0
OPENAI_BASE_URL="http://127.0.0.1:$port_crash/v1" "$idem" eval "$spec" --provider openai -j 4 --store "$store" \
  --quiet --report-json "$work/term-rerun.json" >"$work/term-rerun.out" 2>&1 || rc=$?
rerun_ms=$(awk -v s="$rerun_start" -v e="$(date +%s%N)" 'BEGIN { printf "%d", (e - s) / 1e6 }')
echo "      the rerun took $((rerun_ms / 1000)).$(( (rerun_ms % 1000) / 100 )) s (exit $rc); a claim left behind would hold it 15 s"
if [ "$rerun_ms" -lt 12000 ]; then pass "the rerun waited on no claim (under 12 s)"; else fail "the rerun took ${rerun_ms} ms"; fi
expect "the rerun has no errors" "$(report_field "$work/term-rerun.json" 'd["idem"]["errors"]')" 0
expect "SIGTERM run + rerun: one request per case" "$(completions "$port_crash")" 300

echo "== a planted API key must appear nowhere"
planted="sk-PLANTED-$(date +%s)-b7c4e9d2f1a0"
secret_dir="$work/secret"
mkdir -p "$secret_dir"
redis-cli -p "$redis_port" flushall >/dev/null
(
  cd "$secret_dir"
  export OPENAI_API_KEY="$planted" OPENAI_BASE_URL="http://127.0.0.1:$port_slow/v1"
  "$idem" run "$spec" --provider openai "${vars[@]}" --no-cache >run.out 2>run.err || true
  "$idem" run "$spec" --provider openai "${vars[@]}" >run2.out 2>run2.err || true
  "$idem" run "$spec" --provider openai "${vars[@]}" --store "redis://127.0.0.1:$redis_port/0" >run3.out 2>run3.err || true
  "$idem" eval "$spec" --provider openai -j 4 --store "redis://127.0.0.1:$redis_port/0" --filter 'case 1$' \
    --report-json r.json --report-html r.html --report-junit r.xml --report-md r.md >eval.out 2>eval.err || true
  "$idem" eval "$spec" --provider openai -j 4 --filter 'case 2$' --report-json s.json >eval2.out 2>eval2.err || true
  "$idem" store stats >stats.out 2>stats.err || true
  # An unauthorised key's error path must not echo it either.
  OPENAI_BASE_URL="http://127.0.0.1:9/v1" "$idem" run "$spec" --provider openai "${vars[@]}" --no-cache \
    >down.out 2>down.err || true
)
if [ -f "$secret_dir/.idem/store.db" ]; then pass "the run wrote a SQLite store in .idem/"; else fail "no SQLite store in .idem/"; fi
leaks=$(grep -rlaF -- "$planted" "$secret_dir" 2>/dev/null || true)
if [ -z "$leaks" ]; then
  pass "the key is in no file under the run's directory ($(find "$secret_dir" -type f | wc -l) files: .idem/store.db*, reports, stdout, stderr)"
else
  fail "the key leaked into: $leaks"
fi
keys=$(redis-cli -p "$redis_port" --scan | wc -l)
dump="$work/redis-dump.txt"
: >"$dump"
redis-cli -p "$redis_port" --scan | while read -r k; do
  t=$(redis-cli -p "$redis_port" type "$k")
  case "$t" in
    hash) redis-cli -p "$redis_port" hgetall "$k" ;;
    string) redis-cli -p "$redis_port" get "$k" ;;
    list) redis-cli -p "$redis_port" lrange "$k" 0 -1 ;;
    set) redis-cli -p "$redis_port" smembers "$k" ;;
    zset) redis-cli -p "$redis_port" zrange "$k" 0 -1 withscores ;;
  esac
  echo "$k"
done >>"$dump"
if [ "$keys" -gt 0 ] && ! grep -qaF -- "$planted" "$dump"; then
  pass "the key is in none of the $keys Redis keys (names and values)"
elif [ "$keys" -eq 0 ]; then
  fail "Redis holds no keys: the Redis runs did not store anything"
else
  fail "the key leaked into Redis"
fi

echo
if [ "$fails" -eq 0 ]; then echo "crash.sh: all checks passed"; else echo "crash.sh: $fails check(s) FAILED"; fi
[ "$fails" -eq 0 ]
