package health.cura.fhir.mapping;

import health.cura.mappings.MappingContext;
import health.cura.mappings.RowLinks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The clinic's placeholder clinician: the user that stands in where a Cura column needs a clinician
 * (lab_results.ordered_by, medical_images.uploaded_by, NOT NULL) and the FHIR resource names none, as a pathology
 * lab's DiagnosticReport or a referred ImagingStudy does. A row pointing at it maps back to a resource that names no
 * practitioner.
 */
@Component
public class UnnamedClinician extends PlaceholderUser {

    /** The placeholder's username, in every clinic. */
    public static final String USERNAME = "cura-unnamed-clinician";

    public UnnamedClinician(JdbcTemplate jdbc) {
        super(jdbc, USERNAME, "Unnamed", "clinician", "doctor");
    }

    /** What the mappers of a row other software wrote know: its links, and this placeholder where the row names it. */
    public MappingContext mappingContext(int organizationId, String subdomain, RowLinks links) {
        return new MappingContext(organizationId, subdomain, links, () -> find(organizationId));
    }
}
