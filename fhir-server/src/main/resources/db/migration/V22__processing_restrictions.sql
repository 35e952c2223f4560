-- GDPR restriction of processing (UK GDPR / EU GDPR Art. 18, issue 19): while a patient's restriction is in force
-- their data is stored but shown only to staff who handle restrictions. One row per restriction, kept after it is
-- lifted as the record of when, why and by whom. The patient is named by their FHIR id, which is what every request
-- is checked against, and by their row while it exists.
CREATE TABLE cura_processing_restrictions (
    id                   serial       PRIMARY KEY,
    organization_id      integer      NOT NULL REFERENCES organizations (id),
    patient_id           integer      REFERENCES patients (id) ON DELETE SET NULL,
    patient_resource_id  varchar(64)  NOT NULL,
    reason               text         NOT NULL,
    request_resource_id  varchar(64),
    restricted_at        timestamptz  NOT NULL DEFAULT now(),
    restricted_by        integer      REFERENCES users (id) ON DELETE SET NULL,
    lifted_at            timestamptz,
    lifted_by            integer      REFERENCES users (id) ON DELETE SET NULL,
    lift_reason          text
);

-- At most one restriction in force per patient; finding a clinic's restrictions in force is one index look-up.
CREATE UNIQUE INDEX ux_processing_restrictions_in_force
    ON cura_processing_restrictions (organization_id, patient_resource_id) WHERE lifted_at IS NULL;
