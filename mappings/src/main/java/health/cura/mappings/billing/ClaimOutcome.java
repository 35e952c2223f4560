package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * What an insurer decided on a claim, as the {@code claims} row holds it: the status ({@code approved}, {@code denied},
 * {@code partially_paid}, {@code paid}; or, before a decision, {@code pending} or {@code submitted}), what it paid and
 * when, and why it refused.
 */
public record ClaimOutcome(String status, BigDecimal paymentAmount, LocalDateTime paymentDate, String denialReason) {}
