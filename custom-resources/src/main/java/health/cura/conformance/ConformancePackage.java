package health.cura.conformance;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnum;
import health.cura.conformance.terminology.CuraEnums;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The Cura conformance package as FHIR resources: a CodeSystem, ValueSet and (where FHIR has a standard) ConceptMap per
 * documented enum, the extensions for columns FHIR has no element for, and the search parameters over them. A
 * resource is identified by its canonical URL (the server assigns ids), so loading the package twice changes nothing.
 */
public final class ConformancePackage {

    public static final String VERSION = "0.1.0";

    /** Who publishes the package's resources, and the server's own OperationDefinitions. */
    public static final String PUBLISHER = "Cura";

    /** Tag system of the resources the package brings; the code is the package version. */
    public static final String PACKAGE_TAG_SYSTEM = CuraCanonical.BASE + "/package";

    public static final List<CuraExtension> EXTENSIONS = List.of(
            new CuraExtension("cura-code", "Cura code",
                    "The value of the Cura column a coded element holds, where the FHIR code is broader (for example "
                            + "appointment status 'rescheduled', which FHIR calls 'booked').",
                    List.of("Appointment.status", "MedicationRequest.status", "DiagnosticReport.status",
                            "Consent.status", "ImagingStudy.modality", "Invoice.status",
                            "PaymentReconciliation.outcome", "ClaimResponse.outcome"),
                    "Coding", false, null, null),
            new CuraExtension("risk-level", "Patient risk level", "The clinic's risk assessment of the patient.",
                    List.of("Patient"), "code", false, "patients.risk_level", CuraEnums.RISK_LEVEL.valueSet()),
            new CuraExtension("patient-flag", "Patient flag",
                    "A short medical flag the clinic shows with the patient (for example an allergy warning).",
                    List.of("Patient"), "string", true, "patients.flags", null),
            new CuraExtension("virtual-appointment", "Virtual appointment",
                    "Whether the appointment takes place by video or telephone rather than in person.",
                    List.of("Appointment"), "boolean", false, "appointments.is_virtual", null),
            new CuraExtension("assigned-role", "Role booked",
                    "The staff role chosen when the appointment was booked (for example 'nurse').",
                    List.of("Appointment"), "string", false, "appointments.assigned_role", null),
            new CuraExtension("department", "Department",
                    "The clinic department a staff member works in (for example 'Radiology').",
                    List.of("PractitionerRole"), "string", false, "users.department", null),
            new CuraExtension("service-date", "Date of service",
                    "When the care an invoice bills for was given, where it differs from the invoice's date.",
                    List.of("Invoice"), "dateTime", false, "invoices.date_of_service", null),
            new CuraExtension("due-date", "Payment due date", "When payment of the invoice falls due.",
                    List.of("Invoice"), "dateTime", false, "invoices.due_date", null),
            new CuraExtension("paid-amount", "Amount paid",
                    "What has been paid of the invoice so far: payments less refunds. Kept by the server from the "
                            + "clinic's payments; a client's value is replaced.",
                    List.of("Invoice"), "Money", false, "invoices.paid_amount", null),
            new CuraExtension("unit-price", "Unit price",
                    "The price of one unit of an invoice line; the base component is this times the quantity "
                            + "(its factor), rounded half up to the penny.",
                    List.of("Invoice.lineItem"), "Money", false, null, null),
            new CuraExtension("vat-exemption-reason", "VAT exemption reason",
                    "Why a line carries no VAT or a reduced rate (for example: medical care by a registered health "
                            + "professional, VAT Act 1994 Schedule 9 Group 7).",
                    List.of("Invoice.lineItem.priceComponent"), "string", false, null, null),
            new CuraExtension("credit-note-of", "Credit note of",
                    "Marks an invoice as the credit note that cancels an issued invoice (Invoice/{id}/$void): its "
                            + "amounts are negative, and it is numbered in the clinic's invoice numbers.",
                    List.of("Invoice"), "Reference", false, null, null),
            new CuraExtension("payment-method", "Payment method", "How the payment was made.",
                    List.of("PaymentReconciliation"), "code", false, "payments.payment_method",
                    CuraEnums.PAYMENT_METHOD.valueSet()),
            new CuraExtension("payment-provider", "Payment provider",
                    "The card processor, bank or payment service that took the payment.",
                    List.of("PaymentReconciliation"), "string", false, "payments.payment_provider", null),
            new CuraExtension("claim-invoice", "Invoice claimed",
                    "The invoice an insurance claim asks the insurer to pay (the claims table has no column for it).",
                    List.of("Claim"), "Reference", false, null, null),
            new CuraExtension("reorder-level", "Reorder level",
                    "At or below this stock the clinic reorders the item: a draft SupplyRequest is made.",
                    List.of("Basic"), "integer", false, "inventory_items.reorder_level", null),
            new CuraExtension("stock-on-hand", "Stock on hand",
                    "Units of the item in stock: the sum of its stock movements. Kept by the server from the ledger; "
                            + "it is changed by the stock operations ($receive-stock, $adjust-stock, $dispense), "
                            + "never by a write of the item.",
                    List.of("Basic"), "integer", false, "inventory_items.current_stock", null),
            new CuraExtension("unit-cost", "Unit cost", "What the clinic pays for one unit of the item.",
                    List.of("Basic"), "Money", false, "inventory_items.unit_cost", null),
            new CuraExtension("selling-price", "Selling price", "What the clinic charges for one unit of the item.",
                    List.of("Basic"), "Money", false, "inventory_items.selling_price", null),
            new CuraExtension("storage-location", "Storage location",
                    "Where the item (or one batch of it) is kept, in the clinic's own words (for example "
                            + "'Treatment room fridge').",
                    List.of("Basic", "Extension"), "string", false, "inventory_items.storage_location", null),
            new CuraExtension("expiry-tracking", "Expiry tracked",
                    "Whether the item's batches carry expiry dates that the clinic tracks.",
                    List.of("Basic"), "boolean", false, "inventory_items.expiry_tracking", null),
            new CuraExtension("batch-tracking", "Batches tracked",
                    "Whether the item is received and dispensed by batch.",
                    List.of("Basic"), "boolean", false, "inventory_items.batch_tracking", null),
            new CuraExtension("batch-remaining", "Units left in the batch",
                    "Units of one batch still in stock (inside the item's InventoryItem.instance extension). Kept by "
                            + "the server from the ledger.",
                    List.of("Extension"), "integer", false, "inventory_batches.remaining_quantity", null),
            new CuraExtension("batch-number", "Batch number",
                    "The batch (lot) number of stock received or dispensed, one per batch the units came from.",
                    List.of("SupplyDelivery", "MedicationDispense", "Extension"), "string", true,
                    "inventory_batches.batch_number", null),
            new CuraExtension("stock-take-variance", "Stock-take variance",
                    "Counted less held, for one line of an approved stock take: what the approval adjusted the "
                            + "stock by. The stock held is measured when the stock take is approved.",
                    List.of("Extension"), "integer", false, null, null),
            new CuraExtension("identity-verified", "Identity verified",
                    "When the clinic verified that the person making a data subject request is the patient (or acts "
                            + "for them); absent while it is unverified, which pauses the statutory deadline.",
                    List.of("Task"), "dateTime", false, "gdpr_data_requests.identity_verified", null),
            new CuraExtension("deadline-extension-months", "Deadline extended by",
                    "Further months (one or two) the clinic takes to answer a complex request or one of many from "
                            + "the patient (UK GDPR Art. 12(3)); decided, and the patient told, within the first "
                            + "month.",
                    List.of("Task"), "integer", false, null, null),
            new CuraExtension("deadline-extension-reason", "Why the deadline was extended",
                    "The reason the clinic recorded for extending the deadline of a data subject request.",
                    List.of("Task"), "string", false, null, null),
            new CuraExtension("communication-channel", "Channel",
                    "How one entry of a data subject request's communication log reached or came from the patient: "
                            + "email, letter, phone, in_person, portal or sms.",
                    List.of("Task.note"), "code", false, null, null),
            new CuraExtension("deadline-state", "Deadline state",
                    "Where an open data subject request stands against its deadline when it is listed: overdue, "
                            + "due (within the days asked for) or paused (identity not yet verified).",
                    List.of("Bundle.entry"), "code", false, null, null));

