package health.cura.conformance;

import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnum;
import health.cura.conformance.terminology.CuraEnums;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
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

    public static final List<CuraExtension> EXTENSIONS = List.of(
            new CuraExtension("cura-code", "Cura code",
                    "The value of the Cura column a coded element holds, where the FHIR code is broader (for example "
                            + "appointment status 'rescheduled', which FHIR calls 'booked').",
                    List.of("Appointment.status", "MedicationRequest.status", "DiagnosticReport.status",
                            "Consent.status", "ImagingStudy.modality"),
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
                    List.of("PractitionerRole"), "string", false, "users.department", null));

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

    private ConformancePackage() {}

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
        map.setSource(new UriType(curaEnum.valueSet()));
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

    private static ElementDefinition element(String path) {
        ElementDefinition element = new ElementDefinition().setPath(path);
        element.setId(path);
        return element;
    }

    static SearchParameter searchParameter(CuraSearchParameter parameter) {
        SearchParameter searchParameter = new SearchParameter();
        describe(searchParameter, parameter.id(), parameter.url(), parameter.code(), parameter.description());
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
        resource.setName(toName(name));
        resource.setTitle(title);
        resource.setStatus(Enumerations.PublicationStatus.ACTIVE);
        resource.setExperimental(false);
        resource.setPublisher("Cura");
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
