-- Per-clinic counters for the business numbers the server assigns when a FHIR client leaves them out
-- (patients.patient_id, prescriptions.prescription_number, lab_results.lab_number).
CREATE TABLE cura_number_sequences (
    organization_id              integer        NOT NULL REFERENCES organizations (id),
    kind                         varchar(30)    NOT NULL,
    last_value                   bigint         NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, kind)
);
