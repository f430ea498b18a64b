#!/usr/bin/env bash
# Installs what the local control plane needs, once per machine:
#   etcd (Debian etcd-server), and kube-apiserver + kube-controller-manager built from Debian's
#   kubernetes 1.20.2 source package with reflect2 1.0.2 swapped in (1.0.1 segfaults under Go >= 1.18
#   on the first custom-resource write). Binaries are cached outside the repository, keyed on the
#   version and the patch, so the ~6 minute build happens once.
#   kubectl: the one on the image. Debian's kubernetes-client is never installed (it conflicts with
#   the image's kubectl package and dpkg fails); on a machine with no kubectl at all, kubectl is
#   built from the same source and cached beside the other binaries.
set -euo pipefail

K8S_VERSION=1.20.2
PATCH_KEY=reflect2-1.0.2
CACHE_ROOT="${KF_CACHE_DIR:-$HOME/.cache/kf-notebook-backends}"
BIN_DIR="$CACHE_ROOT/kubernetes-$K8S_VERSION-$PATCH_KEY/bin"

log() { printf '[control-plane] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# A kubectl the tools can run: on PATH, or where packages put it when PATH misses it.
has_kubectl() {
  command -v kubectl >/dev/null 2>&1 && return 0
  for candidate in /usr/bin/kubectl /usr/local/bin/kubectl /snap/bin/kubectl /usr/lib/google-cloud-sdk/bin/kubectl "$BIN_DIR/kubectl"; do
    [ -x "$candidate" ] && return 0
  done
  return 1
}

targets=()
[ -x "$BIN_DIR/kube-apiserver" ] || targets+=(kube-apiserver)
[ -x "$BIN_DIR/kube-controller-manager" ] || targets+=(kube-controller-manager)
if ! has_kubectl; then
  log "no kubectl on this machine: building kubectl $K8S_VERSION too (Debian's kubernetes-client is not used)"
  targets+=(kubectl)
fi

need_apt=()
command -v etcd >/dev/null 2>&1 || [ -x /usr/bin/etcd ] || need_apt+=(etcd-server)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
if [ "${#targets[@]}" -gt 0 ]; then
  command -v go >/dev/null 2>&1 || need_apt+=(golang-go)
  command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
  command -v jq >/dev/null 2>&1 || need_apt+=(jq)
  [ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ] || need_apt+=(golang-github-modern-go-reflect2-dev)
  command -v dpkg-source >/dev/null 2>&1 || need_apt+=(dpkg-dev)
fi

# KF_INSTALL_PLAN=1: say what would be installed and built, and change nothing (tests).
if [ "${KF_INSTALL_PLAN:-}" = 1 ]; then
  echo "apt: ${need_apt[*]}"
  echo "build: ${targets[*]}"
  exit 0
fi

if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if [ "${#targets[@]}" -eq 0 ]; then
  log "kube-apiserver and kube-controller-manager $K8S_VERSION cached in $BIN_DIR"
  exit 0
fi

log "one-time build of ${targets[*]} $K8S_VERSION (about 6 minutes on 2 cores)"
SRC_LIST=/etc/apt/sources.list.d/kf-deb-src.sources
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  log "enabling Debian source packages"
  # Copy URIs/Suites/Components/Signed-By of the main Debian entry, as a deb-src entry.
  awk 'BEGIN{RS="";FS="\n"} NR==1{for(i=1;i<=NF;i++){ if($i ~ /^Types:/) print "Types: deb-src"; else if ($i !~ /^#/) print $i }}' \
    /etc/apt/sources.list.d/debian.sources | as_root tee "$SRC_LIST" >/dev/null
  as_root apt-get update -qq
fi

WORK="$CACHE_ROOT/build"
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$WORK"
log "downloading the kubernetes source package"
apt-get source --download-only kubernetes >/dev/null 2>&1 || apt-get source --download-only "kubernetes=$K8S_VERSION*"
ORIG=$(ls kubernetes_*.orig.tar.* | head -n1)
mkdir src && tar -xf "$ORIG" -C src --strip-components=1
cd src

log "patching vendor/github.com/modern-go/reflect2 to 1.0.2"
rm -rf vendor/github.com/modern-go/reflect2
cp -r /usr/share/gocode/src/github.com/modern-go/reflect2 vendor/github.com/modern-go/reflect2
rm -f vendor/github.com/modern-go/reflect2/go.mod vendor/github.com/modern-go/reflect2/*_test.go
sed -i 's|^# github.com/modern-go/reflect2 v1.0.1$|# github.com/modern-go/reflect2 v1.0.2|' vendor/modules.txt

mkdir -p .go/src/k8s.io
ln -sfn ../../.. .go/src/k8s.io/kubernetes
export GOPATH="$PWD/.go" CGO_ENABLED=0 GO111MODULE=off GOFLAGS=-mod=vendor GOCACHE="$CACHE_ROOT/gocache"
export KUBE_GIT_VERSION="v$K8S_VERSION" KUBE_GIT_TREE_STATE=clean
unset GOFLAGS
cd .go/src/k8s.io/kubernetes
# go build says nothing for minutes: a heartbeat, so a first run does not look stuck.
started=$SECONDS
( while sleep 30; do
    log "still building: $((SECONDS - started)) s of about 360 s (2 cores)"
  done ) &
heartbeat=$!
trap 'kill $heartbeat 2>/dev/null || true' EXIT
for what in "${targets[@]}"; do
  log "building $what (go build output follows)"
  make WHAT="cmd/$what" 2>&1 | sed 's/^/[control-plane]   /' >&2
done
kill $heartbeat 2>/dev/null || true
mkdir -p "$BIN_DIR"
for what in "${targets[@]}"; do
  cp _output/local/bin/linux/*/"$what" "$BIN_DIR/" 2>/dev/null || cp _output/bin/"$what" "$BIN_DIR/"
done
cd / && rm -rf "$WORK"
log "built; cached in $BIN_DIR"
