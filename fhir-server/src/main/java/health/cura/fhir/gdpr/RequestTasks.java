package health.cura.fhir.gdpr;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.cura.fhir.operations.Refusals;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The data subject request an operation answers ({@code $gdpr-export}, {@code $gdpr-erase}): checked before the
 * operation acts (this patient's, of a kind the operation answers, open, the requester's identity verified), and
 * completed once it has, with what was done as the Task's output.
 */
public class RequestTasks {

    private final JdbcTemplate jdbc;
    private final ResourceLinks links;
    private final DaoRegistry daos;

    public RequestTasks(JdbcTemplate jdbc, ResourceLinks links, DaoRegistry daos) {
        this.jdbc = jdbc;
        this.links = links;
        this.daos = daos;
    }

    /** The Task's id, when it is an open request of this patient of one of {@code types} whose requester is verified. */
    public String answerable(Tenant clinic, Reference request, int patientRow, Set<String> types) {
        IdType id = new IdType(request.getReference() == null ? "" : request.getReference());
        if (!"Task".equals(id.getResourceType()) || !id.hasIdPart() || id.isAbsolute()) {
            throw Refusals.badParameter("request", "request is a reference to a data subject request, Task/{id}");
        }
        OptionalInt row = links.rowId(clinic.id(), "Task", id.getIdPart());
        Map<String, Object> found = row.isEmpty() ? Map.of() : jdbc.queryForMap("""
                SELECT patient_id, request_type, status, identity_verified FROM gdpr_data_requests
                WHERE organization_id = ? AND id = ?""", clinic.id(), row.getAsInt());
        if (found.isEmpty() || !Integer.valueOf(patientRow).equals(found.get("patient_id"))
                || !types.contains(found.get("request_type"))) {
            throw Refusals.refused("request", "Task/" + id.getIdPart() + " is no " + String.join(" or ",
                    new java.util.TreeSet<>(types)) + " request of this patient");
        }
        if (!Set.of("pending", "in_progress").contains(found.get("status"))) {
            throw Refusals.refused("request", "Task/" + id.getIdPart() + " is " + found.get("status") + " already");
        }
        if (!Boolean.TRUE.equals(found.get("identity_verified"))) {
            throw Refusals.refused("request", "The requester's identity is not verified yet: the request is acted "
                    + "on only once it is");
        }
        return id.getIdPart();
    }

    /** Completes the request (if it is not already), its output saying what was done ({@code what}: {@code done}). */
    public void complete(Tenant clinic, String task, String what, String done) {
        SystemRequestDetails system = SystemRequestDetails.forRequestPartitionId(
                RequestPartitionId.fromPartitionId(clinic.id()));
        var dao = daos.getResourceDao(Task.class);
        Task found = dao.read(new IdType("Task", task), system);
        if (found.getStatus() == Task.TaskStatus.COMPLETED) {
            return;
        }
        found.setStatus(Task.TaskStatus.COMPLETED);
        found.addOutput().setType(new CodeableConcept().setText(what)).setValue(new StringType(done));
        dao.update(found, system);
    }
}
