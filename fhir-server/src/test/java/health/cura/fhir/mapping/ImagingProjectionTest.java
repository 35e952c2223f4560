package health.cura.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.support.ServerTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** ImagingStudy + the DocumentReference of its file (a FHIR Binary) ⇄ {@code medical_images}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImagingProjectionTest extends ServerTest {

    private String tenant;
    private int organizationId;
    private IGenericClient fhir;
    private IdType radiologist;
    private IdType patient;

    @BeforeAll
    void clinic() {
        tenant = newTenant("imaging");
        organizationId = organizationId(tenant);
        fhir = client(tenant);
        radiologist = createPractitioner(fhir, "Clarke");
        patient = createPatient(fhir, "Roberts");
    }

    @Test
    void studyAndItsStoredFileAreOneImageRecord() {
        ImagingStudy study = study();
        study.addInterpreter(new Reference(radiologist));
        study.addNote().setText("No acute cardiopulmonary abnormality");
        IdType studyId = create(fhir, study);
        Map<String, Object> before = row(studyId.getIdPart());
        assertThat(before).containsEntry("imaging_type", "x-ray").containsEntry("modality", "DX")
                .containsEntry("body_part", "Chest").containsEntry("finding", "No acute cardiopulmonary abnormality")
                .containsEntry("uploaded_by", rowId(organizationId, "Practitioner", radiologist.getIdPart()))
                .containsEntry("file_path", "").containsEntry("status", "active");

        byte[] image = "DICM fake pixel data".getBytes(StandardCharsets.US_ASCII);
        Binary binary = new Binary().setContentType("application/dicom").setData(image);
        IdType binaryId = create(fhir, binary);
        DocumentReference document = new DocumentReference()
                .setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference(patient));
        document.getContext().addRelated(new Reference(studyId));
        document.addContent().setAttachment(new Attachment().setContentType("application/dicom")
                .setUrl(binaryId.getValue()).setSize(image.length).setTitle("chest-pa.dcm"));
        IdType documentId = create(fhir, document);

        Map<String, Object> after = row(studyId.getIdPart());
        assertThat(after).containsEntry("file_path", binaryId.getValue()).containsEntry("file_name", "chest-pa.dcm")
                .containsEntry("file_size", image.length).containsEntry("mime_type", "application/dicom");
        Binary stored = fhir.read().resource(Binary.class).withId((String) after.get("file_path")).execute();
        assertThat(stored.getData()).isEqualTo(image);

        // HAPI keeps referential integrity: the file's DocumentReference goes first, and the row forgets the file
        fhir.delete().resourceById(documentId).execute();
        assertThat(row(studyId.getIdPart())).containsEntry("file_path", "").containsEntry("file_size", 0);
        fhir.delete().resourceById(studyId).execute();
        assertThat(row(studyId.getIdPart())).containsEntry("status", "cancelled");
    }

    private ImagingStudy study() {
        ImagingStudy study = new ImagingStudy().setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(new Reference(patient));
        study.setStartedElement(new DateTimeType("2026-11-10T14:00:00Z"));
        study.addSeries().setUid("1.2.826.0.1.3680043.8.498.1").setModality(new Coding(CuraEnums.DICOM, "DX", null))
                .setBodySite(new Coding().setDisplay("Chest"));
        return study;
    }

    private Map<String, Object> row(String resourceId) {
        return linkedRow(organizationId, "medical_images", "ImagingStudy", resourceId);
    }
}
