package health.cura.fhir.subscriptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The platform's packages ({@code saas_packages}): a platform table, of no clinic. */
public class SaasPackages {

    /** What a change sets; null leaves a column as it is. */
    public record Change(String name, String description, BigDecimal price, String billingCycle, ObjectNode features,
            Boolean active) {

        /** What changes, as recorded: the values given. */
        String describe() {
            List<String> changed = new ArrayList<>();
            if (name != null) {
                changed.add("name '" + name + "'");
            }
            if (description != null) {
                changed.add("description");
            }
            if (price != null) {
                changed.add("price " + price.toPlainString());
            }
            if (billingCycle != null) {
                changed.add(billingCycle);
            }
            if (features != null) {
                changed.add("features " + features);
            }
            if (active != null) {
                changed.add(active ? "offered" : "withdrawn");
            }
            return changed.isEmpty() ? "nothing" : String.join(", ", changed);
        }
    }

    private final JdbcTemplate jdbc;
    private final ClinicPlans plans;
    private final PlatformActions actions;

    public SaasPackages(JdbcTemplate jdbc, ClinicPlans plans, PlatformActions actions) {
        this.actions = actions;
        this.jdbc = jdbc;
        this.plans = plans;
    }

    public int create(String name, String description, BigDecimal price, String billingCycle, ObjectNode features,
            String actor) {
        Integer id = jdbc.queryForObject("""
                INSERT INTO saas_packages (name, description, price, billing_cycle, features)
                VALUES (?, ?, ?, ?, ?::jsonb) RETURNING id""", Integer.class, name, description, price, billingCycle,
                features.toString());
        record("create-package", "package " + id + " '" + name + "', " + price.toPlainString() + " " + billingCycle
                + ", " + features, actor);
        return id;
    }

    private void record(String action, String detail, String actor) {
        actions.onPlatform(action, detail, actor);
    }

    /** Applies the change; false when there is no such package. */
    public boolean update(int id, Change change, String actor) {
        List<String> sets = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        add(sets, values, "name = ?", change.name());
        add(sets, values, "description = ?", change.description());
        add(sets, values, "price = ?", change.price());
        add(sets, values, "billing_cycle = ?", change.billingCycle());
        add(sets, values, "features = ?::jsonb", change.features() == null ? null : change.features().toString());
        add(sets, values, "is_active = ?", change.active());
        sets.add("updated_at = now()");
        values.add(id);
        boolean updated = jdbc.update("UPDATE saas_packages SET " + String.join(", ", sets) + " WHERE id = ?",
                values.toArray()) == 1;
        if (updated) {
            record("update-package", "package " + id + ": " + change.describe(), actor);
        }
        // the clinics on it are held to the new features at once here, within two seconds on other nodes
        plans.forgetAll();
        return updated;
    }

    private static void add(List<String> sets, List<Object> values, String set, Object value) {
        if (value != null) {
            sets.add(set);
            values.add(value);
        }
    }
}