    /**
     * The R5 elements Cura's inventory records carry in R4. Sub-extensions are sliced openly, so that Cura's own
     * (a batch's units left, a line's variance) sit beside R5's.
     */
    public static final List<CrossVersionExtension> CROSS_VERSION_EXTENSIONS = List.of(
            CrossVersionExtension.value("InventoryItem.status", "R5 InventoryItem.status", List.of("Basic"), "code",
                    false),
            CrossVersionExtension.value("InventoryItem.category", "R5 InventoryItem.category", List.of("Basic"),
                    "CodeableConcept", true),
            CrossVersionExtension.backbone("InventoryItem.name", "R5 InventoryItem.name", List.of("Basic"), true,
                    CrossVersionExtension.Part.value("nameType", "Coding", 1, "1"),
                    CrossVersionExtension.Part.value("language", "code", 1, "1"),
                    CrossVersionExtension.Part.value("name", "string", 1, "1")),
            CrossVersionExtension.backbone("InventoryItem.description", "R5 InventoryItem.description",
                    List.of("Basic"), false,
                    CrossVersionExtension.Part.value("language", "code", 0, "1"),
                    CrossVersionExtension.Part.value("description", "string", 0, "1")),
            CrossVersionExtension.value("InventoryItem.baseUnit", "R5 InventoryItem.baseUnit", List.of("Basic"),
                    "CodeableConcept", false),
            CrossVersionExtension.backbone("InventoryItem.responsibleOrganization",
                    "R5 InventoryItem.responsibleOrganization", List.of("Basic"), true,
                    CrossVersionExtension.Part.value("role", "CodeableConcept", 1, "1"),
                    CrossVersionExtension.Part.value("organization", "Reference", 1, "1")),
            // R5 allows one instance; Cura shows each batch of the item as one
            CrossVersionExtension.backbone("InventoryItem.instance", "R5 InventoryItem.instance", List.of("Basic"),
                    true,
                    CrossVersionExtension.Part.value("identifier", "Identifier", 0, "*"),
                    CrossVersionExtension.Part.value("lotNumber", "string", 0, "1"),
                    CrossVersionExtension.Part.value("expiry", "dateTime", 0, "1"),
                    CrossVersionExtension.Part.value("subject", "Reference", 0, "1"),
                    CrossVersionExtension.Part.value("location", "Reference", 0, "1")),
            CrossVersionExtension.value("InventoryReport.status", "R5 InventoryReport.status", List.of("Basic"),
                    "code", false),
            CrossVersionExtension.value("InventoryReport.countType", "R5 InventoryReport.countType",
                    List.of("Basic"), "code", false),
            CrossVersionExtension.value("InventoryReport.reportedDateTime", "R5 InventoryReport.reportedDateTime",
                    List.of("Basic"), "dateTime", false),
            CrossVersionExtension.backbone("InventoryReport.inventoryListing", "R5 InventoryReport.inventoryListing",
                    List.of("Basic"), true,
                    CrossVersionExtension.Part.value("location", "Reference", 0, "1"),
                    CrossVersionExtension.Part.value("itemStatus", "CodeableConcept", 0, "1"),
                    CrossVersionExtension.Part.value("countingDateTime", "dateTime", 0, "1"),
                    CrossVersionExtension.Part.backbone("item", 0, "*",
                            CrossVersionExtension.Part.value("category", "CodeableConcept", 0, "1"),
                            CrossVersionExtension.Part.value("quantity", "Quantity", 1, "1"),
                            CrossVersionExtension.Part.value("item", "Reference", 1, "1"))));

