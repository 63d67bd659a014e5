#!/usr/bin/env bash
# Temporal's time-skipping test server, for TestWorkflowEnvironment.createTimeSkipping().
# The SDK would download a native build from outside the package registries; the same server is
# published on Maven Central (io.temporal:temporal-test-server), so it is fetched once with Maven
# into .cache/temporal-test-server and run on the machine's Java. Arguments are the server's own
# (the SDK passes the port); `--fetch-only` fetches and exits, so tests can fetch before the SDK
# starts waiting for the port. Needs java (17+) and mvn.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.31.0}"
DIR="${REPO_ROOT}/.cache/temporal-test-server/${VERSION}"

if [[ ! -f "${DIR}/.complete" ]]; then
  mkdir -p "${DIR}"
  # Test files start servers in parallel: one of them fetches, the others wait for it.
  exec 9>"${DIR}.lock"
  flock 9
  if [[ ! -f "${DIR}/.complete" ]]; then
    tmp="$(mktemp -d)"
    cat >"${tmp}/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>temporal-test-server-fetch</artifactId><version>1</version>
<dependencies><dependency><groupId>io.temporal</groupId>
<artifactId>temporal-test-server</artifactId><version>${VERSION}</version></dependency></dependencies>
</project>
POM
    mvn -q -B -f "${tmp}/pom.xml" dependency:copy-dependencies -DoutputDirectory="${DIR}/lib" >&2
    rm -rf "${tmp}"
    touch "${DIR}/.complete"
  fi
  exec 9>&-
fi

[[ "${1:-}" == "--fetch-only" ]] && exit 0
exec java -cp "${DIR}/lib/*" io.temporal.testserver.TestServer "$@"
