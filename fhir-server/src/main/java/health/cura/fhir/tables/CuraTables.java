package health.cura.fhir.tables;

import static health.cura.fhir.tables.Column.column;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every table of the Cura EMR schema ({@code ../shared/seed/cura-emr-schema.md}), declared once: its columns with their
 * SQL types and the kind of data each holds, how a row belongs to a clinic, which column names the patient a row is
 * about, and the FHIR type its rows are linked to. {@code TableRegistryTest} holds it to the schema document and to the
 * database. Data kinds follow the column's meaning, not its table: {@code patients} mixes identity, contact, clinical
 * and financial data, and GDPR export and erasure treat them apart.
 */
public final class CuraTables {

    public static final CuraTable SAAS_OWNERS = CuraTable.of("saas_owners", TenantScope.platform(), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("username", SqlType.VARCHAR, DataKind.IDENTITY),
            column("password", SqlType.TEXT, DataKind.SECRET),
            column("email", SqlType.TEXT, DataKind.CONTACT),
            column("first_name", SqlType.TEXT, DataKind.IDENTITY),
            column("last_name", SqlType.TEXT, DataKind.IDENTITY),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("last_login_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable SAAS_PACKAGES = CuraTable.of("saas_packages", TenantScope.platform(), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("name", SqlType.TEXT, DataKind.FINANCIAL),
            column("description", SqlType.TEXT, DataKind.FINANCIAL),
            column("price", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("billing_cycle", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("features", SqlType.JSONB, DataKind.FINANCIAL),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("show_on_website", SqlType.BOOLEAN, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable SAAS_SUBSCRIPTIONS = CuraTable.of("saas_subscriptions", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("package_id", SqlType.INTEGER, DataKind.KEY),
            column("status", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("current_period_start", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("current_period_end", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("cancel_at_period_end", SqlType.BOOLEAN, DataKind.FINANCIAL),
            column("trial_end", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("metadata", SqlType.JSONB, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable SAAS_PAYMENTS = CuraTable.of("saas_payments", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("subscription_id", SqlType.INTEGER, DataKind.KEY),
            column("invoice_number", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("currency", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_method", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_status", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("due_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("period_start", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("period_end", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("payment_provider", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("provider_transaction_id", SqlType.TEXT, DataKind.FINANCIAL),
            column("description", SqlType.TEXT, DataKind.FINANCIAL),
            column("metadata", SqlType.JSONB, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable SAAS_SETTINGS = CuraTable.of("saas_settings", TenantScope.platform(), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("key", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("value", SqlType.JSONB, DataKind.OPERATIONAL),
            column("description", SqlType.TEXT, DataKind.OPERATIONAL),
            column("category", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable SAAS_INVOICES = CuraTable.of("saas_invoices", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("subscription_id", SqlType.INTEGER, DataKind.KEY),
            column("invoice_number", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("currency", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("status", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("issue_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("due_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("paid_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("period_start", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("period_end", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("line_items", SqlType.JSONB, DataKind.FINANCIAL),
            column("notes", SqlType.TEXT, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable ORGANIZATIONS = CuraTable.of("organizations", TenantScope.isTenant("id"), null, "Organization", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("name", SqlType.TEXT, DataKind.OPERATIONAL),
            column("subdomain", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("email", SqlType.TEXT, DataKind.CONTACT),
            column("region", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("brand_name", SqlType.TEXT, DataKind.OPERATIONAL),
            column("settings", SqlType.JSONB, DataKind.OPERATIONAL),
            column("features", SqlType.JSONB, DataKind.OPERATIONAL),
            column("access_level", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("subscription_status", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable USERS = CuraTable.of("users", TenantScope.column("organization_id"), null, "Practitioner", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("email", SqlType.TEXT, DataKind.CONTACT),
            column("username", SqlType.TEXT, DataKind.IDENTITY),
            column("password_hash", SqlType.TEXT, DataKind.SECRET),
            column("first_name", SqlType.TEXT, DataKind.IDENTITY),
            column("last_name", SqlType.TEXT, DataKind.IDENTITY),
            column("role", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("department", SqlType.TEXT, DataKind.OPERATIONAL),
            column("medical_specialty_category", SqlType.TEXT, DataKind.OPERATIONAL),
            column("sub_specialty", SqlType.TEXT, DataKind.OPERATIONAL),
            column("working_days", SqlType.JSONB, DataKind.OPERATIONAL),
            column("working_hours", SqlType.JSONB, DataKind.OPERATIONAL),
            column("permissions", SqlType.JSONB, DataKind.OPERATIONAL),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("is_saas_owner", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("last_login_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable ROLES = CuraTable.of("roles", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("name", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("display_name", SqlType.TEXT, DataKind.OPERATIONAL),
            column("description", SqlType.TEXT, DataKind.OPERATIONAL),
            column("permissions", SqlType.JSONB, DataKind.OPERATIONAL),
            column("is_system", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable PATIENTS = CuraTable.of("patients", TenantScope.column("organization_id"), PatientColumn.rowId("id"), "Patient", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("user_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.TEXT, DataKind.IDENTITY),
            column("first_name", SqlType.TEXT, DataKind.IDENTITY),
            column("last_name", SqlType.TEXT, DataKind.IDENTITY),
            column("date_of_birth", SqlType.DATE, DataKind.IDENTITY),
            column("gender_at_birth", SqlType.VARCHAR, DataKind.IDENTITY),
            column("email", SqlType.TEXT, DataKind.CONTACT),
            column("phone", SqlType.TEXT, DataKind.CONTACT),
            column("nhs_number", SqlType.TEXT, DataKind.IDENTITY),
            column("address", SqlType.JSONB, DataKind.CONTACT),
            column("insurance_info", SqlType.JSONB, DataKind.FINANCIAL),
            column("emergency_contact", SqlType.JSONB, DataKind.CONTACT),
            column("medical_history", SqlType.JSONB, DataKind.CLINICAL),
            column("risk_level", SqlType.VARCHAR, DataKind.CLINICAL),
            column("flags", SqlType.TEXT_ARRAY, DataKind.CLINICAL),
            column("communication_preferences", SqlType.JSONB, DataKind.CONTACT),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("is_insured", SqlType.BOOLEAN, DataKind.FINANCIAL),
            column("created_by", SqlType.INTEGER, DataKind.AUDIT),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable MEDICAL_RECORDS = CuraTable.of("medical_records", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("provider_id", SqlType.INTEGER, DataKind.KEY),
            column("type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("title", SqlType.TEXT, DataKind.CLINICAL),
            column("notes", SqlType.TEXT, DataKind.CLINICAL),
            column("diagnosis", SqlType.TEXT, DataKind.CLINICAL),
            column("treatment", SqlType.TEXT, DataKind.CLINICAL),
            column("prescription", SqlType.JSONB, DataKind.CLINICAL),
            column("attachments", SqlType.JSONB, DataKind.CLINICAL),
            column("ai_suggestions", SqlType.JSONB, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable APPOINTMENTS = CuraTable.of("appointments", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "Appointment", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("provider_id", SqlType.INTEGER, DataKind.KEY),
            column("assigned_role", SqlType.VARCHAR, DataKind.CLINICAL),
            column("title", SqlType.TEXT, DataKind.CLINICAL),
            column("description", SqlType.TEXT, DataKind.CLINICAL),
            column("scheduled_at", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("duration", SqlType.INTEGER, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("location", SqlType.TEXT, DataKind.CLINICAL),
            column("is_virtual", SqlType.BOOLEAN, DataKind.CLINICAL),
            column("created_by", SqlType.INTEGER, DataKind.AUDIT),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable CONSULTATIONS = CuraTable.of("consultations", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "Encounter", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("appointment_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("provider_id", SqlType.INTEGER, DataKind.KEY),
            column("consultation_type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("chief_complaint", SqlType.TEXT, DataKind.CLINICAL),
            column("history_of_present_illness", SqlType.TEXT, DataKind.CLINICAL),
            column("vitals", SqlType.JSONB, DataKind.CLINICAL),
            column("physical_exam", SqlType.TEXT, DataKind.CLINICAL),
            column("assessment", SqlType.TEXT, DataKind.CLINICAL),
            column("diagnosis", SqlType.TEXT_ARRAY, DataKind.CLINICAL),
            column("treatment_plan", SqlType.TEXT, DataKind.CLINICAL),
            column("prescriptions", SqlType.TEXT_ARRAY, DataKind.CLINICAL),
            column("follow_up_instructions", SqlType.TEXT, DataKind.CLINICAL),
            column("consultation_notes", SqlType.TEXT, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("start_time", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("end_time", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("duration", SqlType.INTEGER, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable PRESCRIPTIONS = CuraTable.of("prescriptions", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "MedicationRequest", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("doctor_id", SqlType.INTEGER, DataKind.KEY),
            column("prescription_created_by", SqlType.INTEGER, DataKind.KEY),
            column("consultation_id", SqlType.INTEGER, DataKind.KEY),
            column("prescription_number", SqlType.VARCHAR, DataKind.CLINICAL),
            column("medication_name", SqlType.TEXT, DataKind.CLINICAL),
            column("dosage", SqlType.TEXT, DataKind.CLINICAL),
            column("frequency", SqlType.TEXT, DataKind.CLINICAL),
            column("duration", SqlType.TEXT, DataKind.CLINICAL),
            column("quantity", SqlType.INTEGER, DataKind.CLINICAL),
            column("refills", SqlType.INTEGER, DataKind.CLINICAL),
            column("instructions", SqlType.TEXT, DataKind.CLINICAL),
            column("diagnosis", SqlType.TEXT, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("pharmacy_name", SqlType.TEXT, DataKind.OPERATIONAL),
            column("pharmacy_email", SqlType.TEXT, DataKind.OPERATIONAL),
            column("pharmacy_phone", SqlType.TEXT, DataKind.OPERATIONAL),
            column("sent_to_pharmacy_at", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("dispensed_at", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("signature", SqlType.JSONB, DataKind.CLINICAL),
            column("attachments", SqlType.JSONB, DataKind.CLINICAL),
            column("notes", SqlType.TEXT, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable LAB_RESULTS = CuraTable.of("lab_results", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "DiagnosticReport", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("ordered_by", SqlType.INTEGER, DataKind.KEY),
            column("lab_number", SqlType.VARCHAR, DataKind.CLINICAL),
            column("test_type", SqlType.TEXT, DataKind.CLINICAL),
            column("test_date", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("results", SqlType.JSONB, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("normal_range", SqlType.TEXT, DataKind.CLINICAL),
            column("notes", SqlType.TEXT, DataKind.CLINICAL),
            column("attachments", SqlType.JSONB, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable MEDICAL_IMAGES = CuraTable.of("medical_images", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "ImagingStudy", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("uploaded_by", SqlType.INTEGER, DataKind.KEY),
            column("imaging_type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("study_date", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("body_part", SqlType.TEXT, DataKind.CLINICAL),
            column("modality", SqlType.VARCHAR, DataKind.CLINICAL),
            column("finding", SqlType.TEXT, DataKind.CLINICAL),
            column("file_name", SqlType.TEXT, DataKind.CLINICAL),
            column("file_path", SqlType.TEXT, DataKind.CLINICAL),
            column("file_size", SqlType.INTEGER, DataKind.CLINICAL),
            column("mime_type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("thumbnail_path", SqlType.TEXT, DataKind.CLINICAL),
            column("dicom_metadata", SqlType.JSONB, DataKind.CLINICAL),
            column("ai_analysis", SqlType.JSONB, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable INVOICES = CuraTable.of("invoices", TenantScope.column("organization_id"), PatientColumn.patientNumber("patient_id"), "Invoice", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("invoice_number", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("patient_id", SqlType.TEXT, DataKind.IDENTITY),
            column("patient_name", SqlType.TEXT, DataKind.IDENTITY),
            column("nhs_number", SqlType.VARCHAR, DataKind.IDENTITY),
            column("date_of_service", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("invoice_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("due_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("status", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("invoice_type", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("subtotal", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("tax", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("discount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("total_amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("paid_amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("items", SqlType.JSONB, DataKind.FINANCIAL),
            column("insurance", SqlType.JSONB, DataKind.FINANCIAL),
            column("payments", SqlType.JSONB, DataKind.FINANCIAL),
            column("notes", SqlType.TEXT, DataKind.FINANCIAL),
            column("created_by", SqlType.INTEGER, DataKind.AUDIT),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable PAYMENTS = CuraTable.of("payments", TenantScope.column("organization_id"), PatientColumn.patientNumber("patient_id"), "PaymentReconciliation", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("invoice_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.TEXT, DataKind.IDENTITY),
            column("transaction_id", SqlType.TEXT, DataKind.FINANCIAL),
            column("amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("currency", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_method", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_provider", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_status", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("metadata", SqlType.JSONB, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable CLAIMS = CuraTable.of("claims", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "Claim", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("claim_number", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("service_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("submission_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("status", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("payment_amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("payment_date", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("denial_reason", SqlType.TEXT, DataKind.FINANCIAL),
            column("insurance_provider", SqlType.TEXT, DataKind.FINANCIAL),
            column("procedures", SqlType.JSONB, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable REVENUE_RECORDS = CuraTable.of("revenue_records", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("date", SqlType.DATE, DataKind.FINANCIAL),
            column("category", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("amount", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("payment_method", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("source", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("notes", SqlType.TEXT, DataKind.FINANCIAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable MESSAGES = CuraTable.of("messages", TenantScope.through("conversation_id", "conversations"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("conversation_id", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("sender_id", SqlType.INTEGER, DataKind.KEY),
            column("sender_type", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("content", SqlType.TEXT, DataKind.OPERATIONAL),
            column("is_read", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("attachments", SqlType.JSONB, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable CONVERSATIONS = CuraTable.of("conversations", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.VARCHAR, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("participants", SqlType.JSONB, DataKind.OPERATIONAL),
            column("last_message", SqlType.JSONB, DataKind.OPERATIONAL),
            column("unread_count", SqlType.INTEGER, DataKind.OPERATIONAL),
            column("is_patient_conversation", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable NOTIFICATIONS = CuraTable.of("notifications", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("user_id", SqlType.INTEGER, DataKind.KEY),
            column("type", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("title", SqlType.TEXT, DataKind.OPERATIONAL),
            column("message", SqlType.TEXT, DataKind.OPERATIONAL),
            column("link", SqlType.TEXT, DataKind.OPERATIONAL),
            column("is_read", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("metadata", SqlType.JSONB, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable PATIENT_COMMUNICATIONS = CuraTable.of("patient_communications", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("sent_by", SqlType.INTEGER, DataKind.KEY),
            column("communication_type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("method", SqlType.VARCHAR, DataKind.CLINICAL),
            column("subject", SqlType.TEXT, DataKind.CLINICAL),
            column("message", SqlType.TEXT, DataKind.CLINICAL),
            column("recipient", SqlType.TEXT, DataKind.CONTACT),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("delivery_status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("sent_at", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("delivered_at", SqlType.TIMESTAMP, DataKind.CLINICAL),
            column("provider_message_id", SqlType.TEXT, DataKind.OPERATIONAL),
            column("metadata", SqlType.JSONB, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable AI_INSIGHTS = CuraTable.of("ai_insights", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("title", SqlType.TEXT, DataKind.CLINICAL),
            column("description", SqlType.TEXT, DataKind.CLINICAL),
            column("severity", SqlType.VARCHAR, DataKind.CLINICAL),
            column("action_required", SqlType.BOOLEAN, DataKind.CLINICAL),
            column("confidence", SqlType.VARCHAR, DataKind.CLINICAL),
            column("metadata", SqlType.JSONB, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("ai_status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable SYMPTOM_CHECKS = CuraTable.of("symptom_checks", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("user_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("appointment_id", SqlType.INTEGER, DataKind.KEY),
            column("symptoms", SqlType.JSONB, DataKind.CLINICAL),
            column("age", SqlType.INTEGER, DataKind.CLINICAL),
            column("gender", SqlType.VARCHAR, DataKind.CLINICAL),
            column("conditions", SqlType.JSONB, DataKind.CLINICAL),
            column("severity", SqlType.VARCHAR, DataKind.CLINICAL),
            column("recommendation", SqlType.TEXT, DataKind.CLINICAL),
            column("metadata", SqlType.JSONB, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable PATIENT_DRUG_INTERACTIONS = CuraTable.of("patient_drug_interactions", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("reported_by", SqlType.INTEGER, DataKind.KEY),
            column("drug1", SqlType.TEXT, DataKind.CLINICAL),
            column("drug2", SqlType.TEXT, DataKind.CLINICAL),
            column("interaction_type", SqlType.VARCHAR, DataKind.CLINICAL),
            column("severity", SqlType.VARCHAR, DataKind.CLINICAL),
            column("description", SqlType.TEXT, DataKind.CLINICAL),
            column("recommendation", SqlType.TEXT, DataKind.CLINICAL),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("ai_confidence", SqlType.REAL, DataKind.CLINICAL),
            column("metadata", SqlType.JSONB, DataKind.CLINICAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable FINANCIAL_FORECASTS = CuraTable.of("financial_forecasts", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("category", SqlType.TEXT, DataKind.FINANCIAL),
            column("forecast_period", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("generated_at", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("current_value", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("projected_value", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("variance", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("trend", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("confidence", SqlType.INTEGER, DataKind.FINANCIAL),
            column("methodology", SqlType.VARCHAR, DataKind.FINANCIAL),
            column("key_factors", SqlType.JSONB, DataKind.FINANCIAL),
            column("model_id", SqlType.INTEGER, DataKind.KEY),
            column("metadata", SqlType.JSONB, DataKind.FINANCIAL),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable CHATBOT_SESSIONS = CuraTable.of("chatbot_sessions", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("config_id", SqlType.INTEGER, DataKind.KEY),
            column("session_id", SqlType.TEXT, DataKind.AUDIT),
            column("visitor_id", SqlType.TEXT, DataKind.AUDIT),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("status", SqlType.VARCHAR, DataKind.CLINICAL),
            column("current_intent", SqlType.TEXT, DataKind.CLINICAL),
            column("extracted_patient_name", SqlType.TEXT, DataKind.IDENTITY),
            column("extracted_phone", SqlType.TEXT, DataKind.CONTACT),
            column("extracted_email", SqlType.TEXT, DataKind.CONTACT),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable INVENTORY_ITEMS = CuraTable.of("inventory_items", TenantScope.column("organization_id"), null, "Basic", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("category_id", SqlType.INTEGER, DataKind.KEY),
            column("item_code", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("name", SqlType.TEXT, DataKind.OPERATIONAL),
            column("description", SqlType.TEXT, DataKind.OPERATIONAL),
            column("unit_of_measurement", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("reorder_level", SqlType.INTEGER, DataKind.OPERATIONAL),
            column("current_stock", SqlType.INTEGER, DataKind.OPERATIONAL),
            column("unit_cost", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("selling_price", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("supplier_id", SqlType.INTEGER, DataKind.KEY),
            column("storage_location", SqlType.TEXT, DataKind.OPERATIONAL),
            column("expiry_tracking", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("batch_tracking", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("metadata", SqlType.JSONB, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable INVENTORY_STOCK_MOVEMENTS = CuraTable.of("inventory_stock_movements", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("item_id", SqlType.INTEGER, DataKind.KEY),
            column("batch_id", SqlType.INTEGER, DataKind.KEY),
            column("movement_type", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("quantity", SqlType.INTEGER, DataKind.OPERATIONAL),
            column("unit_cost", SqlType.DECIMAL, DataKind.FINANCIAL),
            column("reference_type", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("reference_id", SqlType.INTEGER, DataKind.KEY),
            column("notes", SqlType.TEXT, DataKind.OPERATIONAL),
            column("created_by", SqlType.INTEGER, DataKind.AUDIT),
            column("movement_date", SqlType.TIMESTAMP, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable GDPR_CONSENTS = CuraTable.of("gdpr_consents", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "Consent", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("consent_type", SqlType.VARCHAR, DataKind.LEGAL),
            column("status", SqlType.VARCHAR, DataKind.LEGAL),
            column("granted_at", SqlType.TIMESTAMP, DataKind.LEGAL),
            column("withdrawn_at", SqlType.TIMESTAMP, DataKind.LEGAL),
            column("expires_at", SqlType.TIMESTAMP, DataKind.LEGAL),
            column("purpose", SqlType.TEXT, DataKind.LEGAL),
            column("legal_basis", SqlType.VARCHAR, DataKind.LEGAL),
            column("data_categories", SqlType.JSONB, DataKind.LEGAL),
            column("retention_period", SqlType.INTEGER, DataKind.LEGAL),
            column("ip_address", SqlType.VARCHAR, DataKind.AUDIT),
            column("user_agent", SqlType.TEXT, DataKind.AUDIT),
            column("consent_method", SqlType.VARCHAR, DataKind.LEGAL),
            column("metadata", SqlType.JSONB, DataKind.LEGAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable GDPR_DATA_REQUESTS = CuraTable.of("gdpr_data_requests", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), "Task", List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("request_type", SqlType.VARCHAR, DataKind.LEGAL),
            column("status", SqlType.VARCHAR, DataKind.LEGAL),
            column("request_reason", SqlType.TEXT, DataKind.LEGAL),
            column("identity_verified", SqlType.BOOLEAN, DataKind.LEGAL),
            column("processed_by", SqlType.INTEGER, DataKind.KEY),
            column("requested_at", SqlType.TIMESTAMP, DataKind.LEGAL),
            column("completed_at", SqlType.TIMESTAMP, DataKind.LEGAL),
            column("due_date", SqlType.TIMESTAMP, DataKind.LEGAL),
            column("response_data", SqlType.JSONB, DataKind.LEGAL),
            column("rejection_reason", SqlType.TEXT, DataKind.LEGAL),
            column("communication_log", SqlType.JSONB, DataKind.LEGAL),
            column("metadata", SqlType.JSONB, DataKind.LEGAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable GDPR_AUDIT_TRAIL = CuraTable.of("gdpr_audit_trail", TenantScope.column("organization_id"), PatientColumn.rowId("patient_id"), null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("user_id", SqlType.INTEGER, DataKind.KEY),
            column("patient_id", SqlType.INTEGER, DataKind.KEY),
            column("action", SqlType.VARCHAR, DataKind.AUDIT),
            column("resource_type", SqlType.VARCHAR, DataKind.AUDIT),
            column("resource_id", SqlType.INTEGER, DataKind.AUDIT),
            column("data_categories", SqlType.JSONB, DataKind.AUDIT),
            column("legal_basis", SqlType.VARCHAR, DataKind.AUDIT),
            column("purpose", SqlType.TEXT, DataKind.AUDIT),
            column("changes", SqlType.JSONB, DataKind.AUDIT),
            column("ip_address", SqlType.VARCHAR, DataKind.AUDIT),
            column("user_agent", SqlType.TEXT, DataKind.AUDIT),
            column("session_id", SqlType.VARCHAR, DataKind.AUDIT),
            column("timestamp", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("metadata", SqlType.JSONB, DataKind.AUDIT)));

    public static final CuraTable QUICKBOOKS_CONNECTIONS = CuraTable.of("quickbooks_connections", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("realm_id", SqlType.TEXT, DataKind.OPERATIONAL),
            column("access_token", SqlType.TEXT, DataKind.SECRET),
            column("refresh_token", SqlType.TEXT, DataKind.SECRET),
            column("token_expiry", SqlType.TIMESTAMP, DataKind.OPERATIONAL),
            column("company_name", SqlType.TEXT, DataKind.OPERATIONAL),
            column("country", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("is_active", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("last_sync_at", SqlType.TIMESTAMP, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    public static final CuraTable QUICKBOOKS_SYNC_CONFIGS = CuraTable.of("quickbooks_sync_configs", TenantScope.column("organization_id"), null, null, List.of(
            column("id", SqlType.SERIAL, DataKind.KEY),
            column("organization_id", SqlType.INTEGER, DataKind.KEY),
            column("sync_invoices", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("sync_payments", SqlType.BOOLEAN, DataKind.FINANCIAL),
            column("sync_customers", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("sync_items", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("auto_sync", SqlType.BOOLEAN, DataKind.OPERATIONAL),
            column("sync_frequency", SqlType.VARCHAR, DataKind.OPERATIONAL),
            column("last_invoice_sync", SqlType.TIMESTAMP, DataKind.OPERATIONAL),
            column("last_payment_sync", SqlType.TIMESTAMP, DataKind.FINANCIAL),
            column("last_customer_sync", SqlType.TIMESTAMP, DataKind.OPERATIONAL),
            column("created_at", SqlType.TIMESTAMP, DataKind.AUDIT),
            column("updated_at", SqlType.TIMESTAMP, DataKind.AUDIT)));

    /** Every table, in the schema document's order. */
    public static final List<CuraTable> ALL = List.of(
            SAAS_OWNERS,
            SAAS_PACKAGES,
            SAAS_SUBSCRIPTIONS,
            SAAS_PAYMENTS,
            SAAS_SETTINGS,
            SAAS_INVOICES,
            ORGANIZATIONS,
            USERS,
            ROLES,
            PATIENTS,
            MEDICAL_RECORDS,
            APPOINTMENTS,
            CONSULTATIONS,
            PRESCRIPTIONS,
            LAB_RESULTS,
            MEDICAL_IMAGES,
            INVOICES,
            PAYMENTS,
            CLAIMS,
            REVENUE_RECORDS,
            MESSAGES,
            CONVERSATIONS,
            NOTIFICATIONS,
            PATIENT_COMMUNICATIONS,
            AI_INSIGHTS,
            SYMPTOM_CHECKS,
            PATIENT_DRUG_INTERACTIONS,
            FINANCIAL_FORECASTS,
            CHATBOT_SESSIONS,
            INVENTORY_ITEMS,
            INVENTORY_STOCK_MOVEMENTS,
            GDPR_CONSENTS,
            GDPR_DATA_REQUESTS,
            GDPR_AUDIT_TRAIL,
            QUICKBOOKS_CONNECTIONS,
            QUICKBOOKS_SYNC_CONFIGS);

    private CuraTables() {}

    public static Optional<CuraTable> named(String name) {
        return ALL.stream().filter(table -> table.name().equals(name)).findFirst();
    }

    /** The table whose rows are the resources of {@code resourceType}, through the link table. */
    public static Optional<CuraTable> ofResourceType(String resourceType) {
        return ALL.stream().filter(table -> table.resourceType().filter(resourceType::equals).isPresent()).findFirst();
    }

    /** The resource types whose resources have rows. */
    public static Set<String> linkedResourceTypes() {
        return ALL.stream().flatMap(table -> table.resourceType().stream()).collect(Collectors.toUnmodifiableSet());
    }

    /** The name of the table of {@code resourceType}'s rows; a type without rows is a programming error. */
    public static String tableOf(String resourceType) {
        return ofResourceType(resourceType).map(CuraTable::name).orElseThrow(() ->
                new IllegalArgumentException(resourceType + " is not mapped to a Cura table"));
    }

    /** The tables that hold data about patients, each with the column that names the patient. */
    public static List<CuraTable> withPatientData() {
        return ALL.stream().filter(table -> table.patientColumn().isPresent()).toList();
    }
}
