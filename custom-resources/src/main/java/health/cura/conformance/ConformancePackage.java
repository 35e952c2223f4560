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
                    List.of("Claim"), "Reference", false, null, null));

    public static final List<CuraSearchParameter> SEARCH_PARAMETERS = List.of(
            new CuraSearchParameter("risk-level", "Patient", "token",
                    "Patient.extension('" + CuraCanonical.RISK_LEVEL_EXTENSION + "').value",
                    "The clinic's risk level of the patient: low, medium or high"),
            new CuraSearchParameter("patient-flag", "Patient", "string",
                    "Patient.extension('" + CuraCanonical.PATIENT_FLAG_EXTENSION + "').value",
                    "A medical flag the clinic records for the patient"),
            new CuraSearchParameter("virtual", "Appointment", "token",
                    "Appointment.extension('" + CuraCanonical.VIRTUAL_APPOINTMENT_EXTENSION + "').value",
                    "Whether the appointment is virtual (true or false)"));

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
                    "Cura ClaimResponse", "An insurer's decision on a claim and its payment (table claims)."));

    private ConformancePackage() {}

    private static CuraProfile profile(
            String id, String type, String base, String title, String description, CuraInvariant... invariants) {
        return new CuraProfile(id, type, base, title, description, List.of(invariants));
    }

    /** The Cura profile of a resource type, if the type is mapped. */
    public static Optional<CuraProfile> profileOf(String resourceType) {
        return PROFILES.stream().filter(p -> p.type().equals(resourceType)).findFirst();
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
