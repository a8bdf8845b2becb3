-- The API object store: current objects plus an append-only revision log (the design of k3s' kine).
-- Every committed write takes the next value of ao_revision.current while holding that row's lock,
-- so revision order is commit order: a reader that sees revision N has seen every revision below N.
-- Applied on every silo start and by deploy scripts: everything here must be idempotent.

CREATE TABLE IF NOT EXISTS ao_revision (
    id        int    PRIMARY KEY CHECK (id = 1),
    current   bigint NOT NULL,
    -- Log rows at or below this revision have been deleted; watches from older revisions get 410 Gone.
    compacted bigint NOT NULL DEFAULT 0
);
INSERT INTO ao_revision (id, current, compacted) VALUES (1, 1, 0) ON CONFLICT (id) DO NOTHING;

CREATE TABLE IF NOT EXISTS ao_objects (
    resource         text   NOT NULL,           -- storage key: pods, replicasets.apps, ...
    namespace        text   NOT NULL,           -- '' for cluster-scoped objects
    name             text   NOT NULL,
    uid              uuid   NOT NULL,
    revision         bigint NOT NULL,           -- metadata.resourceVersion of the last write
    created_revision bigint NOT NULL,
    labels           jsonb  NOT NULL DEFAULT '{}'::jsonb,
    fields           jsonb  NOT NULL DEFAULT '{}'::jsonb,  -- selectable fields: {"spec.nodeName": "..."}
    owner_uid        uuid,                                  -- the controller ownerReference, if any
    object           text   NOT NULL,                       -- the object's JSON, resourceVersion included
    updated_at       timestamptz NOT NULL DEFAULT now(),     -- for expiring events
    PRIMARY KEY (resource, namespace, name)
);
CREATE INDEX IF NOT EXISTS ao_objects_labels ON ao_objects USING gin (labels jsonb_path_ops);
CREATE INDEX IF NOT EXISTS ao_objects_node ON ao_objects (resource, (fields ->> 'spec.nodeName'))
    WHERE fields ? 'spec.nodeName';
CREATE INDEX IF NOT EXISTS ao_objects_owner ON ao_objects (owner_uid) WHERE owner_uid IS NOT NULL;
CREATE INDEX IF NOT EXISTS ao_objects_uid ON ao_objects (uid);
CREATE INDEX IF NOT EXISTS ao_objects_events_age ON ao_objects (updated_at) WHERE resource = 'events';

CREATE TABLE IF NOT EXISTS ao_log (
    revision   bigint   PRIMARY KEY,
    resource   text     NOT NULL,
    namespace  text     NOT NULL,
    name       text     NOT NULL,
    event      char(1)  NOT NULL CHECK (event IN ('A', 'M', 'D')),  -- ADDED, MODIFIED, DELETED
    labels     jsonb    NOT NULL DEFAULT '{}'::jsonb,
    fields     jsonb    NOT NULL DEFAULT '{}'::jsonb,
    -- What selectors saw before this write, so a watch with a selector can turn "stopped matching"
    -- into DELETED and "started matching" into ADDED, as Kubernetes does.
    prev_labels jsonb,
    prev_fields jsonb,
    object     text     NOT NULL,
    committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ao_log_resource ON ao_log (resource, revision);
CREATE INDEX IF NOT EXISTS ao_log_committed ON ao_log (committed_at);
