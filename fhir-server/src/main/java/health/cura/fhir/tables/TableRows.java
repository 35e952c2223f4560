package health.cura.fhir.tables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * The one writer of Cura rows: builds each statement from the table's declaration in {@link CuraTables} and binds every
 * value as its column's declared type (jsonb from any value Jackson writes, {@code text[]} from a collection of
 * strings, timestamps as UTC {@link LocalDateTime}). A column the table does not declare, or a value of the wrong type,
 * is a programming error and fails before any SQL runs. Writes run on the caller's (HAPI's) transaction and always
 * within one clinic: the clinic's column is bound by the writer, never by the caller. They are marked as the
 * server's own ({@link ServerOrigin}), so change capture does not send them back to FHIR.
 */
@Component
public class TableRows {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public TableRows(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts a row of the clinic and returns its {@code id}. */
    public int insert(CuraTable table, int organizationId, RowValues values) {
        List<Bound> bound = bind(table, values);
        ServerOrigin.mark(jdbc);
        StringJoiner columns = new StringJoiner(", ");
        StringJoiner expressions = new StringJoiner(", ");
        for (Bound value : bound) {
            columns.add(value.column().name());
            expressions.add(value.expression());
        }
        columns.add(tenantColumn(table));
        expressions.add("?");
        String sql = "INSERT INTO " + table.name() + " (" + columns + ") VALUES (" + expressions + ")";
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"});
            int next = set(statement, bound);
            statement.setInt(next, organizationId);
            return statement;
        }, key);
        return key.getKey().intValue();
    }

    /** Sets the given columns of one row of the clinic, and its {@code updated_at} where the table has one. */
    public void update(CuraTable table, int organizationId, int id, RowValues values) {
        List<Bound> bound = bind(table, values);
        ServerOrigin.mark(jdbc);
        StringJoiner assignments = new StringJoiner(", ");
        for (Bound value : bound) {
            String name = value.column().name();
            if (value.value() instanceof RowValues.JsonKey) {
                assignments.add(name + " = COALESCE(" + name + ", '{}'::jsonb) || " + value.expression());
            } else {
                assignments.add(values.isOnce(name)
                        ? name + " = COALESCE(" + name + ", " + value.expression() + ")"
                        : name + " = " + value.expression());
            }
        }
        if (table.column("updated_at").isPresent() && !values.values().containsKey("updated_at")) {
            assignments.add("updated_at = now()");
        }
        String sql = "UPDATE " + table.name() + " SET " + assignments + " WHERE " + tenantColumn(table)
                + " = ? AND id = ?";
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            int next = set(statement, bound);
            statement.setInt(next, organizationId);
            statement.setInt(next + 1, id);
            return statement;
        });
    }

    /** Deletes one row of the clinic for good. */
    public void delete(CuraTable table, int organizationId, int id) {
        ServerOrigin.mark(jdbc);
        jdbc.update("DELETE FROM " + table.name() + " WHERE " + tenantColumn(table) + " = ? AND id = ?",
                organizationId, id);
    }

    private record Bound(Column column, Object value) {

        String expression() {
            if (value == RowValues.NOW) {
                return "now()";
            }
            if (value instanceof RowValues.JsonKey) {
                return "jsonb_build_object(?::text, ?::jsonb)";
            }
            return column.type() == SqlType.JSONB ? "?::jsonb" : "?";
        }
    }

    private List<Bound> bind(CuraTable table, RowValues values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No columns to write in " + table.name());
        }
        List<Bound> bound = new ArrayList<>();
        for (Map.Entry<String, Object> entry : values.values().entrySet()) {
            Column column = table.column(entry.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    table.name() + " has no column " + entry.getKey()));
            if (column.name().equals("id") || column.name().equals(tenantColumn(table))) {
                throw new IllegalArgumentException(table.name() + "." + column.name() + " is set by the writer");
            }
            Object value = entry.getValue();
            if (value == RowValues.NOW && column.type() != SqlType.TIMESTAMP) {
                throw new IllegalArgumentException(table.name() + "." + column.name() + " is not a timestamp");
            }
            if (value instanceof RowValues.JsonKey && column.type() != SqlType.JSONB) {
                throw new IllegalArgumentException(table.name() + "." + column.name() + " is not a jsonb column");
            }
            if (value != null && value != RowValues.NOW && !accepts(column.type(), value)) {
                throw new IllegalArgumentException(table.name() + "." + column.name() + " is " + column.type()
                        + ", not " + value.getClass().getSimpleName());
            }
            bound.add(new Bound(column, value));
        }
        return bound;
    }

    private static boolean accepts(SqlType type, Object value) {
        return switch (type) {
            case SERIAL, INTEGER -> value instanceof Integer;
            case REAL -> value instanceof Float || value instanceof Double;
            case DECIMAL -> value instanceof BigDecimal;
            case TEXT, VARCHAR -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case DATE -> value instanceof LocalDate;
            case TIMESTAMP -> value instanceof LocalDateTime;
            case JSONB -> true;
            case TEXT_ARRAY -> value instanceof Collection<?> items && items.stream().allMatch(String.class::isInstance);
        };
    }

    /** Binds the values in order and returns the next parameter's index. */
    private int set(PreparedStatement statement, List<Bound> bound) throws SQLException {
        int index = 1;
        for (Bound value : bound) {
            if (value.value() == RowValues.NOW) {
                continue;
            }
            if (value.value() instanceof RowValues.JsonKey key) {
                statement.setString(index++, key.key());
                statement.setString(index++, toJson(value.column(), key.value()));
                continue;
            }
            set(statement, index++, value.column(), value.value());
        }
        return index;
    }

    private void set(PreparedStatement statement, int index, Column column, Object value) throws SQLException {
        switch (column.type()) {
            case SERIAL, INTEGER -> statement.setObject(index, value, Types.INTEGER);
            case REAL -> statement.setObject(index, value, Types.REAL);
            case DECIMAL -> statement.setObject(index, value, Types.NUMERIC);
            case TEXT, VARCHAR -> statement.setString(index, (String) value);
            case BOOLEAN -> statement.setObject(index, value, Types.BOOLEAN);
            case DATE -> statement.setObject(index, value, Types.DATE);
            case TIMESTAMP -> statement.setObject(index, value, Types.TIMESTAMP);
            case JSONB -> statement.setString(index, value == null ? null : toJson(column, value));
            case TEXT_ARRAY -> statement.setArray(index, value == null ? null
                    : statement.getConnection().createArrayOf("text", ((Collection<?>) value).toArray()));
        }
    }

    private String toJson(Column column, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the jsonb column " + column.name(), e);
        }
    }

    private static String tenantColumn(CuraTable table) {
        if (table.tenant().tenant() || table.tenant().via().isPresent() || table.tenant().column().isEmpty()) {
            throw new IllegalArgumentException(table.name() + " has no clinic column of its own to write by");
        }
        return table.tenant().column().get();
    }
}
