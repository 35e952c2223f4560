package health.cura.fhir.mapping.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.patient.EmergencyContact;
import health.cura.mappings.patient.PatientRow;
import health.cura.mappings.patient.PostalAddress;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a {@code patients} row as the columns its Patient owns: the inverse of {@code PatientProjection}'s values,
 * for rows other software wrote. A JSON column that is not the documented object is refused naming the column.
 */
@Component
public class PatientRowReader {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public PatientRowReader(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<PatientRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, first_name, last_name, date_of_birth, gender_at_birth, email, phone, nhs_number,
                       address::text, emergency_contact::text, risk_level, flags, is_active
                FROM patients WHERE organization_id = ? AND id = ?""", this::row, organizationId, rowId)
                .stream().findFirst();
    }

    /** Whether another patient of the clinic has this NHS number (the EMR may hold two records of one person). */
    public boolean nhsNumberShared(int organizationId, int rowId, String nhsNumber) {
        return nhsNumber != null && Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM patients WHERE organization_id = ? AND nhs_number = ? AND id <> ?)""",
                Boolean.class, organizationId, nhsNumber, rowId));
    }

    private PatientRow row(ResultSet rs, int n) throws SQLException {
        JsonNode address = object(rs.getString(9), "patients.address");
        JsonNode contact = object(rs.getString(10), "patients.emergency_contact");
        Array flags = rs.getArray(12);
        java.sql.Date birth = rs.getDate(4);
        return new PatientRow(
                rs.getString(1),
                nullToEmpty(rs.getString(2)),
                nullToEmpty(rs.getString(3)),
                birth == null ? null : birth.toLocalDate(),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                nhsNumber(rs.getString(8)),
                new PostalAddress(text(address, "line1"), text(address, "line2"), text(address, "city"),
                        text(address, "county"), text(address, "postcode"), text(address, "country")),
                new EmergencyContact(text(contact, "name"), text(contact, "relationship"), text(contact, "phone"),
                        text(contact, "email")),
                rs.getString(11) == null ? "low" : rs.getString(11),
                flags == null ? List.of() : Arrays.stream((Object[]) flags.getArray())
                        .filter(flag -> flag != null && !flag.toString().isBlank()).map(Object::toString).toList(),
                rs.getBoolean(13));
    }

    private JsonNode object(String value, String column) {
        if (value == null) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(value);
            if (!node.isObject()) {
                throw new UnmappableResourceException(column, column + " is not a JSON object");
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnmappableResourceException(column, column + " is not valid JSON");
        }
    }

    private static String text(JsonNode object, String key) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        return text.isBlank() ? null : text;
    }

    /** The EMR may store an NHS number with spaces, as it is printed. */
    private static String nhsNumber(String value) {
        return value == null || value.isBlank() ? null : value.replace(" ", "");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
