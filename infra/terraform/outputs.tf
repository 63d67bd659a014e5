output "server_ipv4" {
  description = "Point the A record of DOMAIN here."
  value       = hcloud_server.main.ipv4_address
}

output "server_ipv6" {
  description = "Point the AAAA record of DOMAIN here."
  value       = hcloud_server.main.ipv6_address
}

output "volume_id" {
  value = hcloud_volume.data.id
}

output "volume_device" {
  description = "Mounted at /mnt/data by cloud-init."
  value       = hcloud_volume.data.linux_device
}

output "ssh" {
  value = "ssh deploy@${hcloud_server.main.ipv4_address}"
}

output "private_ip" {
  value = var.private_network_cidr == "" ? null : hcloud_server_network.main[0].ip
}
