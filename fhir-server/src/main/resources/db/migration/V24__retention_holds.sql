-- GDPR erasure (issue 19): what an erasure kept, under which rule and until when. The retention job purges each
-- class of a patient's records once its date has passed, on any number of nodes: a node claims a hold (claimed_at,
-- taken with FOR UPDATE SKIP LOCKED; a claim older than an hour is taken over) and marks it purged when done.
CREATE TABLE cura_retention_holds (
    id                   serial       PRIMARY KEY,
    organization_id      integer      NOT NULL REFERENCES organizations (id),
    patient_resource_id  varchar(64)  NOT NULL,
    patient_id           integer      REFERENCES patients (id) ON DELETE SET NULL,
    record_class         varchar(20)  NOT NULL,
    kept_until           date         NOT NULL,
    rule                 text         NOT NULL,
    erasure_at           timestamptz  NOT NULL DEFAULT now(),
    claimed_at           timestamptz,
    purged_at            timestamptz,
    UNIQUE (organization_id, patient_resource_id, record_class)
);

CREATE INDEX ix_retention_holds_due ON cura_retention_holds (kept_until) WHERE purged_at IS NULL;
