package health.cura.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** HAPI's tables live apart from the Cura tables, and were created in database partition mode. */
class HapiSchemaSeparationTest extends ServerTest {

    @Test
    void hapiTablesAreInTheirOwnSchemaAndCuraTablesInPublic() {
        List<String> hapiInPublic = jdbc.queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        + "AND (table_name LIKE 'hfj\\_%' OR table_name LIKE 'trm\\_%' OR table_name LIKE 'bt2\\_%')",
                String.class);
        assertThat(hapiInPublic).isEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT lower(table_name) FROM information_schema.tables WHERE table_schema = 'hapi'",
                        String.class))
                .contains("hfj_resource", "hfj_partition", "hfj_search", "fly_hfj_migration")
                .doesNotContain("patients", "organizations");
    }

    @Test
    void hapiPrimaryKeysCarryThePartition() {
        List<String> keyColumns = jdbc.queryForList(
                """
                SELECT a.attname FROM pg_index i
                  JOIN pg_class c ON c.oid = i.indrelid
                  JOIN pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                 WHERE i.indisprimary AND n.nspname = 'hapi' AND c.relname = 'hfj_resource'
                """,
                String.class);
        assertThat(keyColumns).contains("partition_id", "res_id");
    }

    @Test
    void aResourceWrittenThroughFhirIsStoredUnderItsClinicsPartition() {
        String tenant = newTenant("schema");
        String id = client(tenant).create().resource(new Patient()).execute().getId().getIdPart();
        Integer partition = jdbc.queryForObject(
                "SELECT partition_id FROM hapi.hfj_resource WHERE fhir_id = ? AND res_type = 'Patient'",
                Integer.class, id);
        assertThat(partition).isEqualTo(
                jdbc.queryForObject("SELECT id FROM organizations WHERE subdomain = ?", Integer.class, tenant));
    }
}
