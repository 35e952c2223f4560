-- A tamper-evident audit trail (issue 19): every gdpr_audit_trail row, whoever writes it, is chained per clinic in
-- cura_audit_chain by a trigger in the writer's transaction: its position, a hash of its content and the chain's hash
-- (the previous row's chain hash and this row's hash). The patient is hashed as a pseudonymous key kept in the chain,
-- not as the row's patient_id, which an erasure sets to null. Edited, removed and unchained rows are found by
-- $verify-audit-trail; rows removed at the end are found against the checkpoints of the chain's head.
CREATE TABLE cura_audit_chain (
    organization_id  integer  NOT NULL,
    position         bigint   NOT NULL,
    audit_id         integer  NOT NULL,
    subject_key      text,
    row_hash         text     NOT NULL,
    chain_hash       text     NOT NULL,
    PRIMARY KEY (organization_id, position)
);
CREATE INDEX ix_cura_audit_chain_audit ON cura_audit_chain (audit_id);

-- The chain's head as it was, taken on a schedule: a removal of the last rows leaves a checkpoint the chain no longer
-- reaches.
CREATE TABLE cura_audit_checkpoints (
    organization_id  integer      NOT NULL,
    position         bigint       NOT NULL,
    audit_id         integer      NOT NULL,
    chain_hash       text         NOT NULL,
    taken_at         timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, position)
);

CREATE FUNCTION cura_audit_subject_key(clinic integer, patient integer) RETURNS text AS $$
    SELECT CASE WHEN patient IS NULL THEN NULL
                ELSE encode(sha256(convert_to('cura-audit-subject:' || clinic || ':' || patient, 'UTF8')), 'hex')
           END
$$ LANGUAGE sql IMMUTABLE;

-- Every documented column but patient_id, in a fixed order, as JSON (unambiguous, nulls included).
CREATE FUNCTION cura_audit_row_hash(a gdpr_audit_trail, subject_key text) RETURNS text AS $$
    SELECT encode(sha256(convert_to(jsonb_build_array(a.id, a.organization_id, a.user_id, subject_key, a.action,
               a.resource_type, a.resource_id, a.data_categories, a.legal_basis, a.purpose, a.changes,
               a.ip_address, a.user_agent, a.session_id, a."timestamp", a.metadata)::text, 'UTF8')), 'hex')
$$ LANGUAGE sql STABLE;

CREATE FUNCTION cura_audit_chain_hash(previous text, row_hash text) RETURNS text AS $$
    SELECT encode(sha256(convert_to(coalesce(previous, '') || row_hash, 'UTF8')), 'hex')
$$ LANGUAGE sql IMMUTABLE;

-- Appends the row to its clinic's chain, at commit (a deferred constraint trigger): a writer takes the clinic's chain
-- lock only for the end of its commit, never while it still takes row locks, so no writer waits on the chain while
-- holding what another needs. Positions follow commit order and no two rows claim one position.
CREATE FUNCTION cura_audit_chain_append() RETURNS trigger AS $$
DECLARE
    subject text := cura_audit_subject_key(NEW.organization_id, NEW.patient_id);
    hashed text := cura_audit_row_hash(NEW, subject);
    previous_position bigint;
    previous_hash text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('cura_audit_chain'), NEW.organization_id);
    SELECT c.position, c.chain_hash INTO previous_position, previous_hash FROM cura_audit_chain c
    WHERE c.organization_id = NEW.organization_id ORDER BY c.position DESC LIMIT 1;
    INSERT INTO cura_audit_chain (organization_id, position, audit_id, subject_key, row_hash, chain_hash)
    VALUES (NEW.organization_id, coalesce(previous_position, 0) + 1, NEW.id, subject, hashed,
            cura_audit_chain_hash(previous_hash, hashed));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER trg_gdpr_audit_trail_chain AFTER INSERT ON gdpr_audit_trail
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION cura_audit_chain_append();

-- Searches recorded before the trail kept parameter names only: their values (names, NHS numbers) go before the rows
-- are chained, so that the chain does not fix them in place.
UPDATE gdpr_audit_trail
SET metadata = jsonb_set(metadata, '{query}', to_jsonb(regexp_replace(metadata ->> 'query', '=[^&]*', '', 'g')))
WHERE metadata ? 'query' AND metadata ->> 'query' LIKE '%=%';

-- The rows written before: chained in id order.
DO $$
DECLARE
    r record;
    clinic integer := NULL;
    pos bigint := 0;
    previous text := NULL;
    subject text;
    hashed text;
BEGIN
    FOR r IN SELECT a FROM gdpr_audit_trail a ORDER BY a.organization_id, a.id LOOP
        IF clinic IS DISTINCT FROM (r.a).organization_id THEN
            clinic := (r.a).organization_id;
            pos := 0;
            previous := NULL;
        END IF;
        subject := cura_audit_subject_key((r.a).organization_id, (r.a).patient_id);
        hashed := cura_audit_row_hash(r.a, subject);
        pos := pos + 1;
        previous := cura_audit_chain_hash(previous, hashed);
        INSERT INTO cura_audit_chain (organization_id, position, audit_id, subject_key, row_hash, chain_hash)
        VALUES (clinic, pos, (r.a).id, subject, hashed, previous);
    END LOOP;
END
$$;