    public static final List<CuraSearchParameter> SEARCH_PARAMETERS = List.of(
            new CuraSearchParameter("risk-level", "Patient", "token",
                    "Patient.extension('" + CuraCanonical.RISK_LEVEL_EXTENSION + "').value",
                    "The clinic's risk level of the patient: low, medium or high"),
            new CuraSearchParameter("patient-flag", "Patient", "string",
                    "Patient.extension('" + CuraCanonical.PATIENT_FLAG_EXTENSION + "').value",
                    "A medical flag the clinic records for the patient"),
            new CuraSearchParameter("virtual", "Appointment", "token",
                    "Appointment.extension('" + CuraCanonical.VIRTUAL_APPOINTMENT_EXTENSION + "').value",
                    "Whether the appointment is virtual (true or false)"),
            // R4 has no search on a result's interpretation; a clinic's first question of its results is which are
            // abnormal (Observation?interpretation=H,L,A).
            new CuraSearchParameter("interpretation", "Observation", "token", "Observation.interpretation",
                    "The result's interpretation (HL7 ObservationInterpretation: H, L, HH, LL, A, N and so on)"));

    /** One profile per mapped resource type; every write of that type is validated against it. */
    public static final List<CuraProfile> PROFILES = List.of(
            profile("cura-patient", "Patient", UkCore.profile("Patient"), "Cura Patient",
                    "A clinic's patient (table patients): UK Core Patient whose NHS number passes its check digit.",
                    NhsNumberRule.invariant()),
            profile("cura-practitioner", "Practitioner", UkCore.profile("Practitioner"), "Cura Practitioner",
                    "A member of the clinic's clinical staff (table users)."),
            profile("cura-practitioner-role", "PractitionerRole", UkCore.profile("PractitionerRole"),
                    "Cura PractitionerRole", "A staff member's role, department and working hours (table users)."),
            profile("cura-organization", "Organization", UkCore.profile("Organization"), "Cura Organization",
                    "The clinic itself (table organizations), or a hospital, pharmacy or insurer it works with."),
            profile("cura-appointment", "Appointment", UkCore.profile("Appointment"), "Cura Appointment",
                    "A booked visit (table appointments)."),
            profile("cura-encounter", "Encounter", UkCore.profile("Encounter"), "Cura Encounter",
                    "A consultation (table consultations)."),
            profile("cura-observation", "Observation", UkCore.profile("Observation"), "Cura Observation",
                    "A vital sign of a consultation, a lab result value, or an observation kept in FHIR only."),
            profile("cura-condition", "Condition", UkCore.profile("Condition"), "Cura Condition",
                    "A diagnosis made in a consultation (table consultations), or a condition kept in FHIR only."),
            // UKCore-MedicationRequest requires substitution, which standard R4 prescriptions (Synthea's, most EHRs')
            // leave out; R4 reads its absence as "substitution may be done", so the server states that
            // (validation.SubstitutionStated) rather than refuse them.
            profile("cura-medication-request", "MedicationRequest", UkCore.profile("MedicationRequest"),
                    "Cura MedicationRequest", "A prescription (table prescriptions)."),
            profile("cura-diagnostic-report", "DiagnosticReport", UkCore.profile("DiagnosticReport"),
                    "Cura DiagnosticReport", "A lab report (table lab_results)."),
            profile("cura-imaging-study", "ImagingStudy", UkCore.profile("ImagingStudy"), "Cura ImagingStudy",
                    "A medical image (table medical_images)."),
            profile("cura-document-reference", "DocumentReference", UkCore.profile("DocumentReference"),
                    "Cura DocumentReference", "The file of a medical image, or a document kept in FHIR only."),
            profile("cura-consent", "Consent", UkCore.profile("Consent"), "Cura Consent",
                    "A patient's GDPR consent (table gdpr_consents)."),
            // UK Core has no Coverage profile.
            profile("cura-coverage", "Coverage", "http://hl7.org/fhir/StructureDefinition/Coverage", "Cura Coverage",
                    "A patient's insurance (patients.insurance_info)."),
            // UK Core profiles no financial resources.
            profile("cura-invoice", "Invoice", "http://hl7.org/fhir/StructureDefinition/Invoice", "Cura Invoice",
                    "An invoice of the clinic to a patient or their insurer (table invoices)."),
            profile("cura-payment-reconciliation", "PaymentReconciliation",
                    "http://hl7.org/fhir/StructureDefinition/PaymentReconciliation", "Cura PaymentReconciliation",
                    "A payment of an invoice, or a refund of one (table payments)."),
            profile("cura-claim", "Claim", "http://hl7.org/fhir/StructureDefinition/Claim", "Cura Claim",
                    "An insurance claim for an invoice (table claims)."),
            profile("cura-claim-response", "ClaimResponse", "http://hl7.org/fhir/StructureDefinition/ClaimResponse",
                    "Cura ClaimResponse", "An insurer's decision on a claim and its payment (table claims)."),
            profile("cura-data-subject-request", "Task", UkCore.profile("Task"), "Cura data subject request",
                    "A patient's request under UK GDPR / EU GDPR (table gdpr_data_requests): access, rectification, "
                            + "erasure, restriction, portability or objection, with its statutory deadline in "
                            + "restriction.period.end.",
                    new CuraInvariant("Task", "cura-dsr-1", "A data subject request's code says its kind: a coding of "
                            + CuraEnums.GDPR_REQUEST_TYPE.system() + " (access, rectification, erasure, restriction, "
                            + "portability or objection)",
                            "code.coding.where(system = '" + CuraEnums.GDPR_REQUEST_TYPE.system()
                                    + "' and code.exists()).exists()"),
                    new CuraInvariant("Task", "cura-dsr-2", "A data subject request is for a patient: Task.for "
                            + "references the Patient", "for.reference.exists()")),
            // R4 has no inventory resources: these are Basic, shaped as R5's InventoryItem and InventoryReport with
            // HL7's cross-version extensions, told apart by Basic.code.
            basicProfile("cura-inventory-item", "inventory-item", "Cura inventory item",
                    "A medicine or supply the clinic keeps in stock (table inventory_items), modelled on FHIR R5 "
                            + "InventoryItem: its code, name, unit, category, supplier, reorder level, costs, the "
                            + "stock held and its batches (InventoryItem.instance, one per batch)."),
            basicProfile("cura-stock-take", "stock-take", "Cura stock take",
                    "A count of the clinic's stock and, once approved, the adjustments it made, modelled on FHIR R5 "
                            + "InventoryReport (made by $stock-take)."));

