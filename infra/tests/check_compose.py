#!/usr/bin/env python3
"""Static checks of both Compose files and the images they name, without a Docker engine.

Validates against the Compose Specification's JSON schema (vendored from compose-go, the
loader Docker Compose itself uses), after interpolating variables as Compose would.
Prints one "ok - ..." / "not ok - ..." line per check.
"""
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

REPO = Path(__file__).resolve().parents[2]
FILES = {"laptop": REPO / "docker-compose.yml", "prod": REPO / "docker-compose.prod.yml"}
VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])((?:[^{}]|\{[^}]*\})*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")
results = []


def check(name, problems):
    problems = [p for p in problems if p]
    results.append((name, problems))


def env_file_keys(path):
    if not path.exists():
        return None
    keys = {}
    for line in path.read_text().splitlines():
        m = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line)
        if m:
            keys[m.group(1)] = m.group(2).strip().strip("'\"")
    return keys


def variables_in(text):
    text = text.replace("$$", "")
    return {m.group(1) or m.group(4) for m in VAR.finditer(text)}


def interpolate(value, env):
    """Compose's rules: ${V}, ${V:-d}, ${V-d}, ${V:?e}, ${V?e}, ${V:+r}, $V; $$ is a literal $."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if not isinstance(value, str):
        return value

    def sub(m):
        name = m.group(1) or m.group(4)
        op, arg = m.group(2), m.group(3) or ""
        cur = env.get(name)
        if op in (":-", "-"):
            return (cur if (cur if op == ":-" else cur is not None) else interpolate(arg, env)) or ""
        if op in (":?", "?"):
            if cur is None or (op == ":?" and cur == ""):
                raise ValueError(f"required variable {name} is missing: {arg}")
            return cur
        if op in (":+", "+"):
            return interpolate(arg, env) if cur else ""
        return cur or ""

    parts = value.split("$$")
    return "$".join(VAR.sub(sub, p) for p in parts)


def mem_bytes(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kmg]?)b?", str(s).lower())
    return float(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2)]


schema = json.loads((REPO / "infra/compose/compose-spec.json").read_text())
validator = Draft202012Validator(schema)
prod_example = env_file_keys(REPO / "docker/.env.prod.example") or {}
root_example = env_file_keys(REPO / ".env.example")
documented = set(prod_example) | set(root_example or {})
where = "docker/.env.prod.example" + (" or .env.example" if root_example is not None else " (no root .env.example yet)")
# A filled-in env the way an operator would have it: examples, and a value for each secret.
env = {k: (v or f"example-{k.lower()}") for k, v in {**(root_example or {}), **prod_example}.items()}
models = {}

for label, path in FILES.items():
    text = path.read_text()
    raw = yaml.safe_load(text)
    missing = sorted(variables_in(text) - documented)
    check(f"{label}: every variable in {path.name} is documented in {where}", [f"undocumented: {', '.join(missing)}" if missing else ""])
    try:
        model = interpolate(raw, env)
    except ValueError as err:
        check(f"{label}: {path.name} interpolates with the documented variables", [str(err)])
        continue
    models[label] = model
    errors = sorted(validator.iter_errors(model), key=lambda e: list(e.absolute_path))
    check(f"{label}: {path.name} is valid against the Compose Specification schema",
          [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10]])

    services = model["services"]
    problems = []
    for name, svc in services.items():
        build = svc.get("build")
        if build:
            ctx = (path.parent / (build if isinstance(build, str) else build.get("context", "."))).resolve()
            dockerfile = ctx / (build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
            if not ctx.is_dir():
                problems.append(f"{name}: build context {ctx} missing")
            if not dockerfile.is_file():
                problems.append(f"{name}: {dockerfile} missing")
        for vol in svc.get("volumes", []):
            src = vol.split(":")[0] if isinstance(vol, str) else vol.get("source", "")
            if src.startswith("./") and not (path.parent / src).exists():
                problems.append(f"{name}: mounted {src} missing")
    check(f"{label}: every build context, Dockerfile and mounted repo file exists", problems)

    problems = []
    for name, svc in services.items():
        oneshot = svc.get("labels", {}).get("com.receptionist.oneshot") == "true"
        if oneshot:
            if svc.get("restart") != "no":
                problems.append(f"{name}: one-shot job must have restart: \"no\"")
            continue
        hc = svc.get("healthcheck")
        if not hc or hc.get("disable") or not hc.get("test"):
            problems.append(f"{name}: no healthcheck")
        if svc.get("restart") not in ("always", "unless-stopped", "on-failure"):
            problems.append(f"{name}: restart policy {svc.get('restart')!r}")
        for dep, cond in (svc.get("depends_on") or {}).items():
            target = services[dep]
            want = "service_completed_successfully" if target.get("labels", {}).get("com.receptionist.oneshot") == "true" else "service_healthy"
            if cond.get("condition") != want:
                problems.append(f"{name} -> {dep}: condition {cond.get('condition')}, want {want}")
    check(f"{label}: every service has a healthcheck and a restart policy (one-shot jobs: restart no), depends_on waits for health", problems)

    problems = []
    for app in ("backend", "agent", "worker"):
        if (services[app].get("depends_on") or {}).get("migrate", {}).get("condition") != "service_completed_successfully":
            problems.append(f"{app} does not wait for migrate")
    check(f"{label}: migrations run before backend, agent and worker", problems)

    problems = []
    for name, svc in services.items():
        for port in svc.get("ports", []):
            spec = str(port)
            public = not spec.startswith("127.0.0.1:")
            if public and not (label == "prod" and name == "nginx" and spec in ("80:80", "443:443")):
                problems.append(f"{name} publishes {spec} beyond loopback")
    if label == "prod" and sorted(map(str, services["nginx"].get("ports", []))) != ["443:443", "80:80"]:
        problems.append("nginx must publish exactly 80 and 443")
    check(f"{label}: only nginx publishes to the internet (others loopback at most)", problems)

    missing_logs = [n for n, s in services.items() if "max-size" not in (s.get("logging", {}).get("options") or {})]
    check(f"{label}: every service rotates its logs", [f"{', '.join(missing_logs)}" if missing_logs else ""])

prod = models.get("prod")
if prod:
    s = prod["services"]
    limits = {n: (v.get("deploy", {}).get("resources", {}).get("limits") or {}) for n, v in s.items()}
    problems = [f"{n}: no memory/cpu limit" for n, l in limits.items() if "memory" not in l or "cpus" not in l]
    plan = {"backend": 2 * 2**30, "agent": 4 * 2**30, "postgres": 2**30, "redis": 512 * 2**20}
    problems += [f"{n}: memory {limits[n].get('memory')} differs from the plan" for n, want in plan.items() if mem_bytes(limits[n].get("memory", "0")) != want]
    if mem_bytes(limits["nginx"].get("memory", "0")) > 256 * 2**20:
        problems.append("nginx limit above 256m")
    default_total = sum(mem_bytes(l.get("memory", "0")) for n, l in limits.items() if not s[n].get("profiles"))
    if default_total > 12 * 2**30:
        problems.append(f"default services sum to {default_total / 2**30:.1f} GiB, leaving < 4 GiB on a 16 GB CCX33")
    check(f"prod: CPU and memory limits follow the sizing plan ({default_total / 2**30:.1f} GiB of 16 GB at most)", problems)

    data_dir = env.get("DATA_DIR", "/mnt/data")
    problems = []
    for svc, target in (("postgres", "/var/lib/postgresql/data"), ("redis", "/data"), ("backup", "/backups")):
        want = {"postgres": "postgres", "redis": "redis", "backup": "backups"}[svc]
        if f"{data_dir}/{want}:{target}" not in s[svc].get("volumes", []):
            problems.append(f"{svc} does not keep {target} on {data_dir}/{want}")
    check("prod: data lives on the attached volume (/mnt/data/postgres, redis, backups)", problems)

    cmd = s["redis"].get("command", "")
    cmd = cmd if isinstance(cmd, str) else " ".join(cmd)
    check("prod: Redis has AOF persistence and a password",
          ["no --appendonly yes" if "--appendonly yes" not in cmd else "", "no --requirepass" if "--requirepass example-" not in cmd else ""])

    nets = prod.get("networks", {})
    problems = [] if (nets.get("data") or {}).get("internal") is True else ["network data is not internal"]
    problems += [f"{n} is reachable outside the internal network" for n in ("postgres", "redis", "temporal") if s[n].get("networks") != ["data"]]
    check("prod: Postgres, Redis and Temporal sit only on the internal network", problems)

    env_files = {f for svc in s.values() for f in (svc.get("env_file") or [])}
    ignored = all(subprocess.run(["git", "-C", str(REPO), "check-ignore", "-q", f], check=False).returncode == 0 for f in env_files)
    check(f"prod: secrets come from an env file git ignores ({', '.join(sorted(env_files))})", ["" if env_files and ignored else "env file not git-ignored"])

failed = 0
for name, problems in results:
    if problems:
        failed += 1
        print(f"not ok - {name}")
        for p in problems:
            print(f"#   {p}")
    else:
        print(f"ok - {name}")
sys.exit(1 if failed else 0)
