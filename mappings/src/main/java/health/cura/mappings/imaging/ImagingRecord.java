package health.cura.mappings.imaging;

import java.util.Optional;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ImagingStudy;

/** An imaging study in FHIR: the ImagingStudy and, when its file is stored, the DocumentReference pointing at it. */
public record ImagingRecord(ImagingStudy study, Optional<DocumentReference> file) {}
