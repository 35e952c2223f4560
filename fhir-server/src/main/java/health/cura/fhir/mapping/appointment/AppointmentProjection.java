package health.cura.fhir.mapping.appointment;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
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
    private static final LinkedRows.Table TABLE_ROWS = new LinkedRows.Table(TABLE, "patient_id, provider_id, "
            + "assigned_role, title, description, scheduled_at, duration, status, type, location, is_virtual",
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", false);

    private final LinkedRows rows;

    public AppointmentProjection(LinkedRows rows) {
        this.rows = rows;
    }

    @Override
    public String resourceType() {
        return "Appointment";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        AppointmentRow row = AppointmentMapper.toRow((Appointment) resource, context.mappingOf(resource));
        rows.save(context, TABLE_ROWS, "Appointment", resourceId, statement -> bind(statement, row));
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
        rows.set(context, TABLE_ROWS, "Appointment", resourceId, "status = 'cancelled'");
    }
}
