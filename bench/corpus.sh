#!/usr/bin/env bash
# Conformance on a corpus of real-world specs: validates every *.prompt.yml / *.prompt.yaml under each DIR as
# `idem validate` does, renders every row of every accepted spec and checks that no placeholder rendered empty
# unless its variable is optional, and prints the rejections grouped by message, the warnings by kind, and as its
# LAST line the figure "accepted/total (pct%)".
#
#   bench/corpus.sh DIR_OR_FILE...
#
# One JVM reads the whole corpus (dev.idem.adapter.yaml.CorpusConformance, beside the YAML adapter's tests): the
# same loader, validator and renderer as the CLI. Builds what it needs through the reactor (test classes of
# idem-adapters-yaml and the modules below it), offline when the dependencies are cached; never installs anything.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: bench/corpus.sh DIR_OR_FILE..." >&2; exit 2; }
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/idem-adapters-yaml"
cpfile="$module/target/corpus-classpath.txt"

offline=(-o)
[ "${IDEM_BENCH_ONLINE:-}" = 1 ] && offline=()
(cd "$repo" && ./mvnw -B -q "${offline[@]}" -pl idem-adapters-yaml -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/corpus-classpath.txt -Dmdep.includeScope=test) >&2

cp="$module/target/test-classes:$module/target/classes:$(cat "$cpfile")"
exec java -cp "$cp" dev.idem.adapter.yaml.CorpusConformance "$@"
