package health.cura.conformance.terminology;

import static health.cura.conformance.terminology.CuraCode.equivalent;
import static health.cura.conformance.terminology.CuraCode.unmapped;
import static health.cura.conformance.terminology.CuraCode.wider;

import java.util.List;
import java.util.Map;

/**
 * Every enum the Cura schema document lists, with its standard counterpart. The first Cura value mapped to a standard
 * code is the one that code is stored as, so the more general value comes first.
 */
public final class CuraEnums {

    public static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    public static final String V2_APPOINTMENT_REASON = "http://terminology.hl7.org/CodeSystem/v2-0276";
    public static final String CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope";
    public static final String PRACTITIONER_ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";

    public static final CuraEnum REGION = new CuraEnum("region", "Cura region", "organizations.region", null,
            List.of(unmapped("UK", "United Kingdom"), unmapped("EU", "European Union"),
                    unmapped("ME", "Middle East"), unmapped("SA", "South America"), unmapped("US", "United States")),
            Map.of());

    public static final CuraEnum SUBSCRIPTION_STATUS = new CuraEnum("subscription-status", "Cura subscription status",
            "organizations.subscription_status", null,
            List.of(unmapped("trial", "Trial"), unmapped("active", "Active"), unmapped("suspended", "Suspended"),
                    unmapped("cancelled", "Cancelled")),
            Map.of());

    public static final CuraEnum USER_ROLE = new CuraEnum("user-role", "Cura staff role", "users.role",
            PRACTITIONER_ROLE,
            List.of(equivalent("doctor", "Doctor", "doctor"), equivalent("nurse", "Nurse", "nurse"),
                    unmapped("admin", "Administrator"), unmapped("receptionist", "Receptionist"),
                    unmapped("patient", "Patient"), unmapped("sample_taker", "Sample taker")),
            Map.of());

    public static final CuraEnum RISK_LEVEL = new CuraEnum("risk-level", "Cura patient risk level",
            "patients.risk_level", null,
            List.of(unmapped("low", "Low"), unmapped("medium", "Medium"), unmapped("high", "High")),
            Map.of());

    public static final CuraEnum MEDICAL_RECORD_TYPE = new CuraEnum("medical-record-type", "Cura medical record type",
            "medical_records.type", null,
            List.of(unmapped("consultation", "Consultation"), unmapped("prescription", "Prescription"),
                    unmapped("lab_result", "Lab result"), unmapped("imaging", "Imaging")),
            Map.of());

    /** Appointment.status. */
    public static final CuraEnum APPOINTMENT_STATUS = new CuraEnum("appointment-status", "Cura appointment status",
            "appointments.status", "http://hl7.org/fhir/appointmentstatus",
            List.of(equivalent("scheduled", "Scheduled", "booked"), wider("rescheduled", "Rescheduled", "booked"),
                    equivalent("completed", "Completed", "fulfilled"), equivalent("cancelled", "Cancelled", "cancelled"),
                    equivalent("no_show", "No show", "noshow")),
            Map.of("proposed", "scheduled", "pending", "scheduled", "arrived", "scheduled",
                    "checked-in", "scheduled", "waitlist", "scheduled", "entered-in-error", "cancelled"));

    /** Appointment.appointmentType (HL7 v2 table 0276). */
    public static final CuraEnum APPOINTMENT_TYPE = new CuraEnum("appointment-type", "Cura appointment type",
            "appointments.type", V2_APPOINTMENT_REASON,
            List.of(wider("consultation", "Consultation", "ROUTINE"), equivalent("follow_up", "Follow-up", "FOLLOWUP"),
                    unmapped("procedure", "Procedure"), equivalent("emergency", "Emergency", "EMERGENCY"),
                    equivalent("routine_checkup", "Routine check-up", "CHECKUP")),
            Map.of("WALKIN", "consultation"));

    /** MedicationRequest.status. */
    public static final CuraEnum PRESCRIPTION_STATUS = new CuraEnum("prescription-status", "Cura prescription status",
            "prescriptions.status", "http://hl7.org/fhir/CodeSystem/medicationrequest-status",
            List.of(equivalent("active", "Active", "active"), equivalent("completed", "Completed", "completed"),
                    equivalent("cancelled", "Cancelled", "cancelled"), wider("expired", "Expired", "stopped")),
            Map.of("on-hold", "active", "draft", "active", "entered-in-error", "cancelled", "unknown", "active"));

