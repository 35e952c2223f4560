package health.cura.fhir.capture;

import health.cura.fhir.tables.CuraTable;
import health.cura.fhir.tables.ServerOrigin;

/**
 * The two triggers that record a mapped table's changes in {@code cura_row_changes}, skipping the server's own writes.
 * The text is part of migrations' checksums: change it only with a new migration that replaces the functions.
 */
final class CaptureTriggers {

    private CaptureTriggers() {}

    static String sql(CuraTable table) {
        String name = table.name();
        String clinic = table.tenant().column().orElseThrow();
        String function = "cura_capture_" + name;
        return """

                    CREATE FUNCTION %1$s() RETURNS trigger AS $capture$
                    BEGIN
                        IF current_setting('%4$s', true) = '%5$s' THEN
                            RETURN NULL;
                        END IF;
                        IF TG_OP = 'DELETE' THEN
                            INSERT INTO cura_row_changes (table_name, row_id, organization_id, operation)
                            VALUES ('%2$s', OLD.id, OLD.%3$s, 'D');
                        ELSE
                            INSERT INTO cura_row_changes (table_name, row_id, organization_id, operation)
                            VALUES ('%2$s', NEW.id, NEW.%3$s, left(TG_OP, 1));
                        END IF;
                        PERFORM pg_notify('cura_row_changes', '');
                        RETURN NULL;
                    END
                    $capture$ LANGUAGE plpgsql;
                    CREATE TRIGGER cura_capture_insert_delete AFTER INSERT OR DELETE ON %2$s
                        FOR EACH ROW EXECUTE FUNCTION %1$s();
                    CREATE TRIGGER cura_capture_update AFTER UPDATE ON %2$s
                        FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION %1$s();
                    """.formatted(function, name, clinic, ServerOrigin.SETTING, ServerOrigin.SERVER);
    }
}
