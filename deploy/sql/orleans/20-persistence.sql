-- Orleans grain storage for Microsoft.Orleans.Persistence.AdoNet.
--
-- One row per (service, grain type, grain id) holding the serialized state and an integer
-- Version, which is the grain state's ETag. Writes are conditional on the version the grain
-- read; a write that changes nothing returns NULL (or the old version) and the provider raises
-- InconsistentStateException, which deactivates the stale activation.
--
-- Query keys and the parameters the provider binds (all four are read at start):
--   ReadFromStorageKey  @GrainIdHash @GrainIdN0 @GrainIdN1 @GrainTypeHash @GrainTypeString
--                       @GrainIdExtensionString @ServiceId          -> PayloadBinary, Version
--   WriteToStorageKey   same + @GrainStateVersion @PayloadBinary     -> NewGrainStateVersion
--   ClearStorageKey     same + @GrainStateVersion                    -> new version (first column)
--   DeleteStorageKey    same + @GrainStateVersion (DeleteStateOnClear = true)
-- @GrainIdExtensionString is NULL for grains without a string key part.

SELECT pg_advisory_xact_lock(hashtext('actororchestrator.orleans-schema'));

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer       NOT NULL,
    GrainIdN0              bigint        NOT NULL,
    GrainIdN1              bigint        NOT NULL,
    GrainTypeHash          integer       NOT NULL,
    GrainTypeString        varchar(512)  NOT NULL,
    GrainIdExtensionString varchar(512)  NULL,
    ServiceId              varchar(150)  NOT NULL,
    PayloadBinary          bytea         NULL,
    ModifiedOn             timestamptz   NOT NULL DEFAULT now(),
    Version                integer       NULL
);

-- One row per grain state, NULL extension included (NULLS NOT DISTINCT, PostgreSQL 15): two
-- activations racing to create the same state cannot both insert. The hashes lead so the index
-- also serves every lookup.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Grain
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1, GrainTypeString,
                       GrainIdExtensionString, ServiceId)
    NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId;
$q$
),
(
    -- With a known version: update only if it still matches. Without one (never written, or
    -- deleted): insert, unless a row appeared meanwhile. Either way the caller gets the new
    -- version, or NULL when nothing was written.
    'WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE OrleansStorage
        SET PayloadBinary = @PayloadBinary, ModifiedOn = now(), Version = Version + 1
        WHERE @GrainStateVersion IS NOT NULL
          AND GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
          AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
          AND GrainTypeString = @GrainTypeString
          AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
          AND ServiceId = @ServiceId
          AND Version = @GrainStateVersion
        RETURNING Version
    ),
    inserted AS (
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
             GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
        SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
               @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING Version
    )
    SELECT (SELECT Version FROM updated UNION ALL SELECT Version FROM inserted LIMIT 1)
           AS NewGrainStateVersion;
$q$
),
(
    -- Clearing keeps the row (payload NULL) and bumps the version, so the ETag chain continues.
    'ClearStorageKey', $q$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$
),
(
    -- Returns a value different from the caller's version to signal success; the provider then
    -- forgets the ETag, and the next write inserts a fresh row.
    'DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND ServiceId = @ServiceId
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
