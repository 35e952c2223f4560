package health.cura.fhir.gdpr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.postgresql.util.PGobject;

/**
 * A row as the export's documented JSON form gives it: each column by name; timestamps as UTC instants
 * ({@code 2026-03-02T10:00:00Z}), dates as {@code 2026-03-02}, jsonb as the JSON it holds, arrays as lists, numbers
 * exact.
 */
public class RowValuesJson {

    private final ObjectMapper json;

    public RowValuesJson(ObjectMapper json) {
        this.json = json;
    }

    public Map<String, Object> of(Map<String, Object> row) {
        Map<String, Object> values = new LinkedHashMap<>();
        row.forEach((column, value) -> values.put(column, value(value)));
        return values;
    }

    private Object value(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof PGobject object && object.getType() != null && object.getType().startsWith("json")) {
            try {
                return object.getValue() == null ? null : json.readTree(object.getValue());
            } catch (JsonProcessingException e) {
                return object.getValue();
            }
        }
        if (value instanceof PGobject object) {
            return object.getValue();
        }
        if (value instanceof Array array) {
            try {
                return Arrays.asList((Object[]) array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException("Could not read an array column", e);
            }
        }
        return value;
    }
}
