#!/usr/bin/env bash
# Installs what the local control plane needs, once per machine:
#   etcd (Debian etcd-server), kubectl (already on the image; kubernetes-client is NOT installed
#   because it conflicts with it), and kube-apiserver + kube-controller-manager built from Debian's
#   kubernetes 1.20.2 source package with reflect2 1.0.2 swapped in (1.0.1 segfaults under Go >= 1.18
#   on the first custom-resource write). Binaries are cached outside the repository, keyed on the
#   version and the patch, so the ~6 minute build happens once.
set -euo pipefail

K8S_VERSION=1.20.2
PATCH_KEY=reflect2-1.0.2
CACHE_ROOT="${KF_CACHE_DIR:-$HOME/.cache/kf-notebook-backends}"
BIN_DIR="$CACHE_ROOT/kubernetes-$K8S_VERSION-$PATCH_KEY/bin"

log() { printf '[control-plane] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v etcd >/dev/null 2>&1 || [ -x /usr/bin/etcd ] || need_apt+=(etcd-server)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
if [ ! -x "$BIN_DIR/kube-apiserver" ] || [ ! -x "$BIN_DIR/kube-controller-manager" ]; then
  command -v go >/dev/null 2>&1 || need_apt+=(golang-go)
  command -v rsync >/dev/null 2>&1 || need_apt+=(rsync)
  command -v jq >/dev/null 2>&1 || need_apt+=(jq)
  [ -d /usr/share/gocode/src/github.com/modern-go/reflect2 ] || need_apt+=(golang-github-modern-go-reflect2-dev)
  command -v dpkg-source >/dev/null 2>&1 || need_apt+=(dpkg-dev)
fi

if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! command -v kubectl >/dev/null 2>&1; then
  # Fallback for images without kubectl. Never on images that already have one (dpkg conflict).
  log "kubectl missing: installing Debian's kubernetes-client as a fallback"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq kubernetes-client >/dev/null
fi

if [ -x "$BIN_DIR/kube-apiserver" ] && [ -x "$BIN_DIR/kube-controller-manager" ]; then
  log "kube-apiserver and kube-controller-manager $K8S_VERSION cached in $BIN_DIR"
  exit 0
fi

log "one-time build of kube-apiserver and kube-controller-manager $K8S_VERSION (about 6 minutes on 2 cores)"
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
for what in kube-apiserver kube-controller-manager; do
  log "building $what (go build output follows)"
  make WHAT="cmd/$what" 2>&1 | sed 's/^/[control-plane]   /' >&2
done
kill $heartbeat 2>/dev/null || true
mkdir -p "$BIN_DIR"
cp _output/local/bin/linux/*/kube-apiserver _output/local/bin/linux/*/kube-controller-manager "$BIN_DIR/" 2>/dev/null \
  || cp _output/bin/kube-apiserver _output/bin/kube-controller-manager "$BIN_DIR/"
cd / && rm -rf "$WORK"
log "built; cached in $BIN_DIR"
