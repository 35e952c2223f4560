package health.cura.fhir.demo;

import health.cura.conformance.CuraCanonical;
import health.cura.mappings.patient.NhsNumber;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A small general practice, generated from a seed so that every demo database holds the same people: practitioners,
 * patients with valid test-range NHS numbers, their appointments, prescriptions and blood results, as one transaction
 * bundle.
 */
public final class DemoPractice {

    private static final String[] GIVEN_FEMALE = {"Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Priya",
        "Aisha", "Sophie", "Emily", "Chloe", "Hannah", "Zara", "Ruth", "Margaret"};
    private static final String[] GIVEN_MALE = {"Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Mohammed",
        "Rajesh", "Thomas", "James", "William", "Daniel", "Samuel", "Peter", "David"};
    private static final String[] FAMILY = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
        "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
        "Khan", "Clarke", "Hughes", "Edwards", "Singh", "Lewis"};
    private static final String[][] TOWNS = {{"Leeds", "LS1"}, {"Bristol", "BS1"}, {"Manchester", "M1"},
        {"Sheffield", "S1"}, {"Nottingham", "NG1"}, {"Leicester", "LE1"}, {"York", "YO1"}, {"Bath", "BA1"}};
    private static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Victoria Road",
        "Mill Lane", "Park Avenue", "Queens Road", "The Crescent"};
    private static final String[][] PRACTITIONERS = {{"Sarah", "Okafor", "female"}, {"James", "Whitfield", "male"},
        {"Anika", "Sharma", "female"}, {"Thomas", "Reid", "male"}};
    private static final String[][] MEDICINES = {
        {"Amlodipine 5mg tablets", "One tablet once daily", "28"},
        {"Metformin 500mg tablets", "One tablet twice daily with meals", "56"},
        {"Atorvastatin 20mg tablets", "One tablet at night", "28"},
        {"Ramipril 2.5mg capsules", "One capsule once daily", "28"},
        {"Salbutamol 100micrograms/dose inhaler", "Two puffs when required", "1"},
        {"Omeprazole 20mg gastro-resistant capsules", "One capsule once daily before breakfast", "28"},
        {"Sertraline 50mg tablets", "One tablet once daily", "28"}};
    /** LOINC code, display, UCUM unit, low, high, typical value. */
    private static final Object[][] TESTS = {
        {"4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0, 6.0, 5.6},
        {"2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mmol/L", 0.0, 5.0, 4.8},
        {"718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 17.0, 14.0},
        {"2339-0", "Glucose [Mass/volume] in Blood", "mmol/L", 3.9, 7.8, 5.4}};
    private static final String LOINC = "http://loinc.org";

    private final String organizationId;
    private final int patientCount;
    private final Random random;
    private final LocalDateTime today;
    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);

    /** Appointments, prescriptions and results are dated around {@code today}: some past, some to come. */
    public DemoPractice(String organizationId, int patientCount, long seed, LocalDate today) {
        this.organizationId = organizationId;
        this.patientCount = patientCount;
        this.random = new Random(seed);
        this.today = today.atTime(9, 0);
    }

    public Bundle asTransaction() {
        Reference clinic = new Reference("Organization/" + organizationId);
        List<Reference> practitioners = new ArrayList<>();
        for (String[] p : PRACTITIONERS) {
            Practitioner practitioner = new Practitioner();
            practitioner.addName().setFamily(p[1]).addGiven(p[0]).addPrefix("Dr");
            practitioner.setGender(AdministrativeGender.fromCode(p[2]));
            practitioner.addTelecom(email(p[0].toLowerCase() + "." + p[1].toLowerCase() + "@demo.cura.example"));
            practitioners.add(add(practitioner));
        }
        for (int i = 1; i <= patientCount; i++) {
            Reference doctor = practitioners.get(random.nextInt(practitioners.size()));
            Reference patient = add(patient(i, clinic, doctor));
            appointments(patient, doctor);
            prescriptions(patient, doctor);
            if (random.nextInt(3) > 0) {
                bloodResults(patient, doctor);
            }
        }
        return bundle;
    }

    private Patient patient(int number, Reference clinic, Reference doctor) {
        boolean female = random.nextBoolean();
        String given = pick(female ? GIVEN_FEMALE : GIVEN_MALE);
        String family = pick(FAMILY);
        String[] town = TOWNS[random.nextInt(TOWNS.length)];
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(NhsNumber.SYSTEM).setValue(NhsNumber.randomTestNumber(random));
        patient.addIdentifier()
                .setSystem(CuraCanonical.patientNumberSystem(DemoClinicSeeder.SUBDOMAIN))
                .setValue(String.format("P%05d", number));
        patient.setActive(true);
        patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given);
        patient.setGender(female ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        patient.setBirthDateElement(new DateType(
                LocalDate.of(1935 + random.nextInt(85), 1 + random.nextInt(12), 1 + random.nextInt(28)).toString()));
        patient.addAddress()
                .setUse(Address.AddressUse.HOME)
                .addLine((1 + random.nextInt(120)) + " " + pick(STREETS))
                .setCity(town[0])
                .setPostalCode(town[1] + " " + (1 + random.nextInt(9)) + (char) ('A' + random.nextInt(26))
                        + (char) ('A' + random.nextInt(26)))
                .setCountry("GB");
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue(String.format("07700 9%05d", random.nextInt(100_000)));
        patient.addTelecom(email(given.toLowerCase() + "." + family.toLowerCase() + number + "@example.com"));
        patient.setManagingOrganization(clinic);
        patient.addGeneralPractitioner(doctor);
        return patient;
    }

    private void appointments(Reference patient, Reference doctor) {
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            boolean past = random.nextBoolean();
            LocalDateTime start = today.plusDays(past ? -1 - random.nextInt(60) : 1 + random.nextInt(30))
                    .withHour(8 + random.nextInt(9))
                    .withMinute(random.nextBoolean() ? 0 : 30);
            Appointment appointment = new Appointment();
            appointment.setStatus(past ? Appointment.AppointmentStatus.FULFILLED : Appointment.AppointmentStatus.BOOKED);
            appointment.setDescription(past ? "Follow-up consultation" : "Routine check-up");
            appointment.setStart(utc(start));
            appointment.setEnd(utc(start.plusMinutes(30)));
            appointment.setMinutesDuration(30);
            appointment.addParticipant().setActor(patient).setStatus(Appointment.ParticipationStatus.ACCEPTED);
            appointment.addParticipant().setActor(doctor).setStatus(Appointment.ParticipationStatus.ACCEPTED);
            add(appointment);
        }
    }

    private void prescriptions(Reference patient, Reference doctor) {
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String[] medicine = MEDICINES[random.nextInt(MEDICINES.length)];
            MedicationRequest request = new MedicationRequest();
            request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            request.setMedication(new CodeableConcept().setText(medicine[0]));
            request.setSubject(patient);
            request.setRequester(doctor);
            request.setAuthoredOn(utc(today.minusDays(random.nextInt(90))));
            request.addDosageInstruction().setText(medicine[1]);
            request.getDispenseRequest()
                    .setNumberOfRepeatsAllowed(random.nextInt(6))
                    .setQuantity(new Quantity().setValue(Integer.parseInt(medicine[2])));
            add(request);
        }
    }

    private void bloodResults(Reference patient, Reference doctor) {
        LocalDateTime taken = today.minusDays(1 + random.nextInt(120)).withHour(9);
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory")));
        report.setCode(new CodeableConcept().setText("Blood tests"));
        report.setSubject(patient);
        report.addPerformer(doctor);
        report.setEffective(new DateTimeType(utc(taken)));
        report.setIssued(utc(taken.plusDays(1)));
        for (Object[] test : TESTS) {
            double low = (Double) test[3];
            double high = (Double) test[4];
            double value = Math.round(((Double) test[5]) * (0.8 + random.nextDouble() * 0.5) * 10) / 10.0;
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.addCategory(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
            observation.setCode(new CodeableConcept().addCoding(
                    new Coding(LOINC, (String) test[0], (String) test[1])));
            observation.setSubject(patient);
            observation.setEffective(new DateTimeType(utc(taken)));
            observation.setValue(new Quantity()
                    .setValue(BigDecimal.valueOf(value))
                    .setUnit((String) test[2])
                    .setSystem("http://unitsofmeasure.org")
                    .setCode((String) test[2]));
            observation.addReferenceRange()
                    .setLow(new Quantity().setValue(BigDecimal.valueOf(low)).setUnit((String) test[2]))
                    .setHigh(new Quantity().setValue(BigDecimal.valueOf(high)).setUnit((String) test[2]));
            String flag = value < low ? "L" : value > high ? "H" : "N";
            observation.addInterpretation(new CodeableConcept().addCoding(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag, null)));
            report.addResult(add(observation));
        }
        add(report);
    }

    private Reference add(Resource resource) {
        String fullUrl = "urn:uuid:" + new UUID(random.nextLong(), random.nextLong());
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType());
        return new Reference(fullUrl);
    }

    private static ContactPoint email(String address) {
        return new ContactPoint().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(address);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Date utc(LocalDateTime time) {
        return Date.from(time.toInstant(ZoneOffset.UTC));
    }
}
