package health.cura.conformance;

/** Canonical URLs of the Cura conformance package and the identifier systems it defines. */
public final class CuraCanonical {

    /** Root of every canonical URL the package defines. */
    public static final String BASE = "https://fhir.cura.health";

    /** Identifier system of a clinic's own Organization: the value is the tenant's subdomain. */
    public static final String TENANT_IDENTIFIER_SYSTEM = BASE + "/Id/tenant";

    /** Identifier system of the clinic's own patient number ({@code patients.patient_id}): one per clinic. */
    public static String patientNumberSystem(String tenantSubdomain) {
        return BASE + "/Id/patient-number/" + tenantSubdomain;
    }

    /** Identifier system of a staff member's sign-in name ({@code users.username}): unique within one clinic. */
    public static String staffUsernameSystem(String tenantSubdomain) {
        return BASE + "/Id/staff-username/" + tenantSubdomain;
    }

    /** Identifier system of a clinic's prescription numbers ({@code prescriptions.prescription_number}). */
    public static String prescriptionNumberSystem(String tenantSubdomain) {
        return BASE + "/Id/prescription-number/" + tenantSubdomain;
    }

    /** Identifier system of a clinic's lab numbers ({@code lab_results.lab_number}). */
    public static String labNumberSystem(String tenantSubdomain) {
        return BASE + "/Id/lab-number/" + tenantSubdomain;
    }

    /**
     * Identifier system of a clinic's invoice numbers ({@code invoices.invoice_number}): the final number an issued
     * invoice carries (use official) or the provisional one of a draft (use temp).
     */
    public static String invoiceNumberSystem(String tenantSubdomain) {
        return BASE + "/Id/invoice-number/" + tenantSubdomain;
    }

    /** Identifier system of the transaction ids of a clinic's payments ({@code payments.transaction_id}). */
    public static String paymentTransactionSystem(String tenantSubdomain) {
        return BASE + "/Id/payment-transaction/" + tenantSubdomain;
    }

    /**
     * Identifier system of what an invoice was generated from ({@code Invoice/$generate-invoice}): the value is the
     * appointment or encounter, {@code Appointment/{id}}, so that generating again finds the same invoice.
     */
    public static String invoiceSourceSystem(String tenantSubdomain) {
        return BASE + "/Id/invoice-source/" + tenantSubdomain;
    }

    /** Identifier system of a clinic's insurance claim numbers ({@code claims.claim_number}). */
    public static String claimNumberSystem(String tenantSubdomain) {
        return BASE + "/Id/claim-number/" + tenantSubdomain;
    }

    /**
     * Code system of the CCSD schedule (Clinical Coding and Schedule Development): the procedure codes UK private
     * medical insurers pay by. CCSD publishes no FHIR URI, so the package names one.
     */
    public static final String CCSD_SYSTEM = BASE + "/CodeSystem/ccsd-schedule";

    /** ICD-10 as FHIR names it, and the UK edition NHS England's systems use. */
    public static final String ICD10_SYSTEM = "http://hl7.org/fhir/sid/icd-10";
    public static final String ICD10_UK_SYSTEM = "http://hl7.org/fhir/sid/icd-10-uk";

    /** Code system of a clinic's own price list: the codes its invoice lines are charged under. */
    public static String priceListSystem(String tenantSubdomain) {
        return BASE + "/CodeSystem/price-list/" + tenantSubdomain;
    }

    /** Canonical URL of one of the package's extensions. */
    public static String extension(String id) {
        return BASE + "/StructureDefinition/" + id;
    }

    /** Canonical URL of the Cura profile of a mapped resource type. */
    public static String profile(String id) {
        return BASE + "/StructureDefinition/" + id;
    }

    /** The Cura code of a coded element whose FHIR code is broader (on the element: {@code _status.extension}). */
    public static final String CURA_CODE_EXTENSION = extension("cura-code");

