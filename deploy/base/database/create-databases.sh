#!/bin/sh
# Creates each service's database and role (create-database.sql). Connection settings come from the environment:
# PGHOST, PGPORT, PGDATABASE, PGSSLMODE (ConfigMap postgres-server), PGUSER/PGPASSWORD (the administrator Secret).
set -eu

echo "waiting for PostgreSQL at ${PGHOST}:${PGPORT}"
until pg_isready --quiet --timeout=5; do sleep 2; done

create() { # database role password
  echo "database $1, role $2"
  psql --no-psqlrc --quiet --dbname="$PGDATABASE" -v db="$1" -v role="$2" -v password="$3" \
    --file=/scripts/create-database.sql
}

create gateway "$GATEWAY_DB_USER" "$GATEWAY_DB_PASSWORD"
create routing "$ROUTING_DB_USER" "$ROUTING_DB_PASSWORD"
create conversation "$CONVERSATION_DB_USER" "$CONVERSATION_DB_PASSWORD"
create notification "$NOTIFICATION_DB_USER" "$NOTIFICATION_DB_PASSWORD"
echo "done"
