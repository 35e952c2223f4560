package health.cura.fhir.subscriptions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.cura.fhir.operations.Refusals;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A package's features ({@code saas_packages.features}), as the schema documents them: limits {@code maxUsers},
 * {@code maxPatients}, {@code storageGB}, {@code apiCallsPerMonth} (whole numbers, 0 or more) and switches
 * {@code aiEnabled}, {@code telemedicineEnabled}, {@code billingEnabled}, {@code analyticsEnabled},
 * {@code customBranding}, {@code prioritySupport} (true or false). A key left out means unlimited, or on. Any other
 * key, or a value of the wrong kind, is refused: a typo must not silently lift a limit.
 */
public final class PlanFeatures {

    public static final Set<String> LIMITS = Set.of("maxUsers", "maxPatients", "storageGB", "apiCallsPerMonth");
    public static final Set<String> SWITCHES = Set.of("aiEnabled", "telemedicineEnabled", "billingEnabled",
            "analyticsEnabled", "customBranding", "prioritySupport");

    private PlanFeatures() {}

    /** The features as given, checked; refused (400, naming the key) when they are not as documented. */
    public static ObjectNode parse(String json, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw Refusals.badParameter("features", "features is not valid JSON");
        }
        if (!node.isObject()) {
            throw Refusals.badParameter("features", "features is a JSON object, for example {\"maxUsers\": 5, "
                    + "\"aiEnabled\": false}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (LIMITS.contains(key)) {
                if (!value.isIntegralNumber() || value.asLong() < 0 || !value.canConvertToInt()) {
                    throw Refusals.badParameter("features", key + " is a whole number, 0 or more");
                }
            } else if (SWITCHES.contains(key)) {
                if (!value.isBoolean()) {
                    throw Refusals.badParameter("features", key + " is true or false");
                }
            } else {
                throw Refusals.badParameter("features", "'" + key + "' is no feature of a package: "
                        + String.join(", ", new java.util.TreeSet<>(LIMITS)) + ", "
                        + String.join(", ", new java.util.TreeSet<>(SWITCHES)));
            }
        }
        return (ObjectNode) node;
    }
}
