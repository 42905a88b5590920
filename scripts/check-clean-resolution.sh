#!/usr/bin/env bash
# Proves that every dependency and plugin the build uses resolves from the registry on an EMPTY local repository,
# as on a fresh CI machine. Run it after adding or bumping any version: the reachable Maven Central is a partial
# mirror and some newer versions are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
./mvnw -B -ntp -Dmaven.repo.local="$repo" -DskipTests -Dlakegate.kube.skipBuild=true verify
echo "all artifacts resolved on an empty local repository"