    private ConformancePackage() {}

    private static CuraProfile profile(
            String id, String type, String base, String title, String description, CuraInvariant... invariants) {
        return new CuraProfile(id, type, base, title, description, List.of(invariants), null);
    }

    private static CuraProfile basicProfile(String id, String kind, String title, String description) {
        return new CuraProfile(id, "Basic", "http://hl7.org/fhir/StructureDefinition/Basic", title, description,
                List.of(), kind);
    }

    /**
     * The Cura profile every resource of a type is held to, if the type is mapped; none for Basic, whose profiles
     * each hold one kind of Basic ({@link #profileOf(org.hl7.fhir.r4.model.Resource)}).
     */
    public static Optional<CuraProfile> profileOf(String resourceType) {
        return PROFILES.stream().filter(p -> p.kind() == null && p.type().equals(resourceType)).findFirst();
    }

    /** The Cura profile a resource is held to: by its type, or for a Basic by its code. */
    public static Optional<CuraProfile> profileOf(org.hl7.fhir.r4.model.Resource resource) {
        if (resource instanceof org.hl7.fhir.r4.model.Basic basic) {
            return PROFILES.stream().filter(p -> p.kind() != null && basic.getCode().getCoding().stream()
                    .anyMatch(c -> CuraEnums.BASIC_KIND.system().equals(c.getSystem())
                            && p.kind().equals(c.getCode()))).findFirst();
        }
        return profileOf(resource.fhirType());
    }

