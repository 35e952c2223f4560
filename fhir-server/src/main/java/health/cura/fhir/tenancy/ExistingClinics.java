package health.cura.fhir.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start, every clinic that other software created in {@code organizations} (an existing Cura database, or a clinic
 * added while the server was down) becomes a tenant: its HAPI partition and its Organization resource. Several nodes
 * starting at once take turns (an advisory lock), and each step checks whether it is already done.
 */
@Component
public class ExistingClinics implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ExistingClinics.class);
    /** The advisory lock key of this job: "cura" and 1, so that no other job's key collides with it. */
    private static final long LOCK = 0x6375726100000001L;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TenantProvisioner provisioner;

    public ExistingClinics(DataSource dataSource, JdbcTemplate jdbc, TenantProvisioner provisioner) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.provisioner = provisioner;
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        if (clinicsWithoutPartition().isEmpty()) {
            return;
        }
        try (Connection lock = dataSource.getConnection()) {
            try (var statement = lock.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            }
            try {
                List<Integer> clinics = clinicsWithoutPartition();
                for (int clinic : clinics) {
                    provisioner.adopt(clinic).ifPresent(tenant ->
                            log.info("Clinic {} (organizations row {}) made a tenant", tenant.subdomain(), tenant.id()));
                }
            } finally {
                try (var statement = lock.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
                }
            }
        }
    }

    /** Clinics with a subdomain and no partition; organization 0 (the SaaS owners' in the Cura EMR) is no clinic. */
    private List<Integer> clinicsWithoutPartition() {
        return jdbc.queryForList("""
                SELECT o.id FROM organizations o
                WHERE o.id > 0 AND o.subdomain IS NOT NULL AND o.subdomain <> ''
                  AND NOT EXISTS (SELECT 1 FROM hfj_partition p WHERE p.part_id = o.id)
                ORDER BY o.id""", Integer.class);
    }
}
