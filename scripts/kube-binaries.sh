#!/usr/bin/env bash
# Builds the binaries fabric8 kube-api-test runs (etcd, kube-apiserver, kubectl) from Go modules, so tests get a real
# Kubernetes API server with nothing but Go and the Go module proxy (no Docker, no GitHub release downloads).
#
# Output: $KUBE_API_TEST_DIR/k8s/<version>-linux-amd64/{kube-apiserver,etcd,kubectl}
#         (default ~/.cache/lakegate/kube/k8s/1.35.4-linux-amd64), the layout kube-api-test looks up offline.
# Idempotent: a stamp file written after a complete build makes a second run a no-op; Go module and build caches live
# under ~/.cache/lakegate/go, so a rebuild after a version bump only compiles what changed.
#
# Usage: scripts/kube-binaries.sh [kubernetes-version]
#   env: LAKEGATE_K8S_VERSION (default 1.35.4), LAKEGATE_CACHE (default ~/.cache/lakegate), KUBE_API_TEST_DIR (output
#        root, default $LAKEGATE_CACHE/kube), LAKEGATE_KUBECTL (a kubectl to copy, or "build" for one built from the
#        same kubernetes module; default: the kubectl on PATH if any, else build)
set -euo pipefail

K8S_VERSION="${1:-${LAKEGATE_K8S_VERSION:-1.35.4}}"
K8S_VERSION="${K8S_VERSION#v}"
CACHE="${LAKEGATE_CACHE:-$HOME/.cache/lakegate}"
TEST_DIR="${KUBE_API_TEST_DIR:-$CACHE/kube}"
OUT="$TEST_DIR/k8s/${K8S_VERSION}-linux-amd64"
STAMP="$OUT/.lakegate-complete"
# Bump when the way the binaries are built changes (flags, sources): it invalidates existing stamps. Not a hash of this
# file, because several checkouts share the cache and must not rebuild each other's binaries over a comment change.
RECIPE="recipe 2: CGO_ENABLED=0 -trimpath -s -w, version-stamped kube-apiserver, etcd per build/dependencies.yaml"
WORK="$CACHE/kube/build/$K8S_VERSION"

log() { printf '[kube-binaries] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [[ ! "$K8S_VERSION" =~ ^1\.[0-9]+\.[0-9]+$ ]]; then
  die "expected a Kubernetes release version like 1.35.4, got '$K8S_VERSION'"
fi
if [[ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]]; then
  die "kube-api-test is used here with linux-amd64 binaries only; this machine is $(uname -s)/$(uname -m)"
fi

# kube-api-test appends its own `--service-cluster-ip-range 10.0.0.0/24` (254 Services) after the flags a test passes,
# and the apiserver takes the last one. One Service per connector makes a large fleet need more, so the kube-apiserver
# that tests run is a wrapper keeping the first range given (the test's); idempotent, and cheap enough to run always.
install_apiserver_wrapper() {
  local bin="$OUT/kube-apiserver"
  if [[ -f "$bin" ]] && [[ "$(head -c 4 "$bin" | od -An -c | tr -d ' ')" == '177ELF' ]]; then
    mv -f "$bin" "$OUT/kube-apiserver.bin"
  fi
  [[ -x "$OUT/kube-apiserver.bin" ]] || return 0
  cat > "$bin.tmp" <<'WRAPPER'
#!/usr/bin/env bash
# Written by scripts/kube-binaries.sh: runs kube-apiserver.bin with only the first --service-cluster-ip-range.
args=(); seen=no; skip=no
for a in "$@"; do
  if [[ $skip == yes ]]; then skip=no; continue; fi
  case "$a" in
    --service-cluster-ip-range) if [[ $seen == yes ]]; then skip=yes; continue; fi; seen=yes ;;
    --service-cluster-ip-range=*) if [[ $seen == yes ]]; then continue; fi; seen=yes ;;
  esac
  args+=("$a")
done
exec "$(dirname "$0")/kube-apiserver.bin" "${args[@]}"
WRAPPER
  chmod +x "$bin.tmp"
  mv -f "$bin.tmp" "$bin"
}

