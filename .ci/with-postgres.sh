#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server listening on 127.0.0.1.
#
# Usage: bash .ci/with-postgres.sh <command> [args...]
#
# A fresh cluster is created in a temporary directory, started on a free
# loopback port, a database "portal" (owned by the superuser role "portal")
# is created, and the command is run with
#     DATABASE_URL=postgres://portal@127.0.0.1:PORT/portal
# in its environment.  Afterwards the server is stopped and the temporary
# directory removed, whatever happens.  The script exits with the command's
# exit status.
#
# Server binaries (initdb, pg_ctl, postgres) are looked up on PATH, then in the
# newest /usr/lib/postgresql/*/bin.  If none are found and we are root,
# Debian's "postgresql" package is installed with apt-get.
set -euo pipefail

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [ "$#" -eq 0 ]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

is_root=false
if [ "$(id -u)" -eq 0 ]; then
    is_root=true
fi

# --------------------------------------------------------------------------
# 1. Locate the server binaries.
# --------------------------------------------------------------------------
PG_BIN=""

has_server_bins() {
    [ -x "$1/initdb" ] && [ -x "$1/pg_ctl" ] && [ -x "$1/postgres" ]
}

find_pg_bin() {
    local initdb_path dir d
    PG_BIN=""
    # On PATH (resolve symlinks so that sibling tools come from the same install).
    if initdb_path="$(command -v initdb 2>/dev/null)" && [ -n "$initdb_path" ]; then
        dir="$(dirname "$(readlink -f "$initdb_path")")"
        if has_server_bins "$dir"; then
            PG_BIN="$dir"
            return 0
        fi
    fi
    # Newest Debian-style installation (falling back to older ones if the
    # newest is incomplete).
    while IFS= read -r dir; do
        if has_server_bins "$dir"; then
            PG_BIN="$dir"
            return 0
        fi
    done < <(for d in /usr/lib/postgresql/*/bin; do
                 if [ -d "$d" ]; then printf '%s\n' "$d"; fi
             done | sort -rV)
    return 1
}

if ! find_pg_bin; then
    if $is_root; then
        log "PostgreSQL server binaries not found; installing Debian package 'postgresql'"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        find_pg_bin || die "PostgreSQL server binaries still not found after installing 'postgresql'"
    else
        die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in /usr/lib/postgresql/*/bin, and not root so cannot install them. Install PostgreSQL (e.g. 'apt-get install postgresql') and retry."
    fi
fi

PG_VERSION="$("$PG_BIN/postgres" --version 2>/dev/null || echo 'unknown version')"
log "using $PG_VERSION from $PG_BIN"

# --------------------------------------------------------------------------
# 2. Decide which user runs the server (it refuses to run as root).
# --------------------------------------------------------------------------
PG_USER=""
if $is_root; then
    if id -u postgres >/dev/null 2>&1; then
        PG_USER=postgres
    else
        if ! id -u pgrunner >/dev/null 2>&1; then
            log "creating system user 'pgrunner' to run the server"
            useradd --system --no-create-home --shell /usr/sbin/nologin pgrunner \
                || useradd --system --no-create-home pgrunner
        fi
        PG_USER=pgrunner
    fi
fi

# Run a PostgreSQL tool as the server user, from a directory it can read
# (the caller's cwd may be e.g. /root/..., unreadable by that user).
as_pg() {
    if [ -n "$PG_USER" ]; then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u "$PG_USER" -- "$@")
        else
            # shellcheck disable=SC2016  # expanded by the inner shell
            (cd / && su -s /bin/sh "$PG_USER" -c 'exec "$0" "$@"' -- "$@")
        fi
    else
        (cd / && "$@")
    fi
}

# --------------------------------------------------------------------------
# 3. Temporary directory, cleanup trap.
# --------------------------------------------------------------------------
# Use /tmp explicitly: a short path keeps the unix socket path under the
# ~107 byte limit, and /tmp is traversable by the server user.
PG_TMP="$(mktemp -d /tmp/pgci.XXXXXXXX)"
PG_DATA="$PG_TMP/data"
PG_SOCK="$PG_TMP/sock"
PG_LOG="$PG_TMP/server.log"
SERVER_STARTED=false

# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    local rc=$?
    set +e
    if $SERVER_STARTED || [ -f "$PG_DATA/postmaster.pid" ]; then
        log "stopping server"
        if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1; then
            as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1
            if [ -f "$PG_DATA/postmaster.pid" ]; then
                local pid
                pid="$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null)"
                case "$pid" in
                    ''|*[!0-9]*) ;;
                    *) kill -KILL "$pid" 2>/dev/null ;;
                esac
            fi
        fi
    fi
    rm -rf "$PG_TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$PG_SOCK"
chmod 700 "$PG_TMP" "$PG_SOCK"
if [ -n "$PG_USER" ]; then
    chown -R "$PG_USER" "$PG_TMP"
fi

# --------------------------------------------------------------------------
# 4. initdb.
# --------------------------------------------------------------------------
init_cluster() {
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U portal --encoding=UTF8 \
        --locale="$1" >"$PG_TMP/initdb.log" 2>&1
}

if ! init_cluster C.UTF-8; then
    log "initdb with locale C.UTF-8 failed; retrying with locale C"
    as_pg rm -rf "$PG_DATA"
    if ! init_cluster C; then
        cat "$PG_TMP/initdb.log" >&2
        die "initdb failed"
    fi
fi

# --------------------------------------------------------------------------
# 5. Start on a free loopback port.
# --------------------------------------------------------------------------
pick_port() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
    else
        # Fallback: a random high port that nothing answers on.
        local p
        for _ in $(seq 1 50); do
            p=$(( 20000 + RANDOM % 40000 ))
            if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
                echo "$p"
                return 0
            fi
        done
        return 1
    fi
}

PG_PORT=""
started=false
for attempt in 1 2 3; do
    PG_PORT="$(pick_port)" || die "could not find a free TCP port"
    log "starting server on 127.0.0.1:$PG_PORT (attempt $attempt)"
    SERVER_STARTED=true
    if as_pg "$PG_BIN/pg_ctl" -w -t 60 -D "$PG_DATA" -l "$PG_LOG" \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_SOCK -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
        started=true
        break
    fi
    # Make sure a half-started server is gone before retrying.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    SERVER_STARTED=false
done

if ! $started; then
    log "server failed to start; server log follows:"
    cat "$PG_LOG" >&2 || true
    die "could not start PostgreSQL"
fi

# --------------------------------------------------------------------------
# 6. Create the database and run the command as the caller.
# --------------------------------------------------------------------------
if [ -x "$PG_BIN/createdb" ]; then
    as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U portal portal
elif [ -x "$PG_BIN/psql" ]; then
    as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U portal -d postgres \
        -v ON_ERROR_STOP=1 -qc 'CREATE DATABASE portal'
else
    as_pg createdb -h 127.0.0.1 -p "$PG_PORT" -U portal portal
fi

export DATABASE_URL="postgres://portal@127.0.0.1:$PG_PORT/portal"
log "DATABASE_URL=$DATABASE_URL"

set +e
"$@"
status=$?
set -e
log "command exited with status $status"
exit "$status"
