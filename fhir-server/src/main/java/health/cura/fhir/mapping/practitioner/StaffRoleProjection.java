package health.cura.fhir.mapping.practitioner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowWriter;
import health.cura.fhir.tables.ResourceLinks;
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

    private final RowWriter rows;
    private final ResourceLinks links;
    private final ObjectMapper json;

    public StaffRoleProjection(RowWriter rows, ResourceLinks links, ObjectMapper json) {
        this.rows = rows;
        this.links = links;
        this.json = json;
    }

    @Override
    public String resourceType() {
        return "PractitionerRole";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        PractitionerRole role = (PractitionerRole) resource;
        int organizationId = context.organizationId();
        int user = References.rowId(role.getPractitioner(), "Practitioner", context.mappingOf(role).links())
                .orElseThrow(() -> new UnmappableResourceException("PractitionerRole.practitioner",
                        "PractitionerRole.practitioner must reference a Practitioner of this clinic"));
        StaffRoleRow row = StaffRoleMapper.toRow(role);
        rows.update("""
                UPDATE users SET role = COALESCE(?, role), department = ?, medical_specialty_category = ?,
                    sub_specialty = ?, working_days = ?::jsonb, working_hours = ?::jsonb
                WHERE organization_id = ? AND id = ?""", statement -> {
                    statement.setString(1, row.role());
                    statement.setString(2, row.department());
                    statement.setString(3, row.specialty());
                    statement.setString(4, row.subSpecialty());
                    statement.setString(5, toJson(row.workingDays()));
                    statement.setString(6, toJson(row.workingHours() == null ? Map.of()
                            : Map.of("start", row.workingHours().start(), "end", row.workingHours().end())));
                    statement.setInt(7, organizationId);
                    statement.setInt(8, user);
                });
        String resourceId = role.getIdElement().getIdPart();
        // the first role written for a staff member is the one linked to the row
        if (links.rowId(organizationId, "PractitionerRole", resourceId).isEmpty()
                && links.resourceId(organizationId, PractitionerProjection.TABLE, user, "PractitionerRole").isEmpty()) {
            links.link(organizationId, PractitionerProjection.TABLE, user, "PractitionerRole", resourceId);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a users jsonb column", e);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        // the staff record keeps its role: a deleted PractitionerRole says nothing about what the person does now
    }
}