    /** The Cura profiles of a resource type: its one profile, or each kind of Basic's. */
    public static List<CuraProfile> profilesOf(String resourceType) {
        return PROFILES.stream().filter(p -> p.type().equals(resourceType)).toList();
    }

    /** Every resource of the package, terminology first. */
    public static List<MetadataResource> resources() {
        List<MetadataResource> resources = new ArrayList<>();
        for (CuraEnum curaEnum : CuraEnums.all()) {
            resources.add(codeSystem(curaEnum));
            resources.add(valueSet(curaEnum));
            if (curaEnum.standardSystem() != null) {
                resources.add(conceptMap(curaEnum));
            }
        }
        EXTENSIONS.forEach(e -> resources.add(extension(e)));
        CROSS_VERSION_EXTENSIONS.forEach(e -> resources.add(crossVersion(e)));
        PROFILES.forEach(p -> resources.add(profile(p)));
        SEARCH_PARAMETERS.forEach(p -> resources.add(searchParameter(p)));
        return resources;
    }

    static CodeSystem codeSystem(CuraEnum curaEnum) {
        CodeSystem codeSystem = new CodeSystem();
        describe(codeSystem, curaEnum.id(), curaEnum.system(), curaEnum.title(),
                "Values of the Cura column " + curaEnum.column() + ".");
        codeSystem.setCaseSensitive(true);
        codeSystem.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        codeSystem.setValueSet(curaEnum.valueSet());
        for (CuraCode code : curaEnum.codes()) {
            codeSystem.addConcept().setCode(code.code()).setDisplay(code.display());
        }
        codeSystem.setCount(curaEnum.codes().size());
        return codeSystem;
    }

