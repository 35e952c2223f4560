package health.cura.fhir.gdpr;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.IdType;

/**
 * The patient a GDPR operation is called on, as a patient of the calling clinic: their FHIR id and their
 * {@code patients} row. Another clinic's patient, or none, is not found (404), alike.
 */
record PatientOfClinic(Tenant clinic, String patient, int row) {

    static PatientOfClinic of(IdType patientId, RequestDetails request, TenantDirectory tenants,
            ResourceLinks links) {
        Tenant clinic = tenants.findBySubdomain(request.getTenantId()).orElseThrow();
        String patient = patientId.getIdPart();
        OptionalInt row = links.rowId(clinic.id(), "Patient", patient);
        if (row.isEmpty()) {
            throw new ResourceNotFoundException(new IdType("Patient", patient));
        }
        return new PatientOfClinic(clinic, patient, row.getAsInt());
    }
}
