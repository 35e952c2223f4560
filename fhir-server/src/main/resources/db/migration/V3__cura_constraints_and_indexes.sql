-- Foreign keys: the ones the document lists, and every "Reference to" column whose target is a table with an integer id.
-- invoices.patient_id and payments.patient_id hold the clinic's text patient number, not a row id, so they have none.
-- An audit row outlives the patient it names (GDPR erasure removes the patient, the trail stays), hence SET NULL there.

ALTER TABLE saas_subscriptions ADD CONSTRAINT fk_saas_subscriptions_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE saas_subscriptions ADD CONSTRAINT fk_saas_subscriptions_package_id FOREIGN KEY (package_id) REFERENCES saas_packages (id);
ALTER TABLE saas_payments ADD CONSTRAINT fk_saas_payments_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE saas_payments ADD CONSTRAINT fk_saas_payments_subscription_id FOREIGN KEY (subscription_id) REFERENCES saas_subscriptions (id);
ALTER TABLE saas_invoices ADD CONSTRAINT fk_saas_invoices_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE saas_invoices ADD CONSTRAINT fk_saas_invoices_subscription_id FOREIGN KEY (subscription_id) REFERENCES saas_subscriptions (id);
ALTER TABLE users ADD CONSTRAINT fk_users_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE roles ADD CONSTRAINT fk_roles_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE patients ADD CONSTRAINT fk_patients_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE patients ADD CONSTRAINT fk_patients_user_id FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE patients ADD CONSTRAINT fk_patients_created_by FOREIGN KEY (created_by) REFERENCES users (id);
ALTER TABLE medical_records ADD CONSTRAINT fk_medical_records_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE medical_records ADD CONSTRAINT fk_medical_records_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE medical_records ADD CONSTRAINT fk_medical_records_provider_id FOREIGN KEY (provider_id) REFERENCES users (id);
ALTER TABLE appointments ADD CONSTRAINT fk_appointments_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE appointments ADD CONSTRAINT fk_appointments_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE appointments ADD CONSTRAINT fk_appointments_provider_id FOREIGN KEY (provider_id) REFERENCES users (id);
ALTER TABLE appointments ADD CONSTRAINT fk_appointments_created_by FOREIGN KEY (created_by) REFERENCES users (id);
ALTER TABLE consultations ADD CONSTRAINT fk_consultations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE consultations ADD CONSTRAINT fk_consultations_appointment_id FOREIGN KEY (appointment_id) REFERENCES appointments (id);
ALTER TABLE consultations ADD CONSTRAINT fk_consultations_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE consultations ADD CONSTRAINT fk_consultations_provider_id FOREIGN KEY (provider_id) REFERENCES users (id);
ALTER TABLE prescriptions ADD CONSTRAINT fk_prescriptions_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE prescriptions ADD CONSTRAINT fk_prescriptions_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE prescriptions ADD CONSTRAINT fk_prescriptions_doctor_id FOREIGN KEY (doctor_id) REFERENCES users (id);
ALTER TABLE prescriptions ADD CONSTRAINT fk_prescriptions_prescription_created_by FOREIGN KEY (prescription_created_by) REFERENCES users (id);
ALTER TABLE prescriptions ADD CONSTRAINT fk_prescriptions_consultation_id FOREIGN KEY (consultation_id) REFERENCES consultations (id);
ALTER TABLE lab_results ADD CONSTRAINT fk_lab_results_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE lab_results ADD CONSTRAINT fk_lab_results_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE lab_results ADD CONSTRAINT fk_lab_results_ordered_by FOREIGN KEY (ordered_by) REFERENCES users (id);
ALTER TABLE medical_images ADD CONSTRAINT fk_medical_images_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE medical_images ADD CONSTRAINT fk_medical_images_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE medical_images ADD CONSTRAINT fk_medical_images_uploaded_by FOREIGN KEY (uploaded_by) REFERENCES users (id);
ALTER TABLE invoices ADD CONSTRAINT fk_invoices_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE invoices ADD CONSTRAINT fk_invoices_created_by FOREIGN KEY (created_by) REFERENCES users (id);
ALTER TABLE payments ADD CONSTRAINT fk_payments_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE payments ADD CONSTRAINT fk_payments_invoice_id FOREIGN KEY (invoice_id) REFERENCES invoices (id);
ALTER TABLE claims ADD CONSTRAINT fk_claims_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE claims ADD CONSTRAINT fk_claims_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE revenue_records ADD CONSTRAINT fk_revenue_records_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE messages ADD CONSTRAINT fk_messages_conversation_id FOREIGN KEY (conversation_id) REFERENCES conversations (id);
ALTER TABLE messages ADD CONSTRAINT fk_messages_sender_id FOREIGN KEY (sender_id) REFERENCES users (id);
ALTER TABLE conversations ADD CONSTRAINT fk_conversations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE notifications ADD CONSTRAINT fk_notifications_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE notifications ADD CONSTRAINT fk_notifications_user_id FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE patient_communications ADD CONSTRAINT fk_patient_communications_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE patient_communications ADD CONSTRAINT fk_patient_communications_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE patient_communications ADD CONSTRAINT fk_patient_communications_sent_by FOREIGN KEY (sent_by) REFERENCES users (id);
ALTER TABLE ai_insights ADD CONSTRAINT fk_ai_insights_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE ai_insights ADD CONSTRAINT fk_ai_insights_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE symptom_checks ADD CONSTRAINT fk_symptom_checks_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE symptom_checks ADD CONSTRAINT fk_symptom_checks_user_id FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE symptom_checks ADD CONSTRAINT fk_symptom_checks_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE symptom_checks ADD CONSTRAINT fk_symptom_checks_appointment_id FOREIGN KEY (appointment_id) REFERENCES appointments (id);
ALTER TABLE patient_drug_interactions ADD CONSTRAINT fk_patient_drug_interactions_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE patient_drug_interactions ADD CONSTRAINT fk_patient_drug_interactions_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE patient_drug_interactions ADD CONSTRAINT fk_patient_drug_interactions_reported_by FOREIGN KEY (reported_by) REFERENCES users (id);
ALTER TABLE financial_forecasts ADD CONSTRAINT fk_financial_forecasts_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE financial_forecasts ADD CONSTRAINT fk_financial_forecasts_model_id FOREIGN KEY (model_id) REFERENCES forecast_models (id);
ALTER TABLE forecast_models ADD CONSTRAINT fk_forecast_models_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE chatbot_configs ADD CONSTRAINT fk_chatbot_configs_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE chatbot_sessions ADD CONSTRAINT fk_chatbot_sessions_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE chatbot_sessions ADD CONSTRAINT fk_chatbot_sessions_config_id FOREIGN KEY (config_id) REFERENCES chatbot_configs (id);
ALTER TABLE chatbot_sessions ADD CONSTRAINT fk_chatbot_sessions_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE chatbot_messages ADD CONSTRAINT fk_chatbot_messages_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE chatbot_messages ADD CONSTRAINT fk_chatbot_messages_session_id FOREIGN KEY (session_id) REFERENCES chatbot_sessions (id);
ALTER TABLE inventory_categories ADD CONSTRAINT fk_inventory_categories_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE inventory_suppliers ADD CONSTRAINT fk_inventory_suppliers_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE inventory_batches ADD CONSTRAINT fk_inventory_batches_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE inventory_batches ADD CONSTRAINT fk_inventory_batches_item_id FOREIGN KEY (item_id) REFERENCES inventory_items (id);
ALTER TABLE inventory_batches ADD CONSTRAINT fk_inventory_batches_supplier_id FOREIGN KEY (supplier_id) REFERENCES inventory_suppliers (id);
ALTER TABLE inventory_items ADD CONSTRAINT fk_inventory_items_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE inventory_items ADD CONSTRAINT fk_inventory_items_category_id FOREIGN KEY (category_id) REFERENCES inventory_categories (id);
ALTER TABLE inventory_items ADD CONSTRAINT fk_inventory_items_supplier_id FOREIGN KEY (supplier_id) REFERENCES inventory_suppliers (id);
ALTER TABLE inventory_stock_movements ADD CONSTRAINT fk_inventory_stock_movements_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE inventory_stock_movements ADD CONSTRAINT fk_inventory_stock_movements_item_id FOREIGN KEY (item_id) REFERENCES inventory_items (id);
ALTER TABLE inventory_stock_movements ADD CONSTRAINT fk_inventory_stock_movements_batch_id FOREIGN KEY (batch_id) REFERENCES inventory_batches (id);
ALTER TABLE inventory_stock_movements ADD CONSTRAINT fk_inventory_stock_movements_created_by FOREIGN KEY (created_by) REFERENCES users (id);
ALTER TABLE gdpr_consents ADD CONSTRAINT fk_gdpr_consents_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE gdpr_consents ADD CONSTRAINT fk_gdpr_consents_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE gdpr_data_requests ADD CONSTRAINT fk_gdpr_data_requests_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE gdpr_data_requests ADD CONSTRAINT fk_gdpr_data_requests_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id);
ALTER TABLE gdpr_data_requests ADD CONSTRAINT fk_gdpr_data_requests_processed_by FOREIGN KEY (processed_by) REFERENCES users (id);
ALTER TABLE gdpr_audit_trail ADD CONSTRAINT fk_gdpr_audit_trail_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE gdpr_audit_trail ADD CONSTRAINT fk_gdpr_audit_trail_user_id FOREIGN KEY (user_id) REFERENCES users (id);
ALTER TABLE gdpr_audit_trail ADD CONSTRAINT fk_gdpr_audit_trail_patient_id FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL;
ALTER TABLE quickbooks_connections ADD CONSTRAINT fk_quickbooks_connections_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);
ALTER TABLE quickbooks_sync_configs ADD CONSTRAINT fk_quickbooks_sync_configs_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id);

