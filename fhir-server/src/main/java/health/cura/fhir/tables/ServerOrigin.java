package health.cura.fhir.tables;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Marks a transaction's writes to the Cura tables as the server's own (the projection of a FHIR write), with a
 * transaction-local setting ({@code SET LOCAL cura.origin = 'server'}) that the change-capture triggers read: what the
 * server wrote because of a FHIR write must not come back to FHIR as a change. Set once per transaction.
 */
public final class ServerOrigin {

    /** The setting the triggers read. */
    public static final String SETTING = "cura.origin";
    /** Its value for the server's own writes. */
    public static final String SERVER = "server";

    private static final Object MARKED = new Object();

    private ServerOrigin() {}

    /**
     * Marks the current transaction. Outside one (a statement that commits on its own) there is nothing to mark, and
     * the write is captured as any other program's would be; the applier then finds its resource already as the row.
     */
    public static void mark(JdbcTemplate jdbc) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(MARKED)) {
            return;
        }
        jdbc.queryForObject("SELECT set_config(?, ?, true)", String.class, SETTING, SERVER);
        TransactionSynchronizationManager.bindResource(MARKED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(MARKED);
            }
        });
    }

    /**
     * A FROM item that marks the statement's own transaction, for a single statement outside a transaction:
     * {@code UPDATE users u SET ... FROM } this {@code WHERE ...}.
     */
    public static String markingFromItem() {
        return "(SELECT set_config('" + SETTING + "', '" + SERVER + "', true)) AS server_origin";
    }
}
