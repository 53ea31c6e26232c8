#!/usr/bin/env bash
# Issue 8's provider-side checks, end to end through the CLI against local servers that answer as a hostile or
# misconfigured server would (bench/hostile_llm_server.py) and against two normal fake servers: empty replies are
# paid once, a changed endpoint is called rather than replayed, huge and endless replies fail fast in one line
# without retries, an error inside a 200 and a cut-off Ollama stream are retried as server faults, 5000 Ollama
# models make a short error, and credentials in a base URL are shown nowhere.
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

# start_hostile NAME MODE [ARGS...] : starts hostile_llm_server.py; sets port_NAME.
start_hostile() {
  local name="$1" mode="$2"; shift 2
  local pf="$work/port-$name"
  python3 "$repo/bench/hostile_llm_server.py" --mode "$mode" --port-file "$pf" --max-seconds 900 "$@" \
    >"$work/server-$name.log" 2>&1 &
  pids+=("$!")
  local i
  for i in $(seq 1 100); do
    [ -s "$pf" ] && break
    sleep 0.1
  done
  [ -s "$pf" ] || { echo "bench: hostile server $name did not start" >&2; cat "$work/server-$name.log" >&2; exit 3; }
  printf -v "port_$name" '%s' "$(cat "$pf")"
}

build_snapshot
start_server a
start_server b
start_hostile empty empty
start_hostile nulllength null-length
start_hostile error200 error-200
start_hostile huge huge --size-mb 64
start_hostile endless endless
start_hostile cut cut-stream
start_hostile models many-models --models 5000

spec="$repo/prompts/idempotency-architect.prompt.yml"
export OPENAI_API_KEY="sk-bench-not-a-real-key"
vars=(--var "system_context=Payments API behind a gateway, Kafka at-least-once." --var "failure_scenarios=Client retries after gateway timeouts.")

# idem_run OUT ENV... -- ARGS... : runs 'idem run' with the environment given; exit code to OUT.rc, never fails
idem_run() {
  local out="$1" rc=0; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  env "${envs[@]}" "$idem" run "$spec" "${vars[@]}" "$@" >"$out" 2>"$out.err" || rc=$?
  echo "$rc" >"$out.rc"
}
# seconds START_NS : seconds since START_NS, one decimal
seconds() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }'; }

echo "== an empty reply is a completion: paid once, replayed after"
for mode in empty nulllength; do
  port_var="port_$mode"; port="${!port_var}"
  store="sqlite:$work/empty-$mode.db"
  url="http://127.0.0.1:$port/v1"
  idem_run "$work/e1-$mode" "OPENAI_BASE_URL=$url" -- --provider openai --store "$store" --format json
  first=$(completions "$port")
  idem_run "$work/e2-$mode" "OPENAI_BASE_URL=$url" -- --provider openai --store "$store"
  expect "$mode: the first run exits 0" "$(cat "$work/e1-$mode.rc")" 0
  expect "$mode: the first run makes one request (not five)" "$first" 1
  expect "$mode: a second run makes no request" "$(( $(completions "$port") - first ))" 0
  if grep -q "empty reply" "$work/e1-$mode.err" && grep -q '"finishReason"' "$work/e1-$mode"; then
    pass "$mode: stderr says 'empty reply' and the JSON carries finishReason ($(grep -o 'finish reason [a-z]*' "$work/e1-$mode.err" || echo 'finish reason stop'))"
  else
    fail "$mode: no 'empty reply' on stderr or no finishReason in the JSON: $(head -c 300 "$work/e1-$mode.err")"
  fi
done
before=$(completions "$port_empty")
idem_run "$work/e-ollama" "OLLAMA_BASE_URL=http://127.0.0.1:$port_empty" -- --provider ollama --store "sqlite:$work/empty-ollama.db"
idem_run "$work/e-ollama2" "OLLAMA_BASE_URL=http://127.0.0.1:$port_empty" -- --provider ollama --store "sqlite:$work/empty-ollama.db"
expect "ollama: an empty reply exits 0 and is paid once over two runs" \
  "$(cat "$work/e-ollama.rc")/$(cat "$work/e-ollama2.rc")/$(( $(completions "$port_empty") - before ))" "0/0/1"

echo "== another endpoint is called, not replayed (two fake servers, one store)"
store="sqlite:$work/endpoints.db"
stats_reset "$port_a"; stats_reset "$port_b"
idem_run "$work/ep-a" "OPENAI_BASE_URL=http://127.0.0.1:$port_a/v1" -- --provider openai --store "$store"
idem_run "$work/ep-b" "OPENAI_BASE_URL=http://127.0.0.1:$port_b/v1" -- --provider openai --store "$store"
idem_run "$work/ep-a2" "OPENAI_BASE_URL=HTTP://127.0.0.1:$port_a/v1/" -- --provider openai --store "$store"
expect "server A saw one request for the first run" "$(completions "$port_a")" 1
expect "the same run against server B makes one request to B" "$(completions "$port_b")" 1
if grep -q "replayed" "$work/ep-b.err"; then fail "the run against B says it replayed"; else pass "the run against B was not replayed"; fi
if grep -q "replayed" "$work/ep-a2.err" && [ "$(completions "$port_a")" = 1 ]; then
  pass "A again, spelled HTTP://.../v1/, replays A's stored answer (A still saw 1 request)"
