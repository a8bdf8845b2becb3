-- Orleans clustering (membership) for Microsoft.Orleans.Clustering.AdoNet.
--
-- One version row per cluster (DeploymentId = ClusterId) and one row per silo incarnation
-- (address, port, generation). Every membership change is conditional on the version the silo
-- last read and bumps it in the same statement: that optimistic check is what makes the
-- membership protocol safe when silos race.
--
-- Query keys and the parameters the provider binds:
--   InsertMembershipVersionKey      @DeploymentId                         -> one row, 1 inserted / 0 exists
--   InsertMembershipKey             @DeploymentId @Address @Port @Generation @SiloName @HostName
--                                   @Status @ProxyPort @StartTime @IAmAliveTime @Version -> 1 ok / 0 conflict
--   UpdateMembershipKey             @DeploymentId @Address @Port @Generation @Status @SuspectTimes
--                                   @IAmAliveTime @Version                 -> 1 ok / 0 conflict
--   UpdateIAmAlivetimeKey           @DeploymentId @Address @Port @Generation @IAmAliveTime
--   MembershipReadRowKey            @DeploymentId @Address @Port @Generation -> version row (+ member)
--   MembershipReadAllKey            @DeploymentId                          -> version row (+ members)
--   GatewaysQueryKey                @DeploymentId @Status                   -> Address, ProxyPort, Generation
--   DeleteMembershipTableEntriesKey @DeploymentId
--   CleanupDefunctSiloEntriesKey    @DeploymentId @IAmAliveTime (cutoff)
--   CleanupDefunctSiloEntryKey      @DeploymentId @Address @Port @Generation @StartTime @IAmAliveTime
--                                   @SuspectTimes (optional key; 10.4 uses it when present)
-- Status values are Orleans' SiloStatus: 3 = Active, 6 = Dead.

SELECT pg_advisory_xact_lock(hashtext('actororchestrator.orleans-schema'));

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150)   NOT NULL,
    Timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    Version      integer        NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NULL,
    SuspectTimes varchar(8000)  NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'InsertMembershipVersionKey', $q$
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer AS InsertedCount FROM inserted;
$q$
),
(
    -- The version bump and the insert are one statement: the row lock taken on the version
    -- row serializes concurrent writers, so a stale @Version changes nothing at all.
    'InsertMembershipKey', $q$
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable v
        SET Version = v.Version + 1, Timestamp = now()
        WHERE v.DeploymentId = @DeploymentId
          AND v.Version = @Version
          AND NOT EXISTS (
              SELECT 1 FROM OrleansMembershipTable m
              WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                AND m.Port = @Port AND m.Generation = @Generation)
        RETURNING v.DeploymentId
    ),
    inserted AS (
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT b.DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM bumped b
        RETURNING 1
    )
    SELECT count(*)::integer AS InsertedCount FROM inserted;
$q$
),
(
    'UpdateMembershipKey', $q$
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable v
        SET Version = v.Version + 1, Timestamp = now()
        WHERE v.DeploymentId = @DeploymentId
          AND v.Version = @Version
          AND EXISTS (
              SELECT 1 FROM OrleansMembershipTable m
              WHERE m.DeploymentId = @DeploymentId AND m.Address = @Address
                AND m.Port = @Port AND m.Generation = @Generation)
        RETURNING v.DeploymentId
    ),
    updated AS (
        UPDATE OrleansMembershipTable m
        SET Status = @Status,
            SuspectTimes = @SuspectTimes,
            IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
        FROM bumped b
        WHERE m.DeploymentId = b.DeploymentId AND m.Address = @Address
          AND m.Port = @Port AND m.Generation = @Generation
        RETURNING 1
    )
    SELECT count(*)::integer AS UpdatedCount FROM updated;
$q$
),
(
    -- Heartbeats are not versioned; GREATEST keeps a delayed heartbeat from moving time back.
    'UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND Address = @Address
      AND Port = @Port AND Generation = @Generation;
$q$
),
(
    -- The LEFT JOIN returns the version row even when the silo has no row yet: the provider
    -- takes the table version from it.
    'MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m
           ON m.DeploymentId = v.DeploymentId AND m.Address = @Address
          AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$q$
),
(
    'MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$q$
),
(
    'GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$
),
(
    'DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$
),
(
    -- Fallback used only when CleanupDefunctSiloEntryKey is absent: only Dead rows with no
    -- activity since the cutoff go.
    'CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
      AND Status = 6
      AND IAmAliveTime < @IAmAliveTime
      AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = '';
$q$
),
(
    -- The provider reads the table, picks Dead rows older than the cutoff, and deletes each one
    -- only if it still holds the values it saw, so a row changed meanwhile survives.
    'CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
      AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND StartTime = @StartTime AND IAmAliveTime = @IAmAliveTime
      AND COALESCE(SuspectTimes, '') = COALESCE(@SuspectTimes, '');
$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
