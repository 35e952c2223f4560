package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** DiagnosticReport + Observations ⇄ {@code lab_results}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabResultProjectionTest extends ServerTest {

    private String tenant;
    private int organizationId;
    private IGenericClient fhir;
    private IdType doctor;
    private IdType patient;

    @BeforeAll
    void clinic() {
        tenant = newTenant("labs");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
        doctor = createPractitioner(fhir, "Okafor");
        patient = createPatient(fhir, "Green");
    }

    @Test
    void reportWithItsObservationsLandsAsOneRowWithResults() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Reference hba1c = add(bundle, observation("4548-4", "HbA1c", "7.1", "%", "4.0", "6.0", "H"));
        Reference glucose = add(bundle, observation("2339-0", "Glucose", "5.4", "mmol/L", "3.9", "7.8", "N"));
        DiagnosticReport report = report("Diabetes review bloods");
        report.addPerformer(new Reference(doctor));
        report.addResult(hba1c).addResult(glucose);
        add(bundle, report);

        Bundle response = fhir.transaction().withBundle(bundle).execute();
        String reportId = new IdType(response.getEntry().get(2).getResponse().getLocation()).getIdPart();

        Map<String, Object> row = row(reportId);
        assertThat(row).containsEntry("test_type", "Diabetes review bloods").containsEntry("status", "completed")
                .containsEntry("ordered_by", rowId(organizationId, "Practitioner", doctor.getIdPart()))
                .containsEntry("patient_id", rowId(organizationId, "Patient", patient.getIdPart()));
        assertThat(row.get("test_date").toString()).startsWith("2026-11-20 08:15");
        assertThat((String) row.get("lab_number")).matches("LAB\\d{6}");
        List<Map<String, Object>> results = jdbc.queryForList("""
                SELECT r ->> 'name' AS name, (r ->> 'value')::numeric AS value, r ->> 'unit' AS unit,
                       (r ->> 'high')::numeric AS high, r ->> 'flag' AS flag, r ->> 'code' AS code
                FROM lab_results l, jsonb_array_elements(l.results) r WHERE l.id = ?""", row.get("id"));
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).containsEntry("name", "HbA1c").containsEntry("unit", "%")
                .containsEntry("flag", "H").containsEntry("code", "4548-4");
        assertThat((BigDecimal) results.get(0).get("value")).isEqualByComparingTo("7.1");
        assertThat((BigDecimal) results.get(0).get("high")).isEqualByComparingTo("6.0");

        DiagnosticReport stored = fhir.read().resource(DiagnosticReport.class).withId(reportId).execute();
        assertThat(stored.getIdentifier()).anyMatch(i -> i.getSystem().equals(CuraCanonical.labNumberSystem(tenant))
                && i.getValue().equals(row.get("lab_number")));

        fhir.delete().resourceById("DiagnosticReport", reportId).execute();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM lab_results WHERE id = ?", Integer.class, row.get("id")))
                .isZero();
    }

    /** As Synthea writes it: the hospital performs, the encounter's practitioner ordered. */
    @Test
    void ordererComesFromTheEncounterWhenTheReportNamesNoPractitioner() {
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference(patient));
        encounter.addParticipant().setIndividual(new Reference(doctor));
        encounter.getPeriod().setStartElement(new DateTimeType("2026-11-20T09:00:00Z"));
        IdType visit = create(fhir, encounter);
        DiagnosticReport report = report("Lipid panel");
        report.setEncounter(new Reference(visit));

        String id = fhir.create().resource(report).execute().getId().getIdPart();

        assertThat(row(id)).containsEntry("ordered_by", rowId(organizationId, "Practitioner", doctor.getIdPart()));
    }

    private DiagnosticReport report(String name) {
        DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept().setText(name));
        report.setSubject(new Reference(patient));
        report.setEffective(new DateTimeType("2026-11-20T09:15:00+01:00"));
        return report;
    }

    private Observation observation(String loinc, String name, String value, String unit, String low, String high,
            String flag) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept().setText(name).addCoding(new Coding("http://loinc.org", loinc, null)));
        observation.setSubject(new Reference(patient));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        observation.addReferenceRange().setLow(new Quantity().setValue(new BigDecimal(low)).setUnit(unit))
                .setHigh(new Quantity().setValue(new BigDecimal(high)).setUnit(unit));
        observation.addInterpretation().addCoding(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag, null));
        return observation;
    }

    private static Reference add(Bundle bundle, Resource resource) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return new Reference(fullUrl);
    }

    private Map<String, Object> row(String resourceId) {
        return linkedRow(organizationId, "lab_results", "DiagnosticReport", resourceId);
    }
}
