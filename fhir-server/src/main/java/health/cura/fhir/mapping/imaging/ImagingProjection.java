package health.cura.fhir.mapping.imaging;

import health.cura.fhir.mapping.ProjectionContext;
import health.cura.fhir.mapping.ResourceProjection;
import health.cura.fhir.mapping.RowLinkRepository;
import health.cura.fhir.mapping.RowWriter;
import health.cura.fhir.mapping.TenantResources;
import health.cura.mappings.References;
import health.cura.mappings.imaging.ImagingMapper;
import health.cura.mappings.imaging.ImagingRecord;
import health.cura.mappings.imaging.ImagingRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
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
    private static final String COLUMNS = "patient_id, uploaded_by, imaging_type, study_date, body_part, modality, "
            + "finding, file_name, file_path, file_size, mime_type, status";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private final RowWriter rows;
    private final RowLinkRepository links;
    private final TenantResources resources;

    public ImagingProjection(RowWriter rows, RowLinkRepository links, TenantResources resources) {
        this.rows = rows;
        this.links = links;
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
        OptionalInt encounterPractitioner = resources.read(context, Encounter.class, study.getEncounter())
                .map(encounter -> References.firstRowId(encounter.getParticipant().stream()
                        .map(Encounter.EncounterParticipantComponent::getIndividual).toList(),
                        "Practitioner", context.mapping().links()))
                .orElse(OptionalInt.empty());
        ImagingRow row = ImagingMapper.toRow(new ImagingRecord(study, file), encounterPractitioner, context.mapping());
        int organizationId = context.organizationId();
        links.save(organizationId, TABLE, "ImagingStudy", resourceId,
                links.rowId(organizationId, "ImagingStudy", resourceId),
                id -> rows.update("UPDATE medical_images SET (" + COLUMNS + ", updated_at) = (" + VALUES + ", now())"
                        + " WHERE organization_id = ? AND id = ?", statement -> {
                            bind(statement, row);
                            statement.setInt(13, organizationId);
                            statement.setInt(14, id);
                        }),
                () -> rows.insert("INSERT INTO medical_images (" + COLUMNS + ", organization_id) VALUES (" + VALUES
                        + ", ?)", statement -> {
                            bind(statement, row);
                            statement.setInt(13, organizationId);
                        }));
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
        String resourceId = resource.getIdElement().getIdPart();
        links.rowId(context.organizationId(), "ImagingStudy", resourceId).ifPresent(id -> rows.update(
                "UPDATE medical_images SET status = 'cancelled', updated_at = now() WHERE organization_id = ? AND id = ?",
                statement -> {
                    statement.setInt(1, context.organizationId());
                    statement.setInt(2, id);
                }));
    }
}
