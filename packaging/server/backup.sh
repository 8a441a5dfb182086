#!/usr/bin/env bash
# Nightly backup of the outreach-sync database (run as outreach-sync, e.g. from a timer).
#   backup.sh /var/backups/outreach-sync
# PostgreSQL: pg_dump custom format. SQLite: the online .backup API (consistent while
# the server runs; never copy the .db file of a running server with cp).
set -euo pipefail
DEST="${1:?destination folder}"
CONFIG="${OUTREACH_SYNC_CONFIG:-/etc/outreach-sync/server.toml}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
umask 077
mkdir -p "$DEST"
URL="${OUTREACH_SYNC_DB:-$(sed -n 's/^db *= *"\(.*\)"/\1/p' "$CONFIG" | head -1)}"
URL="${URL:-sqlite:///${OUTREACH_SYNC_DATA_DIR:-/var/lib/outreach-sync}/server.db}"
case "$URL" in
  postgresql*)
    # postgresql+psycopg://user@/db?host=/run/postgresql -> libpq form
    PGURL="postgresql://${URL#*://}"
    pg_dump --format=custom --file "$DEST/outreach-sync-$STAMP.dump" "$PGURL"
    ;;
  sqlite:///*)
    DB="${URL#sqlite:///}"
    sqlite3 "$DB" ".backup '$DEST/outreach-sync-$STAMP.db'"
    sqlite3 "$DEST/outreach-sync-$STAMP.db" "PRAGMA integrity_check" | grep -qx ok
    ;;
  *) echo "unknown database URL: $URL" >&2; exit 1 ;;
esac
ls -l "$DEST"/outreach-sync-"$STAMP".*
