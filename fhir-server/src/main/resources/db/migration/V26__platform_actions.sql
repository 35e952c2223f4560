-- The platform owners' actions on clinics (issue 21): who suspended, reactivated or cancelled which clinic, when and
-- why. Kept for good: the record a clinic is shown when it asks why it was closed.
CREATE TABLE cura_platform_actions (
    id               serial       PRIMARY KEY,
    organization_id  integer      NOT NULL REFERENCES organizations (id),
    action           varchar(40)  NOT NULL,
    reason           text,
    actor            text         NOT NULL,
    acted_at         timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX ix_platform_actions_org ON cura_platform_actions (organization_id, acted_at);
