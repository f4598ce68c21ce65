#!/bin/sh
# First start of the compose stack's primary: let the replica stream from it, and
# make commits of Simantap's database wait until the replica has applied them.
set -e
echo "host replication all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres <<SQL
ALTER SYSTEM SET synchronous_standby_names = 'simantap_replica';
ALTER SYSTEM SET synchronous_commit = 'remote_apply';
SQL