else
  fail "A again was not replayed: $(cat "$work/ep-a2.err")"
fi

echo "== huge and endless replies fail at once, in one line, without retry"
for mode in huge endless; do
  port_var="port_$mode"; port="${!port_var}"
  start=$(date +%s%N)
  idem_run "$work/big-$mode" "OPENAI_BASE_URL=http://127.0.0.1:$port/v1" -- --provider openai --no-cache
  took=$(seconds "$start")
  expect "$mode: exit 3" "$(cat "$work/big-$mode.rc")" 3
  expect "$mode: one request (not retried)" "$(completions "$port")" 1
  expect "$mode: one line on stderr" "$(wc -l <"$work/big-$mode.err" | tr -d ' ')" 1
  if grep -q "16 MiB" "$work/big-$mode.err" && ! grep -q "OutOfMemory\|Exception" "$work/big-$mode.err"; then
    pass "$mode: the line names the 16 MiB limit, no Java error (${took} s): $(cut -c1-150 "$work/big-$mode.err")"
  else
    fail "$mode: unexpected stderr: $(head -c 300 "$work/big-$mode.err")"
  fi
done

echo "== an error inside a 200 and an Ollama reply cut before done: retried as server faults, then one line"
idem_run "$work/err200" "OPENAI_BASE_URL=http://127.0.0.1:$port_error200/v1" -- --provider openai --no-cache \
  --max-attempts 3 --retry-deadline 20s
expect "error in a 200: exit 3 after 3 attempts" "$(cat "$work/err200.rc")/$(completions "$port_error200")" "3/3"
if grep -q "answered with an error instead of a completion (HTTP 200: The upstream model crashed" "$work/err200.err" \
   && ! grep -q "NullPointer" "$work/err200.err"; then
  pass "error in a 200: the line quotes the server's error, no NullPointerException"
else
  fail "error in a 200: $(head -c 300 "$work/err200.err")"
fi
idem_run "$work/cut" "OLLAMA_BASE_URL=http://127.0.0.1:$port_cut" -- --provider ollama --no-cache --max-attempts 3 \
  --retry-deadline 20s
expect "ollama stream without done: exit 3 after 3 attempts (never a half reply with exit 0)" \
  "$(cat "$work/cut.rc")/$(completions "$port_cut")" "3/3"
grep -q 'did not finish its reply' "$work/cut.err" && pass "ollama stream without done: 'did not finish its reply'" \
  || fail "ollama stream without done: $(head -c 300 "$work/cut.err")"

echo "== 5000 Ollama models make a short error"
idem_run "$work/models" "OLLAMA_BASE_URL=http://127.0.0.1:$port_models" -- --provider ollama
bytes=$(wc -c <"$work/models.err" | tr -d ' ')
if [ "$(cat "$work/models.rc")" = 3 ] && [ "$bytes" -lt 2000 ] && grep -q "and 4980 more" "$work/models.err"; then
  pass "exit 3, $bytes bytes, lists 20 models and '... and 4980 more'"
else
  fail "exit $(cat "$work/models.rc"), $bytes bytes: $(head -c 300 "$work/models.err")"
fi

echo "== credentials in a base URL are shown nowhere"
planted_url="http://alice:PW-PLANTED-7f3a@127.0.0.1:$port_error200/v1?api-key=Q-PLANTED-91c2"
secret_dir="$work/secret"
mkdir -p "$secret_dir"
(
  cd "$secret_dir"
  export OPENAI_BASE_URL="$planted_url" AZURE_OPENAI_ENDPOINT="http://bob:AZ-PLANTED-5d1e@res.openai.azure.com" \
    AZURE_OPENAI_API_KEY=k-bench OLLAMA_BASE_URL="http://carol:OL-PLANTED-0b8e@127.0.0.1:9"
  "$idem" run "$spec" "${vars[@]}" --provider openai --max-attempts 1 >run.out 2>run.err || true
  "$idem" eval "$spec" --provider openai --max-attempts 1 --filter 'case 1$' --report-json r.json \
    --report-html r.html >eval.out 2>eval.err || true
  "$idem" run "$spec" "${vars[@]}" --provider azure-openai >azure.out 2>azure.err || true
  "$idem" run "$spec" "${vars[@]}" --provider ollama --max-attempts 1 >ollama.out 2>ollama.err || true
  "$idem" providers >providers.out 2>providers.err || true
)
leaks=$(grep -rlaE -- "PW-PLANTED|Q-PLANTED|AZ-PLANTED|OL-PLANTED" "$secret_dir" 2>/dev/null || true)
if [ -z "$leaks" ]; then
  pass "no planted credential in any of the $(find "$secret_dir" -type f | wc -l) files (store, reports, stdout, stderr, idem providers)"
else
  fail "a planted credential leaked into: $leaks"
fi
grep -q "api-key=\*\*\*" "$secret_dir/run.err" && pass "stderr shows the URL as .../v1?api-key=***" \
  || fail "stderr does not show the redacted URL: $(head -c 300 "$secret_dir/run.err")"

echo
if [ "$fails" -eq 0 ]; then echo "hostile.sh: all checks passed"; else echo "hostile.sh: $fails check(s) FAILED"; fi
[ "$fails" -eq 0 ]
