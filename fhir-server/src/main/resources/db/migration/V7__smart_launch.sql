-- SMART launch contexts: the patient an app is launched for. An EHR opens one with $smart-launch (EHR launch) or the
-- patient picker opens one during a standalone launch; the authorization request names it with `launch`, and every
-- token of that grant, refreshed ones included, carries its patient.
CREATE TABLE cura_launch_contexts (
    launch_id        varchar(64)  PRIMARY KEY,
    organization_id  integer      NOT NULL REFERENCES organizations (id),
    client_id        varchar(100) NULL,
    account          varchar(200) NULL,
    patient_id       varchar(64)  NOT NULL,
    created_at       timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX ix_cura_launch_contexts_created ON cura_launch_contexts (created_at);
