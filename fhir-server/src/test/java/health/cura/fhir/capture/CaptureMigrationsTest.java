package health.cura.fhir.capture;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.tables.CuraTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every mapped table is captured by exactly one migration, and applied migrations never change: Flyway refuses to
 * start on a database whose history holds another checksum for V11.
 */
class CaptureMigrationsTest {

    /** V11's checksum as databases recorded it when it was applied (2026-11). */
    private static final int V11_CHECKSUM = 22428954;

    @Test
    void theChangeLogMigrationIsAsDatabasesAppliedIt() {
        assertThat(new ChangeLogMigration().getChecksum()).isEqualTo(V11_CHECKSUM);
    }

    @Test
    void everyMappedTableGetsItsTriggersFromOneMigration() {
        List<String> captured = new ArrayList<>(ChangeLogMigration.TABLES);
        CaptureTriggersMigration.ALL.forEach(migration -> captured.addAll(migration.tables()));
        assertThat(captured).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ChangeLogMigration.capturedTables().stream()
                        .map(CuraTable::name).toList());
    }

    @Test
    void laterMigrationsComeAfterTheChangeLogInVersionOrder() {
        assertThat(CaptureTriggersMigration.ALL).extracting(m -> m.getVersion().getVersion())
                .containsExactly("13", "15", "18", "21");
    }
}
