#!/usr/bin/env bash
# A real single-node Kubernetes on this machine, for the fleet e2e: the control plane (etcd, kube-apiserver,
# controller-manager, scheduler) and the node (containerd + runc, bridge CNI, kubelet, kube-proxy), all started as
# plain processes (no systemd), everything under one work directory, and a teardown that restores every host setting
# it touched. Facts and pitfalls behind each choice: ../../shared/notes/k8s-node.md (kept in the team's notes).
#
# Usage:
#   scripts/kube-node.sh binaries                  build/cache kubelet, controller-manager, scheduler, kube-proxy, crictl
#                                                  and the pause image (idempotent; runs scripts/kube-binaries.sh first)
#   scripts/kube-node.sh up <work-dir>             start everything; writes <work-dir>/admin.kubeconfig; prints the
#                                                  node address
#   scripts/kube-node.sh import <work-dir> <name> <image.tar>
#                                                  import an OCI or docker archive into containerd's k8s.io namespace
#                                                  under <name> (pods use imagePullPolicy: Never)
#   scripts/kube-node.sh down <work-dir>           stop everything and restore the host (safe to run twice, and after a
#                                                  failed or partial up)
#   scripts/kube-node.sh check                     exit 0 if this machine can run the node, else say why (exit 3)
# env: LAKEGATE_K8S_VERSION (1.35.4), LAKEGATE_CACHE (~/.cache/lakegate), LAKEGATE_NODE_ADDRESS (198.18.0.10: a
#      benchmarking-range /32 put on lo: every port of the node listens there, never on 127.0.0.1 or the external
#      interface, so it collides with nothing else on the machine), LAKEGATE_NODE_WAIT (600: seconds an up waits for
#      another node of this machine to go down; one node per machine, since the bridge, the pod network and the
#      kubelet's paths are the machine's)
set -euo pipefail

K8S_VERSION="${LAKEGATE_K8S_VERSION:-1.35.4}"
CACHE="${LAKEGATE_CACHE:-$HOME/.cache/lakegate}"
KUBE_DIR="${KUBE_API_TEST_DIR:-$CACHE/kube}"
CONTROL_BIN="$KUBE_DIR/k8s/${K8S_VERSION}-linux-amd64"
NODE_BIN="$CACHE/kube/node/${K8S_VERSION}"
CRICTL_VERSION=v1.34.0
PAUSE_IMAGE=registry.k8s.io/pause:3.10.1
NODE_ADDRESS="${LAKEGATE_NODE_ADDRESS:-198.18.0.10}"
NODE_WAIT="${LAKEGATE_NODE_WAIT:-600}"
# which work directory's node holds this machine (tmpfs: a reboot clears it with everything the node set up)
HOST_CLAIM=/run/lakegate-node.owner
NODE_NAME=lakegate-node
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/24
BRIDGE=lakegate0
SCRIPTS="$(cd "$(dirname "$0")" && pwd)"
NODE_RECIPE="node recipe 1: CGO_ENABLED=0 -trimpath -s -w kubelet kube-controller-manager kube-scheduler kube-proxy, crictl ${CRICTL_VERSION}, static pause"

