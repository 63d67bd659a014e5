variable "hcloud_token" {
  description = "Hetzner Cloud API token (read/write) of the project. Prefer TF_VAR_hcloud_token over a file."
  type        = string
  sensitive   = true
}

variable "name" {
  description = "Prefix for every resource name."
  type        = string
  default     = "receptionist"
}

variable "location" {
  description = "Hetzner location. nbg1 (Nuremberg) per the sizing plan."
  type        = string
  default     = "nbg1"
}

variable "server_type" {
  description = "CCX33: 8 dedicated vCPU, 16 GB RAM, 240 GB NVMe. Move to ccx43 before splitting tiers."
  type        = string
  default     = "ccx33"
}

variable "image" {
  type    = string
  default = "ubuntu-22.04"
}

variable "ssh_public_key" {
  description = "Public key (ed25519) for root and the deploy user."
  type        = string
}

variable "ssh_allowed_cidrs" {
  description = "Addresses allowed to reach port 22, e.g. [\"203.0.113.7/32\"]. No default: SSH is never open to the world."
  type        = list(string)
  validation {
    condition     = length(var.ssh_allowed_cidrs) > 0 && alltrue([for c in var.ssh_allowed_cidrs : can(cidrhost(c, 0)) && c != "0.0.0.0/0" && c != "::/0"])
    error_message = "List at least one CIDR, and not 0.0.0.0/0 or ::/0."
  }
}

variable "volume_size" {
  description = "GB for /mnt/data (PostgreSQL, Redis, backups, certificates)."
  type        = number
  default     = 50
}

variable "backups" {
  description = "Hetzner's daily server backups (+20 % of the server price). The volume is not included: backup.sh covers it."
  type        = bool
  default     = true
}

variable "protect" {
  description = "Delete/rebuild protection on the server and delete protection on the volume."
  type        = bool
  default     = true
}

variable "repo_url" {
  description = "Git URL cloned into /opt/receptionist/app by the deploy user (empty: clone by hand, e.g. with a deploy key)."
  type        = string
  default     = ""
}

variable "private_network_cidr" {
  description = "Creates a private network and attaches the box when set (e.g. 10.0.0.0/16): the first step toward the 3-tier layout."
  type        = string
  default     = ""
}

variable "labels" {
  type    = map(string)
  default = { app = "receptionist", env = "production" }
}