    static ValueSet valueSet(CuraEnum curaEnum) {
        ValueSet valueSet = new ValueSet();
        describe(valueSet, curaEnum.id(), curaEnum.valueSet(), curaEnum.title(),
                "All values of the Cura column " + curaEnum.column() + ".");
        valueSet.getCompose().addInclude().setSystem(curaEnum.system());
        return valueSet;
    }

    /** Cura → standard, and a second group for the standard codes a client may send that no Cura value maps to. */
    static ConceptMap conceptMap(CuraEnum curaEnum) {
        ConceptMap map = new ConceptMap();
        describe(map, curaEnum.id() + "-to-standard", curaEnum.conceptMap(), curaEnum.title() + " to FHIR",
                "How the values of " + curaEnum.column() + " map to " + curaEnum.standardSystem() + ".");
        // No source or target value set: the map holds both directions, and each group names its own code systems.
        ConceptMap.ConceptMapGroupComponent toStandard =
                map.addGroup().setSource(curaEnum.system()).setTarget(curaEnum.standardSystem());
        for (CuraCode code : curaEnum.codes()) {
            ConceptMap.SourceElementComponent element =
                    toStandard.addElement().setCode(code.code()).setDisplay(code.display());
            if (code.standardCode() == null) {
                element.addTarget().setEquivalence(ConceptMapEquivalence.UNMATCHED);
            } else {
                element.addTarget()
                        .setCode(code.standardCode())
                        .setEquivalence(code.exact() ? ConceptMapEquivalence.EQUIVALENT : ConceptMapEquivalence.WIDER);
            }
        }
        ConceptMap.ConceptMapGroupComponent fromStandard =
                map.addGroup().setSource(curaEnum.standardSystem()).setTarget(curaEnum.system());
        curaEnum.acceptedStandardCodes().forEach((standard, cura) -> {
            boolean exact = curaEnum.find(cura).filter(c -> c.exact() && standard.equals(c.standardCode())).isPresent();
            fromStandard.addElement()
                    .setCode(standard)
                    .addTarget()
                    .setCode(cura)
                    .setEquivalence(exact ? ConceptMapEquivalence.EQUIVALENT : ConceptMapEquivalence.WIDER);
        });
        return map;
    }

