package health.cura.fhir.tables;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The values of some columns of one row, by column name, for {@link TableRows} to bind as the registry types them.
 * Columns left out keep what they hold: the other software that writes a table owns them.
 */
public final class RowValues {

    /** The value of a timestamp column set to the database's clock at the time of the write. */
    public static final Object NOW = new Object() {
        @Override
        public String toString() {
            return "now()";
        }
    };

    /** A value written under one key of a jsonb object column, the column's other keys kept. */
    record JsonKey(String key, Object value) {}

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> once = new LinkedHashSet<>();

    private RowValues() {}

    public static RowValues of() {
        return new RowValues();
    }

    /** Sets {@code column} to {@code value} ({@code null} writes SQL NULL). */
    public RowValues set(String column, Object value) {
        values.put(column, value);
        once.remove(column);
        return this;
    }

    /** Sets {@code column} only where it is still NULL: a moment recorded once, such as a withdrawal. */
    public RowValues setOnce(String column, Object value) {
        values.put(column, value);
        once.add(column);
        return this;
    }

    /**
     * Sets one key of a jsonb object column (such as {@code metadata}), keeping the keys other software keeps there; a
     * NULL column becomes an object of this key.
     */
    public RowValues setKey(String column, String key, Object value) {
        values.put(column, new JsonKey(key, value));
        once.remove(column);
        return this;
    }

    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    boolean isOnce(String column) {
        return once.contains(column);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }
}
