package health.cura.fhir.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.database.SideConnections;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.audit.AuditTrailRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code gdpr_audit_trail}: written by this server only through {@link #write}, read back for the AuditEvent API. The
 * FHIR API offers no way to change or delete a row. Writes join the caller's transaction when there is one, so a
 * FHIR write and its audit row commit or roll back together.
 */
public final class AuditTrail implements AutoCloseable {

    /**
     * Rows written by the clinic's own software and by this server share the columns; the FHIR side is metadata. The
     * patient's and the record's rows come from the link table in the same statement: one round trip per audit row
     * on every read.
     */
    private static final String INSERT = """
            INSERT INTO gdpr_audit_trail (organization_id, user_id, patient_id, action, resource_type, resource_id,
                                          purpose, ip_address, user_agent, session_id, "timestamp", metadata)
            SELECT o.id, ?, %s, ?, ?, %s, ?, ?, ?, ?, timezone('UTC', now()), ?::jsonb
            FROM organizations o
            WHERE o.subdomain = ?""".formatted(
                    ResourceLinks.liveRowIdSql("patients", "o.id", "'Patient'", "?"),
                    ResourceLinks.rowIdSql("o.id", "?", "?"));

    private static final String SELECT = """
            SELECT a.id, a.user_id, a.patient_id, a.action, a.resource_type, a.resource_id, a.purpose, a.ip_address,
                   a.user_agent, a.session_id, a."timestamp", a.metadata::text
            FROM gdpr_audit_trail a""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECORDS_LISTED = 100;

    private final JdbcTemplate jdbc;
    private final SideConnections readConnections;
    private final JdbcTemplate readAudits;
    private final TransactionTemplate readTransactions;

    /**
     * @param jdbc            the server's connections: writes' audit rows join the write's transaction there
     * @param readConnections connections of their own for reads' audit rows, which commit with the disk flush; the
     *                        trail closes them when it is closed
     */
    public AuditTrail(JdbcTemplate jdbc, SideConnections readConnections) {
        this.jdbc = jdbc;
        this.readConnections = readConnections;
        this.readAudits = readConnections.jdbc();
        this.readTransactions = readConnections.transactions();
    }

    @Override
    public void close() {
        readConnections.close();
    }

    /** Writes the entries on the caller's transaction (a FHIR write's), or each on its own when there is none. */
    public void write(List<AuditEntry> entries) {
        if (!entries.isEmpty()) {
            jdbc.batchUpdate(INSERT, arguments(entries));
        }
    }

    /**
     * Writes the entries of a read in one transaction of their own, on the read-audit connections, before the answer
     * leaves: the commit waits for the disk flush, so no crash loses the record of a disclosure that was made. (They
     * committed without the flush until issue 17: a database crash could lose the rows of answers already sent.)
     */
    public void writeForRead(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Object[]> rows = arguments(entries);
        if (rows.size() == 1) {
            readAudits.update(INSERT, rows.get(0));
            return;
        }
        readTransactions.executeWithoutResult(status -> readAudits.batchUpdate(INSERT, rows));
    }

    private static List<Object[]> arguments(List<AuditEntry> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            Requester who = entry.requester();
            String[] single = entry.records().size() == 1 ? entry.records().get(0).split("/", 2) : new String[] {"", ""};
            rows.add(new Object[] {
                who.userRowId().orElse(null), entry.patient().orElse(null), entry.action(), entry.kind(),
                single[0], single[1], who.purpose().orElse(null), who.ipAddress().map(ip -> clip(ip, 45)).orElse(null),
                who.userAgent().orElse(null), who.sessionId().map(id -> clip(id, 100)).orElse(null), metadata(entry),
                entry.tenant()});
        }
        return rows;
    }

    /** Newest first; {@code patientRowId} narrows to one patient. */
    public List<AuditTrailRow> find(int organizationId, Optional<Integer> patientRowId, Optional<LocalDateTime> from,
            Optional<LocalDateTime> to, Optional<String> action, int offset, int count) {
        StringBuilder sql = new StringBuilder(SELECT).append(" WHERE a.organization_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(organizationId));
        patientRowId.ifPresent(id -> {
            sql.append(" AND a.patient_id = ?");
            arguments.add(id);
        });
        from.ifPresent(time -> {
            sql.append(" AND a.\"timestamp\" >= ?");
            arguments.add(time);
        });
        to.ifPresent(time -> {
            sql.append(" AND a.\"timestamp\" < ?");
            arguments.add(time);
        });
        action.ifPresent(name -> {
            sql.append(" AND a.action = ?");
            arguments.add(name);
        });
        sql.append(" ORDER BY a.\"timestamp\" DESC, a.id DESC OFFSET ? LIMIT ?");
        arguments.add(offset);
        arguments.add(count);
        return jdbc.query(sql.toString(), (row, n) -> row(row), arguments.toArray());
    }

    public Optional<AuditTrailRow> findByEventId(int organizationId, String auditEventId) {
        return jdbc.query(SELECT + " WHERE a.organization_id = ? AND a.metadata ->> 'auditEventId' = ?",
                (row, n) -> row(row), organizationId, auditEventId).stream().findFirst();
    }

    private static String metadata(AuditEntry entry) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        entry.interaction().ifPresent(interaction -> metadata.put("interaction", interaction));
        if (!entry.records().isEmpty()) {
            metadata.put("fhirIds", entry.records().subList(0, Math.min(entry.records().size(), MAX_RECORDS_LISTED)));
            metadata.put("recordCount", entry.records().size());
        }
        entry.requester().clientId().ifPresent(client -> metadata.put("clientId", client));
        entry.requester().account().ifPresent(account -> metadata.put("account", account));
        metadata.put("outcome", entry.outcome());
        entry.detail().ifPresent(detail -> metadata.put("outcomeDescription", detail));
        entry.query().ifPresent(query -> metadata.put("query", query));
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuditTrailRow row(ResultSet row) throws SQLException {
        Map<String, Object> metadata;
        try {
            String text = row.getString(12);
            metadata = text == null ? Map.of() : JSON.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            metadata = Map.of();
        }
        Map<String, Object> present = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (value != null) {
                present.put(key, value);
            }
        });
        return new AuditTrailRow(row.getInt(1), integer(row, 2), integer(row, 3), row.getString(4), row.getString(5),
                integer(row, 6), Optional.ofNullable(row.getString(7)), Optional.ofNullable(row.getString(8)),
                Optional.ofNullable(row.getString(9)), Optional.ofNullable(row.getString(10)),
                row.getObject(11, LocalDateTime.class), present);
    }

    private static Optional<Integer> integer(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
