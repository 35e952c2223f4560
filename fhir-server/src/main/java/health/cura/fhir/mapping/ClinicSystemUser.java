package health.cura.fhir.mapping;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The clinic's system user: who a record was made by when no member of staff made it, where the column needs one
 * ({@code inventory_stock_movements.created_by}, NOT NULL): a backend service's stock movement, or the ledger's
 * reconciliation of stock that other software wrote. The fill rule is documented in {@code mappings/README.md}.
 */
@Component
public class ClinicSystemUser extends PlaceholderUser {

    /** Its username, in every clinic. */
    public static final String USERNAME = "cura-system";

    public ClinicSystemUser(JdbcTemplate jdbc) {
        super(jdbc, USERNAME, "Cura", "system", "admin");
    }
}
