package health.cura.fhir.mapping.appointment;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowLinkRepository;
import health.cura.fhir.mapping.RowWriter;
import health.cura.mappings.appointment.AppointmentMapper;
import health.cura.mappings.appointment.AppointmentRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.stereotype.Component;

/** Appointment → {@code appointments}. A FHIR delete cancels the row; the clinic's diary keeps it. */
@Component
public class AppointmentProjection implements ResourceProjection {

    static final String TABLE = "appointments";
    private static final String COLUMNS = "patient_id, provider_id, assigned_role, title, description, scheduled_at, "
            + "duration, status, type, location, is_virtual";

    private final RowWriter rows;
    private final RowLinkRepository links;

    public AppointmentProjection(RowWriter rows, RowLinkRepository links) {
        this.rows = rows;
        this.links = links;
    }

    @Override
    public String resourceType() {
        return "Appointment";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        AppointmentRow row = AppointmentMapper.toRow((Appointment) resource, context.mapping());
        int organizationId = context.organizationId();
        links.save(organizationId, TABLE, "Appointment", resourceId,
                links.rowId(organizationId, "Appointment", resourceId),
                id -> rows.update("UPDATE appointments SET (" + COLUMNS + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " WHERE organization_id = ? AND id = ?", statement -> {
                            bind(statement, row);
                            statement.setInt(12, organizationId);
                            statement.setInt(13, id);
                        }),
                () -> rows.insert("INSERT INTO appointments (" + COLUMNS + ", organization_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                            bind(statement, row);
                            statement.setInt(12, organizationId);
                        }));
    }

    private static void bind(PreparedStatement statement, AppointmentRow row) throws SQLException {
        statement.setInt(1, row.patientId());
        statement.setInt(2, row.providerId());
        statement.setString(3, row.assignedRole());
        statement.setString(4, row.title());
        statement.setString(5, row.description());
        statement.setObject(6, row.scheduledAt());
        statement.setInt(7, row.duration());
        statement.setString(8, row.status());
        statement.setString(9, row.type());
        statement.setString(10, row.location());
        statement.setBoolean(11, row.virtual());
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        links.rowId(context.organizationId(), "Appointment", resourceId).ifPresent(id -> rows.update(
                "UPDATE appointments SET status = 'cancelled' WHERE organization_id = ? AND id = ?", statement -> {
                    statement.setInt(1, context.organizationId());
                    statement.setInt(2, id);
                }));
    }
}
