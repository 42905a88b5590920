#!/usr/bin/env bash
# Builds the base image the connector and operator images are layered on by Jib: a few Debian packages (the C runtime
# the JVM links against, no shell, no package manager) plus a jlink'ed Java 17 runtime in /opt/java, and a
# distroless-style passwd with `nonroot` (uid/gid 65532). Written as a docker-archive because Jib 3.4 reads only that
# format from a `tar://` base; the Jib images themselves are OCI.
#
# Why not a base from a registry: the default `eclipse-temurin:17-jre` cannot be pulled on machines that reach only the
# package registries, and a base built from Debian packages can be audited package by package (labels list them).
#
# Reproducible: file times are SOURCE_DATE_EPOCH, owners numeric, entries sorted, config JSON without a build time, so
# the same inputs (Debian package versions, JDK build) give the same bytes and the same image digests on top.
# Cached: $LAKEGATE_CACHE/images/base-<key>/base.tar, key = recipe + JDK build + module and package lists. Debian
# security updates arrive when the key changes or with LAKEGATE_IMAGE_BASE_REFRESH=<new token> (rebuilds once per
# token, so the modules of one build share one rebuild).
#
# Usage: scripts/image-base.sh <link>   writes the base tar and points <link> (a symlink) at it
#   env: LAKEGATE_CACHE (default ~/.cache/lakegate), LAKEGATE_JDK17 (a JDK 17 with jmods; default Debian's),
#        LAKEGATE_DEBIAN_SUITE (default bookworm), LAKEGATE_IMAGE_BASE_REFRESH=<token> to rebuild a cached base
set -euo pipefail

LINK="${1:?usage: image-base.sh <output symlink>}"
CACHE="${LAKEGATE_CACHE:-$HOME/.cache/lakegate}"
JDK="${LAKEGATE_JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}"
SUITE="${LAKEGATE_DEBIAN_SUITE:-bookworm}"
EPOCH=1
# Bump when how the base is put together changes: it is part of the cache key.
RECIPE="recipe 2"
# libc/libstdc++/libgcc/zlib: what libjvm.so and libzip link against (ldd); netbase: /etc/services and /etc/protocols
# for name lookups; base-files: /etc/os-release, so scanners can tell what the image is made of.
PACKAGES="libc6,libgcc-s1,libstdc++6,zlib1g,netbase,base-files"
# What `jdeps --print-module-deps` finds in the connector's and operator's classes and libraries (java.desktop for
# java.beans, which Spring's bean introspection uses; jdk.httpserver for the operator's health and metrics port), plus
# what they reach by reflection or service lookup and jdeps cannot see: EC and PKCS11 crypto for TLS, DNS for JNDI
# lookups, zipfs, extra charsets, Unsafe for Netty, JMX for actuator/micrometer. A fixed list, not jdeps per build, so
# a dependency bump cannot silently change the runtime; the image smoke test (e2e ImageSmokeTest) runs both images.
MODULES="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http"
MODULES+=",java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml"
MODULES+=",java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management"
MODULES+=",jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs"

