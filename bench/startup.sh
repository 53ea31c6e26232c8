#!/usr/bin/env bash
# Start-up time of this build against another (e.g. an older release's jar), through the same launcher: each build
# is copied with its lib/ into a snapshot beside this repository's launcher, which trains its own class archive
# there exactly as it does in a clone, then both run the same commands in turn (interleaved, so that a busy
# machine slows both alike). Prints the median wall and CPU (user + sys) time of each command for each build.
#
#   bench/startup.sh OTHER_JAR [N]     OTHER_JAR with its lib/ beside it; N runs of each command (default 11)
#
# The commands: the README's design (a new SQLite store under .idem/ in a fresh directory each run), the same
# design replayed from that store, `validate` of the bundled spec and `--version`. The design's output of both
# builds is kept and compared (a difference is reported, not an error: builds may differ in substance).
# LAUNCHER=/path/to/idem runs the other build with another launcher (e.g. its own, to compare what users of each
# had); IDEM_BENCH_KEEP=1 keeps the temp directory.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
other_jar="${1:?usage: bench/startup.sh OTHER_JAR [N]}"
runs="${2:-11}"
if [ ! -f "$other_jar" ] || [ ! -d "$(dirname "$other_jar")/lib" ]; then
  echo "bench: no $other_jar with lib/ beside it" >&2
  exit 2
fi
other_jar="$(cd "$(dirname "$other_jar")" && pwd)/$(basename "$other_jar")"

work="$(mktemp -d "${TMPDIR:-/tmp}/idem-startup.XXXXXX")"
cleanup() { if [ -z "${IDEM_BENCH_KEEP:-}" ]; then rm -rf "$work"; else echo "bench: kept $work" >&2; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# snapshot NAME JAR LAUNCHER: the launcher, the jar and its lib/ and the bundled spec in $work/NAME; the launcher
# finds no sources beside it, so it never builds; its first start trains the class archive, before anything is timed.
snapshot() {
  local dir="$work/$1"
  mkdir -p "$dir/idem-cli/target"
  cp -p "$3" "$dir/idem"
  cp -rp "$2" "$(dirname "$2")/lib" "$dir/idem-cli/target/"
  [ "$(basename "$2")" = idem.jar ] || mv "$dir/idem-cli/target/$(basename "$2")" "$dir/idem-cli/target/idem.jar"
  cp -rp "$repo/prompts" "$dir/prompts"
  # nothing beside the jar is newer than it, so that no launcher (an older one has no idem.built) tries to build
  find "$dir/prompts" -exec touch -r "$dir/idem-cli/target/idem.jar" {} +
  touch "$dir/idem-cli/target/idem.built"
  (cd "$dir" && ./idem --version >/dev/null 2>&1)
  [ -s "$dir/idem-cli/target/idem.jsa" ] || echo "bench: $1 has no class archive (its training failed)" >&2
}

"$repo/idem" --version >/dev/null   # builds this repository's CLI if it is stale
snapshot this "$repo/idem-cli/target/idem.jar" "$repo/idem"
snapshot other "$other_jar" "${LAUNCHER:-$repo/idem}"

context="REST APIs behind a gateway plus Kafka consumers"
failures="gateway timeouts and consumer rebalances"

# timed BUILD SCENARIO DIR ARGS...: runs the build's launcher in DIR, appends "wall_ms cpu_ms" to $work/BUILD.SCENARIO
timed() {
  local build="$1" scenario="$2" dir="$3"; shift 3
  local start end times
  start=$(date +%s%N)
  times="$( { TIMEFORMAT='%3U %3S'; time (cd "$dir" && "$work/$build/idem" "$@" >"$dir/out" 2>"$dir/err"); } 2>&1 )" \
    || { echo "bench: $build $scenario failed: $(tail -n 2 "$dir/err")" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000000 )) $(awk '{ printf "%d", ($1 + $2) * 1000 }' <<<"$times")" \
    >>"$work/$build.$scenario"
}

for i in $(seq 1 "$runs"); do
  for build in this other; do
    run="$work/run-$build-$i"
    mkdir -p "$run"
    timed "$build" design "$run" design --system-context "$context" --failure-scenarios "$failures" \
      --store "sqlite:.idem/store.db"
    cp "$run/out" "$work/$build.design.out"
    timed "$build" replay "$run" design --system-context "$context" --failure-scenarios "$failures" \
      --store "sqlite:.idem/store.db"
    timed "$build" validate "$run" validate "$work/$build/prompts/idempotency-architect.prompt.yml"
    timed "$build" version "$run" --version
    rm -rf "$run"
  done
done

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-48s %-22s %-22s\n' "median of $runs (ms), wall / CPU" "this build" "$(basename "$other_jar")"
for scenario in design replay validate version; do
  case "$scenario" in
    design) label="design, README example, new SQLite store" ;;
    replay) label="design, replayed from that store" ;;
    validate) label="validate prompts/idempotency-architect.prompt.yml" ;;
    version) label="--version" ;;
  esac
  cells=()
  for build in this other; do
    cells+=("$(cut -d' ' -f1 "$work/$build.$scenario" | median) / $(cut -d' ' -f2 "$work/$build.$scenario" | median)")
  done
  printf '%-48s %-22s %-22s\n' "$label" "${cells[0]}" "${cells[1]}"
done
if cmp -s "$work/this.design.out" "$work/other.design.out"; then
  echo "the two designs are identical"
else
  echo "the two designs differ ($(diff "$work/this.design.out" "$work/other.design.out" | grep -c '^[<>]') lines)"
fi