    /** DiagnosticReport.status. */
    public static final CuraEnum LAB_RESULT_STATUS = new CuraEnum("lab-result-status", "Cura lab result status",
            "lab_results.status", "http://hl7.org/fhir/diagnostic-report-status",
            List.of(wider("pending", "Pending", "registered"), wider("completed", "Completed", "final"),
                    wider("reviewed", "Reviewed", "final"), wider("abnormal", "Abnormal", "final")),
            Map.of("partial", "pending", "preliminary", "pending", "amended", "completed", "corrected", "completed",
                    "appended", "completed", "cancelled", "pending", "entered-in-error", "pending",
                    "unknown", "pending"));

    /** ImagingStudy.modality (DICOM). */
    public static final CuraEnum IMAGING_TYPE = new CuraEnum("imaging-type", "Cura imaging type",
            "medical_images.imaging_type", DICOM,
            List.of(wider("x-ray", "X-ray", "DX"), equivalent("mri", "MRI", "MR"), equivalent("ct-scan", "CT scan", "CT"),
                    equivalent("ultrasound", "Ultrasound", "US"), equivalent("mammogram", "Mammogram", "MG"),
                    equivalent("pet-scan", "PET scan", "PT")),
            Map.of("CR", "x-ray"));

    public static final CuraEnum IMAGING_MODALITY = new CuraEnum("imaging-modality", "Cura imaging modality",
            "medical_images.modality", DICOM,
            List.of(equivalent("CR", "Computed radiography", "CR"), equivalent("CT", "Computed tomography", "CT"),
                    equivalent("MR", "Magnetic resonance", "MR"), equivalent("US", "Ultrasound", "US"),
                    equivalent("DX", "Digital radiography", "DX"), equivalent("MG", "Mammography", "MG")),
            Map.of());

    /** Consent.scope: research consents are research; the others concern the patient's privacy. */
    public static final CuraEnum CONSENT_TYPE = new CuraEnum("consent-type", "Cura GDPR consent type",
            "gdpr_consents.consent_type", CONSENT_SCOPE,
            List.of(wider("data_processing", "Data processing", "patient-privacy"),
                    wider("marketing", "Marketing", "patient-privacy"), equivalent("research", "Research", "research"),
                    wider("data_sharing", "Data sharing", "patient-privacy"),
                    wider("profiling", "Profiling", "patient-privacy")),
            Map.of("treatment", "data_processing", "adr", "data_processing"));

    /** Consent.status. */
    public static final CuraEnum CONSENT_STATUS = new CuraEnum("consent-status", "Cura GDPR consent status",
            "gdpr_consents.status", "http://hl7.org/fhir/consent-state-codes",
            List.of(equivalent("pending", "Pending", "proposed"), equivalent("granted", "Granted", "active"),
                    equivalent("withdrawn", "Withdrawn", "inactive"), wider("expired", "Expired", "inactive")),
            Map.of("draft", "pending", "rejected", "withdrawn", "entered-in-error", "withdrawn"));

    /** Consent.policyRule: the GDPR Article 6 basis, which no FHIR code system names. */
    public static final CuraEnum LEGAL_BASIS = new CuraEnum("legal-basis", "GDPR legal basis (Article 6)",
            "gdpr_consents.legal_basis", null,
            List.of(unmapped("consent", "Consent"), unmapped("contract", "Contract"),
                    unmapped("legal_obligation", "Legal obligation"), unmapped("vital_interests", "Vital interests"),
                    unmapped("public_task", "Public task"), unmapped("legitimate_interests", "Legitimate interests")),
            Map.of());

    public static final CuraEnum GDPR_REQUEST_TYPE = CuraEnum.local("gdpr-request-type", "GDPR data subject request",
            "gdpr_data_requests.request_type", "access", "Access", "rectification", "Rectification", "erasure",
            "Erasure", "restriction", "Restriction of processing", "portability", "Data portability", "objection",
            "Objection");

    /** Task.status. */
    public static final CuraEnum GDPR_REQUEST_STATUS = new CuraEnum("gdpr-request-status", "GDPR request status",
            "gdpr_data_requests.status", "http://hl7.org/fhir/task-status",
            List.of(equivalent("pending", "Pending", "requested"), equivalent("in_progress", "In progress", "in-progress"),
                    equivalent("completed", "Completed", "completed"), equivalent("rejected", "Rejected", "rejected"),
                    equivalent("cancelled", "Cancelled", "cancelled")),
            Map.of("draft", "pending", "received", "pending", "accepted", "in_progress", "ready", "in_progress",
                    "on-hold", "in_progress", "failed", "rejected", "entered-in-error", "cancelled"));

