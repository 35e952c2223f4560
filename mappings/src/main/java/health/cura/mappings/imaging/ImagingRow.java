package health.cura.mappings.imaging;

import java.time.LocalDateTime;

/**
 * The columns of a {@code medical_images} row that an ImagingStudy and the DocumentReference of its primary file
 * own. Not owned: {@code thumbnail_path}, {@code dicom_metadata}, {@code ai_analysis} and the timestamps.
 *
 * @param studyDate UTC
 * @param file the primary file; {@link ImagingFile#NONE} when the study has no DocumentReference
 */
public record ImagingRow(
        int patientId,
        int uploadedBy,
        String imagingType,
        LocalDateTime studyDate,
        String bodyPart,
        String modality,
        String finding,
        ImagingFile file,
        String status) {

    /**
     * {@code file_name}, {@code file_path} (a {@code Binary/<id>} reference or a URL), {@code file_size} (bytes),
     * {@code mime_type}: DocumentReference.content[0].attachment's title, url, size and contentType.
     */
    public record ImagingFile(String name, String path, int size, String mimeType) {
        /** A study known only by its DICOM identifiers: the NOT NULL file columns hold that there is no file. */
        public static final ImagingFile NONE = new ImagingFile("", "", 0, "application/dicom");
    }
}
