package health.cura.fhir.inventory;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.conformance.CuraCanonical;
import health.cura.fhir.operations.OperationWrites;
import health.cura.fhir.tenancy.Tenant;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.SupplyRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When a movement takes an item's stock from above its reorder level to it or below, the clinic gets one draft
 * SupplyRequest for the item (enough to bring the stock to twice the reorder level) and its staff a notification. A
 * further fall while that request is still a draft makes no second one. It runs in the movement's transaction, under
 * the item's lock, so two dispenses crossing at once cross once. The server raises the request, on its own account.
 */
public class ReorderAlerts {

    private final JdbcTemplate jdbc;
    private final OperationWrites writes;
    private final StockNotifications notifications;

    public ReorderAlerts(JdbcTemplate jdbc, OperationWrites writes, StockNotifications notifications) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.notifications = notifications;
    }

    /** The SupplyRequest made, if the movement crossed the level and none was open. */
    public Optional<String> afterMovement(Tenant clinic, StockBook.LockedItem before, int stockAfter) {
        int level = before.reorderLevel();
        if (!before.active() || before.stock() <= level || stockAfter > level) {
            return Optional.empty();
        }
        Optional<String> open = jdbc.queryForList("SELECT supply_request_id FROM cura_stock_reorders "
                + "WHERE organization_id = ? AND item_id = ?", String.class, clinic.id(), before.rowId())
                .stream().findFirst();
        if (open.filter(id -> isDraft(clinic.id(), id)).isPresent()) {
            return Optional.empty();
        }
        SupplyRequest reorder = new SupplyRequest();
        reorder.setStatus(SupplyRequest.SupplyRequestStatus.DRAFT);
        reorder.getItemCodeableConcept().addCoding().setSystem(CuraCanonical.itemCodeSystem(clinic.subdomain()))
                .setCode(before.itemCode()).setDisplay(before.name());
        reorder.getItemCodeableConcept().setText(before.name());
        reorder.setQuantity(new Quantity().setValue(Math.max(2 * level - stockAfter, 1)).setUnit(before.unit()));
        reorder.setAuthoredOn(new Date());
        reorder.addReasonCode().setText("Stock fell to " + stockAfter + " " + before.unit() + ", at or below the "
                + "reorder level of " + level);
        String id = writes.createAsServer(clinic.id(), reorder);
        jdbc.update("""
                INSERT INTO cura_stock_reorders (organization_id, item_id, supply_request_id) VALUES (?, ?, ?)
                ON CONFLICT (organization_id, item_id)
                DO UPDATE SET supply_request_id = excluded.supply_request_id, opened_at = now()""",
                clinic.id(), before.rowId(), id);
        notifications.tell(clinic.id(), clinic.subdomain(), before.name() + " is low",
                "Stock of " + before.name() + " (" + before.itemCode() + ") fell to " + stockAfter + " "
                        + before.unit() + "; a draft reorder is waiting for approval.",
                "/fhir/" + clinic.subdomain() + "/SupplyRequest/" + id);
        return Optional.of(id);
    }

    private boolean isDraft(int organizationId, String supplyRequestId) {
        try {
            return writes.readAsServer(organizationId, SupplyRequest.class, supplyRequestId).getStatus()
                    == SupplyRequest.SupplyRequestStatus.DRAFT;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }
}
