-- Sign-in failures are counted per account and address, and per address over all accounts, so that failed guesses
-- from one place lock that place out and never the account's owner signing in from elsewhere. The earlier rows were
-- per account only; they are dropped (their locks lapse early, at most one lockout period).
DELETE FROM cura_login_failures;
ALTER TABLE cura_login_failures ADD COLUMN address varchar(64) NOT NULL;
ALTER TABLE cura_login_failures DROP CONSTRAINT cura_login_failures_pkey;
ALTER TABLE cura_login_failures ADD PRIMARY KEY (account, address);
