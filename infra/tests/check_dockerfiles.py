#!/usr/bin/env python3
"""Static checks of the images: multi-stage, production-only install, non-root, health, init."""
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
APPS = {"backend": "@receptionist/backend", "agent": "@receptionist/agent", "worker": "@receptionist/worker"}
failed = 0


def report(name, problems):
    global failed
    problems = [p for p in problems if p]
    print(("not ok - " if problems else "ok - ") + name)
    for p in problems:
        print(f"#   {p}")
    failed += bool(problems)


def final_stage(text):
    return re.split(r"(?m)^FROM ", text)[-1]


for app, pkg in APPS.items():
    path = REPO / "docker" / f"{app}.Dockerfile"
    if not path.exists():
        report(f"docker/{app}.Dockerfile exists", ["missing"])
        continue
    text = path.read_text()
    last = final_stage(text)
    rootfs = next((st for st in re.split(r"(?m)^FROM ", text) if st.startswith("${NODE_IMAGE} AS rootfs")), "")
    user = re.findall(r"(?m)^USER\s+(\S+)", last)
    problems = [
        "fewer than 3 stages" if len(re.findall(r"(?m)^FROM ", text)) < 3 else "",
        "no `pnpm fetch`" if "pnpm fetch" not in text else "",
        "install is not --prod --frozen-lockfile --offline" if not re.search(r"pnpm install --offline --frozen-lockfile --prod", text) else "",
        f"workspace not pruned to {pkg}" if f"ARG APP={app}\n" not in text or 'turbo prune "@receptionist/${APP}" --docker' not in text else "",
        "fetch does not run on the pruned lockfile alone" if "COPY --from=prune /app/out/json/ ./" not in text else "",
        "runtime runs as root" if not user or user[-1] in ("root", "0") else "",
        "no HEALTHCHECK in the runtime stage" if not re.search(r"(?m)^HEALTHCHECK\s+--", last) else "",
        "tini is not PID 1" if not re.search(r'(?m)^ENTRYPOINT \["/(usr/bin|sbin)/tini", "--"\]', last) else "",
        "runtime copies the build context instead of the installed tree" if re.search(r"(?m)^COPY (\.|\./) ", last) else "",
        f"runtime does not start apps/{app}" if f"/app/apps/{app}" not in last else "",
        "runtime does not run node src/main.ts" if 'CMD ["node", "src/main.ts"]' not in last else "",
    ]
    report(f"docker/{app}.Dockerfile: multi-stage, turbo prune + pnpm fetch + --prod install, non-root, HEALTHCHECK, tini", problems)
    # Builds with the engine's built-in frontend (no `# syntax=` image to pull), no heredocs, on a
    # Debian-slim Node 24 base chosen by ARG, with tini from the base's own Debian packages.
    portable = [
        "a `# syntax=` line pulls a frontend image" if re.search(r"(?mi)^#\s*syntax=", text) else "",
        "a heredoc needs a newer frontend" if re.search(r"<<-?\s*['\"]?[A-Z]+", text) else "",
        "no ARG NODE_IMAGE=node:24-bookworm-slim" if "ARG NODE_IMAGE=node:24-bookworm-slim\n" not in text else "",
        "a stage starts from something other than ${NODE_IMAGE}, scratch or an earlier stage"
        if any(b not in ("${NODE_IMAGE}", "scratch", "pnpm", "prune", "fetch", "install") for b in re.findall(r"(?m)^FROM (\S+)", text)) else "",
        "tini not from the base's apt-get" if not re.search(r"apt-get install -y --no-install-recommends[^\n]*\btini\b", rootfs) else "",
        "apk in a Debian image" if "apk " in text else "",
    ]
    # The runtime is distroless: scratch plus what the rootfs stage copies out of the Node base.
    report(f"docker/{app}.Dockerfile: distroless runtime (scratch + node, its libraries, tini, CA bundle; no shell, apt, npm)", [
        "the runtime stage is not FROM scratch" if not re.search(r"(?m)^FROM scratch AS runtime$", text) else "",
        "the runtime does not copy the rootfs stage" if "COPY --from=rootfs /rootfs/ /" not in last else "",
        "node is not stripped of its debug symbols" if "strip -o /rootfs/usr/local/bin/node" not in rootfs else "",
        "a RUN in the runtime stage (it has no shell)" if re.search(r"(?m)^RUN ", last) else "",
        "a string HEALTHCHECK needs a shell" if re.search(r"(?m)^HEALTHCHECK[^\n]*\n?\s*CMD [^\[]", last) else "",
    ])
    report(f"docker/{app}.Dockerfile: builds anywhere (no syntax line, no heredoc, ARG Debian-slim Node 24 base, tini from Debian)", portable)

backup = (REPO / "docker/backup.Dockerfile").read_text()
report("docker/backup.Dockerfile: pg tools match Postgres 14, non-root",
       ["not postgres:14" if "FROM postgres:14" not in backup else "",
        "runs as root" if not re.search(r"(?m)^USER postgres", backup) else ""])

ignore = (REPO / ".dockerignore").read_text().split()
need = ["**/node_modules", ".git", ".env", ".env.*", "infra", "docs"]
report(".dockerignore keeps node_modules, git, env files and infra out of the build context",
       [f"missing {n}" for n in need if n not in ignore])

problems = [f"{p} missing" for p in ("pnpm-lock.yaml", "pnpm-workspace.yaml", "turbo.json", ".npmrc") if not (REPO / p).exists()]
report("the files the image build starts from exist (lockfile, workspace, turbo.json, .npmrc)", problems)
sys.exit(1 if failed else 0)
