package health.cura.fhir.mapping.patient;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.mapping.BusinessNumbers;
import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.NumberKind;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.patient.EmergencyContact;
import health.cura.mappings.patient.PatientMapper;
import health.cura.mappings.patient.PatientRow;
import health.cura.mappings.patient.PostalAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Patient → {@code patients}. A Patient without the clinic's patient number gets the next one as an identifier before
 * it is stored, and keeps it: a later update that leaves the identifier out does not take the number away. A FHIR delete only deactivates the row; patient
 * rows are removed for good by GDPR erasure alone.
 */
@Component
public class PatientProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final ResourceLinks links;
    private final BusinessNumbers numbers;
    private final NhsNumberHolders nhsNumbers;

    PatientProjection(LinkedRows rows, ResourceLinks links, BusinessNumbers numbers, NhsNumberHolders nhsNumbers) {
        this.rows = rows;
        this.links = links;
        this.numbers = numbers;
        this.nhsNumbers = nhsNumbers;
    }

    @Override
    public String resourceType() {
        return "Patient";
    }

    @Override
    public void prepare(IBaseResource resource, IBaseResource previous, ProjectionContext context) {
        numbers.assignIfMissing(((Patient) resource).getIdentifier(),
                previous == null ? List.of() : ((Patient) previous).getIdentifier(),
                CuraCanonical.patientNumberSystem(context.tenant().subdomain()), Identifier.IdentifierUse.USUAL,
                context.organizationId(), NumberKind.PATIENT);
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        String resourceId = resource.getIdElement().getIdPart();
        PatientRow row = PatientMapper.toRow((Patient) resource, context.mappingOf(resource));
        OptionalInt existing = links.rowId(context.organizationId(), "Patient", resourceId);
        numbers.requireUnused(context.organizationId(), NumberKind.PATIENT, row.patientNumber(), existing,
                "Patient.identifier");
        nhsNumbers.requireUnheld(context.organizationId(), row.nhsNumber(), existing);
        rows.save(context, CuraTables.PATIENTS, "Patient", resourceId, existing, values(row));
    }

    /** The {@code patients} columns a FHIR Patient owns; the others are left as they are. */
    private static RowValues values(PatientRow row) {
        return RowValues.of()
                .set("patient_id", row.patientNumber())
                .set("first_name", row.firstName())
                .set("last_name", row.lastName())
                .set("date_of_birth", row.dateOfBirth())
                .set("gender_at_birth", row.genderAtBirth())
                .set("email", row.email())
                .set("phone", row.phone())
                .set("nhs_number", row.nhsNumber())
                .set("address", address(row.address()))
                .set("emergency_contact", contact(row.emergencyContact()))
                .set("risk_level", row.riskLevel())
                .set("flags", row.flags())
                .set("is_active", row.active());
    }

    /** {@code patients.address}: only the parts that are there, as {@code mappings/README.md} documents. */
    private static Map<String, String> address(PostalAddress address) {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "line1", address.line1());
        put(map, "line2", address.line2());
        put(map, "city", address.city());
        put(map, "county", address.county());
        put(map, "postcode", address.postcode());
        put(map, "country", address.country());
        return map;
    }

    private static Map<String, String> contact(EmergencyContact contact) {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, "name", contact.name());
        put(map, "relationship", contact.relationship());
        put(map, "phone", contact.phone());
        put(map, "email", contact.email());
        return map;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        rows.set(context, CuraTables.PATIENTS, "Patient", resource.getIdElement().getIdPart(),
                RowValues.of().set("is_active", false));
    }
}
