package health.cura.fhir.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.cura.fhir.support.ServerTest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The one row writer, on the real database: each value written as its declared column type, within one clinic. */
class TableRowsTest extends ServerTest {

    @Autowired
    private TableRows rows;

    private static int clinic;
    private static int otherClinic;

    @BeforeEach
    void clinics() {
        if (clinic == 0) {
            clinic = organizationId(newTenant("rows"));
            otherClinic = organizationId(newTenant("rows-other"));
        }
    }

    private int patient(int organizationId, String lastName) {
        return rows.insert(CuraTables.PATIENTS, organizationId, RowValues.of()
                .set("patient_id", "P-" + lastName)
                .set("first_name", "Ada")
                .set("last_name", lastName)
                .set("date_of_birth", LocalDate.of(1984, 2, 29))
                .set("address", Map.of("city", "Leeds", "postcode", "LS1 4AP"))
                .set("flags", List.of("allergy", "falls risk"))
                .set("is_active", true));
    }

    @Test
    void everyValueLandsAsItsColumnsTypeAndReadsBackInSql() {
        int id = patient(clinic, "Lovelace");

        Map<String, Object> row = jdbc.queryForMap("""
                SELECT organization_id, last_name, date_of_birth, address->>'city' AS city,
                    array_to_string(flags, '|') AS flags, is_active
                FROM patients WHERE id = ?""", id);
        assertThat(row).containsEntry("organization_id", clinic)
                .containsEntry("last_name", "Lovelace")
                .containsEntry("date_of_birth", java.sql.Date.valueOf("1984-02-29"))
                .containsEntry("city", "Leeds")
                .containsEntry("flags", "allergy|falls risk")
                .containsEntry("is_active", true);
    }

    @Test
    void anUpdateSetsOnlyTheGivenColumnsAndTouchesUpdatedAt() {
        int id = patient(clinic, "Hopper");
        jdbc.update("UPDATE patients SET phone = '0113 496 0000', updated_at = '2000-01-01' WHERE id = ?", id);

        rows.update(CuraTables.PATIENTS, clinic, id, RowValues.of().set("last_name", "Hopper-Murray"));

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT last_name, phone, updated_at > '2000-01-02' AS touched FROM patients WHERE id = ?", id);
        assertThat(row).containsEntry("last_name", "Hopper-Murray")
                .containsEntry("phone", "0113 496 0000")
                .containsEntry("touched", true);
    }

    @Test
    void aRowOfAnotherClinicIsNeverWrittenOrDeleted() {
        int theirs = patient(otherClinic, "Franklin");

        rows.update(CuraTables.PATIENTS, clinic, theirs, RowValues.of().set("last_name", "Changed"));
        rows.delete(CuraTables.PATIENTS, clinic, theirs);

        assertThat(jdbc.queryForObject("SELECT last_name FROM patients WHERE id = ?", String.class, theirs))
                .isEqualTo("Franklin");
    }

    @Test
    void aMomentSetOnceKeepsTheFirstValue() {
        int patient = patient(clinic, "Nightingale");
        LocalDateTime first = LocalDateTime.of(2026, 3, 1, 9, 30);
        int consent = rows.insert(CuraTables.GDPR_CONSENTS, clinic, RowValues.of()
                .set("patient_id", patient)
                .set("consent_type", "research")
                .set("status", "withdrawn")
                .set("purpose", "Research into falls in older people")
                .set("legal_basis", "consent")
                .set("data_categories", List.of("clinical"))
                .setOnce("withdrawn_at", first));

        rows.update(CuraTables.GDPR_CONSENTS, clinic, consent, RowValues.of().setOnce("withdrawn_at", RowValues.NOW));

        assertThat(jdbc.queryForObject("SELECT withdrawn_at FROM gdpr_consents WHERE id = ?", LocalDateTime.class,
                consent)).isEqualTo(first);
    }

    @Test
    void aKeyOfAJsonObjectColumnIsWrittenAndTheOtherKeysKept() {
        int patient = patient(clinic, "Seacole");
        int consent = rows.insert(CuraTables.GDPR_CONSENTS, clinic, RowValues.of()
                .set("patient_id", patient)
                .set("consent_type", "marketing")
                .set("status", "granted")
                .set("purpose", "Newsletter")
                .set("legal_basis", "consent")
                .setKey("metadata", "source", Map.of("form", "paper")));
        jdbc.update("UPDATE gdpr_consents SET metadata = metadata || '{\"emr\": 7}'::jsonb WHERE id = ?", consent);

        rows.update(CuraTables.GDPR_CONSENTS, clinic, consent, RowValues.of().setKey("metadata", "source", "web"));

        assertThat(jdbc.queryForObject("SELECT metadata::text FROM gdpr_consents WHERE id = ?", String.class,
                consent)).isEqualTo("{\"emr\": 7, \"source\": \"web\"}");
        assertThatThrownBy(() -> rows.update(CuraTables.GDPR_CONSENTS, clinic, consent, RowValues.of()
                .setKey("purpose", "a", 1))).hasMessageContaining("gdpr_consents.purpose is not a jsonb column");
    }

    @Test
    void anUndeclaredColumnOrAValueOfTheWrongTypeIsRefusedBeforeAnySql() {
        Integer before = jdbc.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ?", Integer.class,
                clinic);

        assertThatThrownBy(() -> rows.insert(CuraTables.PATIENTS, clinic, RowValues.of()
                .set("first_name", "Grace").set("shoe_size", 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patients has no column shoe_size");
        assertThatThrownBy(() -> rows.insert(CuraTables.PATIENTS, clinic, RowValues.of()
                .set("first_name", "Grace").set("date_of_birth", "1906-12-09")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patients.date_of_birth is DATE");
        assertThatThrownBy(() -> rows.insert(CuraTables.PATIENTS, clinic, RowValues.of()
                .set("organization_id", otherClinic)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the writer");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM patients WHERE organization_id = ?", Integer.class,
                clinic)).isEqualTo(before);
    }
}