    public static final CuraEnum AUDIT_RESOURCE_TYPE = CuraEnum.local("audit-resource-type", "Audited record type",
            "gdpr_audit_trail.resource_type", "patient", "Patient", "medical_record", "Medical record",
            "prescription", "Prescription", "lab_result", "Lab result", "imaging", "Imaging", "invoice", "Invoice");

    /** Invoice.status. */
    public static final CuraEnum INVOICE_STATUS = new CuraEnum("invoice-status", "Cura invoice status",
            "invoices.status", "http://hl7.org/fhir/invoice-status",
            List.of(equivalent("draft", "Draft", "draft"), equivalent("sent", "Sent", "issued"),
                    wider("overdue", "Overdue", "issued"), equivalent("paid", "Paid", "balanced"),
                    equivalent("cancelled", "Cancelled", "cancelled")),
            Map.of("entered-in-error", "cancelled"));

    public static final CuraEnum INVOICE_TYPE = CuraEnum.local("invoice-type", "Cura invoice type",
            "invoices.invoice_type", "payment", "Payment", "insurance_claim", "Insurance claim");

    /** PaymentReconciliation.outcome. A refund is a payment row of its own, negative and {@code refunded}. */
    public static final CuraEnum PAYMENT_STATUS = new CuraEnum("payment-status", "Cura payment status",
            "payments.payment_status", "http://hl7.org/fhir/remittance-outcome",
            List.of(equivalent("completed", "Completed", "complete"), equivalent("pending", "Pending", "queued"),
                    equivalent("failed", "Failed", "error"), wider("refunded", "Refunded", "complete")),
            Map.of("partial", "completed"));

    /**
     * The VAT treatment of an invoice line (the tax price component's code), with the rate as the component's factor.
     * Not a column: each line of {@code invoices.items} carries it.
     */
    public static final CuraEnum VAT_CATEGORY = CuraEnum.local("vat-category", "VAT treatment of an invoice line",
            "invoices.items[].vatCategory", "standard", "Standard rate", "reduced", "Reduced rate", "zero",
            "Zero rate", "exempt", "Exempt", "outside_scope", "Outside the scope of VAT");

    public static final CuraEnum CLAIM_STATUS = CuraEnum.local("claim-status", "Cura insurance claim status",
            "claims.status", "pending", "Pending", "submitted", "Submitted", "approved", "Approved", "denied",
            "Denied", "partially_paid", "Partially paid", "paid", "Paid");

    public static final CuraEnum NOTIFICATION_TYPE = CuraEnum.local("notification-type", "Cura notification type",
            "notifications.type", "appointment", "Appointment", "prescription", "Prescription", "lab_result",
            "Lab result", "message", "Message", "system", "System", "billing", "Billing", "alert", "Alert");

    public static final CuraEnum COMMUNICATION_TYPE = CuraEnum.local("communication-type",
            "Cura patient communication type", "patient_communications.communication_type", "reminder", "Reminder",
            "alert", "Alert", "notification", "Notification", "general", "General", "emergency", "Emergency");

    /** Communication.status. */
    public static final CuraEnum COMMUNICATION_STATUS = new CuraEnum("communication-status",
            "Cura patient communication status", "patient_communications.status", "http://hl7.org/fhir/event-status",
            List.of(equivalent("pending", "Pending", "preparation"), equivalent("sent", "Sent", "in-progress"),
                    wider("delivered", "Delivered", "completed"), wider("read", "Read", "completed"),
                    equivalent("failed", "Failed", "not-done")),
            Map.of("on-hold", "pending", "stopped", "failed", "entered-in-error", "failed", "unknown", "pending"));

    public static final CuraEnum AI_INSIGHT_TYPE = CuraEnum.local("ai-insight-type", "AI insight type",
            "ai_insights.type", "risk_alert", "Risk alert", "drug_interaction", "Drug interaction",
            "treatment_suggestion", "Treatment suggestion", "preventive_care", "Preventive care");

    public static final CuraEnum AI_INSIGHT_SEVERITY = CuraEnum.local("ai-insight-severity", "AI insight severity",
            "ai_insights.severity", "low", "Low", "medium", "Medium", "high", "High", "critical", "Critical");

