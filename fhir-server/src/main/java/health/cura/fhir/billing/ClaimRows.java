package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.ClaimRow;
import health.cura.mappings.billing.Pence;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@code claims} row as the mappers take it: amounts to the penny, a payment date only with a payment amount, a
 * denial reason only on a denied claim; a status that is not one of the documented values, or an amount that is not
 * above zero, cannot be a claim.
 */
public class ClaimRows {

    private final JdbcTemplate jdbc;
    private final ClaimProceduresJson procedures;

    public ClaimRows(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.procedures = new ClaimProceduresJson(json);
    }

    public Optional<ClaimRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, claim_number, service_date, submission_date, amount, status, payment_amount,
                       payment_date, denial_reason, insurance_provider, procedures::text
                FROM claims WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private ClaimRow row(ResultSet rs, int n) throws SQLException {
        String status = rs.getString(6);
        if (status == null || !CuraEnums.CLAIM_STATUS.contains(status)) {
            throw new UnmappableResourceException("claims.status", "claims.status '" + status
                    + "' is not one of the documented values");
        }
        BigDecimal amount = rs.getBigDecimal(5);
        if (amount == null || amount.signum() <= 0) {
            throw new UnmappableResourceException("claims.amount", "claims.amount must be above zero");
        }
        BigDecimal paid = rs.getBigDecimal(7);
        Timestamp paidAt = rs.getTimestamp(8);
        return new ClaimRow(rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(),
                rs.getTimestamp(4).toLocalDateTime(), money(amount), status,
                paid == null ? null : money(paid), paid == null || paidAt == null ? null : paidAt.toLocalDateTime(),
                "denied".equals(status) ? rs.getString(9) : null, rs.getString(10), procedures.read(rs.getString(11)));
    }

    private static BigDecimal money(BigDecimal amount) {
        return Pence.rounded(amount);
    }
}
