-- What the server owes each clinic's QuickBooks Online company (issue 20): one entry per customer (patient), invoice,
-- credit note, payment and refund to push to a company (realm), kept until QuickBooks has it, with every failure and the next try. An
-- entry is never deleted, so a failure is never lost; the request id makes a retried push idempotent at QuickBooks
-- (its `requestid`). A node pushing an entry holds its lease (owner and time) until it records the result.
CREATE TABLE cura_quickbooks_outbox (
    id               bigserial    PRIMARY KEY,
    organization_id  integer      NOT NULL,
    realm_id         text         NOT NULL,
    kind             varchar(10)  NOT NULL CHECK (kind IN ('customer', 'invoice', 'credit', 'payment', 'refund')),
    row_id           integer      NOT NULL,
    request_id       uuid         NOT NULL,
    status           varchar(10)  NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         integer      NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz  NOT NULL DEFAULT now(),
    lease_owner      uuid,
    last_error       text,
    quickbooks_id    text,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    UNIQUE (organization_id, realm_id, kind, row_id)
);
CREATE INDEX ix_cura_quickbooks_outbox_due ON cura_quickbooks_outbox (organization_id, realm_id, status, next_attempt_at);
