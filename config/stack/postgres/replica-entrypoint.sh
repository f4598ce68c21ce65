#!/bin/sh
# The compose stack's replica: on an empty volume, copy the primary (pg_basebackup)
# and stream from it; then run PostgreSQL as a hot standby.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_isready -h db -U odoo; do sleep 1; done
    PGPASSWORD=odoo pg_basebackup -h db -U odoo -D "$PGDATA" -X stream -R
    echo "primary_conninfo = 'host=db user=odoo password=odoo application_name=simantap_replica'" \
        >> "$PGDATA/postgresql.auto.conf"
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
