package health.cura.fhir.mapping.imaging;

import health.cura.fhir.mapping.LinkedRows;
import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.TenantResources;
import health.cura.mappings.MappingContext;
import health.cura.mappings.References;
import health.cura.mappings.imaging.ImagingMapper;
import health.cura.mappings.imaging.ImagingRecord;
import health.cura.mappings.imaging.ImagingRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    static final String TABLE = "medical_images";
    private static final LinkedRows.Table TABLE_ROWS = new LinkedRows.Table(TABLE, "patient_id, uploaded_by, "
            + "imaging_type, study_date, body_part, modality, finding, file_name, file_path, file_size, mime_type, status",
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", true);

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
                .map(found -> References.firstRowId(found.getParticipant().stream()
                        .map(Encounter.EncounterParticipantComponent::getIndividual).toList(),
                        "Practitioner", mapping.links()))
                .orElse(OptionalInt.empty());
        ImagingRow row = ImagingMapper.toRow(new ImagingRecord(study, file), encounterPractitioner, mapping);
        rows.save(context, TABLE_ROWS, "ImagingStudy", resourceId, statement -> bind(statement, row));
        context.refreshed().add("ImagingStudy/" + resourceId);
    }

    private static void bind(PreparedStatement statement, ImagingRow row) throws SQLException {
        statement.setInt(1, row.patientId());
        statement.setInt(2, row.uploadedBy());
        statement.setString(3, row.imagingType());
        statement.setObject(4, row.studyDate());
        statement.setString(5, row.bodyPart());
        statement.setString(6, row.modality());
        statement.setString(7, row.finding());
        statement.setString(8, row.file().name());
        statement.setString(9, row.file().path());
        statement.setInt(10, row.file().size());
        statement.setString(11, row.file().mimeType());
        statement.setString(12, row.status());
    }

    @Override
    public void delete(IBaseResource resource, ProjectionContext context) {
        rows.set(context, TABLE_ROWS, "ImagingStudy", resource.getIdElement().getIdPart(), "status = 'cancelled'");
    }
}
