package health.cura.fhir.mapping.appointment;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.appointment.AppointmentMapper;
import health.cura.mappings.appointment.AppointmentRow;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.stereotype.Component;

/** Appointment → {@code appointments}. A FHIR delete cancels the row; the clinic's diary keeps it. */
@Component
public class AppointmentProjection implements ResourceProjection {

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
        Appointment appointment = (Appointment) resource;
        if (!appointment.hasStart()) {
            // proposed or waitlisted, with no time yet (FHIR's app-3): the diary has no place for it, so it lives in
            // FHIR alone until it has one; a row it had keeps its time and takes its status (a cancellation)
            rows.set(context, CuraTables.APPOINTMENTS, "Appointment", resourceId,
                    RowValues.of().set("status", AppointmentMapper.status(appointment)));
            return;
        }
        AppointmentRow row = AppointmentMapper.toRow(appointment, context.mappingOf(resource));
        rows.save(context, CuraTables.APPOINTMENTS, "Appointment", resourceId, values(row));
    }

    private static RowValues values(AppointmentRow row) {
        return RowValues.of()
                .set("patient_id", row.patientId())
                .set("provider_id", row.providerId())
                .set("assigned_role", row.assignedRole())
                .set("title", row.title())
                .set("description", row.description())
                .set("scheduled_at", row.scheduledAt())
                .set("duration", row.duration())
                .set("status", row.status())
                .set("type", row.type())
                .set("location", row.location())
                .set("is_virtual", row.virtual());
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        rows.set(context, CuraTables.APPOINTMENTS, "Appointment", resourceId,
                RowValues.of().set("status", "cancelled"));
    }
}
