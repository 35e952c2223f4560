package health.cura.fhir.mapping.patient;

import health.cura.conformance.CuraCanonical;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.ResourceRowCapture;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.patient.NhsNumber;
import health.cura.mappings.patient.PatientMapper;
import health.cura.mappings.patient.PatientRow;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * {@code patients} → Patient, for rows other software wrote, merged with {@link PatientMapper#merge}. An NHS number
 * that fails its check digit is refused (parked) rather than published as an NHS identifier; two patients sharing one
 * are both kept.
 */
@Component
public class PatientCapture extends ResourceRowCapture<PatientRow, Patient> {

    /** The tag of a patient whose NHS number another patient of the clinic has too. */
    public static final String SHARED_NHS_NUMBER = "shared-nhs-number";

    private final PatientRowReader rows;

    public PatientCapture(PatientRowReader rows, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies) {
        super("patients", Patient.class, links, writes, dependencies);
        this.rows = rows;
    }

    @Override
    protected Optional<PatientRow> read(int organizationId, int rowId) {
        Optional<PatientRow> row = rows.read(organizationId, rowId);
        row.map(PatientRow::nhsNumber).filter(number -> !NhsNumber.isValid(number)).ifPresent(number -> {
            throw new UnmappableResourceException("patients.nhs_number",
                    "patients.nhs_number is not a valid NHS number (ten digits with a modulus 11 check digit)");
        });
        return row;
    }

    @Override
    protected Patient complete(Patient fromRow, CapturedRow changed) {
        return tagged(fromRow, changed);
    }

    /** Tags the Patient when another patient of the clinic has its NHS number, and untags it when none has. */
    private Patient tagged(Patient patient, CapturedRow changed) {
        String number = patient.getIdentifier().stream().filter(i -> NhsNumber.SYSTEM.equals(i.getSystem()))
                .map(Identifier::getValue).findFirst().orElse(null);
        boolean shared = rows.nhsNumberShared(changed.organizationId(), changed.rowId(), number);
        patient.getMeta().getTag().removeIf(tag -> CuraCanonical.RECORD_TAG_SYSTEM.equals(tag.getSystem())
                && SHARED_NHS_NUMBER.equals(tag.getCode()));
        if (shared) {
            patient.getMeta().addTag(CuraCanonical.RECORD_TAG_SYSTEM, SHARED_NHS_NUMBER,
                    "Another patient of the clinic has this NHS number");
        }
        return patient;
    }

    @Override
    protected void resolve(CapturedRow changed, PatientRow row, ResolvedLinks.Builder resolved) {}

    @Override
    protected Patient toFhir(PatientRow row, MappingContext context) {
        return PatientMapper.toFhir(row, context);
    }

    @Override
    protected PatientRow toRow(Patient stored, MappingContext context) {
        return PatientMapper.toRow(stored, context);
    }

    @Override
    protected Patient merge(Patient stored, Patient fromRow, PatientRow row, MappingContext context) {
        Patient merged = PatientMapper.merge(stored, row, context);
        boolean tagged = fromRow.getMeta().getTag(CuraCanonical.RECORD_TAG_SYSTEM, SHARED_NHS_NUMBER) != null;
        merged.getMeta().getTag().removeIf(tag -> CuraCanonical.RECORD_TAG_SYSTEM.equals(tag.getSystem())
                && SHARED_NHS_NUMBER.equals(tag.getCode()));
        if (tagged) {
            merged.getMeta().addTag(fromRow.getMeta().getTag(CuraCanonical.RECORD_TAG_SYSTEM, SHARED_NHS_NUMBER));
        }
        return merged;
    }
}
