#!/usr/bin/env bash
# Prometheus config, alert rules (syntax and unit tests with promtool from Debian's prometheus
# package) and the Grafana dashboard's queries.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MON="$(cd "${HERE}/../monitoring" && pwd)"
source "${HERE}/lib.sh"
apt_ensure promtool prometheus || { not_ok "promtool available"; exit 1; }

T="$(mktemp -d /tmp/infra-mon.XXXXXX)"
trap 'rm -rf "${T}"' EXIT
expect "promtool check rules alerts.yml" promtool check rules "${MON}/alerts.yml"
sed "s#/etc/prometheus/alerts.yml#${MON}/alerts.yml#" "${MON}/prometheus.yml" > "${T}/prometheus.yml"
expect "promtool check config prometheus.yml" promtool check config "${T}/prometheus.yml"
expect "alert thresholds fire above and stay quiet below (promtool test rules)" bash -c "cd '${MON}' && promtool test rules alerts.test.yml"
expect "every threshold of the plan has a rule" python3 - "${MON}/alerts.yml" <<'PY'
import sys, yaml
rules = {r["alert"]: r for g in yaml.safe_load(open(sys.argv[1]))["groups"] for r in g["rules"]}
need = {"HostCpuHigh": ("> 80", "5m"), "HostMemoryHigh": ("> 90", "5m"), "HostDiskFull": ("> 85", None),
        "BackendDown": ("up{job=\"backend\"} == 0", None), "AgentDown": ("up{job=\"agent\"} == 0", None),
        "PostgresDown": ("pg_up == 0", None), "StripeWebhookFailures": ("/webhooks/stripe", None),
        "CircuitBreakerOpen": ("circuit_breaker_state", None), "TemporalTaskQueueBacklog": ("approximate_backlog_count", None)}
bad = [a for a, (frag, dur) in need.items() if a not in rules or frag not in rules[a]["expr"] or (dur and rules[a].get("for") != dur)]
print("missing or different:", bad) if bad else None
sys.exit(1 if bad else 0)
PY
# Each dashboard query becomes a recording rule so promtool parses its PromQL.
expect "Grafana dashboard is valid JSON with calls, latency, bookings, errors, breakers, tokens; queries parse" \
  python3 - "${MON}/grafana/dashboards/receptionist-overview.json" "${T}/dash-rules.yml" <<'PY'
import json, subprocess, sys, yaml
d = json.load(open(sys.argv[1]))
exprs = [t["expr"] for p in d["panels"] for t in p["targets"]]
text = " ".join(exprs)
need = ["receptionist_calls_total", "agent_turn_duration_seconds_bucket", "receptionist_bookings",
        "status=~\"5..\"", "circuit_breaker_state", "agent_model_tokens_total"]
missing = [n for n in need if n not in text]
if missing or any(t["datasource"]["uid"] != "prometheus" for p in d["panels"] for t in p["targets"]):
    print("missing:", missing); sys.exit(1)
yaml.safe_dump({"groups": [{"name": "dashboard", "rules": [{"record": f"dashboard:q{i}", "expr": e} for i, e in enumerate(exprs)]}]}, open(sys.argv[2], "w"))
sys.exit(subprocess.run(["promtool", "check", "rules", sys.argv[2]]).returncode)
PY
expect "Grafana provisioning points at the Prometheus service and the dashboards folder" bash -c "
  grep -q 'url: http://prometheus:9090' '${MON}/grafana/provisioning/datasources/prometheus.yml' &&
  grep -q 'uid: prometheus' '${MON}/grafana/provisioning/datasources/prometheus.yml' &&
  grep -q 'path: /var/lib/grafana/dashboards' '${MON}/grafana/provisioning/dashboards/receptionist.yml'"
