-- One service's database and role, idempotent: run again, it only resets the password and the grants.
-- psql variables: db (database), role (login role), password. Run as a role that may create roles and databases.
\set ON_ERROR_STOP on
-- On a managed server the administrator is no superuser: it must be able to SET ROLE to the roles it creates to
-- make them database owners (PostgreSQL 16+).
SET createrole_self_grant = 'set, inherit';

SELECT format('CREATE ROLE %I LOGIN', :'role')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
-- A new role is no superuser and may create neither roles nor databases: it owns its database and nothing else.
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password';

SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', :'db', :'role', 'UTF8')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
ALTER DATABASE :"db" OWNER TO :"role";

-- No service reads another's database: only the owner may connect.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";

\connect :"db"
-- Flyway creates every object as the owner (notification's migration creates a trigger and its function); nobody
-- else gets into the schema.
ALTER SCHEMA public OWNER TO :"role";
REVOKE ALL ON SCHEMA public FROM PUBLIC;
