package health.cura.fhir.mapping;

import health.cura.fhir.database.SideConnections;
import health.cura.mappings.UnmappableResourceException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clinic's own numbers for rows that FHIR clients create without one (patient numbers, prescription and lab
 * numbers). Each clinic counts on its own, in {@code cura_number_sequences}. A number is drawn on a connection of its
 * own and committed at once, as a database sequence would be: the counter row is locked for that one statement, not
 * for the whole writing transaction, so concurrent writes in a clinic (a transaction bundle takes seconds) do not
 * queue behind each other. Two writers never draw the same number; a write that rolls back leaves its number unused.
 *
 * <p>On a database the Cura EMR made, a number column may carry the document's global UNIQUE constraint instead of
 * our per-clinic one: there a number must be unused in every clinic, or the insert would fail. The scope of each
 * kind is read from the database's unique indexes at start. Numbers the other software or a client used are skipped:
 * after a collision the counter jumps past the highest number of the pattern in the scope, so a clinic starting on a
 * database with thousands of numbers does not step through each of them.
 */
public final class BusinessNumbers implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final SideConnections drawConnections;
    private final JdbcTemplate draws;
    private final Set<NumberKind> global = EnumSet.noneOf(NumberKind.class);

    /**
     * @param jdbc  the server's connections: whether a number is taken is asked in the writing transaction
     * @param draws connections that draw numbers, each draw committed on its own; closed with this
     */
    public BusinessNumbers(JdbcTemplate jdbc, SideConnections draws) {
        this.jdbc = jdbc;
        this.drawConnections = draws;
        this.draws = draws.jdbc();
        for (NumberKind kind : NumberKind.values()) {
            if (uniqueAcrossClinics(jdbc, kind)) {
                global.add(kind);
            }
        }
    }

    /** Whether a unique index on the number column alone holds it unique across every clinic. */
    private static boolean uniqueAcrossClinics(JdbcTemplate jdbc, NumberKind kind) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (
                    SELECT 1 FROM pg_index i
                    JOIN pg_class t ON t.oid = i.indrelid
                    JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
                    WHERE n.nspname = 'public' AND t.relname = ? AND i.indisunique AND i.indnkeyatts = 1
                      AND i.indpred IS NULL AND a.attname = ?)""", Boolean.class, kind.table(), kind.column()));
    }

    /** Whether the kind's numbers must be unique in every clinic together (the Cura EMR's global constraint). */
    public boolean isUniqueAcrossClinics(NumberKind kind) {
        return global.contains(kind);
    }

    @Override
    public void close() {
        drawConnections.close();
    }

    /**
     * Gives a resource about to be stored the clinic's number as an identifier of {@code system}: the one it carries,
     * else the previous version's (an update that leaves it out does not take it away), else the next number.
     */
    public void assignIfMissing(List<Identifier> identifiers, List<Identifier> previous, String system,
            Identifier.IdentifierUse use, int organizationId, NumberKind kind) {
        if (identifiers.stream().anyMatch(i -> system.equals(i.getSystem()) && i.hasValue())) {
            return;
        }
        Optional<Identifier> kept = previous.stream()
                .filter(i -> system.equals(i.getSystem()) && i.hasValue())
                .findFirst();
        identifiers.add(kept.map(Identifier::copy).orElseGet(() ->
                new Identifier().setUse(use).setSystem(system).setValue(next(organizationId, kind))));
    }

    /**
     * Refuses a number that another row of the clinic already has ({@code ownRow} is the row being written, if it
     * exists): the clinic's numbers identify one record each.
     */
    public void requireUnused(int organizationId, NumberKind kind, String number, OptionalInt ownRow, String element) {
        if (number == null) {
            throw new IllegalStateException("A " + kind.noun() + " is assigned before the resource is stored");
        }
        boolean everyClinic = global.contains(kind);
        OptionalInt holder = jdbc.query(
                        "SELECT id FROM " + kind.table() + " WHERE " + kind.column() + " = ?"
                                + (everyClinic ? "" : " AND organization_id = ?"),
                        (rs, n) -> rs.getInt(1), everyClinic ? new Object[] {number} : new Object[] {number,
                                organizationId})
                .stream().mapToInt(Integer::intValue).findFirst();
        if (holder.isPresent() && (ownRow.isEmpty() || holder.getAsInt() != ownRow.getAsInt())) {
            throw new UnmappableResourceException(element, element + ": " + kind.noun() + " " + number
                    + (everyClinic ? " is already in use (this database holds " + kind.noun()
                            + "s unique across all its clinics)" : " already belongs to another " + kind.owner()
                            + " of this clinic"));
        }
    }

    /**
     * The next number of {@code kind} that no row of {@code table} in the clinic uses yet in {@code column}: numbers
     * that clients chose themselves are skipped, not collided with.
     */
    public String next(int organizationId, NumberKind kind) {
        return next(organizationId, kind, draws);
    }

    /**
     * The next number of {@code kind}, drawn in the caller's transaction: the clinic's counter row stays locked until
     * it commits, so that numbers are used in order and a rollback gives its number back. For numbers that must have
     * no gaps (issued invoices); concurrent draws of one clinic wait for each other.
     */
    public String nextWithoutGaps(int organizationId, NumberKind kind) {
        return next(organizationId, kind, jdbc);
    }

    private String next(int organizationId, NumberKind kind, JdbcTemplate counter) {
        boolean everyClinic = global.contains(kind);
        String scope = everyClinic ? "" : " AND organization_id = ?";
        Object[] scopeArguments = everyClinic ? new Object[0] : new Object[] {organizationId};
        while (true) {
            long value = counter.queryForObject("""
                    INSERT INTO cura_number_sequences (organization_id, kind, last_value) VALUES (?, ?, 1)
                    ON CONFLICT (organization_id, kind)
                    DO UPDATE SET last_value = cura_number_sequences.last_value + 1
                    RETURNING last_value""", Long.class, organizationId, kind.name());
            String number = kind.format(value);
            Boolean taken = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + kind.table() + " WHERE "
                    + kind.column() + " = ?" + scope + ")", Boolean.class, prepend(number, scopeArguments));
            if (!Boolean.TRUE.equals(taken)) {
                return number;
            }
            // taken: go past the highest number of this pattern in use, rather than one at a time
            Long highest = jdbc.queryForObject("SELECT max(substring(" + kind.column() + " FROM ?)::bigint) FROM "
                    + kind.table() + " WHERE " + kind.column() + " ~ ?" + scope, Long.class,
                    prepend(kind.digitsPattern(), prepend(kind.digitsPattern(), scopeArguments)));
            if (highest != null && highest > value) {
                counter.update("UPDATE cura_number_sequences SET last_value = GREATEST(last_value, ?) "
                        + "WHERE organization_id = ? AND kind = ?", highest, organizationId, kind.name());
            }
        }
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
