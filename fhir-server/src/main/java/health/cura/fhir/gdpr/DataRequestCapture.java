package health.cura.fhir.gdpr;

import static health.cura.mappings.Texts.blankToNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.gdpr.CommunicationEntry;
import health.cura.mappings.gdpr.DataRequestMapper;
import health.cura.mappings.gdpr.DataRequestRow;
import health.cura.mappings.gdpr.StatutoryDeadline;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code gdpr_data_requests} → Task, for requests other software records. Their {@code due_date} is shown as they
 * wrote it (the server works out a deadline only for requests written through FHIR); a row marked verified without
 * the moment in {@code metadata.deadline} reads as verified at receipt. The communication log's entries may name
 * their moment {@code at}, {@code date} or {@code timestamp} and their text {@code summary}, {@code message} or
 * {@code note}.
 */
public class DataRequestCapture extends ResourceRowCapture<DataRequestRow, Task> {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public DataRequestCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        super("gdpr_data_requests", Task.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    protected Optional<DataRequestRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, request_type, status, request_reason, identity_verified, processed_by,
                       requested_at, completed_at, due_date, rejection_reason, communication_log::text,
                       metadata->'deadline'->>'identityVerifiedAt', metadata->'deadline'->>'extensionMonths',
                       metadata->'deadline'->>'extensionReason'
                FROM gdpr_data_requests WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private DataRequestRow row(ResultSet rs, int n) throws SQLException {
        LocalDateTime requestedAt = utc(rs.getTimestamp(7));
        LocalDateTime verifiedAt = null;
        if (rs.getBoolean(5)) {
            verifiedAt = Optional.ofNullable(moment(rs.getString(12))).orElse(requestedAt);
        }
        int months = 0;
        String stated = rs.getString(13);
        if (stated != null) {
            try {
                months = Math.max(0, Math.min(StatutoryDeadline.MAX_EXTENSION_MONTHS, Integer.parseInt(stated)));
            } catch (NumberFormatException e) {
                throw new UnmappableResourceException("gdpr_data_requests.metadata",
                        "metadata.deadline.extensionMonths is not a whole number");
            }
        }
        return new DataRequestRow(rs.getInt(1),
                documented(rs.getString(2), CuraEnums.GDPR_REQUEST_TYPE, "gdpr_data_requests.request_type"),
                documented(rs.getString(3), CuraEnums.GDPR_REQUEST_STATUS, "gdpr_data_requests.status"),
                blankToNull(rs.getString(4)), verifiedAt, (Integer) rs.getObject(6), requestedAt,
                utc(rs.getTimestamp(8)), utc(rs.getTimestamp(9)), blankToNull(rs.getString(10)),
                log(rs.getString(11)), months, blankToNull(rs.getString(14)));
    }

    private static LocalDateTime utc(Timestamp value) {
        return value == null ? null : value.toLocalDateTime();
    }

    /** An ISO moment, with an offset or (as the schema's timestamps are) UTC without one; null when unreadable. */
    private static LocalDateTime moment(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.ofInstant(Instant.parse(value), ZoneOffset.UTC);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(value.replace(' ', 'T'));
                } catch (DateTimeParseException unreadable) {
                    return null;
                }
            }
        }
    }

    private List<CommunicationEntry> log(String value) {
        if (value == null) {
            return List.of();
        }
        JsonNode node;
        try {
            node = json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new UnmappableResourceException("gdpr_data_requests.communication_log",
                    "gdpr_data_requests.communication_log is not valid JSON");
        }
        if (!node.isArray()) {
            throw new UnmappableResourceException("gdpr_data_requests.communication_log",
                    "gdpr_data_requests.communication_log is not a JSON array");
        }
        List<CommunicationEntry> log = new ArrayList<>();
        for (JsonNode item : node) {
            if (item.isTextual()) {
                log.add(new CommunicationEntry(null, null, null, item.asText()));
                continue;
            }
            String channel = first(item, "channel", "method", "type");
            log.add(new CommunicationEntry(moment(first(item, "at", "date", "timestamp")),
                    channel != null && DataRequestMapper.CHANNELS.contains(channel) ? channel : null,
                    first(item, "by", "author", "user"),
                    Optional.ofNullable(first(item, "summary", "message", "note", "text")).orElse("")));
        }
        return log;
    }

    private static String first(JsonNode item, String... names) {
        for (String name : names) {
            JsonNode value = item.get(name);
            if (value != null && !value.isNull() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    @Override
    protected void resolve(CapturedRow changed, DataRequestRow row, ResolvedLinks.Builder resolved) {
        dependencies.link(changed, resolved, "gdpr_data_requests.patient_id", "patients", row.patientId(), "Patient");
        if (row.processedBy() != null) {
            dependencies.link(changed, resolved, "gdpr_data_requests.processed_by", "users", row.processedBy(),
                    "Practitioner");
        }
    }

    @Override
    protected Task toFhir(DataRequestRow row, MappingContext context) {
        return DataRequestMapper.toFhir(row, context);
    }

    @Override
    protected DataRequestRow toRow(Task stored, MappingContext context) {
        return DataRequestMapper.toRow(stored, context);
    }

    @Override
    protected Task merge(Task stored, Task fromRow, DataRequestRow row, MappingContext context) {
        return DataRequestMapper.OWNED.merge(stored, fromRow);
    }
}
