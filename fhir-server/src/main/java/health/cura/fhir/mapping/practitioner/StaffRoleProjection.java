package health.cura.fhir.mapping.practitioner;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.fhir.tables.TableRows;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.practitioner.StaffRoleMapper;
import health.cura.mappings.practitioner.StaffRoleRow;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.springframework.stereotype.Component;

/**
 * PractitionerRole → the role, department, specialty and working-time columns of its practitioner's {@code users}
 * row. A staff member has one such row, so with several roles the last one written is what the row shows; deleting a
 * role leaves the row as it is.
 */
@Component
public class StaffRoleProjection implements ResourceProjection {

    private final TableRows rows;
    private final ResourceLinks links;

    public StaffRoleProjection(TableRows rows, ResourceLinks links) {
        this.rows = rows;
        this.links = links;
    }

    @Override
    public String resourceType() {
        return "PractitionerRole";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        PractitionerRole role = (PractitionerRole) resource;
        if (!role.hasPractitioner()) {
            // a role at an organization that names no person (a service's post, a vacancy): it is no staff
            // member's, so it has no users row and lives in FHIR alone
            return;
        }
        int organizationId = context.organizationId();
        int user = References.rowId(role.getPractitioner(), "Practitioner", context.mappingOf(role).links())
                .orElseThrow(() -> new UnmappableResourceException("PractitionerRole.practitioner",
                        "PractitionerRole.practitioner must reference a Practitioner of this clinic"));
        StaffRoleRow row = StaffRoleMapper.toRow(role);
        RowValues values = RowValues.of()
                .set("department", row.department())
                .set("medical_specialty_category", row.specialty())
                .set("sub_specialty", row.subSpecialty())
                .set("working_days", row.workingDays())
                .set("working_hours", row.workingHours() == null ? Map.of()
                        : Map.of("start", row.workingHours().start(), "end", row.workingHours().end()));
        if (row.role() != null) {
            values.set("role", row.role());
        }
        rows.update(CuraTables.USERS, organizationId, user, values);
        String resourceId = role.getIdElement().getIdPart();
        // the first role written for a staff member is the one linked to the row
        if (links.rowId(organizationId, "PractitionerRole", resourceId).isEmpty()
                && links.resourceId(organizationId, CuraTables.USERS.name(), user, "PractitionerRole").isEmpty()) {
            links.link(organizationId, CuraTables.USERS.name(), user, "PractitionerRole", resourceId);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        // the staff record keeps its role: a deleted PractitionerRole says nothing about what the person does now
    }
}
