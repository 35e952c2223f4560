package health.cura.mappings.billing;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an invoice's payments come to: {@code paid} is the sum of its payments less its refunds (the signed amounts of
 * its completed and refunded {@code payments} rows), never stored apart from them. Every step keeps
 * {@code 0 ≤ paid ≤ total}: a payment above what is owed and a refund above what was paid are refused.
 */
public record InvoiceBalance(BigDecimal total, BigDecimal paid) {

    /** @param signedAmounts the amounts of the invoice's completed payments (positive) and refunds (negative) */
    public static InvoiceBalance of(BigDecimal total, List<BigDecimal> signedAmounts) {
        return new InvoiceBalance(total, signedAmounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
    }

    /** What is left to pay. */
    public BigDecimal outstanding() {
        return total.subtract(paid);
    }

    public boolean settled() {
        return outstanding().signum() == 0;
    }

    public InvoiceBalance pay(BigDecimal amount) {
        positive(amount);
        if (amount.compareTo(outstanding()) > 0) {
            throw new BalanceRefusal("amount", "A payment of " + amount.toPlainString() + " is more than the "
                    + outstanding().toPlainString() + " still owed on this invoice");
        }
        return new InvoiceBalance(total, paid.add(amount));
    }

    public InvoiceBalance refund(BigDecimal amount) {
        positive(amount);
        if (amount.compareTo(paid) > 0) {
            throw new BalanceRefusal("amount", "A refund of " + amount.toPlainString() + " is more than the "
                    + paid.toPlainString() + " paid on this invoice");
        }
        return new InvoiceBalance(total, paid.subtract(amount));
    }

    /**
     * The status after a payment or refund: {@code paid} once nothing is owed; an invoice that was paid and is owed
     * money again after a refund is {@code sent} (the overdue run marks it overdue again if its due date has passed);
     * otherwise it keeps its status.
     */
    public String statusFrom(String current) {
        if (settled()) {
            return "paid";
        }
        return "paid".equals(current) ? "sent" : current;
    }

    private static void positive(BigDecimal amount) {
        if (amount.signum() <= 0) {
            throw new BalanceRefusal("amount", "The amount must be above zero");
        }
    }
}
