-- Housekeeping of the authorization server's tables. A launch context lives as long as a grant keeps refreshing
-- tokens with it, so its last use is recorded; expired grants are found by their latest expiry.
ALTER TABLE cura_launch_contexts ADD COLUMN last_used_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX ix_cura_launch_contexts_last_used ON cura_launch_contexts (last_used_at);

CREATE INDEX ix_oauth2_authorization_expiry ON oauth2_authorization ((GREATEST(authorization_code_expires_at,
    access_token_expires_at, oidc_id_token_expires_at, refresh_token_expires_at, user_code_expires_at,
    device_code_expires_at)));

-- Sign-in failures of accounts no one has tried for a while say nothing any more.
CREATE INDEX ix_cura_login_failures_last ON cura_login_failures (last_failure_at);
