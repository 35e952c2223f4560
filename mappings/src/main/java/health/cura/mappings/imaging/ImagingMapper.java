package health.cura.mappings.imaging;

import static health.cura.mappings.Texts.blankToNull;

import health.cura.conformance.terminology.CuraEnums;
import health.cura.mappings.CuraCodes;
import health.cura.mappings.Instants;
import health.cura.mappings.MappingContext;
import health.cura.mappings.Clinicians;
import health.cura.mappings.References;
import health.cura.mappings.UnmappableResourceException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Reference;

/**
 * A {@code medical_images} row ⇄ an ImagingStudy (modality, body site, finding) and the DocumentReference of its
 * primary file. The row's uploader is the study's first Practitioner among interpreter and referrer, else the one the
 * caller finds through the study's encounter.
 */
public final class ImagingMapper {

    public static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private ImagingMapper() {}

    public static ImagingRecord toFhir(ImagingRow row, MappingContext context) {
        ImagingStudy study = new ImagingStudy();
        boolean cancelled = "cancelled".equals(row.status());
        study.setStatus(cancelled ? ImagingStudy.ImagingStudyStatus.CANCELLED : ImagingStudy.ImagingStudyStatus.AVAILABLE);
        Reference patient = References.toRow("Patient", row.patientId(), context.links());
        study.setSubject(patient);
        Reference uploader = References.toRow("Practitioner", row.uploadedBy(), context.links());
        if (uploader != null) {
            study.addInterpreter(uploader);
        }
        study.setStarted(Instants.toDate(row.studyDate()));
        Coding type = new Coding(CuraEnums.DICOM, CuraEnums.IMAGING_TYPE.toStandard(row.imagingType()).orElseThrow(),
                null);
        if (!CuraEnums.IMAGING_TYPE.find(row.imagingType()).orElseThrow().exact()) {
            CuraCodes.mark(type, CuraEnums.IMAGING_TYPE, row.imagingType());
        }
        study.addModality(type);
        if (row.modality() != null || row.bodyPart() != null) {
            ImagingStudy.ImagingStudySeriesComponent series = study.addSeries();
            if (row.modality() != null) {
                series.setModality(new Coding(CuraEnums.DICOM, row.modality(), null));
            } else {
                Coding unrecorded = new Coding();
                unrecorded.addExtension(DATA_ABSENT_REASON, new CodeType("unknown"));
                series.setModality(unrecorded);
            }
            if (row.bodyPart() != null) {
                series.setBodySite(new Coding().setDisplay(row.bodyPart()));
            }
        }
        if (row.finding() != null) {
            study.addNote().setText(row.finding());
        }
        if (row.file().equals(ImagingRow.ImagingFile.NONE)) {
            return new ImagingRecord(study, Optional.empty());
        }
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(patient);
        document.getContext().addRelated(new Reference("#study"));
        document.addContent().setAttachment(new Attachment()
                .setTitle(row.file().name())
                .setUrl(row.file().path())
                .setSize(row.file().size())
                .setContentType(row.file().mimeType()));
        return new ImagingRecord(study, Optional.of(document));
    }

    public static ImagingRow toRow(ImagingRecord record, OptionalInt encounterPractitioner, MappingContext context) {
        ImagingStudy study = record.study();
        int patient = References.rowId(study.getSubject(), "Patient", context.links())
                .orElseThrow(() -> new UnmappableResourceException("ImagingStudy.subject",
                        "ImagingStudy.subject must reference a Patient of this clinic"));
        OptionalInt uploader = Clinicians.named(study.getInterpreter(), context.links());
        if (uploader.isEmpty()) {
            uploader = Clinicians.named(List.of(study.getReferrer()), context.links());
        }
        if (uploader.isEmpty()) {
            uploader = encounterPractitioner;
        }
        if (uploader.isEmpty()) {
            uploader = context.unnamedClinician().get();
        }
        int uploadedBy = uploader.orElseThrow(() -> new UnmappableResourceException("ImagingStudy.interpreter",
                "ImagingStudy.interpreter (or referrer, or the encounter's participant) must reference a Practitioner "
                        + "of this clinic: the image record needs the clinician responsible for it"));
        if (!study.hasStarted()) {
            throw new UnmappableResourceException("ImagingStudy.started",
                    "ImagingStudy.started is required: the image record needs its study date");
        }
        ImagingStudy.ImagingStudySeriesComponent series = study.getSeriesFirstRep();
        String seriesModality = series.hasModality() ? blankToNull(series.getModality().getCode()) : null;
        return new ImagingRow(
                patient,
                uploadedBy,
                imagingType(study, seriesModality),
                Instants.toUtc(study.getStarted()),
                series.hasBodySite() ? Optional.ofNullable(blankToNull(series.getBodySite().getDisplay()))
                        .orElse(blankToNull(series.getBodySite().getCode())) : null,
                seriesModality != null && CuraEnums.IMAGING_MODALITY.contains(seriesModality) ? seriesModality : null,
                study.getNote().stream().map(n -> blankToNull(n.getText())).filter(t -> t != null).findFirst()
                        .orElse(null),
                record.file().map(ImagingMapper::file).orElse(ImagingRow.ImagingFile.NONE),
                study.getStatus() == ImagingStudy.ImagingStudyStatus.CANCELLED
                        || study.getStatus() == ImagingStudy.ImagingStudyStatus.ENTEREDINERROR ? "cancelled" : "active");
    }

    /** The Cura code on the study's modality, else the first DICOM modality that has a Cura counterpart. */
    private static String imagingType(ImagingStudy study, String seriesModality) {
        for (Coding coding : study.getModality()) {
            if (CuraEnums.DICOM.equals(coding.getSystem()) && coding.hasCode()
                    && CuraEnums.IMAGING_TYPE.fromStandard(coding.getCode()).isPresent()) {
                return CuraCodes.read(coding, coding.getCode(), CuraEnums.IMAGING_TYPE, "ImagingStudy.modality");
            }
        }
        if (seriesModality != null) {
            Optional<String> mapped = CuraEnums.IMAGING_TYPE.fromStandard(seriesModality);
            if (mapped.isPresent()) {
                return mapped.get();
            }
        }
        throw new UnmappableResourceException("ImagingStudy.modality", "ImagingStudy.modality must include a DICOM "
                + "modality the clinic records (DX, CR, MR, CT, US, MG or PT)");
    }

    private static ImagingRow.ImagingFile file(DocumentReference document) {
        Attachment attachment = document.getContentFirstRep().getAttachment();
        return new ImagingRow.ImagingFile(
                Optional.ofNullable(blankToNull(attachment.getTitle())).orElse(""),
                Optional.ofNullable(blankToNull(attachment.getUrl())).orElse(""),
                attachment.hasSize() ? attachment.getSize() : 0,
                Optional.ofNullable(blankToNull(attachment.getContentType())).orElse("application/octet-stream"));
    }
}
