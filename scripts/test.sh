#!/usr/bin/env bash
# The whole test suite, from a fresh Debian machine with the .NET SDK:
# installs what the tests need (PostgreSQL server binaries, Chromium, python3-dkim, Dovecot, docker-compose), starts a throwaway
# PostgreSQL cluster unless MARKETING_TEST_POSTGRES names a server, runs every test project, and
# ends with one line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# dkimpy verifies the engine's DKIM signatures independently of MimeKit.
/usr/bin/python3 -c "import dkim" >/dev/null 2>&1 || missing+=(python3-dkim)
# Dovecot serves the bounce mailbox the engine reads over IMAP.
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
# PostgreSQL's server binaries even with MARKETING_TEST_POSTGRES: the database-restart fault test starts a cluster of its own.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  if [ "$(id -u)" = 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "test.sh: could not install ${missing[*]}"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
fi

work=$(mktemp -d /tmp/marketing-tests.XXXXXX)
chmod 755 "$work"
started_postgres=""
cleanup() {
  [ -n "$started_postgres" ] && scripts/postgres.sh stop "$work/postgres"
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${MARKETING_TEST_POSTGRES:-}" ]; then
  if ! MARKETING_TEST_POSTGRES=$(scripts/postgres.sh start "$work/postgres"); then
    echo "test.sh: could not start a PostgreSQL cluster"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1
  fi
  started_postgres=1
  export MARKETING_TEST_POSTGRES
  echo "test.sh: throwaway PostgreSQL cluster at ${MARKETING_TEST_POSTGRES%%;Username*}"
else
  echo "test.sh: PostgreSQL from MARKETING_TEST_POSTGRES"
fi

# Each test's name says its provider (…_OnSqlite, …_OnPostgres); normal verbosity prints every name.
dotnet test Marketing.sln --logger "console;verbosity=normal" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}

# Sum every project's summary: "Total tests: N / Passed: N / Failed: N / Skipped: N" at normal verbosity,
# "Passed!  - Failed: N, Passed: N, Skipped: N" at minimal.
read -r passed failed skipped < <(awk '
  /^ *Passed: +[0-9]+ *$/  { p += $2 }
  /^ *Failed: +[0-9]+ *$/  { f += $2 }
  /^ *Skipped: +[0-9]+ *$/ { s += $2 }
  match($0, /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+/) {
    split(substr($0, RSTART, RLENGTH), n, /[^0-9]+/); f += n[2]; p += n[3]; s += n[4]
  }
  END { printf "%d %d %d\n", p, f, s }' "$work/test.log")
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any summary: count it, so the run cannot read as green.
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
