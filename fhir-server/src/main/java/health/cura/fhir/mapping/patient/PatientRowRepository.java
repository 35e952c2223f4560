package health.cura.fhir.mapping.patient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.mapping.RowWriter;
import health.cura.mappings.patient.EmergencyContact;
import health.cura.mappings.patient.PatientRow;
import health.cura.mappings.patient.PostalAddress;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Repository;

/** The {@code patients} columns a FHIR Patient owns; the others are left as they are. */
@Repository
public class PatientRowRepository {

    private static final String OWNED = "patient_id, first_name, last_name, date_of_birth, gender_at_birth, email, "
            + "phone, nhs_number, address, emergency_contact, risk_level, flags, is_active";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?";

    private final RowWriter rows;
    private final ObjectMapper json;

    public PatientRowRepository(RowWriter rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    public int insert(int organizationId, PatientRow row) {
        return rows.insert("INSERT INTO patients (" + OWNED + ", organization_id) VALUES (" + VALUES + ", ?)",
                statement -> {
                    bindOwned(statement, row);
                    statement.setInt(14, organizationId);
                });
    }

    public void update(int organizationId, int id, PatientRow row) {
        rows.update("UPDATE patients SET (" + OWNED + ", updated_at) = (" + VALUES + ", now())"
                + " WHERE organization_id = ? AND id = ?", statement -> {
                    bindOwned(statement, row);
                    statement.setInt(14, organizationId);
                    statement.setInt(15, id);
                });
    }

    public void deactivate(int organizationId, int id) {
        rows.update("UPDATE patients SET is_active = false, updated_at = now() WHERE organization_id = ? AND id = ?",
                statement -> {
                    statement.setInt(1, organizationId);
                    statement.setInt(2, id);
                });
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
        statement.setArray(12, statement.getConnection().createArrayOf("text", row.flags().toArray()));
        statement.setBoolean(13, row.active());
    }

    /** {@code patients.address}: only the parts that are there, as {@code mappings/README.md} documents. */
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

    private String toJson(Map<String, String> value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a jsonb column", e);
        }
    }
}
