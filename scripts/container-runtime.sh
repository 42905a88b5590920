#!/usr/bin/env bash
# Makes sure the container runtime the image smoke test runs images with is installed: podman with runc (crun refuses
# hosts with cgroups in hybrid mode) from Debian, daemonless, so a CI machine needs nothing but the package registry.
# On a fresh CI machine (root, apt) it installs them; elsewhere it says what to install.
#
# Usage: scripts/container-runtime.sh
set -euo pipefail

log() { printf '[container-runtime] %s\n' "$*" >&2; }

missing=()
command -v podman >/dev/null || missing+=(podman)
command -v runc >/dev/null || missing+=(runc)
if [[ ${#missing[@]} -eq 0 ]]; then
  log "up to date: $(podman --version), $(runc --version | head -1)"
  exit 0
fi
if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
  log "ERROR: ${missing[*]} required: apt-get install --no-install-recommends podman runc (or build with -DskipImages)"
  exit 1
fi
log "installing ${missing[*]} from Debian"
install() {
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends podman runc >&2
}
# a fresh machine may have no package lists yet
install || { apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 && install; }
log "installed: $(podman --version), $(runc --version | head -1)"
