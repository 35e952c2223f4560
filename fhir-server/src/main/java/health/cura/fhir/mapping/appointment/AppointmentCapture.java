package health.cura.fhir.mapping.appointment;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.appointment.AppointmentMapper;
import health.cura.mappings.appointment.AppointmentRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code appointments} → Appointment, for rows other software wrote (a cancelled row is a cancelled Appointment). */
@Component
public class AppointmentCapture extends ResourceRowCapture<AppointmentRow, Appointment> {

    private final JdbcTemplate jdbc;
    private final UnnamedClinician unnamedClinician;

    public AppointmentCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, UnnamedClinician unnamedClinician) {
        super("appointments", Appointment.class, links, writes, dependencies);
        this.jdbc = jdbc;
        this.unnamedClinician = unnamedClinician;
    }

    @Override
    protected Optional<AppointmentRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, provider_id, assigned_role, title, description, scheduled_at, duration, status,
                       type, location, is_virtual
                FROM appointments WHERE organization_id = ? AND id = ?""", AppointmentCapture::row,
                organizationId, rowId).stream().findFirst();
    }

    private static AppointmentRow row(ResultSet rs, int n) throws SQLException {
        Timestamp scheduled = rs.getTimestamp(6);
        if (scheduled == null) {
            throw new UnmappableResourceException("appointments.scheduled_at", "appointments.scheduled_at is empty");
        }
        return new AppointmentRow(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                scheduled.toLocalDateTime(), rs.getInt(7),
                documented(rs.getString(8), CuraEnums.APPOINTMENT_STATUS, "appointments.status"),
                documented(rs.getString(9), CuraEnums.APPOINTMENT_TYPE, "appointments.type"),
                rs.getString(10), rs.getBoolean(11));
    }

    @Override
    protected void resolve(CapturedRow changed, AppointmentRow row, ResolvedLinks.Builder resolved) {
        dependencies.link(changed, resolved, "appointments.patient_id", "patients", row.patientId(), "Patient");
        if (!unnamedClinician.is(changed.organizationId(), row.providerId())) {
            dependencies.link(changed, resolved, "appointments.provider_id", "users", row.providerId(),
                    "Practitioner");
        }
    }

    @Override
    protected MappingContext context(CapturedRow changed, ResolvedLinks resolved) {
        return unnamedClinician.mappingContext(changed.organizationId(), changed.subdomain(), resolved);
    }

    @Override
    protected Appointment toFhir(AppointmentRow row, MappingContext context) {
        return AppointmentMapper.toFhir(row, context);
    }

    @Override
    protected AppointmentRow toRow(Appointment stored, MappingContext context) {
        return AppointmentMapper.toRow(stored, context);
    }

    @Override
    protected Appointment merge(Appointment stored, Appointment fromRow, AppointmentRow row, MappingContext context) {
        return AppointmentMapper.OWNED.merge(stored, fromRow);
    }
}
