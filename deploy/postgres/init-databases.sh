#!/usr/bin/env bash
# Runs once, on an empty data directory (the postgres image's /docker-entrypoint-initdb.d/ hook).
# Creates one role and one database per service; no service can read another's tables.
#
#   NEFOS_DATABASES="identity_service compute_service storage_service"
#   NEFOS_DB_PASSWORD_IDENTITY_SERVICE=...  (one per database; the role has the database's name)
#
# Adding a service: add its database to NEFOS_DATABASES and its password variable in docker-compose.yml.
set -euo pipefail

for db in ${NEFOS_DATABASES:?set NEFOS_DATABASES}; do
  var="NEFOS_DB_PASSWORD_${db^^}"
  pw="${!var:?set $var}"
  echo "nefos: creating role and database $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       -v db="$db" -v pw="$pw" <<'SQL'
CREATE ROLE :"db" LOGIN PASSWORD :'pw';
CREATE DATABASE :"db" OWNER :"db";
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
SQL
done
