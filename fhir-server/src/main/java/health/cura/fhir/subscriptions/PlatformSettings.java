package health.cura.fhir.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The platform's settings kept in {@code saas_settings}, each typed and checked: a row whose value is not of its
 * setting's kind (written by other software) is left out, and the configured value ({@link SaasProperties}) holds.
 * Read by the billing and the subscriptions; remembered for five seconds, forgotten at once on this node when changed.
 */
public class PlatformSettings {

    /** A setting: its key in {@code saas_settings}, its category, its range (whole days). */
    public enum Setting {
        PAYMENT_TERMS_DAYS("billing.paymentTermsDays", "billing", 0, 365,
                "days after a SaaS invoice is issued that it falls due"),
        GRACE_PERIOD_DAYS("billing.gracePeriodDays", "billing", 0, 365,
                "days a clinic stays past due after its invoice's due date before it is suspended"),
        DEFAULT_TRIAL_DAYS("subscriptions.defaultTrialDays", "subscriptions", 0, 365,
                "days of trial a clinic subscribed without trialDays gets");

        private final String key;
        private final String category;
        private final int min;
        private final int max;
        private final String description;

        Setting(String key, String category, int min, int max, String description) {
            this.key = key;
            this.category = category;
            this.min = min;
            this.max = max;
            this.description = description;
        }

        public String key() {
            return key;
        }

        public String description() {
            return description;
        }

        public int min() {
            return min;
        }

        public int max() {
            return max;
        }

        public static Optional<Setting> ofKey(String key) {
            for (Setting setting : values()) {
                if (setting.key.equals(key)) {
                    return Optional.of(setting);
                }
            }
            return Optional.empty();
        }
    }

    /** Each setting's value, and whether it comes from {@code saas_settings} rather than the configuration. */
    public record Value(int days, boolean stored) {}

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final SaasProperties properties;
    private final PlatformActions actions;
    private final LoadingCache<Boolean, Map<Setting, Value>> current;

    public PlatformSettings(JdbcTemplate jdbc, ObjectMapper json, SaasProperties properties,
            PlatformActions actions) {
        this.actions = actions;
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
        this.current = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build(any -> read());
    }

    public Map<Setting, Value> all() {
        return current.get(Boolean.TRUE);
    }

    public Duration paymentTerms() {
        return Duration.ofDays(all().get(Setting.PAYMENT_TERMS_DAYS).days());
    }

    public Duration gracePeriod() {
        return Duration.ofDays(all().get(Setting.GRACE_PERIOD_DAYS).days());
    }

    public int defaultTrialDays() {
        return all().get(Setting.DEFAULT_TRIAL_DAYS).days();
    }

    /** Stores the setting (checked by the caller against its range) and records who changed it. */
    public void set(Setting setting, int days, String actor) {
        jdbc.update("""
                INSERT INTO saas_settings (key, value, description, category) VALUES (?, to_jsonb(?::int), ?, ?)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()""", setting.key, days,
                setting.description, setting.category);
        actions.onPlatform("set-platform-setting", setting.key + " = " + days, actor);
        current.invalidateAll();
    }

    private Map<Setting, Value> read() {
        Map<Setting, Value> values = new EnumMap<>(Setting.class);
        values.put(Setting.PAYMENT_TERMS_DAYS, new Value((int) properties.paymentTerms().toDays(), false));
        values.put(Setting.GRACE_PERIOD_DAYS, new Value((int) properties.gracePeriod().toDays(), false));
        values.put(Setting.DEFAULT_TRIAL_DAYS, new Value(0, false));
        jdbc.query("SELECT key, value::text FROM saas_settings WHERE key LIKE 'billing.%' OR key LIKE "
                + "'subscriptions.%'", rs -> {
            String key = rs.getString(1);
            String value = rs.getString(2);
            Setting.ofKey(key).ifPresent(setting -> typed(setting, value).ifPresent(days -> values.put(setting,
                    new Value(days, true))));
        });
        return values;
    }

    private Optional<Integer> typed(Setting setting, String value) {
        try {
            JsonNode node = json.readTree(value == null ? "null" : value);
            if (node.isIntegralNumber() && node.canConvertToInt() && node.asInt() >= setting.min
                    && node.asInt() <= setting.max) {
                return Optional.of(node.asInt());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // not JSON: the configured value holds
        }
        return Optional.empty();
    }
}
