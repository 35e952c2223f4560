package health.cura.fhir.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The plan each clinic is held to: the features of the package of its latest subscription. A clinic without a
 * subscription has no plan: every feature on, no limit; so is a feature its package leaves out. Remembered for two
 * seconds, forgotten at once on this node when a package or a subscription changes.
 */
public class ClinicPlans {

    /** A clinic's plan; {@link #NONE} for a clinic without a subscription. */
    public record Plan(Optional<String> packageName, JsonNode features) {

        public static final Plan NONE = new Plan(Optional.empty(), com.fasterxml.jackson.databind.node
                .JsonNodeFactory.instance.objectNode());

        /** The limit of the measure in its own units (bytes for storage), or empty for unlimited. */
        public OptionalLong limit(Measure measure) {
            JsonNode value = features.get(measure.feature());
            return value != null && value.canConvertToLong()
                    ? OptionalLong.of(Math.multiplyExact(value.asLong(), measure.unit())) : OptionalLong.empty();
        }

        /** Whether a switch ({@code billingEnabled}) is on: it is unless the package turns it off. */
        public boolean enabled(String feature) {
            JsonNode value = features.get(feature);
            return value == null || !value.isBoolean() || value.asBoolean();
        }

        public boolean limitsAnything() {
            for (Measure measure : Measure.values()) {
                if (limit(measure).isPresent()) {
                    return true;
                }
            }
            return false;
        }

        /** How the clinic is told of its plan: the package's name in quotes, or "no plan". */
        public String describe() {
            return packageName.map(name -> "plan '" + name + "'").orElse("no plan");
        }
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final LoadingCache<Integer, Plan> plans;

    public ClinicPlans(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.plans = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(2)).maximumSize(100_000)
                .build(this::read);
    }

    public Plan of(int organizationId) {
        return plans.get(organizationId);
    }

    /** Forgets every clinic's plan: a package's features changed. */
    public void forgetAll() {
        plans.invalidateAll();
    }

    public void forget(int organizationId) {
        plans.invalidate(organizationId);
    }

    private Plan read(int organizationId) {
        return jdbc.query("""
                SELECT p.name, p.features::text FROM saas_subscriptions s JOIN saas_packages p ON p.id = s.package_id
                WHERE s.organization_id = ? ORDER BY s.id DESC LIMIT 1""", (rs, n) -> {
            try {
                String features = rs.getString(2);
                return new Plan(Optional.of(rs.getString(1)), json.readTree(features == null ? "{}" : features));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // a package written by other software with features that are no JSON object limits nothing
                return new Plan(Optional.of(rs.getString(1)), Plan.NONE.features());
            }
        }, organizationId).stream().findFirst().orElse(Plan.NONE);
    }
}