    /**
     * Tags ({@code meta.tag}) the server puts on records it keeps as they are but wants a person to look at, such as
     * {@code shared-nhs-number}: a patient row whose NHS number another patient of the clinic has too (the EMR may
     * hold two records of one person; both are kept, and searchable with {@code _tag}).
     */
    public static final String RECORD_TAG_SYSTEM = BASE + "/CodeSystem/record-tag";

    public static final String RISK_LEVEL_EXTENSION = extension("risk-level");
    public static final String PATIENT_FLAG_EXTENSION = extension("patient-flag");
    public static final String VIRTUAL_APPOINTMENT_EXTENSION = extension("virtual-appointment");
    public static final String ASSIGNED_ROLE_EXTENSION = extension("assigned-role");
    public static final String DEPARTMENT_EXTENSION = extension("department");
    public static final String SERVICE_DATE_EXTENSION = extension("service-date");
    public static final String DUE_DATE_EXTENSION = extension("due-date");
    public static final String PAID_AMOUNT_EXTENSION = extension("paid-amount");
    public static final String UNIT_PRICE_EXTENSION = extension("unit-price");
    public static final String VAT_EXEMPTION_EXTENSION = extension("vat-exemption-reason");
    public static final String PAYMENT_METHOD_EXTENSION = extension("payment-method");
    public static final String PAYMENT_PROVIDER_EXTENSION = extension("payment-provider");
    public static final String CREDIT_NOTE_EXTENSION = extension("credit-note-of");
    public static final String CLAIM_INVOICE_EXTENSION = extension("claim-invoice");

    public static final String REORDER_LEVEL_EXTENSION = extension("reorder-level");
    public static final String STOCK_ON_HAND_EXTENSION = extension("stock-on-hand");
    public static final String UNIT_COST_EXTENSION = extension("unit-cost");
    public static final String SELLING_PRICE_EXTENSION = extension("selling-price");
    public static final String STORAGE_LOCATION_EXTENSION = extension("storage-location");
    public static final String EXPIRY_TRACKING_EXTENSION = extension("expiry-tracking");
    public static final String BATCH_TRACKING_EXTENSION = extension("batch-tracking");
    public static final String BATCH_REMAINING_EXTENSION = extension("batch-remaining");
    public static final String STOCK_TAKE_VARIANCE_EXTENSION = extension("stock-take-variance");
    public static final String BATCH_NUMBER_EXTENSION = extension("batch-number");

    public static final String IDENTITY_VERIFIED_EXTENSION = extension("identity-verified");
    public static final String DEADLINE_EXTENSION_MONTHS_EXTENSION = extension("deadline-extension-months");
    public static final String DEADLINE_EXTENSION_REASON_EXTENSION = extension("deadline-extension-reason");
    public static final String COMMUNICATION_CHANNEL_EXTENSION = extension("communication-channel");
    public static final String DEADLINE_STATE_EXTENSION = extension("deadline-state");

    /**
     * Identifier system of a clinic's stock movements ({@code inventory_stock_movements.id}): the receipt or dispense
     * that recorded a movement carries its id.
     */
    public static String stockMovementSystem(String tenantSubdomain) {
        return BASE + "/Id/stock-movement/" + tenantSubdomain;
    }

    /** Identifier system of a clinic's item codes ({@code inventory_items.item_code}). */
    public static String itemCodeSystem(String tenantSubdomain) {
        return BASE + "/Id/item-code/" + tenantSubdomain;
    }

    /**
     * Identifier system of the transaction ids of a clinic's stock operations: a retried operation with the same id
     * answers its first result.
     */
    public static String stockTransactionSystem(String tenantSubdomain) {
        return BASE + "/Id/stock-transaction/" + tenantSubdomain;
    }

    /**
     * A FHIR R5 element carried in R4 by HL7's cross-version extension for it: {@code InventoryItem.status} becomes
     * {@code http://hl7.org/fhir/5.0/StructureDefinition/extension-InventoryItem.status}.
     */
    public static String r5Extension(String elementPath) {
        return "http://hl7.org/fhir/5.0/StructureDefinition/extension-" + elementPath;
    }

    private CuraCanonical() {}
}
