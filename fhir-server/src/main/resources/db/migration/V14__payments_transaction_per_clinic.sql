-- A payment's transaction id is unique within its clinic, not across clinics (issue 20): with the documented global
-- UNIQUE, one clinic could learn that another recorded a transaction id by provoking a collision. A database the
-- Cura EMR made (adopted, hence baselined) keeps its constraint: the other software relies on it, and the server
-- answers a collision there with 409.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM cura_schema_history WHERE type = 'BASELINE')
       AND EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'payments_transaction_id_key') THEN
        ALTER TABLE payments DROP CONSTRAINT payments_transaction_id_key;
        ALTER TABLE payments ADD CONSTRAINT uq_payments_org_transaction UNIQUE (organization_id, transaction_id);
    END IF;
END
$$;
