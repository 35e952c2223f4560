package health.cura.fhir.capture;

import static health.cura.fhir.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.support.ServerTest;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rows written straight into {@code patients} by other software, by plain JDBC, appear in FHIR: created, merged,
 * deleted, once per change, in order, in their own clinic only; a FHIR write never comes back as a change; a row
 * no mapping can represent is parked with its reason and applied once fixed, without holding up the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PatientCaptureTest extends ServerTest {

    @org.springframework.beans.factory.annotation.Autowired
    private ca.uhn.fhir.jpa.api.dao.DaoRegistry daos;

    private String clinic;
    private String otherClinic;
    private int clinicId;

    @BeforeAll
    void clinics() {
        clinic = newTenant("capture");
        otherClinic = newTenant("capture-other");
        clinicId = organizationId(clinic);
    }

    @Test
    void aRowInsertedUpdatedAndDeletedBySqlIsCreatedUpdatedAndDeletedInFhirOneVersionPerChange() {
        int row = insertPatient("P90001", "Sqlwritten", "{\"city\": \"Leeds\"}");
        Patient created = await(() -> patientOf(row));
        assertThat(created.getNameFirstRep().getFamily()).isEqualTo("Sqlwritten");
        assertThat(created.getAddressFirstRep().getCity()).isEqualTo("Leeds");
        assertThat(created.getMeta().getVersionId()).isEqualTo("1");
        assertThat(search("family=Sqlwritten")).as("searchable").hasSize(1);

        jdbc.update("UPDATE patients SET phone = '0113 496 0000' WHERE id = ?", row);
        Patient updated = await(() -> patientOf(row).filter(p -> "2".equals(p.getMeta().getVersionId())));
        assertThat(updated.getTelecomFirstRep().getValue()).isEqualTo("0113 496 0000");

        // an update that changes nothing is no change
        jdbc.update("UPDATE patients SET phone = phone WHERE id = ?", row);
        String id = updated.getIdElement().getIdPart();
        jdbc.update("DELETE FROM patients WHERE id = ?", row);
        await(() -> gone(id) ? Optional.of(true) : Optional.empty());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fhir_resource_links WHERE organization_id = ? AND "
                + "table_name = 'patients' AND row_id = ?", Integer.class, clinicId, row)).isZero();
    }

    @Test
    void whatFhirAddedBeyondTheRowSurvivesALaterSqlUpdate() {
        int row = insertPatient("P90002", "Merged", "{}");
        Patient created = await(() -> patientOf(row));
        created.setMaritalStatus(new CodeableConcept().setText("Married"));
        client(clinic).update().resource(created).execute();

        jdbc.update("UPDATE patients SET last_name = 'Merged-Renamed' WHERE id = ?", row);
        Patient merged = await(() -> patientOf(row).filter(p -> "Merged-Renamed".equals(
                p.getNameFirstRep().getFamily())));

        assertThat(merged.getMaritalStatus().getText()).as("kept").isEqualTo("Married");
        assertThat(merged.getMeta().getVersionId()).isEqualTo("3");
    }

    @Test
    void aFhirWriteIsNeverCapturedAsAChange() throws Exception {
        String id = createPatient(client(clinic), "Restwritten").getIdPart();
        int row = rowId(clinicId, "Patient", id);
        Patient updated = client(clinic).read().resource(Patient.class).withId(id).execute();
        updated.getNameFirstRep().setFamily("Restwritten-Again");
        client(clinic).update().resource(updated).execute();
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Patient",
                 "name":[{"family":"Bundlewritten"}]},"request":{"method":"POST","url":"Patient"}}]}""";
        assertThat(postJson("/" + clinic, bundle).statusCode()).isEqualTo(200);
        Patient byDao = new Patient();
        byDao.addName().setFamily("Daowritten");
        String daoId = daos.getResourceDao(Patient.class).create(byDao,
                ca.uhn.fhir.rest.api.server.SystemRequestDetails.forRequestPartitionId(
                        ca.uhn.fhir.interceptor.model.RequestPartitionId.fromPartitionId(clinicId)))
                .getId().getIdPart();
        assertThat(rowId(clinicId, "Patient", daoId)).as("a DAO write is projected too").isPositive();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM cura_row_changes WHERE table_name = 'patients' AND "
                + "organization_id = ?", Integer.class, clinicId)).as("nothing logged for REST, bundle and DAO writes")
                .isZero();
        Thread.sleep(1_500);
        assertThat(client(clinic).read().resource(Patient.class).withId(id).execute().getMeta().getVersionId())
                .as("no echo version").isEqualTo("2");
        assertThat(client(clinic).read().resource(Patient.class).withId(daoId).execute().getMeta().getVersionId())
                .as("no echo version of the DAO write").isEqualTo("1");
        assertThat(row).isPositive();
    }

    @Test
    void aHundredQuickUpdatesEndInTheLastStateWithVersionsInOrder() {
        int row = insertPatient("P90003", "Quick0", "{}");
        await(() -> patientOf(row));
        for (int i = 1; i <= 100; i++) {
            jdbc.update("UPDATE patients SET last_name = ? WHERE id = ?", "Quick" + i, row);
        }
        Patient last = await(() -> patientOf(row).filter(p -> "Quick100".equals(p.getNameFirstRep().getFamily())));
        Bundle history = client(clinic).history().onInstance(last.getIdElement().toVersionless())
                .returnBundle(Bundle.class).count(500).execute();
        List<Integer> versions = history.getEntry().stream()
                .map(e -> Integer.parseInt(e.getResource().getMeta().getVersionId())).toList();
        assertThat(versions).as("newest first, no gaps").isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(versions.get(0)).isEqualTo(versions.size()).isBetween(2, 101);
        await(() -> pending(row) == 0 ? Optional.of(true) : Optional.empty());
    }

    @Test
    void aRowNoMappingCanRepresentIsParkedWithItsReasonAndAppliedOnceFixed() {
        int poison = insertPatient("P90004", "Poison", "\"not an address\"");
        int healthy = insertPatient("P90005", "Healthy", "{}");
        await(() -> patientOf(healthy));
        String reason = await(() -> jdbc.queryForList("SELECT reason FROM cura_parked_changes WHERE table_name = "
                + "'patients' AND row_id = ?", String.class, poison).stream().findFirst());
        assertThat(reason).contains("patients.address").contains("not a JSON object")
                .doesNotContain("not an address");
        assertThat(patientOf(poison)).isEmpty();

        jdbc.update("UPDATE patients SET address = '{\"city\": \"York\"}' WHERE id = ?", poison);
        Patient fixed = await(() -> patientOf(poison));
        assertThat(fixed.getAddressFirstRep().getCity()).isEqualTo("York");
        await(() -> jdbc.queryForObject("SELECT count(*) FROM cura_parked_changes WHERE table_name = 'patients' "
                + "AND row_id = ?", Integer.class, poison) == 0 ? Optional.of(true) : Optional.empty());
    }

    @Test
    void aRowOfOneClinicBecomesAResourceOfThatClinicOnly() {
        int row = insertPatient("P90006", "Ownclinic", "{}");
        Patient created = await(() -> patientOf(row));
        String id = created.getIdElement().getIdPart();
        assertThat(get("/" + otherClinic + "/Patient/" + id).statusCode()).isEqualTo(404);
        assertThat(get("/" + otherClinic + "/Patient?family=Ownclinic").body()).doesNotContain(id);
    }

    private int insertPatient(String number, String lastName, String addressJson) {
        return jdbc.queryForObject("INSERT INTO patients (organization_id, patient_id, first_name, last_name, address)"
                + " VALUES (?, ?, 'Row', ?, ?::jsonb) RETURNING id", Integer.class, clinicId,
                number + "-" + UUID.randomUUID().toString().substring(0, 4), lastName, addressJson);
    }

    private Optional<Patient> patientOf(int row) {
        return jdbc.queryForList("SELECT resource_id FROM fhir_resource_links WHERE organization_id = ? AND "
                        + "table_name = 'patients' AND row_id = ?", String.class, clinicId, row).stream().findFirst()
                .map(id -> client(clinic).read().resource(Patient.class).withId(id).execute());
    }

    private boolean gone(String id) {
        try {
            client(clinic).read().resource(Patient.class).withId(id).execute();
            return false;
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            return true;
        }
    }

    private int pending(int row) {
        return jdbc.queryForObject("SELECT count(*) FROM cura_row_changes WHERE table_name = 'patients' AND "
                + "row_id = ?", Integer.class, row);
    }

    private List<Bundle.BundleEntryComponent> search(String query) {
        return client(clinic).search().byUrl("Patient?" + query).returnBundle(Bundle.class).execute().getEntry();
    }
}
