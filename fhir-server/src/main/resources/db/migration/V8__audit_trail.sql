-- The audit trail is served as AuditEvent straight from gdpr_audit_trail. Each row gets the id its AuditEvent has,
-- whoever writes it (this server or the clinic's own software), so ids are stable and never the row id.
CREATE FUNCTION cura_audit_event_id() RETURNS trigger AS $$
BEGIN
    IF NEW.metadata IS NULL OR NOT (NEW.metadata ? 'auditEventId') THEN
        NEW.metadata := COALESCE(NEW.metadata, '{}'::jsonb)
                        || jsonb_build_object('auditEventId', gen_random_uuid()::text);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER trg_gdpr_audit_trail_event_id BEFORE INSERT ON gdpr_audit_trail
    FOR EACH ROW EXECUTE FUNCTION cura_audit_event_id();

UPDATE gdpr_audit_trail
SET metadata = COALESCE(metadata, '{}'::jsonb) || jsonb_build_object('auditEventId', gen_random_uuid()::text)
WHERE metadata IS NULL OR NOT (metadata ? 'auditEventId');

CREATE INDEX ix_gdpr_audit_trail_event_id ON gdpr_audit_trail ((metadata ->> 'auditEventId'));
CREATE INDEX ix_gdpr_audit_trail_clinic_time ON gdpr_audit_trail (organization_id, "timestamp" DESC);
CREATE INDEX ix_gdpr_audit_trail_clinic_patient ON gdpr_audit_trail (organization_id, patient_id, "timestamp" DESC);
