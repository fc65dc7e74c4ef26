#!/usr/bin/env bash
# Kills one of three engine nodes mid-send and prints what became of every message (invariant 3: nothing lost, nothing twice):
#   scripts/kill-node.sh [enrolments]      10,000 by default; the test suite runs the same test with 2,400
# Three engine processes on one PostgreSQL (a throwaway cluster unless MARKETING_TEST_POSTGRES names a server), one
# email step due for each enrolment; one node is killed with SIGKILL while it holds claims and started again; once the
# system is idle, the counts: at the relay, sent, interrupted (and how many of those arrived), and each takeover.
set -uo pipefail
cd "$(dirname "$0")/.."
enrolments=${1:-10000}
work=$(mktemp -d /tmp/marketing-kill.XXXXXX)
chmod 755 "$work"
started=""
cleanup() {
  [ -n "$started" ] && scripts/postgres.sh stop "$work/postgres"
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${MARKETING_TEST_POSTGRES:-}" ]; then
  MARKETING_TEST_POSTGRES=$(scripts/postgres.sh start "$work/postgres") || { echo "kill-node.sh: could not start PostgreSQL"; exit 1; }
  started=1
  export MARKETING_TEST_POSTGRES
fi

MARKETING_TEST_KILL_ENROLMENTS=$enrolments dotnet test tests/Marketing.Server.Tests \
  --filter "FullyQualifiedName~KilledNodeFacts" --logger "console;verbosity=detailed" >"$work/test.log" 2>&1
status=$?
grep -E "enrolments; the killed node|claims of node|interrupted: claimed by|^ *(Passed|Failed) Marketing|Assert" "$work/test.log" | sed 's/^\[xUnit[^]]*\] *//; s/^ *//' | awk '!seen[$0]++'
exit "$status"
