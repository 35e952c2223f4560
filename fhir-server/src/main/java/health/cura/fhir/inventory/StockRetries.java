package health.cura.fhir.inventory;

import ca.uhn.fhir.context.FhirContext;
import health.cura.fhir.operations.Refusals;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.cura.fhir.operations.OperationWrites;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A stock operation's client-given transaction id ({@code cura_stock_operations}): the first call records its answer
 * (and a hash of what it asked) in its own transaction; a repeat of the same request gets that answer and moves
 * nothing, another request under the same id is refused (422). Two calls with one id at once wait for each
 * other on the id.
 */
public class StockRetries {

    private final JdbcTemplate jdbc;
    private final FhirContext fhir;
    private final OperationWrites writes;

    public StockRetries(JdbcTemplate jdbc, FhirContext fhir, OperationWrites writes) {
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.writes = writes;
    }

    /**
     * Runs a stock operation's work in one transaction: a repeat of a transaction id answers the first call's
     * answer instead, and the first call's answer is recorded with its movements.
     */
    public Parameters once(int organizationId, Optional<String> transactionId, String operation,
            RequestDetails request, Supplier<Parameters> work) {
        String asked = transactionId.isPresent() ? fingerprint(request) : null;
        return writes.inTransaction(() -> {
            if (transactionId.isPresent()) {
                Optional<Parameters> answered = first(organizationId, transactionId.get(), operation, asked);
                if (answered.isPresent()) {
                    return answered.get();
                }
            }
            Parameters answer = work.get();
            transactionId.ifPresent(id -> remember(organizationId, id, operation, asked, answer));
            return answer;
        });
    }

    /** What was asked: the operation's path and body, hashed. */
    private static String fingerprint(RequestDetails request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(String.valueOf(request.getRequestPath()).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            byte[] body = request.loadRequestContents();
            if (body != null) {
                sha256.update(body);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The given id, trimmed, or empty when the call gave none; at most 100 characters. */
    public static Optional<String> id(StringType transactionId) {
        if (transactionId == null || transactionId.getValue() == null || transactionId.getValue().isBlank()) {
            return Optional.empty();
        }
        String id = transactionId.getValue().trim();
        if (id.length() > 100) {
            throw Refusals.badParameter("transactionId", "transactionId is at most 100 characters");
        }
        return Optional.of(id);
    }

    /** Within the caller's transaction: the first answer given to the id, after waiting for a call holding it. */
    Optional<Parameters> first(int organizationId, String transactionId, String operation, String asked) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, organizationId,
                "stock-transaction:" + transactionId);
        return jdbc.query("SELECT operation, result, request_hash FROM cura_stock_operations "
                        + "WHERE organization_id = ? AND transaction_id = ?", (rs, n) -> {
                            if (!operation.equals(rs.getString(1))) {
                                throw Refusals.conflict("transactionId", "transactionId '" + transactionId
                                        + "' was used by $" + rs.getString(1) + ", not $" + operation);
                            }
                            if (rs.getString(3) != null && !rs.getString(3).equals(asked)) {
                                throw Refusals.refused("transactionId", "transactionId '" + transactionId
                                        + "' was used for another request: a retry sends the same request again");
                            }
                            return fhir.newJsonParser().parseResource(Parameters.class, rs.getString(2));
                        }, organizationId, transactionId).stream().findFirst();
    }

    void remember(int organizationId, String transactionId, String operation, String asked, Parameters answer) {
        jdbc.update("INSERT INTO cura_stock_operations (organization_id, transaction_id, operation, result, "
                        + "request_hash) VALUES (?, ?, ?, ?, ?)", organizationId, transactionId, operation,
                fhir.newJsonParser().encodeResourceToString(answer), asked);
    }
}
