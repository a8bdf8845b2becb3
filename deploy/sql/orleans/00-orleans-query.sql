-- Orleans ADO.NET providers (Microsoft.Orleans.*.AdoNet 10.x, invariant "Npgsql"): shared part.
--
-- The providers ship no SQL. Each one reads its statements from OrleansQuery by key when it
-- starts and fails if a key it needs is missing; it then binds its own parameter names
-- (@DeploymentId, @GrainIdHash, ...) and reads result columns by name. The files in this folder
-- are written to that contract (checked against the providers' source) and are idempotent: they
-- run on every start (deploy/lib/postgres.sh) and in the integration tests.
--
-- Requires PostgreSQL 15 (UNIQUE NULLS NOT DISTINCT in 20-persistence.sql).

-- Serialize concurrent appliers (two scripts starting at once) for the rest of this transaction.
SELECT pg_advisory_xact_lock(hashtext('actororchestrator.orleans-schema'));

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64)   NOT NULL,
    QueryText varchar(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
);
