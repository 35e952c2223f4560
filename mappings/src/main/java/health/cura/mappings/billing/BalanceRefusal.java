package health.cura.mappings.billing;

/**
 * A payment or refund the invoice's balance does not allow (more than is owed, more than was paid, nothing at all).
 * The server answers 422 naming {@link #parameter()}, and records nothing.
 */
public final class BalanceRefusal extends RuntimeException {

    private final String parameter;

    public BalanceRefusal(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
