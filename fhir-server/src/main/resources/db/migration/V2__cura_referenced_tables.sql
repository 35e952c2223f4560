-- Tables the schema document references (by foreign key or description) without describing them.
-- Designed in the document's style: serial ids, organization_id on every row, jsonb metadata, created/updated stamps.

CREATE TABLE forecast_models (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    name                         text           NOT NULL,
    methodology                  varchar(30)    NOT NULL DEFAULT 'historical_trend',
    parameters                   jsonb          DEFAULT '{}',
    accuracy                     numeric,
    is_active                    boolean        NOT NULL DEFAULT true,
    trained_at                   timestamp,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE chatbot_configs (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    name                         text           NOT NULL,
    welcome_message              text,
    primary_color                varchar(20),
    is_active                    boolean        NOT NULL DEFAULT true,
    settings                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE chatbot_messages (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    session_id                   integer        NOT NULL,
    sender                       varchar(20)    NOT NULL,
    content                      text           NOT NULL,
    intent                       text,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE inventory_categories (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    name                         text           NOT NULL,
    description                  text,
    is_active                    boolean        NOT NULL DEFAULT true,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE inventory_suppliers (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    name                         text           NOT NULL,
    contact_person               text,
    email                        text,
    phone                        text,
    address                      jsonb          DEFAULT '{}',
    payment_terms                text,
    is_active                    boolean        NOT NULL DEFAULT true,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE inventory_batches (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    item_id                      integer        NOT NULL,
    batch_number                 varchar(50)    NOT NULL,
    expiry_date                  date,
    quantity                     integer        NOT NULL DEFAULT 0,
    remaining_quantity           integer        NOT NULL DEFAULT 0,
    unit_cost                    numeric,
    supplier_id                  integer,
    received_date                timestamp      NOT NULL DEFAULT now(),
    is_expired                   boolean        NOT NULL DEFAULT false,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);
