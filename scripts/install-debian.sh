#!/usr/bin/env bash
# The Debian packages Simantap needs, and a running local PostgreSQL: the one script a
# newcomer (through `make install`) and CI (`.ci/run`) both use.  Quick when nothing is
# missing: it only asks dpkg.  Installing needs root (or sudo without a password).
set -euo pipefail

PACKAGES=(
  # building Odoo's Python requirements: psycopg2 (libpq), python-ldap (ldap, sasl)
  build-essential python3-dev python3-venv libpq-dev libldap2-dev libsasl2-dev
  # the database, and make itself
  postgresql postgresql-client make
  # the phone app's browser journeys (Debian's browser, never a downloaded one) and
  # its JavaScript unit tests (`node --test`)
  chromium chromium-driver nodejs
  # PDF reports: wkhtmltopdf renders them, fonts draw them, pdftotext/pdftoppm test them
  wkhtmltopdf fonts-dejavu-core fonts-liberation poppler-utils
  # the reverse proxy in front of Odoo
  nginx
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    as_root=()
  elif sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "Missing Debian packages; run as root: apt-get install ${missing[*]}" >&2
    exit 2
  fi
  echo "install-debian: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${as_root[@]}" apt-get update -qq
  "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# A local PostgreSQL that is installed but down is started; a fresh one gets a role
# for the current user.  Only when the project uses the local server (PGHOST unset or
# local).
case "${PGHOST:-localhost}" in
  localhost | 127.0.0.1 | /*) ;;
  *) exit 0 ;;
esac
# without PGHOST, Odoo and psql use the local socket (peer authentication on Debian)
where=(-p "${PGPORT:-5432}")
[ -n "${PGHOST:-}" ] && where+=(-h "$PGHOST")
if ! pg_isready -q "${where[@]}"; then
  # only the cluster on our port (`make stack` keeps clusters of its own, stopped)
  pg_lsclusters -h 2>/dev/null | while read -r version cluster cport _; do
    if [ "$cport" = "${PGPORT:-5432}" ]; then
      echo "install-debian: starting PostgreSQL $version/$cluster"
      pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    fi
  done
  for _ in $(seq 30); do
    pg_isready -q "${where[@]}" && break
    sleep 1
  done
fi
user=${PGUSER:-$(id -un)}
if ! psql "${where[@]}" -U "$user" -d postgres -qtAc 'select 1' >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
    echo "install-debian: creating the PostgreSQL role $user"
    runuser -u postgres -- createuser --superuser "$user" 2>/dev/null || true
  fi
fi
