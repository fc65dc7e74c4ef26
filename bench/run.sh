#!/usr/bin/env bash
# Runs the capture benchmark against a throwaway PostgreSQL cluster with its default durability
# (fsync and synchronous commit on: an answered submission is on disk). Prints its figures as ratios.
#   bench/run.sh [capture [seconds-per-round] [connections]]
#   bench/run.sh export [events]
#   bench/run.sh email [messages] [connections]     (installs Postfix for its smtp-sink when missing)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = email ] && [ ! -x /usr/sbin/smtp-sink ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi
work=$(mktemp -d /tmp/marketing-bench.XXXXXX)
chmod 755 "$work"
trap 'scripts/postgres.sh stop "$work/postgres"' EXIT
export MARKETING_BENCH_POSTGRES=$(POSTGRES_DURABLE=1 scripts/postgres.sh start "$work/postgres")
dotnet run -c Release --project bench/Marketing.Bench -- "$@"
