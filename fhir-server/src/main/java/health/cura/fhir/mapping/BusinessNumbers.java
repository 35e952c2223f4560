package health.cura.fhir.mapping;

import health.cura.fhir.database.SideConnections;
import health.cura.mappings.UnmappableResourceException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Identifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clinic's own numbers for rows that FHIR clients create without one (patient numbers, prescription and lab
 * numbers). Each clinic counts on its own, in {@code cura_number_sequences}. A number is drawn on a connection of its
 * own and committed at once, as a database sequence would be: the counter row is locked for that one statement, not
 * for the whole writing transaction, so concurrent writes in a clinic (a transaction bundle takes seconds) do not
 * queue behind each other. Two writers never draw the same number; a write that rolls back leaves its number unused.
 */
public final class BusinessNumbers implements AutoCloseable {

    private final JdbcTemplate jdbc;
    private final SideConnections drawConnections;
    private final JdbcTemplate draws;

    /**
     * @param jdbc  the server's connections: whether a number is taken is asked in the writing transaction
     * @param draws connections that draw numbers, each draw committed on its own; closed with this
     */
    public BusinessNumbers(JdbcTemplate jdbc, SideConnections draws) {
        this.jdbc = jdbc;
        this.drawConnections = draws;
        this.draws = draws.jdbc();
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
        OptionalInt holder = jdbc.query(
                        "SELECT id FROM " + kind.table() + " WHERE organization_id = ? AND " + kind.column() + " = ?",
                        (rs, n) -> rs.getInt(1), organizationId, number)
                .stream().mapToInt(Integer::intValue).findFirst();
        if (holder.isPresent() && (ownRow.isEmpty() || holder.getAsInt() != ownRow.getAsInt())) {
            throw new UnmappableResourceException(element, element + ": " + kind.noun() + " " + number
                    + " already belongs to another " + kind.owner() + " of this clinic");
        }
    }

    /**
     * The next number of {@code kind} that no row of {@code table} in the clinic uses yet in {@code column}: numbers
     * that clients chose themselves are skipped, not collided with.
     */
    public String next(int organizationId, NumberKind kind) {
        while (true) {
            long value = draws.queryForObject("""
                    INSERT INTO cura_number_sequences (organization_id, kind, last_value) VALUES (?, ?, 1)
                    ON CONFLICT (organization_id, kind)
                    DO UPDATE SET last_value = cura_number_sequences.last_value + 1
                    RETURNING last_value""", Long.class, organizationId, kind.name());
            String number = kind.format(value);
            Boolean taken = jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM " + kind.table() + " WHERE organization_id = ? AND " + kind.column()
                            + " = ?)", Boolean.class, organizationId, number);
            if (!Boolean.TRUE.equals(taken)) {
                return number;
            }
        }
    }
}
