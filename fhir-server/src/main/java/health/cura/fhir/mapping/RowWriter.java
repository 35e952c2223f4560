package health.cura.fhir.mapping;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** Parameterised writes of Cura rows, on the caller's (HAPI's) transaction. */
@Component
public class RowWriter {

    /** Binds a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private final JdbcTemplate jdbc;

    public RowWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Runs an INSERT and returns the new row's {@code id}. */
    public int insert(String sql, Binder binder) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"});
            binder.bind(statement);
            return statement;
        }, key);
        return key.getKey().intValue();
    }

    public void update(String sql, Binder binder) {
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            binder.bind(statement);
            return statement;
        });
    }
}
