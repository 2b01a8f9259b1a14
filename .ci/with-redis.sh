#!/usr/bin/env bash
# Run a command against a throwaway Redis server listening on 127.0.0.1.
#
# Usage: bash .ci/with-redis.sh <command> [args...]
#
# Debian's redis-server (installed with apt-get when absent and we are root) is started on a
# free loopback port, without persistence (no RDB snapshot, no append-only file), in a
# temporary directory, and the command is run with
#     REDIS_URL=redis://127.0.0.1:PORT/0
# in its environment. Afterwards the server is stopped and the directory removed, whatever
# happens. The script exits with the command's exit status. It composes with
# .ci/with-postgres.sh: `bash .ci/with-postgres.sh bash .ci/with-redis.sh <command>`.
set -euo pipefail

log() { printf '[redis] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

if ! command -v redis-server >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
        log "redis-server not found; installing Debian package 'redis-server'"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
    else
        die "redis-server not found on PATH, and not root so cannot install it. Install it (e.g. 'apt-get install redis-server') and retry."
    fi
fi

REDIS_TMP="$(mktemp -d /tmp/redisci.XXXXXXXX)"
REDIS_PID=""

# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    local rc=$?
    set +e
    if [ -n "$REDIS_PID" ] && kill -0 "$REDIS_PID" 2>/dev/null; then
        log "stopping server"
        kill -TERM "$REDIS_PID" 2>/dev/null
        for _ in $(seq 1 50); do
            kill -0 "$REDIS_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$REDIS_PID" 2>/dev/null
        wait "$REDIS_PID" 2>/dev/null
    fi
    rm -rf "$REDIS_TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

pick_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# Answers PING on the port (bash's /dev/tcp, so that redis-cli is not needed).
answers_ping() {
    local reply
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'PING\r\n' >&3
    read -r -t 1 reply <&3 || reply=""
    exec 3>&-
    [ "${reply%$'\r'}" = "+PONG" ]
}

started=false
for attempt in 1 2 3; do
    REDIS_PORT="$(pick_port)" || die "could not find a free TCP port"
    log "starting server on 127.0.0.1:$REDIS_PORT (attempt $attempt)"
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_TMP" \
        --save "" --appendonly no --daemonize no --protected-mode yes \
        --logfile "$REDIS_TMP/server.log" &
    REDIS_PID=$!
    for _ in $(seq 1 100); do
        if answers_ping "$REDIS_PORT" 2>/dev/null; then
            started=true
            break
        fi
        kill -0 "$REDIS_PID" 2>/dev/null || break
        sleep 0.05
    done
    if $started; then
        break
    fi
    kill -KILL "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
    REDIS_PID=""
done

if ! $started; then
    log "server failed to start; server log follows:"
    cat "$REDIS_TMP/server.log" >&2 || true
    die "could not start Redis"
fi

export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
log "REDIS_URL=$REDIS_URL"

set +e
"$@"
status=$?
set -e
log "command exited with status $status"
exit "$status"
