-- The audit trail's own retention (issue 19): rows older than the configured period are purged from the start of
-- each clinic's chain. Their chain entries stay (hashes only, the pseudonymous patient key dropped), so the chain is
-- still walked end to end; each purge records up to which position rows were purged, which the verification then
-- accepts as purged rather than removed.
CREATE TABLE cura_audit_purges (
    organization_id  integer      NOT NULL,
    up_to_position   bigint       NOT NULL,
    older_than       timestamptz  NOT NULL,
    rows_purged      integer      NOT NULL,
    purged_at        timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, up_to_position)
);
