package health.cura.fhir.mapping;

import health.cura.fhir.database.SideConnections;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The clinics' number counters, drawn on two connections of their own (a draw is one short statement). */
@Configuration(proxyBeanMethods = false)
class BusinessNumbersConfiguration {

    @Bean
    BusinessNumbers businessNumbers(JdbcTemplate jdbc, DataSource dataSource) throws SQLException {
        // a draw is made durable by the flushed commit of the write that uses it
        return new BusinessNumbers(jdbc, SideConnections.beside(dataSource, "business-numbers", 2,
                SideConnections.Commits.UNFLUSHED, Duration.ofSeconds(10)));
    }
}
