-- The Cura EMR schema, table by table as ../shared/seed/cura-emr-schema.md documents it.
-- Timestamps are "timestamp without time zone" as documented; the server stores them in UTC.
-- Deviations from the document are listed, with their reasons, in ../README.md beside this folder.
-- Foreign keys, per-tenant unique constraints and indexes follow in V3 so that tables can be created in document order.

CREATE TABLE saas_owners (
    id                           serial         PRIMARY KEY,
    username                     varchar(50)    NOT NULL UNIQUE,
    password                     text           NOT NULL,
    email                        text           NOT NULL UNIQUE,
    first_name                   text           NOT NULL,
    last_name                    text           NOT NULL,
    is_active                    boolean        NOT NULL DEFAULT true,
    last_login_at                timestamp,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE saas_packages (
    id                           serial         PRIMARY KEY,
    name                         text           NOT NULL,
    description                  text,
    price                        numeric(10,2)  NOT NULL,
    billing_cycle                varchar(20)    NOT NULL DEFAULT 'monthly',
    features                     jsonb          DEFAULT '{}',
    is_active                    boolean        NOT NULL DEFAULT true,
    show_on_website              boolean        NOT NULL DEFAULT false,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE saas_subscriptions (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    package_id                   integer        NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'active',
    current_period_start         timestamp      NOT NULL,
    current_period_end           timestamp      NOT NULL,
    cancel_at_period_end         boolean        NOT NULL DEFAULT false,
    trial_end                    timestamp,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE saas_payments (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    subscription_id              integer,
    invoice_number               varchar(50)    NOT NULL UNIQUE,
    amount                       numeric(10,2)  NOT NULL,
    currency                     varchar(3)     NOT NULL DEFAULT 'GBP',
    payment_method               varchar(20)    NOT NULL,
    payment_status               varchar(20)    NOT NULL DEFAULT 'pending',
    payment_date                 timestamp,
    due_date                     timestamp      NOT NULL,
    period_start                 timestamp      NOT NULL,
    period_end                   timestamp      NOT NULL,
    payment_provider             varchar(50),
    provider_transaction_id      text,
    description                  text,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE saas_settings (
    id                           serial         PRIMARY KEY,
    key                          varchar(100)   NOT NULL UNIQUE,
    value                        jsonb,
    description                  text,
    category                     varchar(50)    NOT NULL DEFAULT 'system',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE saas_invoices (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    subscription_id              integer        NOT NULL,
    invoice_number               varchar(50)    NOT NULL UNIQUE,
    amount                       numeric(10,2)  NOT NULL,
    currency                     varchar(3)     NOT NULL DEFAULT 'GBP',
    status                       varchar(20)    NOT NULL DEFAULT 'draft',
    issue_date                   timestamp      NOT NULL,
    due_date                     timestamp      NOT NULL,
    paid_date                    timestamp,
    period_start                 timestamp      NOT NULL,
    period_end                   timestamp      NOT NULL,
    line_items                   jsonb          DEFAULT '[]',
    notes                        text,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE organizations (
    id                           serial         PRIMARY KEY,
    name                         text           NOT NULL,
    subdomain                    varchar(50)    NOT NULL UNIQUE,
    email                        text           NOT NULL,
    region                       varchar(10)    NOT NULL DEFAULT 'UK',
    brand_name                   text           NOT NULL,
    settings                     jsonb          DEFAULT '{}',
    features                     jsonb          DEFAULT '{}',
    access_level                 varchar(50)    DEFAULT 'full',
    subscription_status          varchar(20)    NOT NULL DEFAULT 'trial',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE users (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    email                        text           NOT NULL,
    username                     text           NOT NULL,
    password_hash                text           NOT NULL,
    first_name                   text           NOT NULL,
    last_name                    text           NOT NULL,
    role                         varchar(20)    NOT NULL DEFAULT 'doctor',
    department                   text,
    medical_specialty_category   text,
    sub_specialty                text,
    working_days                 jsonb          DEFAULT '[]',
    working_hours                jsonb          DEFAULT '{}',
    permissions                  jsonb          DEFAULT '{}',
    is_active                    boolean        NOT NULL DEFAULT true,
    is_saas_owner                boolean        NOT NULL DEFAULT false,
    last_login_at                timestamp,
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE roles (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    name                         varchar(50)    NOT NULL,
    display_name                 text           NOT NULL,
    description                  text           NOT NULL,
    permissions                  jsonb          NOT NULL,
    is_system                    boolean        NOT NULL DEFAULT false,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE patients (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    user_id                      integer,
    patient_id                   text           NOT NULL,
    first_name                   text           NOT NULL,
    last_name                    text           NOT NULL,
    date_of_birth                date,
    gender_at_birth              varchar(20),
    email                        text,
    phone                        text,
    nhs_number                   text,
    address                      jsonb          DEFAULT '{}',
    insurance_info               jsonb          DEFAULT '{}',
    emergency_contact            jsonb          DEFAULT '{}',
    medical_history              jsonb          DEFAULT '{}',
    risk_level                   varchar(10)    NOT NULL DEFAULT 'low',
    flags                        text[]         DEFAULT '{}',
    communication_preferences    jsonb          DEFAULT '{}',
    is_active                    boolean        NOT NULL DEFAULT true,
    is_insured                   boolean        NOT NULL DEFAULT false,
    created_by                   integer,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE medical_records (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    provider_id                  integer        NOT NULL,
    type                         varchar(20)    NOT NULL,
    title                        text           NOT NULL,
    notes                        text,
    diagnosis                    text,
    treatment                    text,
    prescription                 jsonb          DEFAULT '{}',
    attachments                  jsonb          DEFAULT '[]',
    ai_suggestions               jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE appointments (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    provider_id                  integer        NOT NULL,
    assigned_role                varchar(50),
    title                        text           NOT NULL,
    description                  text,
    scheduled_at                 timestamp      NOT NULL,
    duration                     integer        NOT NULL DEFAULT 30,
    status                       varchar(20)    NOT NULL DEFAULT 'scheduled',
    type                         varchar(20)    NOT NULL DEFAULT 'consultation',
    location                     text,
    is_virtual                   boolean        NOT NULL DEFAULT false,
    created_by                   integer,
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE consultations (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    appointment_id               integer,
    patient_id                   integer        NOT NULL,
    provider_id                  integer        NOT NULL,
    consultation_type            varchar(20)    NOT NULL,
    chief_complaint              text,
    history_of_present_illness   text,
    vitals                       jsonb          DEFAULT '{}',
    physical_exam                text,
    assessment                   text,
    diagnosis                    text[],
    treatment_plan               text,
    prescriptions                text[],
    follow_up_instructions       text,
    consultation_notes           text,
    status                       varchar(20)    NOT NULL DEFAULT 'in_progress',
    start_time                   timestamp      NOT NULL,
    end_time                     timestamp,
    duration                     integer,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE prescriptions (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    doctor_id                    integer        NOT NULL,
    prescription_created_by      integer,
    consultation_id              integer,
    prescription_number          varchar(50)    NOT NULL,
    medication_name              text           NOT NULL,
    dosage                       text           NOT NULL,
    frequency                    text           NOT NULL,
    duration                     text           NOT NULL,
    quantity                     integer,
    refills                      integer,
    instructions                 text,
    diagnosis                    text,
    status                       varchar(20)    NOT NULL DEFAULT 'active',
    pharmacy_name                text,
    pharmacy_email               text,
    pharmacy_phone               text,
    sent_to_pharmacy_at          timestamp,
    dispensed_at                 timestamp,
    signature                    jsonb,
    attachments                  jsonb          DEFAULT '[]',
    notes                        text,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE lab_results (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    ordered_by                   integer        NOT NULL,
    lab_number                   varchar(50)    NOT NULL,
    test_type                    text           NOT NULL,
    test_date                    timestamp      NOT NULL,
    results                      jsonb          NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'pending',
    normal_range                 text,
    notes                        text,
    attachments                  jsonb          DEFAULT '[]',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE medical_images (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    uploaded_by                  integer        NOT NULL,
    imaging_type                 varchar(50)    NOT NULL,
    study_date                   timestamp      NOT NULL,
    body_part                    text,
    modality                     varchar(20),
    finding                      text,
    file_name                    text           NOT NULL,
    file_path                    text           NOT NULL,
    file_size                    integer        NOT NULL,
    mime_type                    varchar(100)   NOT NULL,
    thumbnail_path               text,
    dicom_metadata               jsonb,
    ai_analysis                  jsonb,
    status                       varchar(20)    NOT NULL DEFAULT 'active',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE invoices (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    invoice_number               varchar(50)    NOT NULL,
    patient_id                   text           NOT NULL,
    patient_name                 text           NOT NULL,
    nhs_number                   varchar(10),
    date_of_service              timestamp      NOT NULL,
    invoice_date                 timestamp      NOT NULL,
    due_date                     timestamp      NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'draft',
    invoice_type                 varchar(50)    NOT NULL DEFAULT 'payment',
    subtotal                     numeric(10,2)  NOT NULL,
    tax                          numeric(10,2)  NOT NULL DEFAULT 0,
    discount                     numeric(10,2)  NOT NULL DEFAULT 0,
    total_amount                 numeric(10,2)  NOT NULL,
    paid_amount                  numeric(10,2)  NOT NULL DEFAULT 0,
    items                        jsonb          NOT NULL,
    insurance                    jsonb,
    payments                     jsonb          NOT NULL DEFAULT '[]',
    notes                        text,
    created_by                   integer,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE payments (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    invoice_id                   integer        NOT NULL,
    patient_id                   text           NOT NULL,
    transaction_id               text           NOT NULL UNIQUE,
    amount                       numeric(10,2)  NOT NULL,
    currency                     varchar(3)     NOT NULL DEFAULT 'GBP',
    payment_method               varchar(20)    NOT NULL,
    payment_provider             varchar(50),
    payment_status               varchar(20)    NOT NULL DEFAULT 'completed',
    payment_date                 timestamp      NOT NULL DEFAULT now(),
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE claims (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    claim_number                 varchar(50)    NOT NULL,
    service_date                 timestamp      NOT NULL,
    submission_date              timestamp      NOT NULL,
    amount                       numeric        NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'pending',
    payment_amount               numeric,
    payment_date                 timestamp,
    denial_reason                text,
    insurance_provider           text           NOT NULL,
    procedures                   jsonb          DEFAULT '[]',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE revenue_records (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    date                         date           NOT NULL,
    category                     varchar(50)    NOT NULL,
    amount                       numeric        NOT NULL,
    payment_method               varchar(20),
    source                       varchar(30)    NOT NULL DEFAULT 'appointment',
    notes                        text,
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE messages (
    id                           serial         PRIMARY KEY,
    conversation_id              varchar(50)    NOT NULL,
    sender_id                    integer        NOT NULL,
    sender_type                  varchar(20)    NOT NULL,
    content                      text           NOT NULL,
    is_read                      boolean        NOT NULL DEFAULT false,
    attachments                  jsonb          DEFAULT '[]',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE conversations (
    id                           varchar(50)    PRIMARY KEY,
    organization_id              integer        NOT NULL,
    participants                 jsonb          NOT NULL,
    last_message                 jsonb,
    unread_count                 integer        NOT NULL DEFAULT 0,
    is_patient_conversation      boolean        NOT NULL DEFAULT false,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE notifications (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    user_id                      integer        NOT NULL,
    type                         varchar(30)    NOT NULL,
    title                        text           NOT NULL,
    message                      text           NOT NULL,
    link                         text,
    is_read                      boolean        NOT NULL DEFAULT false,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE patient_communications (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    sent_by                      integer        NOT NULL,
    communication_type           varchar(20)    NOT NULL,
    method                       varchar(20)    NOT NULL,
    subject                      text,
    message                      text           NOT NULL,
    recipient                    text           NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'pending',
    delivery_status              varchar(20),
    sent_at                      timestamp,
    delivered_at                 timestamp,
    provider_message_id          text,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE ai_insights (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer,
    type                         varchar(30)    NOT NULL,
    title                        text           NOT NULL,
    description                  text           NOT NULL,
    severity                     varchar(10)    NOT NULL DEFAULT 'medium',
    action_required              boolean        NOT NULL DEFAULT false,
    confidence                   varchar(10),
    metadata                     jsonb          DEFAULT '{}',
    status                       varchar(20)    NOT NULL DEFAULT 'active',
    ai_status                    varchar(20)    DEFAULT 'pending',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE symptom_checks (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    user_id                      integer,
    patient_id                   integer,
    appointment_id               integer,
    symptoms                     jsonb          NOT NULL,
    age                          integer,
    gender                       varchar(10),
    conditions                   jsonb,
    severity                     varchar(20),
    recommendation               text,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE patient_drug_interactions (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    reported_by                  integer        NOT NULL,
    drug1                        text           NOT NULL,
    drug2                        text           NOT NULL,
    interaction_type             varchar(20)    NOT NULL,
    severity                     varchar(20)    NOT NULL,
    description                  text           NOT NULL,
    recommendation               text,
    status                       varchar(20)    NOT NULL DEFAULT 'active',
    ai_confidence                real,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE financial_forecasts (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    category                     text           NOT NULL,
    forecast_period              varchar(7)     NOT NULL,
    generated_at                 timestamp      NOT NULL DEFAULT now(),
    current_value                numeric        NOT NULL,
    projected_value              numeric        NOT NULL,
    variance                     numeric        NOT NULL,
    trend                        varchar(10)    NOT NULL,
    confidence                   integer        NOT NULL,
    methodology                  varchar(30)    NOT NULL DEFAULT 'historical_trend',
    key_factors                  jsonb          DEFAULT '[]',
    model_id                     integer,
    metadata                     jsonb          DEFAULT '{}',
    is_active                    boolean        NOT NULL DEFAULT true,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      DEFAULT now()
);

CREATE TABLE chatbot_sessions (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    config_id                    integer        NOT NULL,
    session_id                   text           NOT NULL,
    visitor_id                   text,
    patient_id                   integer,
    status                       varchar(20)    NOT NULL DEFAULT 'active',
    current_intent               text,
    extracted_patient_name       text,
    extracted_phone              text,
    extracted_email              text,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE inventory_items (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    category_id                  integer,
    item_code                    varchar(50)    NOT NULL,
    name                         text           NOT NULL,
    description                  text,
    unit_of_measurement          varchar(20)    NOT NULL,
    reorder_level                integer        NOT NULL DEFAULT 10,
    current_stock                integer        NOT NULL DEFAULT 0,
    unit_cost                    numeric        NOT NULL,
    selling_price                numeric,
    supplier_id                  integer,
    storage_location             text,
    expiry_tracking              boolean        NOT NULL DEFAULT false,
    batch_tracking               boolean        NOT NULL DEFAULT false,
    is_active                    boolean        NOT NULL DEFAULT true,
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE inventory_stock_movements (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    item_id                      integer        NOT NULL,
    batch_id                     integer,
    movement_type                varchar(20)    NOT NULL,
    quantity                     integer        NOT NULL,
    unit_cost                    numeric,
    reference_type               varchar(30),
    reference_id                 integer,
    notes                        text,
    created_by                   integer        NOT NULL,
    movement_date                timestamp      NOT NULL DEFAULT now(),
    created_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE gdpr_consents (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    consent_type                 varchar(50)    NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'pending',
    granted_at                   timestamp,
    withdrawn_at                 timestamp,
    expires_at                   timestamp,
    purpose                      text           NOT NULL,
    legal_basis                  varchar(50)    NOT NULL,
    data_categories              jsonb          DEFAULT '[]',
    retention_period             integer,
    ip_address                   varchar(45),
    user_agent                   text,
    consent_method               varchar(30)    NOT NULL DEFAULT 'digital',
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE gdpr_data_requests (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    patient_id                   integer        NOT NULL,
    request_type                 varchar(30)    NOT NULL,
    status                       varchar(20)    NOT NULL DEFAULT 'pending',
    request_reason               text,
    identity_verified            boolean        NOT NULL DEFAULT false,
    processed_by                 integer,
    requested_at                 timestamp      NOT NULL DEFAULT now(),
    completed_at                 timestamp,
    due_date                     timestamp      NOT NULL,
    response_data                jsonb          DEFAULT '{}',
    rejection_reason             text,
    communication_log            jsonb          DEFAULT '[]',
    metadata                     jsonb          DEFAULT '{}',
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE gdpr_audit_trail (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    user_id                      integer,
    patient_id                   integer,
    action                       varchar(50)    NOT NULL,
    resource_type                varchar(30)    NOT NULL,
    resource_id                  integer,
    data_categories              jsonb          DEFAULT '[]',
    legal_basis                  varchar(50),
    purpose                      text,
    changes                      jsonb          DEFAULT '[]',
    ip_address                   varchar(45),
    user_agent                   text,
    session_id                   varchar(100),
    timestamp                    timestamp      NOT NULL DEFAULT now(),
    metadata                     jsonb          DEFAULT '{}'
);

CREATE TABLE quickbooks_connections (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    realm_id                     text           NOT NULL UNIQUE,
    access_token                 text,
    refresh_token                text,
    token_expiry                 timestamp,
    company_name                 text,
    country                      varchar(2),
    is_active                    boolean        NOT NULL DEFAULT true,
    last_sync_at                 timestamp,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);

CREATE TABLE quickbooks_sync_configs (
    id                           serial         PRIMARY KEY,
    organization_id              integer        NOT NULL,
    sync_invoices                boolean        NOT NULL DEFAULT true,
    sync_payments                boolean        NOT NULL DEFAULT true,
    sync_customers               boolean        NOT NULL DEFAULT true,
    sync_items                   boolean        NOT NULL DEFAULT false,
    auto_sync                    boolean        NOT NULL DEFAULT false,
    sync_frequency               varchar(20)    DEFAULT 'manual',
    last_invoice_sync            timestamp,
    last_payment_sync            timestamp,
    last_customer_sync           timestamp,
    created_at                   timestamp      NOT NULL DEFAULT now(),
    updated_at                   timestamp      NOT NULL DEFAULT now()
);
