-- GDPR exports (issue 19): each Patient/$gdpr-export run asynchronously, its progress, and the ZIP it made, kept until
-- it is fetched and for a configured time after (then the archive is dropped and the row kept as the record).
CREATE TABLE cura_gdpr_exports (
    id                   uuid         PRIMARY KEY,
    organization_id      integer      NOT NULL REFERENCES organizations (id),
    patient_resource_id  varchar(64)  NOT NULL,
    request_resource_id  varchar(64),
    requested_by         integer      REFERENCES users (id) ON DELETE SET NULL,
    status               varchar(20)  NOT NULL,
    done                 integer      NOT NULL DEFAULT 0,
    total                integer,
    archive              bytea,
    record_ids           text[],
    error                text,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    heartbeat_at         timestamptz  NOT NULL DEFAULT now(),
    completed_at         timestamptz
);

CREATE INDEX ix_gdpr_exports_org_created ON cura_gdpr_exports (organization_id, created_at);
