package health.cura.fhir.mapping.consent;

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
import health.cura.mappings.consent.ConsentMapper;
import health.cura.mappings.consent.ConsentRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code gdpr_consents} → Consent, for rows other software wrote. */
@Component
public class ConsentCapture extends ResourceRowCapture<ConsentRow, Consent> {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public ConsentCapture(JdbcTemplate jdbc, ObjectMapper json, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        super("gdpr_consents", Consent.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    protected Optional<ConsentRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, consent_type, status, granted_at, expires_at, purpose, legal_basis,
                       data_categories::text
                FROM gdpr_consents WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    private ConsentRow row(ResultSet rs, int n) throws SQLException {
        return new ConsentRow(rs.getInt(1),
                documented(rs.getString(2), CuraEnums.CONSENT_TYPE, "gdpr_consents.consent_type"),
                documented(rs.getString(3), CuraEnums.CONSENT_STATUS, "gdpr_consents.status"),
                utc(rs.getTimestamp(4)), utc(rs.getTimestamp(5)),
                rs.getString(6) == null ? "" : rs.getString(6),
                documented(rs.getString(7), CuraEnums.LEGAL_BASIS, "gdpr_consents.legal_basis"),
                categories(rs.getString(8)));
    }

    private static LocalDateTime utc(Timestamp value) {
        return value == null ? null : value.toLocalDateTime();
    }

    /** {@code data_categories}: a JSON array of category codes. */
    private List<String> categories(String value) {
        if (value == null) {
            return List.of();
        }
        try {
            JsonNode node = json.readTree(value);
            if (!node.isArray()) {
                throw new UnmappableResourceException("gdpr_consents.data_categories",
                        "gdpr_consents.data_categories is not a JSON array");
            }
            List<String> categories = new ArrayList<>();
            node.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    categories.add(item.asText());
                }
            });
            return categories;
        } catch (JsonProcessingException e) {
            throw new UnmappableResourceException("gdpr_consents.data_categories",
                    "gdpr_consents.data_categories is not valid JSON");
        }
    }

    @Override
    protected void resolve(CapturedRow changed, ConsentRow row, ResolvedLinks.Builder resolved) {
        dependencies.link(changed, resolved, "gdpr_consents.patient_id", "patients", row.patientId(), "Patient");
    }

    @Override
    protected Consent toFhir(ConsentRow row, MappingContext context) {
        return ConsentMapper.toFhir(row, context);
    }

    @Override
    protected ConsentRow toRow(Consent stored, MappingContext context) {
        return ConsentMapper.toRow(stored, context);
    }

    @Override
    protected Consent merge(Consent stored, Consent fromRow, ConsentRow row, MappingContext context) {
        return ConsentMapper.OWNED.merge(stored, fromRow);
    }
}
