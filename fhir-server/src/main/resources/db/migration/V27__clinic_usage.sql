-- What each clinic uses of its plan (issue 21), counted as the rows are written, whoever writes them (the server or
-- the clinic's other software), so that no request counts rows: patients (active), users (active staff accounts),
-- stored bytes (binaries and attachments the server holds, and imaging files held elsewhere). A write that adds to a
-- measure locks the clinic's row of that measure until it commits, so two writers never both take the last free slot.
CREATE TABLE cura_clinic_usage (
    organization_id  integer      NOT NULL,
    measure          varchar(20)  NOT NULL,
    amount           bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, measure)
);

-- The bytes of content each FHIR resource of a clinic holds (Binary data, attachments' data), kept by the server as
-- it writes the resource, so that an update or a delete takes off exactly what the resource had added.
CREATE TABLE cura_stored_content (
    organization_id  integer      NOT NULL,
    resource_type    varchar(40)  NOT NULL,
    resource_id      varchar(64)  NOT NULL,
    bytes            bigint       NOT NULL,
    PRIMARY KEY (organization_id, resource_type, resource_id)
);

-- Each clinic's API calls per calendar month (UTC), added to by each node about once a second.
CREATE TABLE cura_api_calls (
    organization_id  integer      NOT NULL,
    month            date         NOT NULL,
    calls            bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (organization_id, month)
);

CREATE FUNCTION cura_usage_add(org integer, what text, delta bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF delta = 0 OR org IS NULL OR org = 0 THEN
        RETURN;
    END IF;
    INSERT INTO cura_clinic_usage (organization_id, measure, amount) VALUES (org, what, delta)
    ON CONFLICT (organization_id, measure) DO UPDATE SET amount = cura_clinic_usage.amount + EXCLUDED.amount;
    IF delta > 0 THEN
        -- read by the server before its transaction commits: this transaction took more of the measure
        PERFORM set_config('cura.usage_grew_' || what, 'on', true);
    END IF;
END $$;

CREATE FUNCTION cura_usage_patients() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.is_active THEN
        PERFORM cura_usage_add(OLD.organization_id, 'patients', -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.is_active THEN
        PERFORM cura_usage_add(NEW.organization_id, 'patients', 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cura_usage_patients AFTER INSERT OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION cura_usage_patients();
CREATE TRIGGER cura_usage_patients_update AFTER UPDATE ON patients
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
                       OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION cura_usage_patients();

-- A user is counted while active, a member of a clinic's staff (not a patient's portal account, not a platform owner)
CREATE FUNCTION cura_usage_counts_user(u users) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT u.is_active AND u.role <> 'patient' AND NOT u.is_saas_owner
$$;

CREATE FUNCTION cura_usage_users() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND cura_usage_counts_user(OLD) THEN
        PERFORM cura_usage_add(OLD.organization_id, 'users', -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND cura_usage_counts_user(NEW) THEN
        PERFORM cura_usage_add(NEW.organization_id, 'users', 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cura_usage_users AFTER INSERT OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION cura_usage_users();
CREATE TRIGGER cura_usage_users_update AFTER UPDATE ON users
    FOR EACH ROW WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active OR OLD.role IS DISTINCT FROM NEW.role
                       OR OLD.is_saas_owner IS DISTINCT FROM NEW.is_saas_owner
                       OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION cura_usage_users();

-- An imaging file whose path is a FHIR Binary is counted with the Binary; any other is held by the clinic's software
CREATE FUNCTION cura_usage_image_bytes(path text, size integer) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN path LIKE 'Binary/%' THEN 0 ELSE greatest(coalesce(size, 0), 0)::bigint END
$$;

CREATE FUNCTION cura_usage_images() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM cura_usage_add(OLD.organization_id, 'storage', -cura_usage_image_bytes(OLD.file_path, OLD.file_size));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM cura_usage_add(NEW.organization_id, 'storage', cura_usage_image_bytes(NEW.file_path, NEW.file_size));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cura_usage_images AFTER INSERT OR DELETE ON medical_images
    FOR EACH ROW EXECUTE FUNCTION cura_usage_images();
CREATE TRIGGER cura_usage_images_update AFTER UPDATE ON medical_images
    FOR EACH ROW WHEN (OLD.file_size IS DISTINCT FROM NEW.file_size OR OLD.file_path IS DISTINCT FROM NEW.file_path
                       OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
    EXECUTE FUNCTION cura_usage_images();

CREATE FUNCTION cura_usage_content() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM cura_usage_add(OLD.organization_id, 'storage', -OLD.bytes);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM cura_usage_add(NEW.organization_id, 'storage', NEW.bytes);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cura_usage_content AFTER INSERT OR UPDATE OR DELETE ON cura_stored_content
    FOR EACH ROW EXECUTE FUNCTION cura_usage_content();

-- What the clinics already have
INSERT INTO cura_clinic_usage (organization_id, measure, amount)
SELECT organization_id, 'patients', count(*) FROM patients WHERE is_active AND organization_id <> 0
GROUP BY organization_id;
INSERT INTO cura_clinic_usage (organization_id, measure, amount)
SELECT organization_id, 'users', count(*) FROM users u WHERE cura_usage_counts_user(u) AND organization_id <> 0
GROUP BY organization_id;
INSERT INTO cura_clinic_usage (organization_id, measure, amount)
SELECT organization_id, 'storage', sum(cura_usage_image_bytes(file_path, file_size)) FROM medical_images
WHERE organization_id <> 0 GROUP BY organization_id;
