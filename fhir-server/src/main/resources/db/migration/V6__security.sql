-- The built-in authorization server's state (Spring Authorization Server's JDBC layout, adapted to PostgreSQL:
-- text for its blobs, timestamptz for its instants, text for settings that hold a client's public keys).
CREATE TABLE oauth2_registered_client (
    id                              varchar(100)   PRIMARY KEY,
    client_id                       varchar(100)   NOT NULL UNIQUE,
    client_id_issued_at             timestamptz    NOT NULL DEFAULT now(),
    client_secret                   varchar(200),
    client_secret_expires_at        timestamptz,
    client_name                     varchar(200)   NOT NULL,
    client_authentication_methods   varchar(1000)  NOT NULL,
    authorization_grant_types       varchar(1000)  NOT NULL,
    redirect_uris                   varchar(1000),
    post_logout_redirect_uris       varchar(1000),
    scopes                          varchar(4000)  NOT NULL,
    client_settings                 text           NOT NULL,
    token_settings                  text           NOT NULL
);

CREATE TABLE oauth2_authorization (
    id                              varchar(100)   PRIMARY KEY,
    registered_client_id            varchar(100)   NOT NULL,
    principal_name                  varchar(200)   NOT NULL,
    authorization_grant_type        varchar(100)   NOT NULL,
    authorized_scopes               varchar(4000),
    attributes                      text,
    state                           varchar(500),
    authorization_code_value        text,
    authorization_code_issued_at    timestamptz,
    authorization_code_expires_at   timestamptz,
    authorization_code_metadata     text,
    access_token_value              text,
    access_token_issued_at          timestamptz,
    access_token_expires_at         timestamptz,
    access_token_metadata           text,
    access_token_type               varchar(100),
    access_token_scopes             varchar(4000),
    oidc_id_token_value             text,
    oidc_id_token_issued_at         timestamptz,
    oidc_id_token_expires_at        timestamptz,
    oidc_id_token_metadata          text,
    refresh_token_value             text,
    refresh_token_issued_at         timestamptz,
    refresh_token_expires_at        timestamptz,
    refresh_token_metadata          text,
    user_code_value                 text,
    user_code_issued_at             timestamptz,
    user_code_expires_at            timestamptz,
    user_code_metadata              text,
    device_code_value               text,
    device_code_issued_at           timestamptz,
    device_code_expires_at          timestamptz,
    device_code_metadata            text
);
-- Lookups by token value (introspection, revocation, refresh) and clean-up of expired grants.
CREATE INDEX ix_oauth2_authorization_access_token ON oauth2_authorization USING hash (access_token_value);
CREATE INDEX ix_oauth2_authorization_refresh_token ON oauth2_authorization USING hash (refresh_token_value);
CREATE INDEX ix_oauth2_authorization_code ON oauth2_authorization USING hash (authorization_code_value);
CREATE INDEX ix_oauth2_authorization_state ON oauth2_authorization USING hash (state);

CREATE TABLE oauth2_authorization_consent (
    registered_client_id            varchar(100)   NOT NULL,
    principal_name                  varchar(200)   NOT NULL,
    authorities                     varchar(4000)  NOT NULL,
    PRIMARY KEY (registered_client_id, principal_name)
);

-- The keys the authorization server signs tokens with. The private key is encrypted with the server's secret key.
CREATE TABLE cura_signing_keys (
    key_id                          varchar(100)   PRIMARY KEY,
    private_key                     text           NOT NULL,
    public_key                      text           NOT NULL,
    created_at                      timestamptz    NOT NULL DEFAULT now(),
    retired_at                      timestamptz
);

-- Failed sign-ins per account, for lockout. Kept apart from users so the documented table is unchanged.
CREATE TABLE cura_login_failures (
    account                         varchar(300)   PRIMARY KEY,
    failures                        integer        NOT NULL DEFAULT 0,
    locked_until                    timestamptz,
    last_failure_at                 timestamptz    NOT NULL DEFAULT now()
);
