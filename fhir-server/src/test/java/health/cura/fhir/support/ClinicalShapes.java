package health.cura.fhir.support;

import health.cura.mappings.patient.NhsNumber;
import java.math.BigDecimal;
import java.util.Random;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Ordinary resources of every mapped type, as an integrator's system would send them: what FHIR and UK Core require
 * and the usual extras, nothing Cura-specific.
 */
public final class ClinicalShapes {

    private final Random random;

    public ClinicalShapes(long seed) {
        this.random = new Random(seed);
    }

    public Patient patient(String family) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(NhsNumber.randomTestNumber(random));
        patient.addName().setFamily(family).addGiven("Alex");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.getBirthDateElement().setValueAsString("1980-04-02");
        return patient;
    }

    public static Practitioner practitioner(String family) {
        Practitioner practitioner = new Practitioner();
        practitioner.addName().setFamily(family).addGiven("Sam").addPrefix("Dr");
        return practitioner;
    }

    public static PractitionerRole role(Reference practitioner, Reference organization) {
        PractitionerRole role = new PractitionerRole();
        if (practitioner != null) {
            role.setPractitioner(practitioner);
        }
        if (organization != null) {
            role.setOrganization(organization);
        }
        role.addCode().addCoding(new Coding("http://snomed.info/sct", "62247001", "General practitioner"));
        return role;
    }

    public static Organization laboratory(String name) {
        Organization lab = new Organization().setName(name);
        lab.addIdentifier().setSystem("https://fhir.nhs.uk/Id/ods-organization-code").setValue("RX1");
        return lab;
    }

    public static Appointment appointment(Reference patient, Reference practitioner) {
        Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setDescription("Review");
        appointment.setStartElement(new InstantType("2026-12-03T11:00:00Z"));
        appointment.setEndElement(new InstantType("2026-12-03T11:15:00Z"));
        appointment.addParticipant().setActor(patient).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        appointment.addParticipant().setActor(practitioner).setStatus(Appointment.ParticipationStatus.ACCEPTED);
        return appointment;
    }

    public static Encounter encounter(Reference patient, Reference practitioner) {
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(patient);
        encounter.addParticipant().setIndividual(practitioner);
        encounter.getPeriod().setStartElement(new DateTimeType("2026-11-20T09:00:00Z"))
                .setEndElement(new DateTimeType("2026-11-20T09:20:00Z"));
        return encounter;
    }

    public static Observation heartRate(Reference patient, Reference encounter) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs"));
        observation.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", "8867-4", "Heart rate")));
        observation.setSubject(patient);
        if (encounter != null) {
            observation.setEncounter(encounter);
        }
        observation.setEffective(new DateTimeType("2026-11-20T09:05:00Z"));
        observation.setValue(new Quantity().setValue(new BigDecimal("72")).setUnit("beats/minute")
                .setSystem("http://unitsofmeasure.org").setCode("/min"));
        return observation;
    }

    public static Condition diagnosis(Reference patient, Reference encounter) {
        Condition condition = new Condition();
        condition.getClinicalStatus().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null));
        condition.getVerificationStatus().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null));
        condition.addCategory().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", null));
        condition.setCode(new CodeableConcept().addCoding(
                new Coding("http://snomed.info/sct", "10509002", "Acute bronchitis")));
        condition.setSubject(patient);
        condition.setEncounter(encounter);
        return condition;
    }

    public static MedicationRequest prescription(Reference patient, Reference prescriber) {
        MedicationRequest request = new MedicationRequest()
                .setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept().setText("Amoxicillin 500mg capsules"));
        request.setSubject(patient);
        request.setRequester(prescriber);
        request.setAuthoredOnElement(new DateTimeType("2026-11-20T09:10:00Z"));
        request.addDosageInstruction().setText("One capsule three times a day");
        return request;
    }

    public static DiagnosticReport labReport(Reference patient, Reference performer) {
        DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept().addCoding(
                new Coding("http://snomed.info/sct", "26604007", "Full blood count")));
        report.setSubject(patient);
        report.addPerformer(performer);
        report.setEffective(new DateTimeType("2026-11-20T09:15:00Z"));
        report.setIssuedElement(new InstantType("2026-11-20T15:00:00Z"));
        return report;
    }

    public static ImagingStudy imagingStudy(Reference patient) {
        ImagingStudy study = new ImagingStudy().setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        study.setSubject(patient);
        study.setStartedElement(new DateTimeType("2026-11-10T14:00:00Z"));
        study.addSeries().setUid("1.2.826.0.1.3680043.8.498." + Math.abs(patient.getReference().hashCode()))
                .setModality(new Coding("http://dicom.nema.org/resources/ontology/DCM", "DX", "Digital Radiography"))
                .setBodySite(new Coding("http://snomed.info/sct", "51185008", "Thorax"));
        return study;
    }

    public static DocumentReference document(Reference patient, Reference study, String binaryUrl) {
        DocumentReference document = new DocumentReference().setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(patient);
        document.getContext().addRelated(study);
        document.addContent().setAttachment(new Attachment().setContentType("application/dicom").setUrl(binaryUrl)
                .setTitle("chest.dcm"));
        return document;
    }

    public static Consent researchConsent(Reference patient) {
        Consent consent = new Consent().setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "research", "Research")));
        consent.addCategory().addCoding(new Coding("http://loinc.org", "57016-8", "Privacy policy acknowledgment"));
        consent.setPatient(patient);
        consent.setDateTimeElement(new DateTimeType("2026-11-01T10:00:00Z"));
        consent.addPolicy().setUri("https://clinic.example/privacy");
        consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
        return consent;
    }

    public static Coverage coverage(Reference patient) {
        Coverage coverage = new Coverage().setStatus(Coverage.CoverageStatus.ACTIVE);
        coverage.setBeneficiary(patient);
        coverage.addPayor().setDisplay("Bupa");
        coverage.setSubscriberId("BUPA-" + Math.abs(patient.getReference().hashCode()));
        coverage.getPeriod().setStartElement(new DateTimeType("2026-01-01"));
        return coverage;
    }
}