complete() {
  [[ -f "$STAMP" ]] && grep -qxF "$RECIPE" "$STAMP" && [[ -x "$OUT/kube-apiserver" && -x "$OUT/etcd" && -x "$OUT/kubectl" ]]
}
if complete; then
  install_apiserver_wrapper
  log "up to date: $OUT ($(head -1 "$STAMP"))"
  exit 0
fi

command -v go >/dev/null || die "Go is required (https://go.dev/dl/); kube-apiserver ${K8S_VERSION} needs the Go version its go.mod names"
mkdir -p "$OUT" "$WORK" "$CACHE/go"

# One build at a time per cache (parallel Maven modules or terminals would otherwise race on the same output).
exec 9>"$CACHE/kube/.lock"
flock 9
if complete; then
  install_apiserver_wrapper
  log "up to date after waiting for another build: $OUT"
  exit 0
fi

export GOMODCACHE="$CACHE/go/mod"
export GOCACHE="$CACHE/go/build"
export GOFLAGS="-mod=mod"
export GOTOOLCHAIN=local          # never download a different Go toolchain; fail clearly if this one is too old
export CGO_ENABLED=0              # static binaries, like the upstream release builds
export GOOS=linux GOARCH=amd64

started=$(date +%s)
step_started=$started
step_done() {
  local now; now=$(date +%s)
  log "$1 in $((now - step_started)) s"
  step_started=$now
}

