#!/usr/bin/env bash
# Builds the connector and operator container images: OCI archives at connector/target/jib-image.tar and
# operator/target/jib-image.tar, each with the digest a registry will report after a push in jib-image.digest.
# The base (Debian packages + jlink'ed Java 17, scripts/image-base.sh) is cached under ~/.cache/lakegate/images.
#
# --twice: then builds everything again from nothing (base rebuilt from the Debian packages, `mvn clean`) and fails
# unless both images have the same digests: the check that the images are reproducible.
#
# Usage: scripts/build-images.sh [--twice] [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

twice=no
if [[ "${1:-}" == "--twice" ]]; then twice=yes; shift; fi

build() {
  local started=$(date +%s)
  ./mvnw -B -ntp -q -pl connector,operator -am ${CLEAN:-} package -DskipTests "$@"
  echo "[build-images] built in $(( $(date +%s) - started )) s"
  for module in connector operator; do
    printf '[build-images] %-9s %s  %s MB  %s\n' "$module" "$(cat $module/target/jib-image.digest)" \
      "$(du -m $module/target/jib-image.tar | cut -f1)" "$module/target/jib-image.tar"
  done
}

digests() { cat connector/target/jib-image.digest operator/target/jib-image.digest; }

build "$@"
if [[ $twice == yes ]]; then
  first="$(digests)"
  echo "[build-images] again from nothing: base from Debian, clean Maven build"
  # a new token: the base is rebuilt once, by whichever module comes first
  LAKEGATE_IMAGE_BASE_REFRESH="$(date +%s%N)" CLEAN=clean build "$@"
  second="$(digests)"
  if [[ "$first" != "$second" ]]; then
    printf '[build-images] NOT reproducible:\nfirst:\n%s\nsecond:\n%s\n' "$first" "$second" >&2
    exit 1
  fi
  echo "[build-images] reproducible: both builds gave the same image digests"
fi
