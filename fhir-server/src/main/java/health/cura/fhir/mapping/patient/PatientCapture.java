package health.cura.fhir.mapping.patient;

import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowApplier;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.patient.NhsNumber;
import health.cura.mappings.patient.PatientMapper;
import health.cura.mappings.patient.PatientRow;
import java.util.Optional;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * {@code patients} → Patient, for rows other software wrote: a new row becomes a Patient (and its link), a changed row
 * is merged into its Patient, a row deleted by SQL deletes its Patient. An NHS number that fails its check digit is
 * refused (parked) rather than published as an NHS identifier; two patients sharing one are both kept.
 */
@Component
public class PatientCapture implements RowApplier {

    private static final String TABLE = "patients";

    private final PatientRowReader rows;
    private final ResourceLinks links;
    private final CapturedWrites writes;

    public PatientCapture(PatientRowReader rows, ResourceLinks links, CapturedWrites writes) {
        this.rows = rows;
        this.links = links;
        this.writes = writes;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void apply(CapturedRow changed) {
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, TABLE, changed.rowId(), "Patient");
        Optional<PatientRow> row = rows.read(clinic, changed.rowId());
        if (row.isEmpty()) {
            linked.ifPresent(id -> {
                writes.delete(changed, "Patient", id);
                links.unlink(clinic, TABLE, changed.rowId());
            });
            return;
        }
        PatientRow current = row.get();
        if (current.nhsNumber() != null && !NhsNumber.isValid(current.nhsNumber())) {
            throw new UnmappableResourceException("patients.nhs_number",
                    "patients.nhs_number is not a valid NHS number (ten digits with a modulus 11 check digit)");
        }
        MappingContext context = new MappingContext(clinic, changed.subdomain(),
                ResolvedLinks.builder().build());
        if (linked.isEmpty()) {
            String id = writes.create(changed, PatientMapper.toFhir(current, context));
            links.link(clinic, TABLE, changed.rowId(), "Patient", id);
            return;
        }
        Patient merged = writes.read(changed, Patient.class, linked.get())
                .map(stored -> PatientMapper.merge(stored, current, context))
                .orElseGet(() -> PatientMapper.toFhir(current, context));
        merged.setId(linked.get());
        writes.update(changed, merged);
    }
}
