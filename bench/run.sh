#!/usr/bin/env bash
# Runs a benchmark and prints its figures as ratios to a baseline measured in the same run.
#   bench/run.sh [capture [seconds-per-round] [connections]]   against a durable throwaway PostgreSQL
#   bench/run.sh export [events]                               against a durable throwaway PostgreSQL
#   bench/run.sh banner [runs]                                 our cookie banner beside its peers, from npm, in Chromium
#   bench/run.sh email [messages] [connections...]             marketing emails into Postfix's smtp-sink (installs postfix when missing), 1 and 4 connections unless given
#   bench/run.sh nurture [enrolments]                          enrolments due at once, two engine processes, into smtp-sink
#                                                              (MARKETING_BENCH_HEAP_LIMIT_MB=256 caps each worker's managed heap)
#   bench/run.sh web [people]                                  the web app's pages over that many people (1,000,000): p95 and first-visit bytes against their budgets
#   bench/run.sh segments [people]                             a typical segment's count over that many people (1,000,000) as a ratio to SELECT count(*) FROM people
#   bench/run.sh all                                           every benchmark at smaller sizes, ending with one table: figure, baseline, ratio, target, met
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in email|nurture|all) needs_sink=1 ;; *) needs_sink= ;; esac
if [ -n "$needs_sink" ] && [ ! -x /usr/sbin/smtp-sink ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi
# wrk drives the capture benchmark from outside the engine's process; without it an in-process client does, at a cost in CPU to the engine.
case "${1:-capture}" in [0-9]*|capture|all) needs_wrk=1 ;; *) needs_wrk= ;; esac
if [ -n "$needs_wrk" ] && [ ! -x /usr/bin/wrk ]; then
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null || echo "bench: wrk could not be installed; the capture benchmark uses its in-process client"
fi
work=$(mktemp -d /tmp/marketing-bench.XXXXXX)
chmod 755 "$work"

# The banner's peers go into the throwaway folder only: the repository never holds their code.
install_peers() {
  cp bench/banner/package.json "$work/"
  if (cd "$work" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error >"$work/npm.log" 2>&1); then
    export MARKETING_BENCH_PEERS="$work"
  else
    echo "bench: npm could not install the peers; measuring our banner alone. npm said:"
    tail -5 "$work/npm.log"
    export MARKETING_BENCH_PEERS=""
  fi
}

if [ "${1:-}" = banner ]; then
  trap 'rm -rf "$work"' EXIT
  install_peers
  dotnet run -c Release --project bench/Marketing.Bench -- "$@"
  exit
fi

# fsync and synchronous commit on: an answered submission is on disk.
trap 'scripts/postgres.sh stop "$work/postgres"; rm -rf "$work"' EXIT
if [ "${1:-}" = all ]; then install_peers; fi
export MARKETING_BENCH_POSTGRES=$(POSTGRES_DURABLE=1 scripts/postgres.sh start "$work/postgres")
dotnet run -c Release --project bench/Marketing.Bench -- "$@"
