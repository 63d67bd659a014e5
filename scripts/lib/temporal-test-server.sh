#!/usr/bin/env bash
# Temporal's time-skipping test server, for TestWorkflowEnvironment.createTimeSkipping: the SDK
# would download a native build from GitHub, which this machine cannot reach; the same server is
# published on Maven Central, so Maven fetches it once and Java runs it. Arguments: <port>.
set -euo pipefail
VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.38.0}"
DIR="${TEMPORAL_TEST_SERVER_DIR:-${HOME}/.cache/temporal-test-server}"
if [[ ! -f "${DIR}/lib/temporal-test-server-${VERSION}.jar" ]]; then
  mkdir -p "${DIR}"
  cat > "${DIR}/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>local</groupId><artifactId>temporal-test-server-launcher</artifactId><version>1</version>
<dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
<version>${VERSION}</version></dependency></dependencies></project>
POM
  mvn -q -B -f "${DIR}/pom.xml" dependency:copy-dependencies -DoutputDirectory="${DIR}/lib" >&2
fi
exec java -cp "${DIR}/lib/*" io.temporal.testserver.TestServer "$@"
