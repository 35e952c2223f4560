package health.cura.fhir.mapping.patient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.mappings.patient.EmergencyContact;
import health.cura.mappings.patient.PatientRow;
import health.cura.mappings.patient.PostalAddress;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code patients} columns a FHIR Patient owns; the others are left as they are. */
@Repository
public class PatientRowRepository {

    private static final String OWNED = "patient_id = ?, first_name = ?, last_name = ?, date_of_birth = ?, "
            + "gender_at_birth = ?, email = ?, phone = ?, nhs_number = ?, address = ?::jsonb, "
            + "emergency_contact = ?::jsonb, risk_level = ?, flags = ?, is_active = ?";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public PatientRowRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public int insert(int organizationId, PatientRow row) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO patients (patient_id, first_name, last_name, date_of_birth, gender_at_birth, email,
                        phone, nhs_number, address, emergency_contact, risk_level, flags, is_active, organization_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)""",
                    Statement.RETURN_GENERATED_KEYS);
            bindOwned(statement, row);
            statement.setInt(14, organizationId);
            return statement;
        }, key);
        return ((Number) key.getKeys().get("id")).intValue();
    }

    public void update(int organizationId, int id, PatientRow row) {
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "UPDATE patients SET " + OWNED + ", updated_at = now() WHERE organization_id = ? AND id = ?");
            bindOwned(statement, row);
            statement.setInt(14, organizationId);
            statement.setInt(15, id);
            return statement;
        });
    }

    public void deactivate(int organizationId, int id) {
        jdbc.update("UPDATE patients SET is_active = false, updated_at = now() WHERE organization_id = ? AND id = ?",
                organizationId, id);
    }

    /** Another patient of the clinic that already has this patient number. */
    public OptionalInt holderOfNumber(int organizationId, String patientNumber) {
        return jdbc.query("SELECT id FROM patients WHERE organization_id = ? AND patient_id = ?",
                        (rs, n) -> rs.getInt(1), organizationId, patientNumber)
                .stream().mapToInt(Integer::intValue).findFirst();
    }

    private void bindOwned(PreparedStatement statement, PatientRow row) throws SQLException {
        statement.setString(1, row.patientNumber());
        statement.setString(2, row.firstName());
        statement.setString(3, row.lastName());
        statement.setDate(4, row.dateOfBirth() == null ? null : Date.valueOf(row.dateOfBirth()));
        statement.setString(5, row.genderAtBirth());
        statement.setString(6, row.email());
        statement.setString(7, row.phone());
        statement.setString(8, row.nhsNumber());
        statement.setString(9, toJson(address(row.address())));
        statement.setString(10, toJson(contact(row.emergencyContact())));
        statement.setString(11, row.riskLevel());
        Array flags = statement.getConnection().createArrayOf("text", row.flags().toArray());
        statement.setArray(12, flags);
        statement.setBoolean(13, row.active());
    }

    private static Map<String, String> address(PostalAddress address) {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "line1", address.line1());
        put(map, "line2", address.line2());
        put(map, "city", address.city());
        put(map, "county", address.county());
        put(map, "postcode", address.postcode());
        put(map, "country", address.country());
        return map;
    }

    private static Map<String, String> contact(EmergencyContact contact) {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "name", contact.name());
        put(map, "relationship", contact.relationship());
        put(map, "phone", contact.phone());
        put(map, "email", contact.email());
        return map;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a jsonb column", e);
        }
    }

    /** Reads the owned columns back, for the change capture direction and for tests. */
    public Optional<PatientRow> find(int organizationId, int id) {
        return jdbc.query("SELECT * FROM patients WHERE organization_id = ? AND id = ?",
                (rs, n) -> read(rs), organizationId, id).stream().findFirst();
    }

    private PatientRow read(ResultSet rs) throws SQLException {
        Date birth = rs.getDate("date_of_birth");
        Array flags = rs.getArray("flags");
        return new PatientRow(
                rs.getString("patient_id"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                birth == null ? null : birth.toLocalDate(),
                rs.getString("gender_at_birth"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("nhs_number"),
                readJson(rs.getString("address"), PostalAddress.class, PostalAddress.NONE),
                readJson(rs.getString("emergency_contact"), EmergencyContact.class, EmergencyContact.NONE),
                rs.getString("risk_level"),
                flags == null ? List.of() : List.of((String[]) flags.getArray()),
                rs.getBoolean("is_active"));
    }

    private <T> T readJson(String value, Class<T> type, T none) {
        if (value == null) {
            return none;
        }
        try {
            return json.readerFor(type)
                    .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable jsonb in patients", e);
        }
    }
}