log() { printf '[kube-node] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---- check ---------------------------------------------------------------------------------------------------------
cannot_run() { # prints why this machine cannot run the node, or nothing
  [[ "$(uname -s)/$(uname -m)" == "Linux/x86_64" ]] || { echo "needs Linux/amd64, this is $(uname -s)/$(uname -m)"; return; }
  [[ $(id -u) -eq 0 ]] || { echo "needs root (kubelet, containerd, iptables, mounts), running as uid $(id -u)"; return; }
  [[ -d /sys/fs/cgroup ]] || { echo "no /sys/fs/cgroup"; return; }
  command -v iptables >/dev/null || { echo "no iptables"; return; }
  command -v go >/dev/null || [[ -f "$NODE_BIN/.lakegate-complete" ]] || { echo "needs Go to build the node binaries"; return; }
  if ! command -v containerd >/dev/null || ! command -v runc >/dev/null || [[ ! -x /usr/lib/cni/bridge ]] \
      || ! command -v conntrack >/dev/null; then
    command -v apt-get >/dev/null || { echo "needs containerd, runc, containernetworking-plugins, conntrack (Debian) and has no apt-get"; return; }
  fi
}

# ---- binaries ------------------------------------------------------------------------------------------------------
install_packages() {
  local missing=()
  command -v containerd >/dev/null || missing+=(containerd)
  command -v runc >/dev/null || missing+=(runc)
  [[ -x /usr/lib/cni/bridge ]] || missing+=(containernetworking-plugins)
  command -v conntrack >/dev/null || missing+=(conntrack)
  [[ ${#missing[@]} -eq 0 ]] && return 0
  log "installing ${missing[*]} from Debian"
  local install=(apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}")
  DEBIAN_FRONTEND=noninteractive "${install[@]}" >&2 \
    || { apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 && DEBIAN_FRONTEND=noninteractive "${install[@]}" >&2; }
}

node_binaries_complete() {
  [[ -f "$NODE_BIN/.lakegate-complete" ]] && grep -qxF "$NODE_RECIPE" "$NODE_BIN/.lakegate-complete" \
    && for b in kubelet kube-controller-manager kube-scheduler kube-proxy crictl pause.tar; do [[ -s "$NODE_BIN/$b" ]] || return 1; done
}

binaries() {
  local why; why=$(cannot_run)
  # not a build failure: the tests that need the node skip with the same reason
  [[ -z "$why" ]] || { log "NOT BUILDING the node binaries, this machine cannot run a node: $why"; exit 0; }
  install_packages
  "$SCRIPTS/kube-binaries.sh" "$K8S_VERSION"
  if node_binaries_complete; then log "up to date: $NODE_BIN"; return 0; fi
  mkdir -p "$NODE_BIN"
  exec 8>"$CACHE/kube/.node-lock"
  flock 8
  if node_binaries_complete; then log "up to date after waiting for another build: $NODE_BIN"; return 0; fi
  export GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOFLAGS="-mod=mod" GOTOOLCHAIN=local CGO_ENABLED=0 \
    GOOS=linux GOARCH=amd64
  local started; started=$(date +%s)
  # the wrapper module scripts/kube-binaries.sh wrote (kubernetes' staging modules mapped to their published versions)
  local k8s_mod="$CACHE/kube/build/$K8S_VERSION/kubernetes"
  [[ -f "$k8s_mod/go.mod" ]] || die "no wrapper module at $k8s_mod (scripts/kube-binaries.sh makes it)"
  local minor=${K8S_VERSION#*.}; minor=${minor%%.*}
  local ldflags="-s -w"
  for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    ldflags+=" -X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor} -X $pkg.gitTreeState=clean"
  done
  local tmp="$NODE_BIN/.build"
  rm -rf "$tmp"; mkdir -p "$tmp"
  log "building kubelet, kube-controller-manager, kube-scheduler, kube-proxy v${K8S_VERSION} (about 5 min cold, 1.5 min warm)"
  (cd "$k8s_mod" && go build -trimpath -ldflags "$ldflags" -o "$tmp/" k8s.io/kubernetes/cmd/kubelet \
    k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kube-proxy)
  log "building crictl ${CRICTL_VERSION}"
  local cri_mod="$CACHE/kube/build/crictl-${CRICTL_VERSION}"
  mkdir -p "$cri_mod"
  printf 'module lakegate.local/crictlbuild\n\ngo 1.24\n\nrequire sigs.k8s.io/cri-tools %s\n' "$CRICTL_VERSION" > "$cri_mod/go.mod"
  (cd "$cri_mod" && go build -trimpath -ldflags "-s -w" -o "$tmp/crictl" sigs.k8s.io/cri-tools/cmd/crictl)
  log "building the pause image ($PAUSE_IMAGE)"
  build_pause "$tmp"
  mv -f "$tmp"/* "$NODE_BIN/"
  rmdir "$tmp"
  "$NODE_BIN/kubelet" --version >&2
  printf 'kubernetes v%s, built %s with %s\n%s\n' "$K8S_VERSION" "$(date -u +%FT%TZ)" "$(go env GOVERSION)" \
    "$NODE_RECIPE" > "$NODE_BIN/.lakegate-complete"
  log "done in $(( $(date +%s) - started )) s: $NODE_BIN ($(du -sh "$NODE_BIN" | cut -f1))"
}

# The pod sandbox's only job is to hold the namespaces and exit on SIGTERM: a static Go program in a one-layer
# docker-archive (no registry to pull registry.k8s.io/pause from).
build_pause() {
  local out="$1" src="$1/pause-src" root="$1/pause-root" img="$1/pause-img"
  mkdir -p "$src" "$root" "$img"
  cat > "$src/main.go" <<'GO'
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	<-signals
}
GO
  printf 'module lakegate.local/pause\n\ngo 1.22\n' > "$src/go.mod"
  (cd "$src" && go build -trimpath -ldflags "-s -w" -o "$root/pause" .)
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$img/layer.tar" pause
  local layer; layer=$(sha256sum "$img/layer.tar" | cut -d' ' -f1)
  printf '{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/pause"],"User":"65535:65535"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"scripts/kube-node.sh"}]}' \
    "$layer" > "$img/config.json"
  local config; config=$(sha256sum "$img/config.json" | cut -d' ' -f1)
  mv "$img/config.json" "$img/$config.json"
  mv "$img/layer.tar" "$img/$layer.tar"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s.tar"]}]' "$config" "$PAUSE_IMAGE" "$layer" > "$img/manifest.json"
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$img" -cf "$out/pause.tar" .
  rm -rf "$src" "$root" "$img"
}

# ---- up ------------------------------------------------------------------------------------------------------------
W=""
record() { printf '%s\n' "$*" >> "$W/undo"; }   # what down must undo, in order of creation

start_daemon() { # <name> <command...>: setsid, own log, PID recorded
  local name="$1"; shift
  # fds 6 and 7 are up's locks: a daemon holding one would make every later up or down wait for a lock nobody releases
  setsid "$@" >"$W/log/$name.log" 2>&1 < /dev/null 6>&- 7>&- &
  echo "$! $name" >> "$W/pids"
}

wait_for() { # <what> <seconds> <command...>
  local what="$1" seconds="$2"; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s) < deadline )) || { log "timed out after ${seconds}s waiting for $what"; tail -n 30 "$W"/log/*.log >&2 || true; return 1; }
    sleep 0.3
  done
}

certificates() {
  local pki="$W/pki"
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 2 -subj "/CN=lakegate-test-ca" 2>/dev/null
  cert() { # <name> <subject> [subjectAltName]
    openssl req -newkey rsa:2048 -nodes -keyout "$pki/$1.key" -out "$pki/$1.csr" -subj "$2" 2>/dev/null
    local ext="$pki/$1.ext"
    { echo "basicConstraints=CA:FALSE"; echo "keyUsage=digitalSignature,keyEncipherment"
      echo "extendedKeyUsage=serverAuth,clientAuth"; [[ -n "${3:-}" ]] && echo "subjectAltName=$3"; } > "$ext"
    openssl x509 -req -in "$pki/$1.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial -days 2 \
      -extfile "$ext" -out "$pki/$1.crt" 2>/dev/null
  }
  cert apiserver "/CN=kube-apiserver" "IP:${NODE_ADDRESS},IP:10.96.0.1,IP:127.0.0.1,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  # every component and the test act as cluster admins: the test proves the operator's RBAC, not the node's
  cert admin "/O=system:masters/CN=lakegate-admin"
  cert kubelet "/O=system:nodes/CN=system:node:${NODE_NAME}" "IP:${NODE_ADDRESS},DNS:${NODE_NAME}"
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  cat > "$W/admin.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: lakegate
  cluster:
    server: https://${NODE_ADDRESS}:6443
    certificate-authority: $pki/ca.crt
users:
- name: admin
  user:
    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key
contexts:
- name: lakegate
  context: {cluster: lakegate, user: admin}
current-context: lakegate
EOF
}

sysctl_set() { # <key> <value>: saved once, restored by down
  local key="$1" value="$2" now
  now=$(sysctl -n "$key")
  grep -q "^sysctl $key " "$W/undo" 2>/dev/null || record "sysctl $key $now"
  [[ "$now" == "$value" ]] || sysctl -qw "$key=$value"
}

node_alive() { # <work-dir>: one of that node's daemons still runs (by PID and command, so a reused PID is not it)
  local pid name
  [[ -s "$1/pids" ]] || return 1
  while read -r pid name; do
    [[ -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$name" && return 0
  done < "$1/pids"
  return 1
}

# One node per machine. A node whose daemons still run is waited for (another build's test using it); a node whose
# daemons are all gone was left by a run killed before its teardown (its address, bridge, chains and mounts stay on
# the machine and would refuse every later up): it is torn down from its own undo record.
claim_host() {
  exec 6>/run/lakegate-node.lock
  flock 6   # held until up returns: two ups never claim together
  local deadline=$(( $(date +%s) + NODE_WAIT )) other waited=false
  while [[ -s "$HOST_CLAIM" ]]; do
    other=$(cat "$HOST_CLAIM")
    [[ "$other" != "$W" ]] || die "$W already has a node; run down first"
    if node_alive "$other"; then
      (( $(date +%s) < deadline )) || die "another node runs here (work dir $other) and did not go down in ${NODE_WAIT} s"
      $waited || log "another node runs here (work dir $other): waiting up to ${NODE_WAIT} s for it to go down"
      waited=true
      sleep 2
      continue
    fi
    log "the node at $other was left running by a killed run (no daemon of it is alive): tearing it down"
    "$SCRIPTS/kube-node.sh" down "$other" 6>&- 7>&- || die "could not tear down the node left at $other"
    # a down finished by the killed run itself clears the claim; this one must not loop on a foreign record
    [[ "$(cat "$HOST_CLAIM" 2>/dev/null)" != "$other" ]] || rm -f "$HOST_CLAIM"
  done
  if ip -o addr show dev lo | grep -qw "${NODE_ADDRESS}/32"; then
    die "${NODE_ADDRESS} is already on lo and no node of this script claims it: remove it (ip addr del ${NODE_ADDRESS}/32 dev lo) if nothing uses it"
  fi
  echo "$W" > "$HOST_CLAIM"
  record "claim $W"
}

mkdir_recorded() { local d; for d in "$@"; do [[ -e "$d" ]] || { mkdir -p "$d"; record "rmdir $d"; }; done; }

up() {
  W="$(mkdir -p "$1" && cd "$1" && pwd)"
  local why; why=$(cannot_run)
  [[ -z "$why" ]] || { log "cannot run a node here: $why"; exit 3; }
  node_binaries_complete || die "node binaries missing: run scripts/kube-node.sh binaries"
  # held until up returns: a down started meanwhile (a JVM killed during up) waits, then undoes all of it
  exec 7>"$W/.lock"
  flock 7
  [[ ! -s "$W/pids" ]] || die "$W already has a node; run down first"
  mkdir -p "$W/log" "$W/etcd" "$W/kubelet" "$W/containerd/root" "$W/containerd/state" "$W/cni/net.d" "$W/cni/ipam"
  : > "$W/undo"; : > "$W/pids"
  claim_host
  local started; started=$(date +%s)

  ip addr add "${NODE_ADDRESS}/32" dev lo
  record "addr ${NODE_ADDRESS}/32"
  # the kubelet sets these on start (its defaults for kernel tunables); kube-proxy's own tuning is off in its config
  for key in kernel.panic kernel.panic_on_oops vm.overcommit_memory vm.panic_on_oom kernel.keys.root_maxkeys \
      kernel.keys.root_maxbytes net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables; do
    sysctl -n "$key" >/dev/null 2>&1 && record "sysctl $key $(sysctl -n "$key")"
  done
  # Pod traffic stays on this machine: nothing from the pod bridge is forwarded anywhere but back to the bridge,
  # and nothing from the pod network leaves by another interface.
  iptables -N LAKEGATE-NODE
  record "chain LAKEGATE-NODE"
  iptables -A LAKEGATE-NODE -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
  iptables -A LAKEGATE-NODE -i "$BRIDGE" -j DROP
  iptables -A LAKEGATE-NODE -s "$POD_CIDR" ! -o "$BRIDGE" -j DROP
  iptables -I FORWARD 1 -j LAKEGATE-NODE
  # hard-coded paths of the kubelet and containerd that live outside the work directory
  mkdir_recorded /var/log/containers /var/log/pods /var/lib/kubelet /var/lib/kubelet/device-plugins /var/lib/cni \
    /var/lib/cni/results /run/containerd /etc/cni /etc/cni/net.d /opt/cni/bin

  certificates

  # --- control plane
  start_daemon etcd "$CONTROL_BIN/etcd" --data-dir "$W/etcd" --listen-client-urls "http://${NODE_ADDRESS}:2379" \
    --advertise-client-urls "http://${NODE_ADDRESS}:2379" --listen-peer-urls "http://${NODE_ADDRESS}:2380" \
    --initial-advertise-peer-urls "http://${NODE_ADDRESS}:2380" --initial-cluster "default=http://${NODE_ADDRESS}:2380" \
    --listen-metrics-urls "http://${NODE_ADDRESS}:2381" \
    --log-level warn
  wait_for etcd 30 curl -fsS "http://${NODE_ADDRESS}:2379/health"
  local pki="$W/pki"
  start_daemon kube-apiserver "$CONTROL_BIN/kube-apiserver.bin" --etcd-servers "http://${NODE_ADDRESS}:2379" \
    --bind-address "$NODE_ADDRESS" --advertise-address "$NODE_ADDRESS" --secure-port 6443 \
    --tls-cert-file "$pki/apiserver.crt" --tls-private-key-file "$pki/apiserver.key" --client-ca-file "$pki/ca.crt" \
    --kubelet-client-certificate "$pki/admin.crt" --kubelet-client-key "$pki/admin.key" \
    --kubelet-certificate-authority "$pki/ca.crt" --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc --service-account-key-file "$pki/sa.pub" \
    --service-account-signing-key-file "$pki/sa.key" --service-cluster-ip-range "$SERVICE_CIDR" \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction --allow-privileged=false \
    --profiling=false --v=1
  local kc="$W/admin.kubeconfig" kubectl="$CONTROL_BIN/kubectl"
  wait_for kube-apiserver 60 "$kubectl" --kubeconfig "$kc" get --raw /readyz
  start_daemon kube-controller-manager "$NODE_BIN/kube-controller-manager" --kubeconfig "$kc" \
    --authentication-kubeconfig "$kc" --authorization-kubeconfig "$kc" --bind-address "$NODE_ADDRESS" --secure-port 10257 \
    --service-account-private-key-file "$pki/sa.key" --root-ca-file "$pki/ca.crt" --use-service-account-credentials \
    --cluster-signing-cert-file "$pki/ca.crt" --cluster-signing-key-file "$pki/ca.key" \
    --leader-elect=false --profiling=false
  start_daemon kube-scheduler "$NODE_BIN/kube-scheduler" --kubeconfig "$kc" --authentication-kubeconfig "$kc" \
    --authorization-kubeconfig "$kc" --bind-address "$NODE_ADDRESS" --secure-port 10259 --leader-elect=false --profiling=false

  # --- node: containerd (CRI), CNI bridge, kubelet, kube-proxy
  cat > "$W/containerd/config.toml" <<EOF
version = 2
root = "$W/containerd/root"
state = "$W/containerd/state"
[grpc]
  address = "$W/containerd/containerd.sock"
[ttrpc]
  address = "$W/containerd/containerd.sock.ttrpc"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  # no CAP_SYS_RESOURCE here: runc cannot lower oom_score_adj below the parent's
  restrict_oom_score_adj = true
  enable_selinux = false
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$W/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        BinaryName = "$(command -v runc)"
EOF
  cat > "$W/cni/net.d/10-lakegate.conflist" <<EOF
{"cniVersion": "1.0.0", "name": "lakegate", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "dataDir": "$W/cni/ipam", "ranges": [[{"subnet": "$POD_CIDR"}]],
            "routes": [{"dst": "0.0.0.0/0"}]}},
  {"type": "portmap", "capabilities": {"portMappings": true}}]}
EOF
  record "link $BRIDGE"
  start_daemon containerd containerd --config "$W/containerd/config.toml"
  local ctr=(ctr --address "$W/containerd/containerd.sock" -n k8s.io)
  wait_for containerd 30 "${ctr[@]}" version
  "${ctr[@]}" images import "$NODE_BIN/pause.tar" >/dev/null

  cat > "$W/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${NODE_ADDRESS}
port: 10250
readOnlyPort: 0
healthzBindAddress: ${NODE_ADDRESS}
healthzPort: 10248
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: $pki/ca.crt}
authorization: {mode: AlwaysAllow}
tlsCertFile: $pki/kubelet.crt
tlsPrivateKeyFile: $pki/kubelet.key
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$W/containerd/containerd.sock
podCIDR: $POD_CIDR
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
serializeImagePulls: false
protectKernelDefaults: false
makeIPTablesUtilChains: false
localStorageCapacityIsolation: false
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
podLogsDir: $W/pod-logs
maxPods: 60
EOF
  start_daemon kubelet "$NODE_BIN/kubelet" --config "$W/kubelet/config.yaml" --kubeconfig "$kc" \
    --root-dir "$W/kubelet/root" --hostname-override "$NODE_NAME" --node-ip "$NODE_ADDRESS" --oom-score-adj=0 \
    --cert-dir "$W/kubelet/pki" --v=1
  cat > "$W/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $kc}
hostnameOverride: ${NODE_NAME}
bindAddress: ${NODE_ADDRESS}
healthzBindAddress: ${NODE_ADDRESS}:10256
metricsBindAddress: ${NODE_ADDRESS}:10249
mode: iptables
clusterCIDR: $POD_CIDR
oomScoreAdj: 0
# no host tuning: conntrack limits and route_localnet stay as they are
conntrack: {maxPerCore: 0, min: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
iptables: {localhostNodePorts: false, masqueradeAll: false}
nodePortAddresses: ["${NODE_ADDRESS}/32"]
EOF
  record "kube-proxy-chains"
  start_daemon kube-proxy "$NODE_BIN/kube-proxy" --config "$W/kube-proxy.yaml"
  wait_for "node Ready" 90 bash -c "'$kubectl' --kubeconfig '$kc' get node $NODE_NAME -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
  # pods are created only once the default ServiceAccount exists
  wait_for "default ServiceAccount" 60 "$kubectl" --kubeconfig "$kc" get serviceaccount default -n default
  log "node $NODE_NAME Ready at $NODE_ADDRESS in $(( $(date +%s) - started )) s (work dir $W)"
  echo "$NODE_ADDRESS"
}

import() {
  W="$(cd "$1" && pwd)"; local name="$2" tar="$3"
  local ctr=(ctr --address "$W/containerd/containerd.sock" -n k8s.io) out
  [[ -f "$tar" ]] || die "no image archive at $tar"
  if tar -tf "$tar" index.json >/dev/null 2>&1; then
    # An OCI archive (Jib's format=OCI). Its index names the image by an unqualified reference
    # (lakegate/operator:0.1.0-SNAPSHOT); imported as such, the CRI records it as docker.io/... and then fails to find
    # the image by its id ("image docker.io/...: not found"), even after the name is removed. So the archive is
    # repacked naming the image as the pods do before containerd ever sees it.
    local tmp; tmp=$(mktemp -d "$W/import.XXXXXX")
    tar -xf "$tar" -C "$tmp"
    if grep -q '"org.opencontainers.image.ref.name"' "$tmp/index.json"; then
      sed -i -E 's|("org\.opencontainers\.image\.ref\.name":")[^"]*"|\1'"$name"'"|g' "$tmp/index.json"
      tar -C "$tmp" -cf "$tmp.tar" .
      out=$("${ctr[@]}" images import --all-platforms "$tmp.tar")
    else
      out=$("${ctr[@]}" images import --index-name "$name" --all-platforms "$tar")
    fi
    rm -rf "$tmp" "$tmp.tar"
  else
    out=$("${ctr[@]}" images import "$tar")
    local got; got=$(sed -n 's/^unpacking \(.*\) (sha256:.*/\1/p' <<<"$out" | head -1)
    [[ -n "$got" ]] || die "import of $tar named no image: $out"
    [[ "$got" == "$name" ]] || die "the docker archive $tar names $got, not $name: tag it so when packing"
  fi
  # a variable, not a pipe into grep -q: grep's early exit would fail ctr with SIGPIPE under pipefail
  local names; names=$("${ctr[@]}" images ls -q)
  grep -qxF "$name" <<<"$names" || die "import of $tar did not produce $name (images: $names)"
  log "imported $tar as $name"
}

# ---- down ----------------------------------------------------------------------------------------------------------
stop_pid() { # <pid> <name> <seconds>
  local pid="$1" deadline=$(( $(date +%s) + $3 ))
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( $(date +%s) < deadline )); do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { log "$2 ($pid) ignored SIGTERM: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; }
  return 0
}

cgroup_remove() { # depth-first rmdir of a cgroup tree, after killing what is left in it
  local dir="$1" d
  [[ -d "$dir" ]] || return 0
  while IFS= read -r d; do
    if [[ -f "$d/cgroup.procs" ]]; then
      local p; for p in $(cat "$d/cgroup.procs" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    fi
  done < <(find "$dir" -depth -type d)
  local tries=0
  while [[ -d "$dir" ]] && (( tries++ < 25 )); do
    find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null || sleep 0.2
  done
}

down() {
  [[ -d "$1" ]] || { log "nothing at $1"; return 0; }
  W="$(cd "$1" && pwd)"
  exec 7>"$W/.lock"
  flock -w 300 7 || log "up still holds $W/.lock after 300 s: tearing down anyway"
  # daemons in reverse start order: kube-proxy and kubelet first, the apiserver before its etcd
  # the machine-wide leftovers (pod cgroups, CNI netns) are cleared only by a down whose up started the pod runtime:
  # an up refused because another node runs here must not tear that node's pods down
  local ran_pods=false
  grep -qE ' (kubelet|containerd)$' "$W/pids" 2>/dev/null && ran_pods=true
  if [[ -s "$W/pids" ]]; then
    local pids=() names=() pid name
    while read -r pid name; do pids+=("$pid"); names+=("$name"); done < "$W/pids"
    for (( i=${#pids[@]}-1; i>=0; i-- )); do
      # containerd's shims outlive it (they are reparented), the kubelet's pods with them: stop the pods first
      if [[ "${names[i]}" == containerd ]] && kill -0 "${pids[i]}" 2>/dev/null; then
        local ctr=(ctr --address "$W/containerd/containerd.sock" -n k8s.io)
        local t; for t in $("${ctr[@]}" tasks ls -q 2>/dev/null); do "${ctr[@]}" tasks kill -s KILL "$t" >/dev/null 2>&1 || true; done
      fi
      stop_pid "${pids[i]}" "${names[i]}" 15
    done
    : > "$W/pids"
  fi
  # shims and pod processes still running from this work directory
  local p
  for p in $(pgrep -f "containerd-shim-runc-v2 .*-address $W/containerd" 2>/dev/null || true); do kill -KILL "$p" 2>/dev/null || true; done
  if $ran_pods; then
    local c; for c in /sys/fs/cgroup/kubepods /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/*/k8s.io; do cgroup_remove "$c"; done
  fi
  # mounts under the work directory (kubelet's self bind-mounts, projected tmpfs, netns, overlay rootfs), deepest first
  local m tries=0
  while mapfile -t mounts < <(awk -v w="$W/" 'index($5, w) == 1 { print $5 }' /proc/self/mountinfo | sort -r) && (( ${#mounts[@]} > 0 )) && (( tries++ < 5 )); do
    for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
  done
  # netns files the CNI left under /run (containerd 1.6 puts them in /var/run/netns)
  if $ran_pods; then
    for m in $(awk '$5 ~ /^\/run\/netns\/cni-/ { print $5 }' /proc/self/mountinfo); do umount -l "$m" 2>/dev/null || true; rm -f "$m"; done
  fi
  if [[ -f "$W/undo" ]]; then
    local action a b
    tac "$W/undo" | while read -r action a b; do
      case "$action" in
        sysctl) sysctl -qw "$a=$b" 2>/dev/null || log "could not restore $a=$b" ;;
        addr) ip addr del "$a" dev lo 2>/dev/null || true ;;
        claim) [[ "$(cat "$HOST_CLAIM" 2>/dev/null)" != "$a" ]] || rm -f "$HOST_CLAIM" ;;
        chain) iptables -D FORWARD -j "$a" 2>/dev/null || true; iptables -F "$a" 2>/dev/null || true; iptables -X "$a" 2>/dev/null || true ;;
        link) ip link del "$a" 2>/dev/null || true ;;
        rmdir) rm -rf "$a" || log "could not remove $a" ;;
        kube-proxy-chains) remove_kube_chains || log "could not remove every KUBE- chain" ;;
      esac
    done
    : > "$W/undo"
  fi
  # the images and etcd data are hundreds of MB; the logs and configs stay for a post-mortem
  rm -rf "$W/containerd/root" "$W/etcd" "$W/kubelet/root"
  log "down: $W"
}

# kube-proxy's and the kubelet's chains (KUBE-*, the canary chains) in every table, for IPv4 and IPv6
remove_kube_chains() {
  local tool table chain
  for tool in iptables ip6tables; do
    command -v $tool >/dev/null || continue
    for table in filter nat mangle; do
      # jumps from the built-in chains first, then flush and delete the chains themselves
      { $tool -t $table -S 2>/dev/null | grep -E '^-A (INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING) .*-j KUBE-' || true; } \
        | sed 's/^-A/-D/' | while read -r rule; do eval "$tool -t $table $rule" 2>/dev/null || true; done
      for chain in $($tool -t $table -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }'); do
        $tool -t $table -F "$chain" 2>/dev/null || true
      done
      for chain in $($tool -t $table -S 2>/dev/null | awk '$1 == "-N" && $2 ~ /^KUBE-/ { print $2 }'); do
        $tool -t $table -X "$chain" 2>/dev/null || true
      done
    done
  done
}

case "${1:-}" in
  binaries) binaries ;;
  up) [[ $# -eq 2 ]] || die "usage: $0 up <work-dir>"; up "$2" ;;
  import) [[ $# -eq 4 ]] || die "usage: $0 import <work-dir> <name> <image.tar>"; import "$2" "$3" "$4" ;;
  down) [[ $# -eq 2 ]] || die "usage: $0 down <work-dir>"; down "$2" ;;
  check) why=$(cannot_run); [[ -z "$why" ]] || { echo "$why"; exit 3; } ;;
  *) die "usage: $0 binaries | up <dir> | import <dir> <name> <tar> | down <dir> | check" ;;
esac
