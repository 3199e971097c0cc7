#!/usr/bin/env bash
# A stand-in for the docker-buildx CLI plugin, for tests only: buildx cannot be installed here (no
# network), so this plugin answers `docker buildx version` and turns `docker buildx build --push
# --metadata-file F …` into the classic `docker build` + `docker push`, then writes the pushed
# digest to F the way buildx does. It exercises the action's buildx argv, plugin discovery through
# the private DOCKER_CONFIG, and the metadata/registry digest check; not BuildKit itself.
set -euo pipefail

if [[ "${1:-}" == docker-cli-plugin-metadata ]]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"gitops-image-bump tests","Version":"v0.0.0-stand-in","ShortDescription":"buildx stand-in"}'
  exit 0
fi
[[ "${1:-}" == buildx ]] && shift
case "${1:-}" in
  version)
    echo "github.com/docker/buildx v0.0.0-stand-in"
    exit 0
    ;;
  build) shift ;;
  *)
    echo "buildx stand-in: unsupported command: $*" >&2
    exit 1
    ;;
esac

push=false
metadata=""
tags=()
args=()
while (($# > 0)); do
  case "$1" in
    --push) push=true ;;
    --metadata-file)
      metadata="$2"
      shift
      ;;
    --tag)
      tags+=("$2")
      args+=("$1" "$2")
      shift
      ;;
    --provenance=* | --sbom=*) ;;
    --cache-to | --cache-from)
      shift
      ;;
    *) args+=("$1") ;;
  esac
  shift
done

echo "buildx stand-in: building ${tags[*]}"
DOCKER_BUILDKIT=0 docker build "${args[@]}"
if [[ "$push" == true ]]; then
  digest=""
  for tag in "${tags[@]}"; do
    out="$(docker push "$tag")"
    echo "$out"
    [[ -n "$digest" ]] || digest="$(grep -o 'digest: sha256:[0-9a-f]*' <<<"$out" | head -n1 | cut -d' ' -f2)"
  done
  if [[ -n "$metadata" ]]; then
    printf '{"containerimage.digest":"%s","image.name":"%s"}\n' "$digest" "${tags[0]}" >"$metadata"
  fi
fi