-- Business numbers are unique per clinic, not globally: a global constraint would let one tenant probe another's
-- numbers by provoking a collision.
ALTER TABLE prescriptions   ADD CONSTRAINT uq_prescriptions_org_number UNIQUE (organization_id, prescription_number);
ALTER TABLE invoices        ADD CONSTRAINT uq_invoices_org_number      UNIQUE (organization_id, invoice_number);
ALTER TABLE lab_results     ADD CONSTRAINT uq_lab_results_org_number   UNIQUE (organization_id, lab_number);
ALTER TABLE inventory_items ADD CONSTRAINT uq_inventory_items_org_code UNIQUE (organization_id, item_code);
-- Described as unique without a constraint in the document; the server generates and looks these up per clinic.
ALTER TABLE claims          ADD CONSTRAINT uq_claims_org_number        UNIQUE (organization_id, claim_number);
ALTER TABLE patients        ADD CONSTRAINT uq_patients_org_patient_id  UNIQUE (organization_id, patient_id);
-- Staff log in to one clinic: a username names one account within that clinic.
ALTER TABLE users           ADD CONSTRAINT uq_users_org_username       UNIQUE (organization_id, username);
ALTER TABLE roles           ADD CONSTRAINT uq_roles_org_name           UNIQUE (organization_id, name);
ALTER TABLE inventory_batches ADD CONSTRAINT uq_inventory_batches_item_number UNIQUE (organization_id, item_id, batch_number);
ALTER TABLE chatbot_sessions  ADD CONSTRAINT uq_chatbot_sessions_session_id   UNIQUE (organization_id, session_id);

