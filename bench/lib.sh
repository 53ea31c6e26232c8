# Shared helpers of bench/run.sh and bench/crash.sh; sourced, never run.
# Expects: $repo (the repository root). Sets: $shared, $work, $idem; registers the exit trap.

shared="${IDEM_SHARED:-$repo/../shared}"
if [ ! -f "$shared/bench/fake_llm_server.py" ]; then
  echo "bench: cannot find $shared/bench/fake_llm_server.py (set IDEM_SHARED=/path/to/shared)" >&2
  exit 2
fi
shared="$(cd "$shared" && pwd)"

work="$(mktemp -d "${TMPDIR:-/tmp}/idem-bench.XXXXXX")"
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]:-}"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
  if [ -z "${IDEM_BENCH_KEEP:-}" ]; then rm -rf "$work"; else echo "bench: kept $work" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Builds the CLI through the launcher, then runs a snapshot of it (the launcher, the jar and lib/, copied
# into $work) so that a colleague's edit in the working tree cannot trigger a rebuild in the middle of a
# timed run. The snapshot launcher finds no sources beside it, so it never rebuilds and starts java with
# exactly the flags of the real launcher.
build_snapshot() {
  "$repo/idem" --version >/dev/null
  local snap="$work/snap"
  mkdir -p "$snap/idem-cli/target"
  cp -p "$repo/idem" "$snap/idem"
  cp -rp "$repo/idem-cli/target/idem.jar" "$repo/idem-cli/target/lib" "$snap/idem-cli/target/"
  # The launcher's class archive names the jars by path, so the snapshot trains its own (from the bundled spec)
  # on its first start, here, before anything is timed.
  cp -rp "$repo/prompts" "$snap/prompts"
  idem="$snap/idem"
  "$idem" --version >/dev/null
}

# start_server NAME ARGS... : starts fake_llm_server.py, waits for its port; sets port_NAME.
start_server() {
  local name="$1"; shift
  local pf="$work/port-$name"
  python3 "$shared/bench/fake_llm_server.py" --port 0 --port-file "$pf" --seed 42 \
    --reply-mode unsafe-aware --quiet --max-seconds 3600 "$@" >"$work/server-$name.log" 2>&1 &
  pids+=("$!")
  local i
  for i in $(seq 1 100); do
    [ -s "$pf" ] && break
    sleep 0.1
  done
  [ -s "$pf" ] || { echo "bench: fake server $name did not start" >&2; cat "$work/server-$name.log" >&2; exit 3; }
  printf -v "port_$name" '%s' "$(cat "$pf")"
}

stats_reset() { curl -s -X POST "http://127.0.0.1:$1/stats/reset" >/dev/null; }
# completions PORT : completion requests the server saw since the last reset
completions() { curl -s "http://127.0.0.1:$1/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["completions"])'; }
by_status() { curl -s "http://127.0.0.1:$1/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin)["by_status"]; print(" ".join(f"{k}:{v}" for k,v in sorted(d.items())))'; }

# start_redis : starts a private redis-server on a free port with no persistence; sets redis_port and redis_pid.
start_redis() {
  redis_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  local i
  for i in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "bench: redis-server did not start" >&2; cat "$work/redis.log" >&2; exit 3
}

# report_field FILE EXPR : a Python expression over the parsed --report-json document `d`
report_field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"; }
