# The single-box layout of the sizing plan: one CCX33 in nbg1 with a 50 GB volume at /mnt/data,
# a cloud firewall (22 from an allowlist, 80 and 443 from anywhere, nothing else) and
# cloud-init that prepares Docker, UFW, fail2ban and unattended upgrades.

resource "hcloud_ssh_key" "main" {
  name       = "${var.name}-main-key"
  public_key = var.ssh_public_key
  labels     = var.labels
}

resource "hcloud_firewall" "main" {
  name   = "${var.name}-firewall"
  labels = var.labels

  rule {
    description = "SSH from the allowlist only"
    direction   = "in"
    protocol    = "tcp"
    port        = "22"
    source_ips  = var.ssh_allowed_cidrs
  }

  rule {
    description = "HTTP (ACME challenges, redirect to HTTPS)"
    direction   = "in"
    protocol    = "tcp"
    port        = "80"
    source_ips  = ["0.0.0.0/0", "::/0"]
  }

  rule {
    description = "HTTPS (Twilio, Stripe and Cal.com webhooks, admin API)"
    direction   = "in"
    protocol    = "tcp"
    port        = "443"
    source_ips  = ["0.0.0.0/0", "::/0"]
  }
}

# A spread group costs nothing and keeps future servers of the 3-tier/HA layouts on different hosts.
resource "hcloud_placement_group" "spread" {
  name   = "${var.name}-pg"
  type   = "spread"
  labels = var.labels
}

resource "hcloud_volume" "data" {
  name              = "${var.name}-data"
  size              = var.volume_size
  location          = var.location
  format            = "ext4"
  delete_protection = var.protect
  labels            = var.labels
}

resource "hcloud_server" "main" {
  name               = "${var.name}-production"
  server_type        = var.server_type
  image              = var.image
  location           = var.location
  backups            = var.backups
  ssh_keys           = [hcloud_ssh_key.main.id]
  firewall_ids       = [hcloud_firewall.main.id]
  placement_group_id = hcloud_placement_group.spread.id
  delete_protection  = var.protect
  rebuild_protection = var.protect
  labels             = var.labels

  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    ssh_public_key    = var.ssh_public_key
    ssh_allowed_cidrs = var.ssh_allowed_cidrs
    volume_device     = hcloud_volume.data.linux_device
    repo_url          = var.repo_url
    backup_service    = file("${path.module}/../systemd/receptionist-backup.service")
    backup_timer      = file("${path.module}/../systemd/receptionist-backup.timer")
  })

  public_net {
    ipv4_enabled = true
    ipv6_enabled = true
  }

  lifecycle {
    # cloud-init runs once; editing the template must not replace a live server.
    ignore_changes = [user_data, ssh_keys, image]
  }
}

resource "hcloud_volume_attachment" "data" {
  volume_id = hcloud_volume.data.id
  server_id = hcloud_server.main.id
  automount = false # cloud-init mounts it through /etc/fstab, which survives reboots
}

# Step one of the 3-tier layout (docs/deploy.md): a private network the next servers join.
resource "hcloud_network" "private" {
  count    = var.private_network_cidr == "" ? 0 : 1
  name     = "${var.name}-net"
  ip_range = var.private_network_cidr
  labels   = var.labels
}

resource "hcloud_network_subnet" "servers" {
  count        = var.private_network_cidr == "" ? 0 : 1
  network_id   = hcloud_network.private[0].id
  type         = "cloud"
  network_zone = "eu-central"
  ip_range     = cidrsubnet(var.private_network_cidr, 8, 1)
}

resource "hcloud_server_network" "main" {
  count      = var.private_network_cidr == "" ? 0 : 1
  server_id  = hcloud_server.main.id
  network_id = hcloud_network.private[0].id
  ip         = cidrhost(cidrsubnet(var.private_network_cidr, 8, 1), 10)
}
