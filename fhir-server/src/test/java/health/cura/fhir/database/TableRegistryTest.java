package health.cura.fhir.database;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.tables.Column;
import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.DataKind;
import health.cura.fhir.tables.SqlType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The table registry against the schema document: every documented table and column declared once, with its type;
 * tenant, patient and link columns that exist. ({@link SchemaDocumentConformanceTest} holds the database to the same
 * document.)
 */
class TableRegistryTest {

    private final SchemaDocument document = SchemaDocument.read();

    @Test
    void everyDocumentedTableAndColumnIsDeclaredWithItsType() {
        assertThat(CuraTables.ALL).extracting(CuraTable::name)
                .containsExactlyElementsOf(document.tables().keySet());
        for (Map.Entry<String, List<SchemaDocument.Column>> documented : document.tables().entrySet()) {
            CuraTable table = CuraTables.named(documented.getKey()).orElseThrow();
            assertThat(table.columns()).extracting(Column::name).as(table.name())
                    .containsExactlyElementsOf(documented.getValue().stream().map(SchemaDocument.Column::name).toList());
            for (SchemaDocument.Column column : documented.getValue()) {
                assertThat(table.column(column.name()).orElseThrow().type()).as(table.name() + "." + column.name())
                        .isEqualTo(SqlType.ofDocumented(column.type()));
            }
        }
    }

    @Test
    void tenantPatientAndLinkColumnsAreColumnsOfTheirTables() {
        for (CuraTable table : CuraTables.ALL) {
            table.tenant().column().ifPresent(column -> assertThat(table.column(column)).as(table.name()).isPresent());
            table.tenant().via().ifPresent(via -> assertThat(CuraTables.named(via).orElseThrow()
                    .column("organization_id")).as(table.name() + " through " + via).isPresent());
            table.patientColumn().ifPresent(patient -> {
                assertThat(table.column(patient.name())).as(table.name()).isPresent();
                SqlType type = table.column(patient.name()).orElseThrow().type();
                if (patient.byPatientNumber()) {
                    assertThat(type).as(table.name() + "." + patient.name() + " holds the patient number")
                            .isEqualTo(SqlType.TEXT);
                } else {
                    assertThat(type).as(table.name() + "." + patient.name() + " holds the patients row id")
                            .isIn(SqlType.INTEGER, SqlType.SERIAL);
                }
            });
            if (table.column("organization_id").isPresent()) {
                assertThat(table.tenant().column()).as(table.name()).contains("organization_id");
            }
        }
        assertThat(CuraTables.named("invoices").orElseThrow().patientColumn().orElseThrow().byPatientNumber())
                .isTrue();
        assertThat(CuraTables.named("claims").orElseThrow().patientColumn().orElseThrow().byPatientNumber())
                .isFalse();
        assertThat(CuraTables.named("messages").orElseThrow().tenant().via()).contains("conversations");
        assertThat(CuraTables.named("saas_packages").orElseThrow().tenant().platformOnly()).isTrue();
    }

    @Test
    void patientDataIsFoundWhereverItIsAndToldApartByKind() {
        assertThat(CuraTables.withPatientData()).extracting(CuraTable::name)
                .contains("patients", "appointments", "consultations", "prescriptions", "lab_results",
                        "medical_images", "invoices", "payments", "claims", "gdpr_consents", "gdpr_data_requests",
                        "gdpr_audit_trail", "patient_communications")
                .doesNotContain("users", "organizations", "inventory_items");
        CuraTable patients = CuraTables.named("patients").orElseThrow();
        assertThat(patients.columnsOf(DataKind.CONTACT)).extracting(Column::name)
                .contains("email", "phone", "address", "emergency_contact");
        assertThat(patients.columnsOf(DataKind.IDENTITY)).extracting(Column::name)
                .contains("first_name", "last_name", "date_of_birth", "nhs_number", "patient_id");
        assertThat(patients.columnsOf(DataKind.CLINICAL)).extracting(Column::name)
                .contains("medical_history", "flags", "risk_level");
        assertThat(CuraTables.named("users").orElseThrow().column("password_hash").orElseThrow().kind())
                .isEqualTo(DataKind.SECRET);
    }

    /**
     * The kinds follow what a column holds wherever it is: a person's contact details are contact data in any table,
     * a reference to another row is a key, and credentials are secrets.
     */
    @Test
    void columnsHoldingTheSameKindOfDataHaveTheSameKindInEveryTable() {
        for (CuraTable table : CuraTables.ALL) {
            for (Column column : table.columns()) {
                String name = column.name();
                String where = table.name() + "." + name;
                if (name.startsWith("pharmacy_")) {
                    // the pharmacy's own details: no person's data
                    assertThat(column.kind()).as(where).isEqualTo(DataKind.OPERATIONAL);
                } else if (name.contains("password") || name.endsWith("_token")) {
                    assertThat(column.kind()).as(where).isEqualTo(DataKind.SECRET);
                } else if (name.endsWith("email") || name.endsWith("phone") || name.equals("recipient")) {
                    assertThat(column.kind()).as(where).isEqualTo(DataKind.CONTACT);
                } else if (name.endsWith("first_name") || name.endsWith("last_name")
                        || name.endsWith("patient_name") || name.equals("nhs_number")) {
                    assertThat(column.kind()).as(where).isEqualTo(DataKind.IDENTITY);
                } else if (column.type() == SqlType.INTEGER && (name.endsWith("_id") || name.endsWith("_by"))) {
                    assertThat(column.kind()).as(where).isIn(DataKind.KEY, DataKind.AUDIT);
                } else if (name.equals("created_at") || name.equals("updated_at")) {
                    assertThat(column.kind()).as(where).isEqualTo(DataKind.AUDIT);
                }
            }
        }
        assertThat(CuraTables.named("gdpr_consents").orElseThrow().columnsOf(DataKind.LEGAL)).extracting(Column::name)
                .contains("consent_type", "status", "granted_at", "withdrawn_at", "legal_basis");
        assertThat(CuraTables.named("gdpr_data_requests").orElseThrow().columnsOf(DataKind.CLINICAL)).isEmpty();
    }

    @Test
    void eachLinkedResourceTypeHasOneTable() {
        assertThat(CuraTables.linkedResourceTypes()).containsExactlyInAnyOrder("Organization", "Practitioner",
                "Patient", "Appointment", "Encounter", "MedicationRequest", "DiagnosticReport", "ImagingStudy",
                "Consent", "Invoice", "PaymentReconciliation", "Claim", "Basic", "Task");
        assertThat(CuraTables.tableOf("MedicationRequest")).isEqualTo("prescriptions");
        assertThat(CuraTables.tableOf("Basic")).as("inventory items; other kinds of Basic have no row")
                .isEqualTo("inventory_items");
        assertThat(CuraTables.tableOf("Claim")).isEqualTo("claims");
        assertThat(CuraTables.tableOf("PaymentReconciliation")).isEqualTo("payments");
    }
}
