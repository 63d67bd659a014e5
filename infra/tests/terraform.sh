#!/usr/bin/env bash
# Terraform formatting and validation, the cloud-init it renders, and the backup timer.
# `terraform validate` needs the hcloud provider, which the Terraform registry would serve;
# offline it is built from its Go module (pinned by content hash, since the checksum database
# does not list it) into .cache and handed to `terraform init -plugin-dir`.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "${HERE}/../.." && pwd)"
TF="${REPO}/infra/terraform"
source "${HERE}/lib.sh"
CACHE="${REPO}/.cache"
HCLOUD_VERSION=1.52.0
HCLOUD_SUM="h1:MNwNhQN7Up4vazHO8sgQauLiZzrWeNtUJ5/sgLhj9MM="
export TF_CLI_CONFIG_FILE=/dev/null TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
W="$(mktemp -d /tmp/infra-tf.XXXXXX)"
trap 'rm -rf "${W}"' EXIT

if command -v terraform >/dev/null; then
  expect "terraform fmt -check ($(terraform version | head -1))" terraform fmt -check -diff -recursive "${TF}"
else
  # No terraform binary: hclwrite, the formatter terraform fmt is built on.
  (cd "${HERE}/hclfmt" && go build -o "${CACHE}/bin/hclfmt" .) >/dev/null 2>&1
  expect "Terraform files formatted (hclwrite; no terraform binary here)" "${CACHE}/bin/hclfmt" "${TF}"/*.tf
  echo "# terraform validate and the cloud-init rendering need a terraform binary: install one to run them"
  exit 0
fi

build_provider() {
  local dir="${CACHE}/terraform-plugins/registry.terraform.io/hetznercloud/hcloud/${HCLOUD_VERSION}/linux_amd64"
  local bin="${dir}/terraform-provider-hcloud_v${HCLOUD_VERSION}"
  [[ -x "${bin}" ]] && return 0
  local info sum src
  info="$(cd "${W}" && GONOSUMDB=github.com/hetznercloud/terraform-provider-hcloud GOFLAGS=-mod=mod \
    go mod download -json "github.com/hetznercloud/terraform-provider-hcloud@v${HCLOUD_VERSION}")" || return 1
  sum="$(echo "${info}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Sum"])')"
  [[ "${sum}" == "${HCLOUD_SUM}" ]] || { echo "provider source hash ${sum} != ${HCLOUD_SUM}"; return 1; }
  src="$(echo "${info}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])')"
  cp -r "${src}" "${W}/hcloud" && chmod -R u+w "${W}/hcloud"
  mkdir -p "${dir}"
  (cd "${W}/hcloud" && GOFLAGS=-mod=mod CGO_ENABLED=0 go build -o "${bin}" .)
}
[[ "$(uname -m)" == x86_64 ]] || echo "# provider build assumes linux_amd64"
expect "hcloud provider v${HCLOUD_VERSION} built from its Go module (source hash pinned)" build_provider
cp -r "${TF}" "${W}/terraform" && mkdir -p "${W}/systemd" && cp "${REPO}"/infra/systemd/* "${W}/systemd/"
expect "terraform init -backend=false with the local provider" \
  bash -c "cd '${W}/terraform' && terraform init -backend=false -input=false -plugin-dir='${CACHE}/terraform-plugins'"
expect "terraform validate" bash -c "cd '${W}/terraform' && terraform validate -no-color"

# cloud-init exactly as the server will get it, rendered by terraform's own templatefile.
render="jsonencode(templatefile(\"${TF}/cloud-init.yaml.tftpl\", { ssh_public_key = \"ssh-ed25519 AAAAC3test ops\",
  ssh_allowed_cidrs = [\"203.0.113.7/32\", \"2001:db8::/48\"], volume_device = \"/dev/disk/by-id/scsi-0HC_Volume_4242\",
  repo_url = \"https://git.example.com/receptionist.git\",
  backup_service = file(\"${REPO}/infra/systemd/receptionist-backup.service\"),
  backup_timer = file(\"${REPO}/infra/systemd/receptionist-backup.timer\") }))"
mkdir -p "${W}/console"
(cd "${W}/console" && echo "${render}" | tr "\n" " " | terraform console -no-color) > "${W}/rendered.json" 2>"${W}/console.err"
expect "cloud-init renders: Docker + compose plugin, UFW = cloud firewall, fail2ban, upgrades, /mnt/data in fstab, deploy user, timer" \
  python3 - "${W}/rendered.json" "${TF}/main.tf" <<'PY'
import json, re, sys, yaml
text = json.loads(json.load(open(sys.argv[1])))
assert text.startswith("#cloud-config\n"), "no #cloud-config header"
c = yaml.safe_load(text)
problems = []
need_pkgs = {"ufw", "fail2ban", "unattended-upgrades", "git"}
if not need_pkgs <= set(c["packages"]): problems.append(f"packages {need_pkgs - set(c['packages'])}")
run = [" ".join(map(str, r)) if isinstance(r, list) else r for r in c["runcmd"]]
joined = "\n".join(run)
for frag in ["docker-compose-plugin", "usermod -aG docker deploy", "ufw default deny incoming", "ufw --force enable",
             "systemctl enable --now fail2ban", "systemctl enable --now unattended-upgrades",
             "/usr/local/sbin/receptionist-mount-data", "install -d -m 0755 -o deploy -g deploy /opt/receptionist",
             "git clone https://git.example.com/receptionist.git /opt/receptionist/app",
             "systemctl enable --now receptionist-backup.timer"]:
    if frag not in joined: problems.append(f"runcmd lacks: {frag}")
ufw = sorted(r for r in run if r.startswith("ufw allow"))
want = sorted(["ufw allow from 203.0.113.7/32 to any port 22 proto tcp", "ufw allow from 2001:db8::/48 to any port 22 proto tcp",
               "ufw allow 80/tcp", "ufw allow 443/tcp"])
if ufw != want: problems.append(f"ufw rules {ufw}")
tf = open(sys.argv[2]).read()
ports = sorted(re.findall(r'port\s*=\s*"(\d+)"', tf))
if ports != ["22", "443", "80"]: problems.append(f"cloud firewall ports {ports} differ from UFW (22, 80, 443)")
if 'source_ips  = var.ssh_allowed_cidrs' not in tf: problems.append("cloud firewall SSH rule is not the allowlist")
files = {f["path"]: f["content"] for f in c["write_files"]}
mount = files["/usr/local/sbin/receptionist-mount-data"]
if 'dev="/dev/disk/by-id/scsi-0HC_Volume_4242"' not in mount or "/mnt/data ext4 discard,nofail,defaults 0 2\" >> /etc/fstab" not in mount:
    problems.append("volume not mounted through fstab")
if "PasswordAuthentication no" not in files["/etc/ssh/sshd_config.d/10-receptionist.conf"]: problems.append("ssh passwords allowed")
if "${distro_id}:${distro_codename}-security" not in files["/etc/apt/apt.conf.d/52receptionist-upgrades"]: problems.append("upgrade origins")
if "OnCalendar=*-*-* 03:00:00 UTC" not in files["/etc/systemd/system/receptionist-backup.timer"]: problems.append("timer not 03:00 UTC")
if "run --rm backup" not in files["/etc/systemd/system/receptionist-backup.service"]: problems.append("backup service")
deploy = [u for u in c["users"] if isinstance(u, dict) and u["name"] == "deploy"]
if not deploy or deploy[0].get("sudo") or deploy[0]["ssh_authorized_keys"] != ["ssh-ed25519 AAAAC3test ops"]: problems.append("deploy user")
print("\n".join(problems))
sys.exit(1 if problems else 0)
PY
[[ -s "${W}/console.err" ]] && sed 's/^/#   /' "${W}/console.err" | head -5

if command -v systemd-analyze >/dev/null; then
  expect "backup timer fires daily at 03:00 UTC (systemd-analyze calendar)" bash -c "
    spec=\$(sed -n 's/^OnCalendar=//p' '${REPO}/infra/systemd/receptionist-backup.timer')
    systemd-analyze calendar \"\${spec}\" | grep -q 'Next elapse: .* 03:00:00 UTC'"
fi
expect "cron alternative runs at 03:00 UTC" grep -qE '^0 3 \* \* \* deploy .*run --rm backup' "${REPO}/infra/systemd/receptionist-backup.cron"