    public static final CuraEnum AI_STATUS = CuraEnum.local("ai-status", "AI processing status",
            "ai_insights.ai_status", "pending", "Pending", "reviewed", "Reviewed", "implemented", "Implemented",
            "dismissed", "Dismissed");

    /** DetectedIssue.severity. */
    public static final CuraEnum DRUG_INTERACTION_TYPE = new CuraEnum("drug-interaction-type",
            "Drug interaction type", "patient_drug_interactions.interaction_type",
            "http://hl7.org/fhir/detectedissue-severity",
            List.of(equivalent("major", "Major", "high"), equivalent("moderate", "Moderate", "moderate"),
                    equivalent("minor", "Minor", "low")),
            Map.of());

    public static final CuraEnum DRUG_INTERACTION_SEVERITY = CuraEnum.local("drug-interaction-severity",
            "Drug interaction severity", "patient_drug_interactions.severity", "critical", "Critical", "high", "High",
            "medium", "Medium", "low", "Low");

    /** DetectedIssue.status. */
    public static final CuraEnum DRUG_INTERACTION_STATUS = new CuraEnum("drug-interaction-status",
            "Drug interaction alert status", "patient_drug_interactions.status", "http://hl7.org/fhir/observation-status",
            List.of(equivalent("active", "Active", "preliminary"), wider("reviewed", "Reviewed", "final"),
                    wider("resolved", "Resolved", "final"), equivalent("dismissed", "Dismissed", "cancelled")),
            Map.of("registered", "active", "amended", "reviewed", "corrected", "reviewed",
                    "entered-in-error", "dismissed", "unknown", "active"));

    public static final CuraEnum CHATBOT_SESSION_STATUS = CuraEnum.local("chatbot-session-status",
            "Chatbot session status", "chatbot_sessions.status", "active", "Active", "completed", "Completed",
            "abandoned", "Abandoned");

    public static final CuraEnum STOCK_MOVEMENT_TYPE = CuraEnum.local("stock-movement-type", "Stock movement type",
            "inventory_stock_movements.movement_type", "purchase", "Purchase", "sale", "Sale", "adjustment",
            "Adjustment", "return", "Return", "transfer", "Transfer", "expired", "Expired", "damaged", "Damaged");

    public static final CuraEnum STOCK_REFERENCE_TYPE = CuraEnum.local("stock-reference-type",
            "Stock movement reference type", "inventory_stock_movements.reference_type", "purchase_order",
            "Purchase order", "sale", "Sale", "invoice", "Invoice", "prescription", "Prescription");

    /**
     * Basic.code of the Cura records that FHIR R4 has no resource for (modelled on R5's InventoryItem and
     * InventoryReport): which Cura profile a Basic is held to.
     */
    public static final CuraEnum BASIC_KIND = CuraEnum.local("basic-kind", "Cura record kind", "Basic.code",
            "inventory-item", "Inventory item", "stock-take", "Stock take");

    public static final CuraEnum SAAS_SUBSCRIPTION_STATUS = CuraEnum.local("saas-subscription-status",
            "Platform subscription status", "saas_subscriptions.status", "active", "Active", "cancelled", "Cancelled",
            "suspended", "Suspended", "past_due", "Past due");

    public static final CuraEnum SAAS_PAYMENT_STATUS = CuraEnum.local("saas-payment-status",
            "Platform payment status", "saas_payments.payment_status", "pending", "Pending", "completed", "Completed",
            "failed", "Failed", "refunded", "Refunded");

    public static final CuraEnum SAAS_INVOICE_STATUS = CuraEnum.local("saas-invoice-status",
            "Platform invoice status", "saas_invoices.status", "draft", "Draft", "sent", "Sent", "paid", "Paid",
            "overdue", "Overdue", "cancelled", "Cancelled");

    public static final CuraEnum SAAS_PAYMENT_METHOD = CuraEnum.local("saas-payment-method", "Platform payment method",
            "saas_payments.payment_method", "cash", "Cash", "stripe", "Stripe", "paypal", "PayPal", "bank_transfer",
            "Bank transfer");

    public static final CuraEnum PAYMENT_METHOD = CuraEnum.local("payment-method", "Cura payment method",
            "payments.payment_method", "online", "Online", "cash", "Cash", "card", "Card", "bank_transfer",
            "Bank transfer");

