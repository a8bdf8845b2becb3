-- Orleans reminders for Microsoft.Orleans.Reminders.AdoNet.
--
-- One row per (service, grain, reminder name). GrainHash is the grain's uniform hash cast to a
-- signed integer; each silo reads the reminders whose hash falls in its ring range.
--
-- Query keys and the parameters the provider binds:
--   UpsertReminderRowKey   @ServiceId @GrainId @ReminderName @StartTime @Period @GrainHash -> Version
--   ReadReminderRowsKey    @ServiceId @GrainId                    -> GrainId, ReminderName, StartTime, Period, Version
--   ReadReminderRowKey     @ServiceId @GrainId @ReminderName      -> same columns, at most one row
--   ReadRangeRows1Key      @ServiceId @BeginHash @EndHash         -> rows with BeginHash < GrainHash <= EndHash
--   ReadRangeRows2Key      @ServiceId @BeginHash @EndHash         -> the wrapped range (GrainHash > BeginHash or <= EndHash)
--   DeleteReminderRowKey   @ServiceId @GrainId @ReminderName @Version -> one row, 1 deleted / 0 not
--   DeleteReminderRowsKey  @ServiceId
-- The provider picks Rows1 when BeginHash < EndHash as signed integers, matching the signed
-- comparisons here. @Period is milliseconds (int or bigint).

SELECT pg_advisory_xact_lock(hashtext('actororchestrator.orleans-schema'));

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,  -- "type/key"; Kubernetes keys (namespace/name) exceed 150
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,

    CONSTRAINT PK_RemindersTable_ServiceId_GrainId_ReminderName PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Range reads run on every ring change and periodic refresh of every silo.
CREATE INDEX IF NOT EXISTS IX_RemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'UpsertReminderRowKey', $q$
    INSERT INTO OrleansRemindersTable
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
    SET StartTime = EXCLUDED.StartTime,
        Period = EXCLUDED.Period,
        GrainHash = EXCLUDED.GrainHash,
        Version = OrleansRemindersTable.Version + 1
    RETURNING Version;
$q$
),
(
    'ReadReminderRowsKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
$q$
),
(
    'ReadReminderRowKey', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
$q$
),
(
    'ReadRangeRows1Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$q$
),
(
    'ReadRangeRows2Key', $q$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$q$
),
(
    'DeleteReminderRowKey', $q$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId
          AND ReminderName = @ReminderName AND Version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer AS DeletedCount FROM deleted;
$q$
),
(
    'DeleteReminderRowsKey', $q$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$q$
)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
