#!/usr/bin/env bash
# `make run`: indexes corpus/ into build/corpus.db (incrementally) and serves
# it at http://127.0.0.1:8080 in the foreground, with the documents themselves
# at /files/ID (--files) so result links open. PORT=… overrides the port.
set -u
cd "$(dirname "$0")/.."
mkdir -p build
bin/indexer --db build/corpus.db corpus
rc=$?
if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
  echo "run: indexing failed (status $rc)" >&2
  exit "$rc"
fi
exec bin/searchd --db build/corpus.db --synonyms corpus/synonymes.txt --files \
  --listen "127.0.0.1:${PORT:-8080}"