log() { printf '[image-base] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

[[ "$(uname -s)/$(uname -m)" == "Linux/x86_64" ]] || die "builds linux/amd64 images on a linux/amd64 host only"
[[ -d "$JDK/jmods" && -x "$JDK/bin/jlink" ]] \
  || die "no JDK 17 with jmods at $JDK (Debian: apt-get install openjdk-17-jdk-headless; or set LAKEGATE_JDK17)"
JAVA_VERSION="$(sed -n 's/^JAVA_VERSION="\(.*\)"/\1/p' "$JDK/release")"
[[ "$JAVA_VERSION" == 17* ]] || die "$JDK is Java $JAVA_VERSION; the images run Java 17 (set LAKEGATE_JDK17)"
JAVA_RUNTIME_VERSION="$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"

# The build needs mmdebstrap; on a fresh CI machine (root) it is installed from Debian like everything else.
if ! command -v mmdebstrap >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "installing mmdebstrap from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends mmdebstrap >&2 \
      || { apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get \
           -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends mmdebstrap >&2; } \
      || die "could not install mmdebstrap"
  else
    die "mmdebstrap is required: apt-get install --no-install-recommends mmdebstrap (or build with -DskipImages)"
  fi
fi

KEY="$(printf '%s\n' "$RECIPE" "$JAVA_RUNTIME_VERSION" "$SUITE" "$PACKAGES" "$MODULES" | sha256sum | cut -c1-16)"
OUT="$CACHE/images/base-$KEY"
mkdir -p "$CACHE/images"
exec 9>"$CACHE/images/.lock"
flock 9   # one build at a time per cache: parallel modules and checkouts share it

refresh="${LAKEGATE_IMAGE_BASE_REFRESH:-}"
if [[ -f "$OUT/base.tar" && ( -z "$refresh" || "$refresh" == "$(cat "$OUT/refresh" 2>/dev/null)" ) ]]; then
  log "up to date: $OUT/base.tar ($(cat "$OUT/digest"))"
else
  started=$(date +%s)
  WORK="$(mktemp -d "$CACHE/images/build.XXXXXX")"
  trap 'rm -rf "$WORK"' EXIT
  ROOT="$WORK/rootfs"

  log "Debian $SUITE packages: $PACKAGES"
  # extract: unpack only, no maintainer scripts and no dpkg database; the hook reads the versions of the .debs used.
  SOURCE_DATE_EPOCH=$EPOCH mmdebstrap --quiet --variant=extract --include="$PACKAGES" \
    --extract-hook='for deb in "$1"/var/cache/apt/archives/*.deb; do dpkg-deb -W --showformat="\${Package}=\${Version}\n" "$deb"; done > "$1/.debs"' \
    "$SUITE" "$ROOT" >&2
  debs="$(sort "$ROOT/.debs" | paste -sd' ' -)"
  rm -f "$ROOT/.debs"
  # Nothing a running JVM needs and nothing an attacker should find: no apt state, no device nodes (the runtime mounts
  # /dev), no awk (base-files pulls it in; it is the one interpreter left), no docs.
  rm -rf "$ROOT"/var/cache/apt "$ROOT"/var/lib/apt "$ROOT"/var/lib/dpkg "$ROOT"/var/log/* "$ROOT"/etc/apt \
         "$ROOT"/etc/dpkg "$ROOT"/usr/share/doc "$ROOT"/usr/share/man "$ROOT"/usr/share/info "$ROOT"/usr/share/lintian \
         "$ROOT"/usr/bin/mawk "$ROOT"/etc/alternatives/awk* "$ROOT"/usr/bin/awk "$ROOT"/dev/*
  mkdir -p "$ROOT"/var/cache "$ROOT"/var/lib

  log "jlink Java $JAVA_RUNTIME_VERSION ($JDK)"
  "$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules "$MODULES" --output "$ROOT/opt/java" \
    --strip-debug --no-man-pages --no-header-files --compress=2
  # Debian's JDK points its security configuration at /etc; the jlink'ed copy carries the JDK's own files instead.
  [[ -x "$ROOT/opt/java/bin/java" ]] || die "jlink produced no java launcher"
  find "$ROOT/opt/java/bin" -type f ! -name java -delete   # keytool, jrunscript...: not needed to run, less to exploit

  cat > "$ROOT/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
  cat > "$ROOT/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
nonroot:x:65532:
EOF
  printf 'root:*:0:0:99999:7:::\nnobody:*:0:0:99999:7:::\nnonroot:*:0:0:99999:7:::\n' > "$ROOT/etc/shadow"
  chmod 0640 "$ROOT/etc/shadow"
  mkdir -p "$ROOT/home/nonroot"
  chown 65532:65532 "$ROOT/home/nonroot"
  chmod 0700 "$ROOT/home/nonroot"
  chmod 1777 "$ROOT/tmp"

  mkdir -p "$WORK/archive"
  layer="$WORK/layer.tar"
  # Deterministic: sorted entries, one mtime, numeric owners, GNU format (no pax headers carrying atime/ctime).
  (cd "$ROOT" && tar --create --file "$layer" --format=gnu --sort=name --mtime="@$EPOCH" --numeric-owner \
     --no-acls --no-xattrs --no-selinux .)
  layer_sha="$(sha256sum "$layer" | cut -d' ' -f1)"
  mkdir -p "$WORK/archive/$layer_sha"
  mv "$layer" "$WORK/archive/$layer_sha/layer.tar"

  config="$WORK/config.json"
  cat > "$config" <<EOF
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"65532:65532","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8","HOME=/home/nonroot"],"WorkingDir":"/home/nonroot","Labels":{"io.lakegate.base.debian-suite":"$SUITE","io.lakegate.base.debian-packages":"$debs","io.lakegate.base.java-version":"$JAVA_RUNTIME_VERSION","io.lakegate.base.java-modules":"$MODULES","io.lakegate.base.recipe":"$RECIPE"}},"rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"scripts/image-base.sh $RECIPE"}]}
EOF
  config_sha="$(sha256sum "$config" | cut -d' ' -f1)"
  mv "$config" "$WORK/archive/$config_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["lakegate/base:%s"],"Layers":["%s/layer.tar"]}]' \
    "$config_sha" "$KEY" "$layer_sha" > "$WORK/archive/manifest.json"
  # entries named without "./": Jib refuses to unpack an archive with a "./" entry
  (cd "$WORK/archive" && tar --create --file "$WORK/base.tar" --format=gnu --sort=name --mtime="@$EPOCH" \
     --owner=0 --group=0 --numeric-owner manifest.json "$config_sha.json" "$layer_sha")

  rm -rf "$OUT"
  mkdir -p "$OUT"
  mv "$WORK/base.tar" "$OUT/base.tar"
  echo "sha256:$config_sha" > "$OUT/digest"   # the image id: the config's digest
  printf '%s\n' "java $JAVA_RUNTIME_VERSION" "$debs" > "$OUT/contents"
  printf '%s' "$refresh" > "$OUT/refresh"
  log "built $OUT/base.tar ($(du -m "$OUT/base.tar" | cut -f1) MB, image id $(cat "$OUT/digest")) in $(( $(date +%s) - started )) s"
fi

mkdir -p "$(dirname "$LINK")"
ln -sfn "$OUT/base.tar" "$LINK"
