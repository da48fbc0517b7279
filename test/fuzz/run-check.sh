#!/usr/bin/env bash
# test/fuzz/run-check.sh: the scripts/check hook of the sqlsmith fuzzer and of binary-input
# fuzzing: a small fixed-seed budget against the check's cluster (the full campaign is
# scripts/fuzz --queries 100000, with 1,000 binary values per type).
exec "$(dirname "$0")/run.sh" --queries "${ENG_FUZZ_QUERIES:-3000}" --seed 1 --chunk 3000 \
	--binary "${ENG_FUZZ_BINARY:-300}"