    public static final CuraEnum REVENUE_CATEGORY = CuraEnum.local("revenue-category", "Revenue category",
            "revenue_records.category", "consultation", "Consultation", "procedure", "Procedure", "medication",
            "Medication", "lab", "Laboratory", "imaging", "Imaging", "other", "Other");

    public static final CuraEnum REVENUE_SOURCE = CuraEnum.local("revenue-source", "Revenue source",
            "revenue_records.source", "appointment", "Appointment", "walk_in", "Walk-in", "insurance", "Insurance",
            "other", "Other");

    /** Communication.medium (HL7 v3 ParticipationMode) where one exists. */
    public static final CuraEnum COMMUNICATION_METHOD = new CuraEnum("communication-method",
            "Patient communication method", "patient_communications.method",
            "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode",
            List.of(wider("sms", "SMS", "ONLINEWRIT"), wider("email", "Email", "EMAILWRIT"),
                    unmapped("whatsapp", "WhatsApp"), wider("voice", "Voice call", "PHONE")),
            Map.of());

    public static final CuraEnum FORECAST_TREND = CuraEnum.local("forecast-trend", "Forecast trend",
            "financial_forecasts.trend", "up", "Up", "down", "Down", "stable", "Stable");

    public static final CuraEnum FORECAST_METHODOLOGY = CuraEnum.local("forecast-methodology", "Forecast methodology",
            "financial_forecasts.methodology", "historical_trend", "Historical trend", "linear_regression",
            "Linear regression", "arima", "ARIMA", "ml_model", "Machine learning model");

    /** AuditEvent.action (C, R, U, D, E). */
    public static final CuraEnum AUDIT_ACTION = new CuraEnum("audit-action", "Audited action",
            "gdpr_audit_trail.action", "http://hl7.org/fhir/audit-event-action",
            List.of(equivalent("create", "Create", "C"), equivalent("read", "Read", "R"),
                    equivalent("update", "Update", "U"), equivalent("delete", "Delete", "D"),
                    wider("export", "Export", "E"), wider("share", "Share", "E"),
                    wider("consent_granted", "Consent granted", "U"),
                    wider("consent_withdrawn", "Consent withdrawn", "U")),
            Map.of());

    public static final CuraEnum QUICKBOOKS_SYNC_FREQUENCY = CuraEnum.local("quickbooks-sync-frequency",
            "QuickBooks sync frequency", "quickbooks_sync_configs.sync_frequency", "manual", "Manual", "hourly",
            "Hourly", "daily", "Daily", "weekly", "Weekly");

    public static List<CuraEnum> all() {
        return List.of(REGION, SUBSCRIPTION_STATUS, USER_ROLE, RISK_LEVEL, MEDICAL_RECORD_TYPE, APPOINTMENT_STATUS,
                APPOINTMENT_TYPE, PRESCRIPTION_STATUS, LAB_RESULT_STATUS, IMAGING_TYPE, IMAGING_MODALITY, CONSENT_TYPE,
                CONSENT_STATUS, LEGAL_BASIS, GDPR_REQUEST_TYPE, GDPR_REQUEST_STATUS, AUDIT_RESOURCE_TYPE,
                INVOICE_STATUS, INVOICE_TYPE, PAYMENT_STATUS, CLAIM_STATUS, NOTIFICATION_TYPE, COMMUNICATION_TYPE,
                COMMUNICATION_STATUS, AI_INSIGHT_TYPE, AI_INSIGHT_SEVERITY, AI_STATUS, DRUG_INTERACTION_TYPE,
                DRUG_INTERACTION_SEVERITY, DRUG_INTERACTION_STATUS, CHATBOT_SESSION_STATUS, STOCK_MOVEMENT_TYPE,
                STOCK_REFERENCE_TYPE, SAAS_SUBSCRIPTION_STATUS, SAAS_PAYMENT_STATUS, SAAS_INVOICE_STATUS,
                SAAS_PAYMENT_METHOD, PAYMENT_METHOD, VAT_CATEGORY, REVENUE_CATEGORY, REVENUE_SOURCE, COMMUNICATION_METHOD,
                FORECAST_TREND, FORECAST_METHODOLOGY, AUDIT_ACTION, QUICKBOOKS_SYNC_FREQUENCY, BASIC_KIND);
    }

    private CuraEnums() {}
}
