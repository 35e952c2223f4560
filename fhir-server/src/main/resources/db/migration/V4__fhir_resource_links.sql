-- Ties a Cura row to the FHIR resource that represents it. FHIR ids are server-assigned UUIDs, never the row ids, so
-- the projection (FHIR -> row) and change capture (row -> FHIR) both find their counterpart here.
CREATE TABLE fhir_resource_links (
    id                           bigserial      PRIMARY KEY,
    organization_id              integer        NOT NULL REFERENCES organizations (id),
    table_name                   varchar(63)    NOT NULL,
    row_id                       integer        NOT NULL,
    resource_type                varchar(40)    NOT NULL,
    resource_id                  varchar(64)    NOT NULL,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    CONSTRAINT uq_fhir_links_row      UNIQUE (organization_id, table_name, row_id, resource_type),
    CONSTRAINT uq_fhir_links_resource UNIQUE (organization_id, resource_type, resource_id)
);