# --- 1. kubernetes' own go.mod and build/dependencies.yaml --------------------------------------------------------
log "resolving k8s.io/kubernetes v${K8S_VERSION} through $(go env GOPROXY)"
download_json=$(cd "$WORK" && GOFLAGS= go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}")
json_field() { sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}\$/\1/p" | head -1; }
k8s_dir=$(json_field Dir <<<"$download_json")
k8s_info=$(json_field Info <<<"$download_json")
[[ -n "$k8s_dir" && -f "$k8s_dir/go.mod" ]] || die "could not download k8s.io/kubernetes@v${K8S_VERSION}"
go_directive=$(awk '$1 == "go" { print $2; exit }' "$k8s_dir/go.mod")
godebug_directive=$(awk '$1 == "godebug" { $1 = ""; sub(/^ /, ""); print; exit }' "$k8s_dir/go.mod")
# kubernetes maps every staging module to ./staging/src/k8s.io/<name> at v0.0.0; each is published as k8s.io/<name> v0.<minor>.<patch>.
staging_version="v0.${K8S_VERSION#1.}"
mapfile -t staging_modules < <(awk '$2 == "=>" && $3 ~ /^\.\/staging\// { print $1 }' "$k8s_dir/go.mod" | sort -u)
((${#staging_modules[@]} > 10)) || die "found only ${#staging_modules[@]} staging replace directives in kubernetes' go.mod"
etcd_version=$(awk '
  /^[[:space:]]*- name:[[:space:]]*"?etcd"?[[:space:]]*$/ { in_etcd = 1; next }
  /^[[:space:]]*- name:/ { in_etcd = 0 }
  in_etcd && $1 == "version:" { gsub(/"/, "", $2); print $2; exit }' "$k8s_dir/build/dependencies.yaml")
[[ "$etcd_version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "could not read the etcd version from build/dependencies.yaml"
log "go ${go_directive}, ${#staging_modules[@]} staging modules at ${staging_version}, etcd v${etcd_version} (build/dependencies.yaml)"
# Stamp the release version into the binaries as kubernetes' hack/lib/version.sh does; otherwise /version reports
# v0.0.0-master. Commit and date come from the module proxy's .info, so the build stays reproducible.
k8s_commit=$(tr ',{}' '\n\n\n' < "$k8s_info" | sed -n 's/^[[:space:]]*"Hash":[[:space:]]*"\([0-9a-f]*\)".*/\1/p' | head -1)
k8s_date=$(tr ',{}' '\n\n\n' < "$k8s_info" | sed -n 's/^[[:space:]]*"Time":[[:space:]]*"\([^"]*\)".*/\1/p' | head -1)
version_ldflags=""
for pkg in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
  version_ldflags+=" -X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=${K8S_VERSION%%.*}"
  minor=${K8S_VERSION#*.}; version_ldflags+=" -X $pkg.gitMinor=${minor%%.*} -X $pkg.gitTreeState=clean"
  [[ -n "$k8s_commit" ]] && version_ldflags+=" -X $pkg.gitCommit=${k8s_commit}"
  [[ -n "$k8s_date" ]] && version_ldflags+=" -X $pkg.buildDate=${k8s_date}"
done
step_done "resolved"

# --- 2. throwaway wrapper modules ---------------------------------------------------------------------------------
k8s_mod="$WORK/kubernetes"
mkdir -p "$k8s_mod"
{
  echo "// Generated by scripts/kube-binaries.sh: builds k8s.io/kubernetes commands outside the kubernetes repository."
  echo "module lakegate.local/kubebuild"
  echo
  echo "go ${go_directive}"
  [[ -n "$godebug_directive" ]] && echo "godebug ${godebug_directive}"
  echo
  echo "require k8s.io/kubernetes v${K8S_VERSION}"
  echo
  echo "replace ("
  for m in "${staging_modules[@]}"; do echo "	$m => $m ${staging_version}"; done
  echo ")"
} > "$k8s_mod/go.mod.new"
if ! cmp -s "$k8s_mod/go.mod.new" "$k8s_mod/go.mod"; then
  mv "$k8s_mod/go.mod.new" "$k8s_mod/go.mod"
  rm -f "$k8s_mod/go.sum"
else
  rm "$k8s_mod/go.mod.new"
fi

etcd_mod="$WORK/etcd"
mkdir -p "$etcd_mod"
cat > "$etcd_mod/go.mod" <<EOF
// Generated by scripts/kube-binaries.sh: builds the etcd server named by kubernetes v${K8S_VERSION}.
module lakegate.local/etcdbuild

go ${go_directive}

require go.etcd.io/etcd/server/v3 v${etcd_version}
EOF

# --- 3. builds: write next to the target, then rename, so a killed build never leaves a half-written binary --------
build() { # <module dir> <package> <output name> [extra ldflags]
  local tmp="$OUT/.$3.tmp"
  (cd "$1" && go build -trimpath -ldflags "-s -w${4:-}" -o "$tmp" "$2")
  mv -f "$tmp" "$OUT/$3"
  step_done "built $3 ($(du -h "$OUT/$3" | cut -f1))"
}

log "building etcd v${etcd_version}"
build "$etcd_mod" go.etcd.io/etcd/server/v3 etcd
log "building kube-apiserver v${K8S_VERSION} (the long one: a cold build takes many minutes on 2 cores)"
build "$k8s_mod" k8s.io/kubernetes/cmd/kube-apiserver kube-apiserver "$version_ldflags"

# kube-api-test only runs `kubectl config ...` and `kubectl get ns` against its own server, so any recent kubectl does.
machine_kubectl=${LAKEGATE_KUBECTL:-$(command -v kubectl || true)}
[[ "$machine_kubectl" == build ]] && machine_kubectl=""
if [[ -n "$machine_kubectl" ]] && "$machine_kubectl" version --client >/dev/null 2>&1; then
  cp -fL "$machine_kubectl" "$OUT/.kubectl.tmp"
  mv -f "$OUT/.kubectl.tmp" "$OUT/kubectl"
  "$OUT/kubectl" version --client >/dev/null 2>&1 || die "the copied kubectl from $machine_kubectl does not run on its own"
  step_done "copied kubectl from $machine_kubectl"
else
  log "no usable kubectl given or on PATH: building k8s.io/kubernetes/cmd/kubectl v${K8S_VERSION}"
  build "$k8s_mod" k8s.io/kubernetes/cmd/kubectl kubectl "$version_ldflags"
fi

install_apiserver_wrapper
apiserver_version=$("$OUT/kube-apiserver" --version) || die "kube-apiserver does not run"
[[ "$apiserver_version" == "Kubernetes v${K8S_VERSION}" ]] || die "kube-apiserver reports '$apiserver_version'"
"$OUT/etcd" --version >/dev/null || die "etcd does not run"

printf 'kubernetes v%s, etcd v%s, built %s with %s\n%s\n' \
  "$K8S_VERSION" "$etcd_version" "$(date -u +%FT%TZ)" "$(go env GOVERSION)" "$RECIPE" > "$STAMP"
log "done in $(( $(date +%s) - started )) s: $OUT"
ls -l "$OUT" >&2
