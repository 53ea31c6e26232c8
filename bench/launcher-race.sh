#!/usr/bin/env bash
# Two first runs of ./idem at once in one clone (parallel CI shards in one workspace): in a fresh copy of this
# repository (tracked and untracked sources, no target/), two launchers start together. Exactly one may build
# (and train the class archive); the other must wait for it and then use its jar; both must succeed. Checked
# once with flock(1) and once without it (the mkdir fallback), by a PATH that holds every command but flock.
# Each round builds the CLI once: a few minutes in all on a busy machine. Prints PASS/FAIL lines; exits non-zero
# on any FAIL.
#
# LAUNCHER=/path/to/idem runs another launcher script in the copies (e.g. an older one, to see it fail);
# IDEM_BENCH_KEEP=1 keeps the temp directory.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/idem-launcher-race.XXXXXX")"
cleanup() { if [ -z "${IDEM_BENCH_KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work" >&2; fi; }
trap cleanup EXIT

fails=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; fails=$((fails + 1)); }

# A PATH of links to every command on the current PATH except flock.
without_flock="$work/bin-without-flock"
mkdir -p "$without_flock"
IFS=: read -r -a dirs <<<"$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for f in "$d"/*; do
    name="$(basename "$f")"
    [ "$name" = flock ] || [ -e "$without_flock/$name" ] || ln -s "$f" "$without_flock/$name" 2>/dev/null || true
  done
done

round() { # round NAME PATH
  local name="$1" path="$2" clone="$work/$1" rc_a=0 rc_b=0
  mkdir -p "$clone"
  (cd "$repo" && git ls-files -co --exclude-standard -z | xargs -0 tar -cf - 2>/dev/null) | tar -xf - -C "$clone"
  rm -rf "$clone"/*/target
  [ -z "${LAUNCHER:-}" ] || cp "$LAUNCHER" "$clone/idem"
  echo "== $name: two first runs at once"
  PATH="$path" "$clone/idem" --version >"$work/$name.a.out" 2>"$work/$name.a.err" &
  local a=$!
  PATH="$path" "$clone/idem" --version >"$work/$name.b.out" 2>"$work/$name.b.err" &
  local b=$!
  wait "$a" || rc_a=$?
  wait "$b" || rc_b=$?
  local builds waits
  builds="$(cat "$work/$name".?.err | grep -c "building the CLI" || true)"
  waits="$(cat "$work/$name".?.err | grep -c "waiting for another idem launcher" || true)"
  if [ "$rc_a" -eq 0 ] && [ "$rc_b" -eq 0 ]; then pass "$name: both exit 0"; else
    fail "$name: exits $rc_a and $rc_b: $(cat "$work/$name".?.err | grep -v '^\[' | head -c 400 | tr '\n' ' ')"
  fi
  if grep -q "^idem " "$work/$name.a.out" && grep -q "^idem " "$work/$name.b.out"; then
    pass "$name: both print the version"
  else
    fail "$name: version missing (got '$(head -c 80 "$work/$name.a.out")' and '$(head -c 80 "$work/$name.b.out")')"
  fi
  if [ "$builds" -eq 1 ]; then pass "$name: one build ($waits waited)"; else fail "$name: $builds builds"; fi
  local again rc_c=0
  again="$(PATH="$path" "$clone/idem" --version 2>&1 >/dev/null)" || rc_c=$?
  if [ "$rc_c" -eq 0 ] && [ -z "$again" ]; then pass "$name: a third run neither builds nor waits"; else
    fail "$name: third run: exit $rc_c, stderr '$again'"
  fi
}

round with-flock "$PATH"
round without-flock "$without_flock"
[ "$fails" -eq 0 ] && echo "all launcher checks passed" || { echo "$fails launcher check(s) failed"; exit 1; }
