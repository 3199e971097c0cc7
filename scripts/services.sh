#!/usr/bin/env bash
# Local services for the Docker/ECR integration tests and the demo:
#   - a Docker engine (dockerd --storage-driver=vfs), unless one already answers;
#   - Debian's docker-registry (the distribution registry) on a free loopback port, with
#     htpasswd (bcrypt) auth and a random password;
#   - a base image imported from busybox-static, since no public registry is reachable.
#
# usage: scripts/services.sh start|stop|status
#
# State lives in ${GIB_SERVICES_DIR:-/tmp/gib-services}: services.json (mode 600, holds the
# throw-away registry password), pid files and logs. `stop` ends only what `start` started.
# Needs: docker.io docker-registry busybox-static apache2-utils curl (Debian packages).
set -euo pipefail

DIR="${GIB_SERVICES_DIR:-/tmp/gib-services}"
STATE="$DIR/services.json"
BASE_IMAGE="${GIB_BASE_IMAGE:-gib-base:busybox}"
REGISTRY_USER="gib"
DOCKER_WAIT_SECONDS="${GIB_DOCKER_WAIT_SECONDS:-60}"

log() { printf 'services: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

need() {
  command -v "$1" >/dev/null 2>&1 ||
    die "'$1' is not on PATH; install the Debian packages: docker.io docker-registry busybox-static apache2-utils curl"
}

docker_answers() {
  timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# The pid is ours only if that process still runs the program we started (pids get reused).
pid_runs() {
  local pid="$1" program="$2"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$program"
}

read_pid() {
  [[ -f "$1" ]] && tr -dc '0-9' <"$1" || true
}

registry_answers() {
  local host="$1" code
  code="$(curl -s -o /dev/null -m 3 -w '%{http_code}' "http://$host/v2/" || true)"
  [[ "$code" == "401" || "$code" == "200" ]]
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

json_field() {
  # json_field <file> <dotted.path>: prints a string field of services.json
  node -e "const v=process.argv[2].split('.').reduce((o,k)=>o&&o[k],JSON.parse(require('fs').readFileSync(process.argv[1],'utf8')));if(v!==undefined)console.log(v)" "$1" "$2"
}

wait_until() {
  # wait_until <seconds> <command...>
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.5
  done
}

start_dockerd() {
  if docker_answers; then
    log "a Docker daemon already answers; using it (it will not be stopped)"
    return
  fi
  need dockerd
  log "starting dockerd (storage driver vfs)"
  setsid nohup dockerd --storage-driver=vfs --pidfile "$DIR/dockerd.pid" >"$DIR/dockerd.log" 2>&1 &
  local launched=$!
  disown "$launched" 2>/dev/null || true
  echo "$launched" >"$DIR/dockerd.started"
  if ! wait_until "$DOCKER_WAIT_SECONDS" docker_answers; then
    tail -n 20 "$DIR/dockerd.log" >&2 || true
    die "dockerd did not answer within ${DOCKER_WAIT_SECONDS}s (log: $DIR/dockerd.log)"
  fi
}

start_registry() {
  need docker-registry
  need htpasswd
  local port host password
  port="$(free_port)"
  host="127.0.0.1:$port"
  password="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)"
  mkdir -p "$DIR/registry/data"
  (
    umask 077
    htpasswd -Bbn "$REGISTRY_USER" "$password" >"$DIR/registry/htpasswd"
  )
  cat >"$DIR/registry/config.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $DIR/registry/data
  delete:
    enabled: true
http:
  addr: $host
auth:
  htpasswd:
    realm: gib-registry
    path: $DIR/registry/htpasswd
EOF
  log "starting docker-registry on $host"
  setsid nohup docker-registry serve "$DIR/registry/config.yml" >"$DIR/registry.log" 2>&1 &
  local pid=$!
  disown "$pid" 2>/dev/null || true
  echo "$pid" >"$DIR/registry.pid"
  if ! wait_until 20 registry_answers "$host"; then
    tail -n 20 "$DIR/registry.log" >&2 || true
    die "docker-registry did not answer on $host (log: $DIR/registry.log)"
  fi
  REGISTRY_HOST="$host"
  REGISTRY_PASSWORD="$password"
}

import_base_image() {
  if docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    return
  fi
  local busybox root applet
  busybox="$(command -v busybox || true)"
  [[ -n "$busybox" ]] || die "busybox is not on PATH; install busybox-static"
  file -L "$busybox" 2>/dev/null | grep -q 'statically linked' ||
    log "warning: $busybox may not be static; install busybox-static"
  root="$(mktemp -d)"
  mkdir -p "$root/bin" "$root/tmp" "$root/etc" "$root/root"
  cp "$busybox" "$root/bin/busybox"
  for applet in $("$busybox" --list); do
    [[ "$applet" == busybox ]] || ln -s busybox "$root/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
  log "importing $BASE_IMAGE from $busybox"
  tar -C "$root" -c . | docker import --change 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$root"
}

write_state() {
  local docker_host="${DOCKER_HOST:-unix:///var/run/docker.sock}"
  (
    umask 077
    cat >"$STATE.tmp" <<EOF
{
  "dockerHost": "$docker_host",
  "startedDockerd": $([[ -f "$DIR/dockerd.started" ]] && echo true || echo false),
  "registry": {
    "host": "$REGISTRY_HOST",
    "username": "$REGISTRY_USER",
    "password": "$REGISTRY_PASSWORD"
  },
  "baseImage": "$BASE_IMAGE"
}
EOF
    mv "$STATE.tmp" "$STATE"
  )
}

status() {
  [[ -f "$STATE" ]] || {
    log "not started ($STATE missing)"
    return 1
  }
  local ok=0 host
  host="$(json_field "$STATE" registry.host)"
  if docker_answers; then log "docker: answers"; else
    log "docker: no answer"
    ok=1
  fi
  if registry_answers "$host"; then log "registry: answers on $host"; else
    log "registry: no answer on $host"
    ok=1
  fi
  if docker image inspect "$(json_field "$STATE" baseImage)" >/dev/null 2>&1; then
    log "base image: $(json_field "$STATE" baseImage)"
  else
    log "base image: missing"
    ok=1
  fi
  log "state: $STATE"
  return "$ok"
}

start() {
  need docker
  need curl
  need node
  mkdir -p "$DIR"
  chmod 700 "$DIR"
  if status >/dev/null 2>&1; then
    log "already running (state: $STATE)"
    return
  fi
  stop_registry
  start_dockerd
  start_registry
  import_base_image
  write_state
  log "ready; state in $STATE"
}

stop_pid() {
  # stop_pid <pid> <program> <seconds>
  local pid="$1" program="$2" seconds="$3"
  pid_runs "$pid" "$program" || return 0
  kill -TERM "$pid"
  if ! wait_until "$seconds" bash -c "! kill -0 $pid 2>/dev/null"; then
    log "$program ($pid) did not stop in ${seconds}s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
}

stop_registry() {
  local pid
  pid="$(read_pid "$DIR/registry.pid")"
  if [[ -n "$pid" ]]; then
    log "stopping docker-registry ($pid)"
    stop_pid "$pid" docker-registry 10
  fi
  rm -rf "$DIR/registry" "$DIR/registry.pid"
}

stop_dockerd() {
  [[ -f "$DIR/dockerd.started" ]] || return 0
  local pid
  pid="$(read_pid "$DIR/dockerd.pid")"
  [[ -n "$pid" ]] || pid="$(read_pid "$DIR/dockerd.started")"
  log "stopping the dockerd this script started ($pid)"
  stop_pid "$pid" dockerd 30
  rm -f "$DIR/dockerd.started" "$DIR/dockerd.pid"
}

stop() {
  [[ -d "$DIR" ]] || return 0
  stop_registry
  stop_dockerd
  rm -f "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