-- Platform owners live in saas_owners only (DESIGN.md, section 3).
ALTER TABLE users ADD CONSTRAINT ck_users_not_saas_owner CHECK (is_saas_owner = false);

-- The document's common query patterns.
CREATE INDEX ix_patients_org_active          ON patients (organization_id, is_active);
CREATE INDEX ix_appointments_org_provider    ON appointments (organization_id, provider_id, scheduled_at DESC);
CREATE INDEX ix_prescriptions_org_patient    ON prescriptions (organization_id, patient_id, created_at DESC);
CREATE INDEX ix_notifications_org_user_read  ON notifications (organization_id, user_id, is_read);

-- Lookups by patient within a clinic, and the NHS number identifier search.
CREATE INDEX ix_patients_org_nhs_number      ON patients (organization_id, nhs_number);
CREATE INDEX ix_appointments_org_patient     ON appointments (organization_id, patient_id, scheduled_at DESC);
CREATE INDEX ix_consultations_org_patient    ON consultations (organization_id, patient_id, start_time DESC);
CREATE INDEX ix_lab_results_org_patient      ON lab_results (organization_id, patient_id, test_date DESC);
CREATE INDEX ix_medical_images_org_patient   ON medical_images (organization_id, patient_id, study_date DESC);
CREATE INDEX ix_medical_records_org_patient  ON medical_records (organization_id, patient_id, created_at DESC);
CREATE INDEX ix_gdpr_consents_org_patient    ON gdpr_consents (organization_id, patient_id);
CREATE INDEX ix_gdpr_requests_org_patient    ON gdpr_data_requests (organization_id, patient_id);
CREATE INDEX ix_gdpr_audit_org_patient_time  ON gdpr_audit_trail (organization_id, patient_id, "timestamp" DESC);
CREATE INDEX ix_gdpr_audit_org_time          ON gdpr_audit_trail (organization_id, "timestamp" DESC);
CREATE INDEX ix_claims_org_patient           ON claims (organization_id, patient_id);
CREATE INDEX ix_drug_interactions_org_patient ON patient_drug_interactions (organization_id, patient_id);
CREATE INDEX ix_patient_comms_org_patient    ON patient_communications (organization_id, patient_id, created_at DESC);
CREATE INDEX ix_symptom_checks_org_patient   ON symptom_checks (organization_id, patient_id);
CREATE INDEX ix_ai_insights_org_patient      ON ai_insights (organization_id, patient_id);
CREATE INDEX ix_invoices_org_patient         ON invoices (organization_id, patient_id);
CREATE INDEX ix_payments_org_invoice         ON payments (organization_id, invoice_id);
CREATE INDEX ix_users_org_role               ON users (organization_id, role);
CREATE INDEX ix_messages_conversation        ON messages (conversation_id, created_at);
CREATE INDEX ix_conversations_org            ON conversations (organization_id);
CREATE INDEX ix_stock_movements_org_item     ON inventory_stock_movements (organization_id, item_id, movement_date DESC);
CREATE INDEX ix_saas_subscriptions_org       ON saas_subscriptions (organization_id);
CREATE INDEX ix_revenue_records_org_date     ON revenue_records (organization_id, date);
CREATE INDEX ix_financial_forecasts_org      ON financial_forecasts (organization_id, forecast_period);
CREATE INDEX ix_chatbot_messages_session     ON chatbot_messages (session_id, created_at);
