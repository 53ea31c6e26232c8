#!/usr/bin/env bash
# The built-in architect's refusals measured on the labelled corpus
# (idem-adapters-builtin/src/test/resources/dev/idem/adapter/builtin/refusal/): recall, precision and
# false-refusal rate on the frozen test split and on the whole corpus, by family and register; leave-one-writer-out
# on the train split (the word evidence retrained without the held-out writer); writer j's held-out requests;
# every misclassified request with its reason. Writes the report to bench/out/refusal.md as well.
#
#   bench/refusal.sh            the report
#   bench/refusal.sh train      the train split only (development: the test split is for milestones)
#   bench/refusal.sh weighing   the weighings of word evidence against rules, ranked by leave-one-writer-out
#   bench/refusal.sh --train    regenerate the word evidence's weights (after changing the train rows or features)
#   bench/refusal.sh FILE.jsonl...  your own labelled requests (one JSON object a line: label unsafe|legitimate,
#                               system_context, optionally failure_scenarios, id, family, register): the honest
#                               measure, since nobody tuned on them
#
# Builds what it needs through the reactor (test classes of idem-adapters-builtin and the modules below it), offline
# when the dependencies are cached; never installs anything.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/idem-adapters-builtin"
cpfile="$module/target/refusal-classpath.txt"

offline=(-o)
[ "${IDEM_BENCH_ONLINE:-}" = 1 ] && offline=()
(cd "$repo" && ./mvnw -B -q "${offline[@]}" -pl idem-adapters-builtin -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/refusal-classpath.txt -Dmdep.includeScope=test) >&2

cp="$module/target/test-classes:$module/target/classes:$(cat "$cpfile")"
if [ "${1:-}" = --train ]; then
  (cd "$module" && java -cp "$cp" dev.idem.adapter.builtin.RefusalBench --train)
  exit 0
fi
mkdir -p "$repo/bench/out"
java -cp "$cp" dev.idem.adapter.builtin.RefusalBench "$@" | tee "$repo/bench/out/refusal.md"
