package health.cura.fhir.mapping.imaging;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.RowValues;
import health.cura.mappings.Clinicians;
import health.cura.mappings.MappingContext;
import health.cura.mappings.References;
import health.cura.mappings.imaging.ImagingMapper;
import health.cura.mappings.imaging.ImagingRecord;
import health.cura.mappings.imaging.ImagingRow;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.springframework.stereotype.Component;

/**
 * ImagingStudy (+ the DocumentReference of its primary file) → {@code medical_images}. The primary file is the
 * earliest DocumentReference whose {@code context.related} is the study; further files stay in FHIR only. A FHIR
 * delete marks the row cancelled.
 */
@Component
public class ImagingProjection implements ResourceProjection {

    private final LinkedRows rows;
    private final TenantResources resources;

    public ImagingProjection(LinkedRows rows, TenantResources resources) {
        this.rows = rows;
        this.resources = resources;
    }

    @Override
    public String resourceType() {
        return "ImagingStudy";
    }

    @Override
    public void project(IBaseResource resource, ProjectionContext context) {
        ImagingStudy study = (ImagingStudy) resource;
        String resourceId = study.getIdElement().getIdPart();
        var file = resources.referring(context, DocumentReference.class, "related", "ImagingStudy/" + resourceId)
                .stream()
                .filter(DocumentReference::hasContent)
                .min(Comparator.comparing(d -> d.getMeta().getLastUpdated()));
        Optional<Encounter> encounter = resources.read(context, Encounter.class, study.getEncounter());
        MappingContext mapping = context.mappingOf(study, encounter.orElse(null));
        OptionalInt encounterPractitioner = encounter
                .map(found -> Clinicians.named(found.getParticipant().stream()
                        .map(Encounter.EncounterParticipantComponent::getIndividual).toList(), mapping.links()))
                .orElse(OptionalInt.empty());
        ImagingRow row = ImagingMapper.toRow(new ImagingRecord(study, file), encounterPractitioner, mapping);
        rows.save(context, CuraTables.MEDICAL_IMAGES, "ImagingStudy", resourceId, values(row));
        context.refreshed().add("ImagingStudy/" + resourceId);
    }

    private static RowValues values(ImagingRow row) {
        return RowValues.of()
                .set("patient_id", row.patientId())
                .set("uploaded_by", row.uploadedBy())
                .set("imaging_type", row.imagingType())
                .set("study_date", row.studyDate())
                .set("body_part", row.bodyPart())
                .set("modality", row.modality())
                .set("finding", row.finding())
                .set("file_name", row.file().name())
                .set("file_path", row.file().path())
                .set("file_size", row.file().size())
                .set("mime_type", row.file().mimeType())
                .set("status", row.status());
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        rows.set(context, CuraTables.MEDICAL_IMAGES, "ImagingStudy", resource.getIdElement().getIdPart(),
                RowValues.of().set("status", "cancelled"));
    }
}
