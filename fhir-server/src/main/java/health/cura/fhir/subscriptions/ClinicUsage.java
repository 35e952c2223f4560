package health.cura.fhir.subscriptions;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What each clinic uses of patients, users and storage, as V27's triggers keep it in {@code cura_clinic_usage} with
 * every write (no row is counted per request). Reads are remembered for two seconds; the check of a write reads the
 * row itself, in the write's transaction, which holds that row's lock once it has added to it.
 */
public class ClinicUsage {

    private static final List<Measure> KEPT = List.of(Measure.PATIENTS, Measure.USERS, Measure.STORAGE);

    private final JdbcTemplate jdbc;
    private final LoadingCache<Integer, Map<Measure, Long>> recent;

    public ClinicUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.recent = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(2)).maximumSize(100_000)
                .build(this::read);
    }

    /** The clinic's patients, users and stored bytes, as of at most two seconds ago. */
    public Map<Measure, Long> recent(int organizationId) {
        return recent.get(organizationId);
    }

    /** The same, read now. */
    public Map<Measure, Long> now(int organizationId) {
        Map<Measure, Long> usage = read(organizationId);
        recent.put(organizationId, usage);
        return usage;
    }

    private Map<Measure, Long> read(int organizationId) {
        Map<Measure, Long> usage = new EnumMap<>(Measure.class);
        KEPT.forEach(measure -> usage.put(measure, 0L));
        jdbc.query("SELECT measure, amount FROM cura_clinic_usage WHERE organization_id = ?", rs -> {
            long amount = rs.getLong(2);
            Measure.ofKey(rs.getString(1)).ifPresent(measure -> usage.put(measure, amount));
        }, organizationId);
        return usage;
    }

    /**
     * The measures this transaction has added to (V27's triggers say so in a setting local to the transaction), with
     * the clinic's amount of each as this transaction sees it.
     */
    public Map<Measure, Long> grownInThisTransaction(int organizationId) {
        Map<Measure, Long> grown = new EnumMap<>(Measure.class);
        jdbc.query("""
                SELECT measure, amount FROM cura_clinic_usage
                WHERE organization_id = ? AND current_setting('cura.usage_grew_' || measure, true) = 'on'""", rs -> {
            long amount = rs.getLong(2);
            Measure.ofKey(rs.getString(1)).ifPresent(measure -> grown.put(measure, amount));
        }, organizationId);
        return grown;
    }
}
