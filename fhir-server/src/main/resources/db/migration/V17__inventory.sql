-- Inventory (issue 22). The stock operations' retries: a client-given transaction id, per clinic, answered with the
-- first result (the Parameters the operation answered, as JSON), so that a retried receipt or dispense moves no stock
-- twice.
CREATE TABLE cura_stock_operations (
    organization_id  integer       NOT NULL,
    transaction_id   varchar(100)  NOT NULL,
    operation        varchar(40)   NOT NULL,
    result           text          NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, transaction_id)
);

-- Batches the expiry job has told the clinic about: once per batch and expiry date, on any number of nodes.
CREATE TABLE cura_expiry_alerts (
    organization_id  integer      NOT NULL,
    batch_id         integer      NOT NULL,
    expiry_date      date         NOT NULL,
    notified_at      timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, batch_id, expiry_date)
);

-- Where a batch is kept, once $transfer has moved it from the item's storage location. Nullable, so that an EMR's
-- own batches table (kept as it is, with its columns) takes it without change to what it writes.
ALTER TABLE inventory_batches ADD COLUMN IF NOT EXISTS storage_location text;

CREATE INDEX IF NOT EXISTS ix_inventory_batches_org_item ON inventory_batches (organization_id, item_id);
CREATE INDEX IF NOT EXISTS ix_stock_movements_org_reference
    ON inventory_stock_movements (organization_id, reference_type, reference_id);

-- The open reorder of each item: the draft SupplyRequest made when its stock fell to its reorder level. While that
-- request is a draft, a further fall makes no second one.
CREATE TABLE cura_stock_reorders (
    organization_id     integer      NOT NULL,
    item_id             integer      NOT NULL,
    supply_request_id   varchar(64)  NOT NULL,
    opened_at           timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, item_id)
);
