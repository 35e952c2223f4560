package health.cura.fhir.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.billing.ClaimProcedure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code claims.procedures} as the server writes it: an array of {@code {"code", "display"}}. Other software's plain
 * array of codes ({@code ["A1234"]}) is read as well.
 */
final class ClaimProceduresJson {

    private final ObjectMapper json;

    ClaimProceduresJson(ObjectMapper json) {
        this.json = json;
    }

    static List<Map<String, Object>> write(List<ClaimProcedure> procedures) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (ClaimProcedure procedure : procedures) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", procedure.code());
            entry.put("display", procedure.display());
            entries.add(entry);
        }
        return entries;
    }

    List<ClaimProcedure> read(String value) {
        if (value == null) {
            return List.of();
        }
        JsonNode entries;
        try {
            entries = json.readTree(value);
        } catch (java.io.IOException e) {
            throw new UnmappableResourceException("claims.procedures", "claims.procedures is not valid JSON");
        }
        if (!entries.isArray()) {
            throw new UnmappableResourceException("claims.procedures", "claims.procedures is not a JSON array");
        }
        List<ClaimProcedure> procedures = new ArrayList<>();
        for (JsonNode entry : entries) {
            String code = entry.isTextual() ? entry.asText() : text(entry, "code");
            if (code != null && !code.isBlank()) {
                procedures.add(new ClaimProcedure(code.trim(), entry.isTextual() ? null : text(entry, "display")));
            }
        }
        return procedures;
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
