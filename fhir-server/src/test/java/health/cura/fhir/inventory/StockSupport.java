package health.cura.fhir.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/** What the inventory tests share: calling the stock operations, and the ledger's rule checked from the tables. */
abstract class StockSupport extends ServerTest {

    protected HttpResponse<String> operation(String tenant, String path, Parameters parameters) {
        return http("POST", "/" + tenant + "/" + path, FHIR.newJsonParser().encodeResourceToString(parameters),
                "application/fhir+json");
    }

    protected Parameters ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    }

    protected static Parameters parameters(Object... namesAndValues) {
        Parameters parameters = new Parameters();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                parameters.addParameter().setName((String) namesAndValues[i]).setValue((Type) namesAndValues[i + 1]);
            }
        }
        return parameters;
    }

    protected static String itemId(Parameters answer) {
        return ((Reference) answer.getParameterValue("item")).getReferenceElement().getIdPart();
    }

    /** Every item of the clinic: its stock is the sum of its movements, and each batch's what its movements left. */
    protected void assertLedgerAgrees(int organizationId) {
        List<Map<String, Object>> disagreeing = jdbc.queryForList("""
                SELECT i.id, i.current_stock, coalesce(sum(m.quantity), 0) AS ledger FROM inventory_items i
                LEFT JOIN inventory_stock_movements m ON m.organization_id = i.organization_id AND m.item_id = i.id
                WHERE i.organization_id = ? GROUP BY i.id, i.current_stock
                HAVING i.current_stock <> coalesce(sum(m.quantity), 0)""", organizationId);
        assertThat(disagreeing).as("items whose stock is not the sum of their movements").isEmpty();
        List<Map<String, Object>> batches = jdbc.queryForList("""
                SELECT b.id, b.remaining_quantity, coalesce(sum(m.quantity), 0) AS ledger FROM inventory_batches b
                LEFT JOIN inventory_stock_movements m ON m.organization_id = b.organization_id AND m.batch_id = b.id
                WHERE b.organization_id = ? GROUP BY b.id, b.remaining_quantity
                HAVING b.remaining_quantity <> coalesce(sum(m.quantity), 0)""", organizationId);
        assertThat(batches).as("batches whose units are not the sum of their movements").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory_items WHERE organization_id = ? "
                + "AND current_stock < 0", Integer.class, organizationId)).as("items below zero").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inventory_batches WHERE organization_id = ? "
                + "AND remaining_quantity < 0", Integer.class, organizationId)).as("batches below zero").isZero();
    }

    protected int stock(int organizationId, String itemId) {
        return jdbc.queryForObject("SELECT current_stock FROM inventory_items WHERE organization_id = ? AND id = ?",
                Integer.class, organizationId, rowId(organizationId, "Basic", itemId));
    }
}
