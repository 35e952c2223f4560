package health.cura.fhir.identity.launch;

import health.cura.fhir.tables.ResourceLinks;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The clinic's patients a signed-in user can launch an app for, from the clinic's own {@code patients} table. */
public final class PickablePatients {

    /** One line of the picker. */
    public record Choice(String resourceId, String name, Optional<LocalDate> birthDate, Optional<String> nhsNumber,
            String patientNumber) {}

    private static final int LIMIT = 25;

    private final JdbcTemplate jdbc;

    private final ResourceLinks links;

    public PickablePatients(JdbcTemplate jdbc, ResourceLinks links) {
        this.jdbc = jdbc;
        this.links = links;
    }

    /**
     * Active patients whose name, NHS number or clinic number matches {@code query}; all when it is blank. One query
     * for the page, links included.
     */
    public List<Choice> find(String tenant, String query) {
        String text = query == null ? "" : query.trim();
        return jdbc.query("""
                SELECT l.resource_id, p.first_name, p.last_name, p.date_of_birth, p.nhs_number, p.patient_id
                FROM patients p
                JOIN organizations o ON o.id = p.organization_id
                """ + ResourceLinks.resourceIdJoinSql("patients", "p", "Patient", "l") + """

                WHERE o.subdomain = ? AND p.is_active
                  AND (? = '' OR (p.first_name || ' ' || p.last_name) ILIKE '%' || ? || '%'
                       OR p.nhs_number = replace(?, ' ', '') OR p.patient_id = ?)
                ORDER BY p.last_name, p.first_name, p.id
                LIMIT ?""",
                (row, n) -> new Choice(row.getString(1), row.getString(2) + " " + row.getString(3),
                        Optional.ofNullable(row.getDate(4)).map(java.sql.Date::toLocalDate),
                        Optional.ofNullable(row.getString(5)), row.getString(6)),
                tenant, text, escapeLike(text), text, text, LIMIT);
    }

    public boolean exists(String tenant, String resourceId) {
        return links.rowId(tenant, "Patient", resourceId).isPresent();
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