    static StructureDefinition extension(CuraExtension extension) {
        StructureDefinition definition = new StructureDefinition();
        describe(definition, extension.id(), extension.url(), extension.title(), extension.description());
        definition.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        definition.setKind(StructureDefinition.StructureDefinitionKind.COMPLEXTYPE);
        definition.setAbstract(false);
        definition.setType("Extension");
        definition.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension");
        definition.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        for (String path : extension.context()) {
            definition.addContext()
                    .setType(StructureDefinition.ExtensionContextType.ELEMENT)
                    .setExpression(path);
        }
        List<ElementDefinition> elements = definition.getDifferential().getElement();
        elements.add(element("Extension").setShort(extension.title()).setDefinition(extension.description())
                .setMin(0).setMax(extension.repeats() ? "*" : "1"));
        elements.add(element("Extension.extension").setMax("0"));
        elements.add(element("Extension.url").setFixed(new UriType(extension.url())));
        ElementDefinition value = element("Extension.value[x]").setMin(1);
        value.addType().setCode(extension.valueType());
        if (extension.valueSet() != null) {
            value.getBinding()
                    .setStrength(Enumerations.BindingStrength.REQUIRED)
                    .setValueSetElement(new CanonicalType(extension.valueSet()));
        }
        elements.add(value);
        return definition;
    }

    static StructureDefinition crossVersion(CrossVersionExtension extension) {
        StructureDefinition definition = new StructureDefinition();
        describe(definition, "extension-" + extension.path(), extension.url(), extension.title(),
                "The R5 element " + extension.path() + " in R4, as the FHIR cross-version extension rules derive it "
                        + "(http://hl7.org/fhir/versions.html#extensions).");
        definition.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        definition.setKind(StructureDefinition.StructureDefinitionKind.COMPLEXTYPE);
        definition.setAbstract(false);
        definition.setType("Extension");
        definition.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension");
        definition.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        for (String path : extension.context()) {
            definition.addContext().setType(StructureDefinition.ExtensionContextType.ELEMENT).setExpression(path);
        }
        List<ElementDefinition> elements = definition.getDifferential().getElement();
        elements.add(element("Extension").setShort(extension.title()).setDefinition(extension.title())
                .setMin(0).setMax(extension.repeats() ? "*" : "1"));
        if (extension.parts().isEmpty()) {
            elements.add(element("Extension.extension").setMax("0"));
            elements.add(element("Extension.url").setFixed(new UriType(extension.url())));
            ElementDefinition value = element("Extension.value[x]").setMin(1);
            value.addType().setCode(extension.valueType());
            elements.add(value);
        } else {
            parts(elements, "Extension", "Extension", extension.parts());
            elements.add(element("Extension.url").setFixed(new UriType(extension.url())));
            elements.add(element("Extension.value[x]").setMax("0"));
        }
        return definition;
    }

    /** The sub-extensions of a backbone element, openly sliced by url; nested backbones in turn. */
    private static void parts(List<ElementDefinition> elements, String path, String id,
            List<CrossVersionExtension.Part> parts) {
        ElementDefinition sliced = element(path + ".extension");
        sliced.setId(id + ".extension");
        sliced.getSlicing().setRules(ElementDefinition.SlicingRules.OPEN).addDiscriminator()
                .setType(ElementDefinition.DiscriminatorType.VALUE).setPath("url");
        elements.add(sliced);
        for (CrossVersionExtension.Part part : parts) {
            String sliceId = id + ".extension:" + part.name();
            ElementDefinition slice = new ElementDefinition().setPath(path + ".extension").setSliceName(part.name())
                    .setMin(part.min()).setMax(part.max());
            slice.setId(sliceId);
            elements.add(slice);
            if (part.parts().isEmpty()) {
                ElementDefinition none = new ElementDefinition().setPath(path + ".extension.extension").setMax("0");
                none.setId(sliceId + ".extension");
                elements.add(none);
            } else {
                parts(elements, path + ".extension", sliceId, part.parts());
            }
            ElementDefinition url = new ElementDefinition().setPath(path + ".extension.url")
                    .setFixed(new UriType(part.name()));
            url.setId(sliceId + ".url");
            elements.add(url);
            ElementDefinition value = new ElementDefinition().setPath(path + ".extension.value[x]");
            value.setId(sliceId + ".value[x]");
            if (part.parts().isEmpty()) {
                value.setMin(1).addType().setCode(part.valueType());
            } else {
                value.setMax("0");
            }
            elements.add(value);
        }
    }

