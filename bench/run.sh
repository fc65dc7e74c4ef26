#!/usr/bin/env bash
# Runs the capture benchmark against a throwaway PostgreSQL cluster with its default durability
# (fsync and synchronous commit on: an answered submission is on disk). Prints its figures as ratios.
#   bench/run.sh [capture [seconds-per-round] [connections]]
#   bench/run.sh export [events]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/marketing-bench.XXXXXX)
chmod 755 "$work"
trap 'scripts/postgres.sh stop "$work/postgres"' EXIT
export MARKETING_BENCH_POSTGRES=$(POSTGRES_DURABLE=1 scripts/postgres.sh start "$work/postgres")
dotnet run -c Release --project bench/Marketing.Bench -- "$@"
