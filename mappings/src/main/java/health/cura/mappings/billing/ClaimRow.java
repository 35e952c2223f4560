package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

/**
 * The columns of a {@code claims} row: an insurance claim (a Claim) and, once the insurer has decided, its outcome (a
 * ClaimResponse: {@code payment_amount}, {@code payment_date}, {@code denial_reason}, and the status). The claims
 * table has no currency: amounts are in the clinic's. Not owned: {@code created_at}.
 *
 * @param patientId the patients row
 * @param status    a {@code claim-status} code
 */
public record ClaimRow(
        int patientId,
        String claimNumber,
        LocalDateTime serviceDate,
        LocalDateTime submissionDate,
        BigDecimal amount,
        String status,
        BigDecimal paymentAmount,
        LocalDateTime paymentDate,
        String denialReason,
        String insuranceProvider,
        List<ClaimProcedure> procedures) {

    /** The statuses of a claim the insurer has decided on: the ones a ClaimResponse says. */
    public static final Set<String> DECIDED = Set.of("approved", "denied", "partially_paid", "paid");

    public ClaimRow {
        procedures = List.copyOf(procedures);
    }

    public boolean isDecided() {
        return DECIDED.contains(status);
    }

    /** The same claim with the outcome columns of {@code outcome}. */
    public ClaimRow withOutcome(ClaimOutcome outcome) {
        return new ClaimRow(patientId, claimNumber, serviceDate, submissionDate, amount, outcome.status(),
                outcome.paymentAmount(), outcome.paymentDate(), outcome.denialReason(), insuranceProvider, procedures);
    }

    /** The outcome columns as they are. */
    public ClaimOutcome outcome() {
        return new ClaimOutcome(status, paymentAmount, paymentDate, denialReason);
    }
}