    static StructureDefinition profile(CuraProfile profile) {
        StructureDefinition definition = new StructureDefinition();
        describe(definition, profile.id(), profile.url(), profile.title(), profile.description());
        definition.setFhirVersion(Enumerations.FHIRVersion._4_0_1);
        definition.setKind(StructureDefinition.StructureDefinitionKind.RESOURCE);
        definition.setAbstract(false);
        definition.setType(profile.type());
        definition.setBaseDefinition(profile.baseDefinition());
        definition.setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        List<ElementDefinition> elements = definition.getDifferential().getElement();
        elements.add(element(profile.type()).setShort(profile.title()).setDefinition(profile.description()));
        if (profile.kind() != null) {
            ElementDefinition code = element(profile.type() + ".code");
            code.setPattern(new org.hl7.fhir.r4.model.CodeableConcept().addCoding(
                    new org.hl7.fhir.r4.model.Coding(CuraEnums.BASIC_KIND.system(), profile.kind(), null)));
            elements.add(code);
        }
        for (CuraInvariant invariant : profile.invariants()) {
            ElementDefinition constrained = elements.stream()
                    .filter(e -> e.getPath().equals(invariant.path()))
                    .findFirst()
                    .orElseGet(() -> {
                        ElementDefinition e = element(invariant.path());
                        elements.add(e);
                        return e;
                    });
            constrained.addConstraint()
                    .setKey(invariant.key())
                    .setSeverity(ElementDefinition.ConstraintSeverity.ERROR)
                    .setHuman(invariant.human())
                    .setExpression(invariant.expression())
                    .setSource(profile.url());
        }
        return definition;
    }

    private static ElementDefinition element(String path) {
        ElementDefinition element = new ElementDefinition().setPath(path);
        element.setId(path);
        return element;
    }

    static SearchParameter searchParameter(CuraSearchParameter parameter) {
        SearchParameter searchParameter = new SearchParameter();
        describe(searchParameter, parameter.id(), parameter.url(), null, parameter.description());
        searchParameter.setCode(parameter.code());
        searchParameter.addBase(parameter.base());
        searchParameter.setType(Enumerations.SearchParamType.fromCode(parameter.type()));
        searchParameter.setExpression(parameter.expression());
        searchParameter.setXpathUsage(SearchParameter.XPathUsageType.NORMAL);
        return searchParameter;
    }

    private static void describe(MetadataResource resource, String name, String url, String title, String description) {
        resource.setUrl(url);
        resource.setVersion(VERSION);
        // Marks what the package brought (searchable as _tag). It also gives every version HAPI stores the same
        // meta: without one, HAPI stores a first update with an empty meta that the create did not have, and a
        // restart would write a new version of every resource.
        resource.getMeta().addTag(PACKAGE_TAG_SYSTEM, VERSION, "Cura conformance package " + VERSION);
        resource.setName(toName(name));
        // R4 gives SearchParameter no title (HAPI's model does, and would write it out).
        if (title != null) {
            resource.setTitle(title);
        }
        resource.setStatus(Enumerations.PublicationStatus.ACTIVE);
        resource.setExperimental(false);
        resource.setPublisher(PUBLISHER);
        resource.setDescription(description);
    }

    /** A computer-friendly name as FHIR asks for: {@code appointment-status} becomes {@code AppointmentStatus}. */
    private static String toName(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }
}
