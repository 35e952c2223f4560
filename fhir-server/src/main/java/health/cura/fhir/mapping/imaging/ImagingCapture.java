package health.cura.fhir.mapping.imaging;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.mapping.UnnamedClinician;
import health.cura.fhir.capture.CapturedRow;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.capture.RowApplier;
import health.cura.fhir.capture.RowDependencies;
import health.cura.fhir.capture.RowMapping;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.MappingContext;
import health.cura.mappings.OwnedElements;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.UnmappableResourceException;
import health.cura.mappings.imaging.ImagingMapper;
import health.cura.mappings.imaging.ImagingRecord;
import health.cura.mappings.imaging.ImagingRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Comparator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code medical_images} → an ImagingStudy and the DocumentReference of its file ({@code file_path} as the
 * attachment's URL: a {@code Binary/<id>} or wherever the EMR keeps it), for rows other software wrote. A row without
 * a file (the documented empty file columns) has no DocumentReference; one deleted by SQL takes it with it.
 */
@Component
public class ImagingCapture implements RowApplier {

    private static final String TABLE = "medical_images";
    private static final OwnedElements<ImagingStudy> STUDY = OwnedElements.of(ImagingStudy.class)
            .element("status", "subject", "started", "modality", "series", "note")
            .items("interpreter", Reference.class, r -> "Practitioner".equals(r.getReferenceElement().getResourceType()))
            .build();
    private static final OwnedElements<DocumentReference> FILE = OwnedElements.of(DocumentReference.class)
            .element("status", "subject", "content")
            .build();

    private final JdbcTemplate jdbc;
    private final ResourceLinks links;
    private final CapturedWrites writes;
    private final RowDependencies dependencies;
    private final UnnamedClinician unnamedClinician;

    public ImagingCapture(JdbcTemplate jdbc, ResourceLinks links, CapturedWrites writes,
            RowDependencies dependencies, UnnamedClinician unnamedClinician) {
        this.jdbc = jdbc;
        this.links = links;
        this.writes = writes;
        this.dependencies = dependencies;
        this.unnamedClinician = unnamedClinician;
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public void apply(CapturedRow changed) {
        int clinic = changed.organizationId();
        Optional<String> linked = links.resourceId(clinic, TABLE, changed.rowId(), "ImagingStudy");
        Optional<ImagingStudy> stored = linked.flatMap(id -> writes.read(changed, ImagingStudy.class, id));
        Optional<DocumentReference> storedFile = linked.flatMap(id -> writes
                .referring(changed, DocumentReference.class, "related", "ImagingStudy/" + id).stream()
                .filter(DocumentReference::hasContent)
                .min(Comparator.comparing(d -> d.getMeta().getLastUpdated())));
        Optional<ImagingRow> row = read(clinic, changed.rowId());
        if (row.isEmpty()) {
            linked.ifPresent(id -> {
                storedFile.ifPresent(file -> writes.delete(changed, "DocumentReference",
                        file.getIdElement().getIdPart()));
                writes.delete(changed, "ImagingStudy", id);
                links.unlinkResource(clinic, "ImagingStudy", id);
            });
            return;
        }
        ImagingRow current = row.get();
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        dependencies.link(changed, resolved, "medical_images.patient_id", "patients", current.patientId(), "Patient");
        if (!unnamedClinician.is(clinic, current.uploadedBy())) {
            dependencies.link(changed, resolved, "medical_images.uploaded_by", "users", current.uploadedBy(),
                    "Practitioner");
        }
        MappingContext context = unnamedClinician.mappingContext(clinic, changed.subdomain(), resolved.build());
        ImagingRecord fromRow = RowMapping.of(TABLE, "ImagingStudy", () -> ImagingMapper.toFhir(current, context));
        if (stored.isPresent() && says(new ImagingRecord(stored.get(), storedFile), current, context)) {
            return;
        }
        String seriesUid = stored.filter(ImagingStudy::hasSeries).map(s -> s.getSeriesFirstRep().getUid())
                .filter(uid -> uid != null && !uid.isBlank())
                .orElseGet(() -> seriesUid(clinic, changed.rowId()));
        fromRow.study().getSeries().forEach(series -> series.setUid(seriesUid));
        String studyId;
        if (linked.isEmpty()) {
            studyId = writes.create(changed, fromRow.study());
            links.link(clinic, TABLE, changed.rowId(), "ImagingStudy", studyId);
        } else {
            studyId = linked.get();
            ImagingStudy merged = stored.map(previous -> STUDY.merge(previous, fromRow.study()))
                    .orElse(fromRow.study());
            writes.updateAsRead(changed, merged, studyId, stored);
        }
        if (fromRow.file().isEmpty()) {
            storedFile.ifPresent(file -> writes.delete(changed, "DocumentReference", file.getIdElement().getIdPart()));
            return;
        }
        DocumentReference file = fromRow.file().get();
        file.getContext().getRelated().clear();
        file.getContext().addRelated(new Reference("ImagingStudy/" + studyId));
        if (storedFile.isEmpty()) {
            writes.create(changed, file);
        } else {
            DocumentReference merged = FILE.merge(storedFile.get(), file);
            merged.setId(storedFile.get().getIdElement().getIdPart());
            writes.update(changed, merged);
        }
    }

    /**
     * A series needs a DICOM UID and the row has none: the stored one's, else one of the UUID-derived form DICOM allows
     * ({@code 2.25.} and the UUID as a decimal number), the same for a row however often it is applied.
     */
    private static String seriesUid(int clinic, int rowId) {
        java.util.UUID uuid = java.util.UUID.nameUUIDFromBytes(("cura:" + clinic + ":medical_images:" + rowId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.math.BigInteger value = new java.math.BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    private static boolean says(ImagingRecord stored, ImagingRow row, MappingContext context) {
        try {
            return Objects.equals(ImagingMapper.toRow(stored, OptionalInt.empty(), context), row);
        } catch (UnmappableResourceException | IllegalArgumentException | NoSuchElementException e) {
            return false;
        }
    }

    private Optional<ImagingRow> read(int organizationId, int rowId) {
        return jdbc.query("""
                SELECT patient_id, uploaded_by, imaging_type, study_date, body_part, modality, finding, file_name,
                       file_path, file_size, mime_type, status
                FROM medical_images WHERE organization_id = ? AND id = ?""", ImagingCapture::row, organizationId,
                rowId).stream().findFirst();
    }

    private static ImagingRow row(ResultSet rs, int n) throws SQLException {
        String type = rs.getString(3);
        if (type == null || !CuraEnums.IMAGING_TYPE.contains(type)) {
            throw new UnmappableResourceException("medical_images.imaging_type", "medical_images.imaging_type '"
                    + type + "' is not one of the documented values");
        }
        Timestamp studied = rs.getTimestamp(4);
        if (studied == null) {
            throw new UnmappableResourceException("medical_images.study_date", "medical_images.study_date is empty");
        }
        ImagingRow.ImagingFile file = new ImagingRow.ImagingFile(empty(rs.getString(8)), empty(rs.getString(9)),
                rs.getInt(10), rs.getString(11) == null ? "application/dicom" : rs.getString(11));
        return new ImagingRow(rs.getInt(1), rs.getInt(2), type, studied.toLocalDateTime(), rs.getString(5),
                rs.getString(6), rs.getString(7), file.path().isEmpty() ? ImagingRow.ImagingFile.NONE : file,
                rs.getString(12));
    }

    private static String empty(String value) {
        return value == null ? "" : value;
    }
}
