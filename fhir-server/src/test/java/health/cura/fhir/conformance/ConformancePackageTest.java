package health.cura.fhir.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ServerTest;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Cura conformance package: loaded into DEFAULT once, usable for search and translation by every clinic. */
class ConformancePackageTest extends ServerTest {

    @Autowired
    private ConformancePackageLoader loader;

    @Test
    void everyEnumIsACodeSystemInTheSharedPartition() {
        IGenericClient shared = client("DEFAULT");
        Bundle found = shared.search().forResource(CodeSystem.class)
                .where(CodeSystem.URL.matches().value(CuraEnums.APPOINTMENT_STATUS.system()))
                .returnBundle(Bundle.class).execute();
        assertThat(found.getEntry()).hasSize(1);
        CodeSystem codeSystem = (CodeSystem) found.getEntryFirstRep().getResource();
        assertThat(codeSystem.getConcept()).extracting(CodeSystem.ConceptDefinitionComponent::getCode)
                .containsExactly("scheduled", "rescheduled", "completed", "cancelled", "no_show");

        List<String> all = entries(get("/DEFAULT/CodeSystem?url:below=" + CuraCanonical.BASE + "/CodeSystem/"
                + "&_count=100").body());
        assertThat(all).hasSize(CuraEnums.all().size());
    }

    @Test
    void loadingAgainChangesNothing() {
        assertThat(loader.load()).isZero();
        List<String> found = entries(get("/DEFAULT/CodeSystem?url:below=" + CuraCanonical.BASE + "/CodeSystem/"
                + "&_count=100").body());
        assertThat(found).hasSize(CuraEnums.all().size())
                .allSatisfy(json -> assertThat(json).contains("\"versionId\":\"1\""));
    }

    @Test
    void conceptMapTranslatesCuraCodesToFhirAndBack() {
        Parameters toFhir = client("DEFAULT").operation().onType("ConceptMap").named("$translate")
                .withParameter(Parameters.class, "url", new org.hl7.fhir.r4.model.UriType(
                        CuraEnums.APPOINTMENT_STATUS.conceptMap()))
                .andParameter("system", new org.hl7.fhir.r4.model.UriType(CuraEnums.APPOINTMENT_STATUS.system()))
                .andParameter("code", new CodeType("no_show"))
                .useHttpGet().execute();
        assertThat(toFhir.getParameterBool("result")).isTrue();
        String encoded = FHIR.newJsonParser().encodeResourceToString(toFhir);
        assertThat(encoded).contains("\"code\":\"noshow\"");
    }

    @Test
    void riskLevelIsSearchableAndAdvertisedToEveryClinic() {
        String tenant = newTenant("conformance");
        IGenericClient fhir = client(tenant);
        for (String level : List.of("high", "low", "high")) {
            Patient patient = new Patient();
            patient.addName().setFamily("Risk" + level);
            patient.addExtension(CuraCanonical.RISK_LEVEL_EXTENSION, new CodeType(level));
            fhir.create().resource(patient).execute();
        }

        List<String> high = entries(get("/" + tenant + "/Patient?risk-level=high").body());
        assertThat(high).hasSize(2).allMatch(json -> json.contains("Riskhigh"));

        CapabilityStatement statement = fhir.capabilities().ofType(CapabilityStatement.class).execute();
        CapabilityStatement.CapabilityStatementRestResourceComponent patient = statement.getRestFirstRep()
                .getResource().stream().filter(r -> r.getType().equals("Patient")).findFirst().orElseThrow();
        assertThat(patient.getSearchParam()).anyMatch(p -> p.getName().equals("risk-level")
                && p.getDefinition().equals(ConformancePackage.SEARCH_PARAMETERS.get(0).url()));
        assertThat(patient.getProfile()).isEqualTo(CuraCanonical.profile("cura-patient"));
    }

    @Test
    void resultsAreSearchableByTheirInterpretation() {
        String tenant = newTenant("interpretation");
        IGenericClient fhir = client(tenant);
        Patient patient = new Patient();
        patient.addName().setFamily("Interpreted");
        Reference subject = new Reference(fhir.create().resource(patient).execute().getId().toUnqualifiedVersionless());
        for (String flag : List.of("H", "N", "LL")) {
            Observation result = ClinicalShapes.heartRate(subject, null);
            result.addInterpretation().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag, null));
            fhir.create().resource(result).execute();
        }

        Bundle abnormal = fhir.search().byUrl("Observation?interpretation=H,L,HH,LL").returnBundle(Bundle.class)
                .execute();
        assertThat(abnormal.getEntry()).hasSize(2).allMatch(entry -> !((Observation) entry.getResource())
                .getInterpretationFirstRep().getCodingFirstRep().getCode().equals("N"));
    }
}
