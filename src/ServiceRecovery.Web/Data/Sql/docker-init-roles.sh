#!/bin/bash
# Run once by the postgres image when its data volume is new (docker-entrypoint-initdb.d), as the image's superuser.
# Creates the two roles of ADR 0010 and the database: servicerecovery_owner owns it and runs the migrations;
# servicerecovery_app is what the app serves as (rows only; the app's --migrate grants it exactly that).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_pw="$SR_DB_OWNER_PASSWORD" -v app_pw="$SR_DB_APP_PASSWORD" <<'SQL'
CREATE ROLE servicerecovery_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'owner_pw';
CREATE ROLE servicerecovery_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'app_pw';
CREATE DATABASE servicerecovery OWNER servicerecovery_owner;
SQL
