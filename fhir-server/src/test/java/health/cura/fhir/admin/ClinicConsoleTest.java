package health.cura.fhir.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.cura.fhir.support.BackendServiceKeys;
import health.cura.fhir.support.ClinicalShapes;
import health.cura.fhir.support.ConsoleBrowser;
import health.cura.fhir.support.ServerTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The clinic console in a real Chromium against the running server: sign-in and sign-out, patient search and the
 * patient's page, the appointment book, abnormal lab results, the audit trail, apps, and the refusals (another
 * clinic's pages, a forged form). Every page visited is checked with axe-core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClinicConsoleTest extends ServerTest {

    private static final String PASSWORD = "console-Pa55word";
    private static final String NHS_NUMBER = "9434765919";
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private String clinic;
    private String otherClinic;
    private String patientId;
    private String doctorName;
    private String doctorId;
    private ConsoleBrowser browser;

    @Autowired
    private RegisteredClientRepository clients;

    @BeforeAll
    void clinicWithAPatient() {
        clinic = newTenant("console");
        otherClinic = newTenant("consoleother");
        staffMember(clinic, "rita.admin", PASSWORD, "admin");
        staffMember(otherClinic, "otto.admin", PASSWORD, "admin");
        IGenericClient fhir = client(clinic);
        doctorName = "Okonjo";
        IdType doctor = create(fhir, ClinicalShapes.practitioner(doctorName));
        Patient patient = new Patient();
        patient.addName().setFamily("Lovelace").addGiven("Ada");
        patient.addIdentifier().setSystem("https://fhir.nhs.uk/Id/nhs-number").setValue(NHS_NUMBER);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1990-05-02"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patientId = create(fhir, patient).getIdPart();
        Reference subject = new Reference("Patient/" + patientId);
        Bundle lab = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Observation potassium = result(subject, "2823-3", "Potassium", "6.2", "mmol/L", "3.5", "5.3", "H");
        Observation sodium = result(subject, "2951-2", "Sodium", "140", "mmol/L", "133", "146", "N");
        lab.addEntry().setFullUrl("urn:uuid:8b7f1c1e-0000-4000-8000-000000000001").setResource(potassium)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        lab.addEntry().setFullUrl("urn:uuid:8b7f1c1e-0000-4000-8000-000000000002").setResource(sodium)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        DiagnosticReport report = ClinicalShapes.labReport(subject, new Reference(doctor));
        report.addResult(new Reference("urn:uuid:8b7f1c1e-0000-4000-8000-000000000001"));
        report.addResult(new Reference("urn:uuid:8b7f1c1e-0000-4000-8000-000000000002"));
        lab.addEntry().setResource(report).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DiagnosticReport");
        fhir.transaction().withBundle(lab).execute();
        create(fhir, ClinicalShapes.prescription(subject, new Reference(doctor)));
        LocalDate today = LocalDate.now(LONDON);
        for (String time : List.of("08:00", "08:30", "09:00")) {
            Appointment appointment = ClinicalShapes.appointment(subject, new Reference(doctor));
            Instant start = today.atTime(LocalTime.parse(time)).atZone(LONDON).toInstant();
            appointment.setStart(Date.from(start));
            appointment.setEnd(Date.from(start.plusSeconds(900)));
            if (time.equals("09:00")) {
                appointment.setStatus(Appointment.AppointmentStatus.CANCELLED);
            }
            create(fhir, appointment);
        }
        doctorId = doctor.getIdPart();
        browser = new ConsoleBrowser(port);
    }

    private static Observation result(Reference subject, String loinc, String name, String value, String unit,
            String low, String high, String flag) {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept().setText(name).addCoding(new Coding("http://loinc.org", loinc, name)));
        observation.setSubject(subject);
        observation.setEffective(new DateTimeType("2026-11-20T09:15:00Z"));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit(unit));
        observation.addReferenceRange().setLow(new Quantity().setValue(new BigDecimal(low)).setUnit(unit))
                .setHigh(new Quantity().setValue(new BigDecimal(high)).setUnit(unit));
        observation.addInterpretation().addCoding(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag, null));
        return observation;
    }

    @AfterAll
    void closeBrowser() {
        browser.close();
    }

    @BeforeEach
    void signedOut() {
        browser.open("/admin/");
        browser.driver().manage().deleteAllCookies();
    }

    private String console() {
        return "/admin/" + clinic + "/";
    }

    private void signIn() {
        browser.signIn(console(), "rita.admin", PASSWORD);
        assertThat(browser.path()).isEqualTo(console());
    }

    private void accessible(String page) {
        assertThat(browser.accessibilityViolations()).as("serious WCAG 2.1 AA violations on " + page).isEmpty();
    }

    @Test
    void aStrangerIsSentToSignInAndStaffSignInAndOut() {
        browser.open(console() + "patients");
        assertThat(browser.path()).isEqualTo(console() + "login");
        assertThat(browser.find("h1").getText()).contains("Sign in to");
        List<String> posted = browser.all("form input").stream().map(input -> input.getDomAttribute("name")).toList();
        assertThat(posted).as("the sign-in form's fields: %s", posted)
                .containsExactlyInAnyOrder("_csrf", "username", "password");
        accessible("sign-in");
        browser.screenshot("sign-in");

        browser.signIn(console(), "rita.admin", "wrong password");
        assertThat(browser.path()).isEqualTo(console() + "login?error");
        assertThat(browser.find("[role=alert]").getText()).contains("Sign-in failed");

        signIn();
        assertThat(browser.find("h1").getText()).startsWith("Today at");
        assertThat(browser.text()).contains("Signed in as rita.admin");
        assertThat(browser.all(".refused")).as("cards the clinic's administrator may not see").isEmpty();
        assertThat(browser.find("#today-heading ~ table tbody").getText()).as("today's booked, not cancelled")
                .isEqualTo("Dr Sam " + doctorName + " 2");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> "true".equals(browser.find("#appointments-chart").getDomAttribute("data-drawn")));
        assertThat(browser.find("#abnormal-results").getText()).contains("Ada Lovelace", "Potassium", "6.2 mmol/L")
                .doesNotContain("Sodium");
        accessible("dashboard");
        browser.screenshot("dashboard");

        browser.clickToLoad("header form button");
        assertThat(browser.path()).isEqualTo(console() + "login?signedOut");
        browser.open(console() + "patients");
        assertThat(browser.path()).isEqualTo(console() + "login");
    }

    @Test
    void patientsAreFoundByNameNhsNumberAndBirthDateAndTheirPageShowsAbnormalResults() {
        signIn();
        browser.open(console() + "patients");
        accessible("patients");
        browser.fill("#q", "Lovelace");
        browser.waitForText("Ada Lovelace");
        assertThat(browser.find("#results").getText()).contains("943 476 5919", "1990-05-02");
        browser.screenshot("patients");

        browser.open(console() + "patients?q=943+476+5919");
        assertThat(browser.find("#results").getText()).contains("Ada Lovelace");
        browser.open(console() + "patients?q=02/05/1990");
        assertThat(browser.find("#results").getText()).contains("Ada Lovelace");
        browser.open(console() + "patients?q=Nobody-by-this-name");
        assertThat(browser.find("#results").getText()).contains("No patient matches");

        browser.open(console() + "patients?q=Lovelace");
        browser.clickToLoad(browser.driver().findElement(By.linkText("Ada Lovelace")));
        assertThat(browser.path()).isEqualTo(console() + "patients/" + patientId);
        assertThat(browser.find("h1").getText()).isEqualTo("Ada Lovelace");
        List<WebElement> rows = browser.all("#lab-results tbody tr");
        assertThat(rows).hasSize(2);
        WebElement potassium = rows.stream().filter(row -> row.getText().contains("Potassium")).findFirst().orElseThrow();
        WebElement sodium = rows.stream().filter(row -> row.getText().contains("Sodium")).findFirst().orElseThrow();
        assertThat(potassium.getAttribute("class")).contains("abnormal");
        assertThat(potassium.getText()).contains("6.2 mmol/L", "High");
        assertThat(sodium.getAttribute("class")).doesNotContain("abnormal");
        assertThat(sodium.getText()).contains("Normal");
        assertThat(browser.find(".timeline").getText()).contains("Lab report", "Full blood count");
        accessible("patient");
        browser.screenshot("patient");
    }

    @Test
    void anAppointmentIsBookedAndCancelledInTheBookAndItsRowFollows() {
        signIn();
        browser.open(console() + "patients/" + patientId);
        browser.clickToLoad(browser.driver().findElement(By.linkText("Book an appointment")));
        accessible("booking form");
        LocalDate tomorrow = LocalDate.now(LONDON).plusDays(1);
        new Select(browser.find("#practitioner")).selectByVisibleText("Dr Sam " + doctorName);
        browser.fill("#reason", "Potassium recheck");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('day').value = arguments[0];"
                        + "document.getElementById('time').value = '10:30';", tomorrow.toString());
        browser.clickToLoad("main form button[type=submit]");

        assertThat(browser.path()).isEqualTo(console() + "appointments?day=" + tomorrow);
        assertThat(browser.find("[role=status]").getText()).contains("Booked Potassium recheck at 10:30");
        WebElement booking = browser.all("tbody tr").stream().filter(row -> row.getText().contains("Potassium recheck"))
                .findFirst().orElseThrow();
        assertThat(booking.getText()).contains("10:30", "Ada Lovelace", "Booked");
        String appointmentId = booking.getAttribute("id").substring("appointment-".length());
        Map<String, Object> row = linkedRow(organizationId(clinic), "appointments", "Appointment", appointmentId);
        assertThat(row).containsEntry("status", "scheduled").containsEntry("title", "Potassium recheck");
        accessible("appointment book");
        browser.screenshot("appointments");

        browser.clickToLoad(booking.findElement(By.cssSelector("button.danger")));
        assertThat(browser.find("#appointment-" + appointmentId + " .status").getText()).isEqualTo("Cancelled");
        assertThat(browser.all("#appointment-" + appointmentId + " button")).isEmpty();
        assertThat(linkedRow(organizationId(clinic), "appointments", "Appointment", appointmentId))
                .containsEntry("status", "cancelled");
        Appointment stored = client(clinic).read().resource(Appointment.class).withId(appointmentId).execute();
        assertThat(stored.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
    }

    @Test
    void prescriptionsLabResultsAndStaffHaveTheirPages() {
        signIn();
        browser.open(console() + "prescriptions");
        assertThat(browser.find("main table").getText()).contains("Ada Lovelace", "Dr Sam " + doctorName,
                "One capsule three times a day");
        accessible("prescriptions");
        browser.open(console() + "lab-results?abnormal=true");
        List<WebElement> abnormal = browser.all("#lab-results tbody tr");
        assertThat(abnormal).hasSize(1);
        assertThat(abnormal.get(0).getText()).contains("Potassium", "6.2 mmol/L", "High");
        assertThat(abnormal.get(0).getAttribute("class")).contains("abnormal");
        accessible("lab results");
        browser.screenshot("lab-results");

        browser.open(console() + "staff");
        accessible("staff");
        WebElement okonjo = browser.all("#staff tbody tr").stream()
                .filter(row -> row.getText().contains("Dr Sam " + doctorName)).findFirst().orElseThrow();
        new Select(okonjo.findElement(By.cssSelector("select"))).selectByValue("nurse");
        browser.clickToLoad(okonjo.findElement(By.cssSelector("button")));
        assertThat(browser.find("[role=status]").getText()).isEqualTo("Role changed to Nurse.");
        assertThat(browser.all("#staff tbody tr").stream().filter(row -> row.getText().contains("Dr Sam " + doctorName))
                .findFirst().orElseThrow().findElement(By.cssSelector(".role")).getText()).isEqualTo("Nurse");
        assertThat(jdbc.queryForObject("SELECT role FROM users WHERE id = ?", String.class,
                rowId(organizationId(clinic), "Practitioner", doctorId))).isEqualTo("nurse");
    }

    @Test
    void theAuditTrailShowsThePatientJustViewed() {
        signIn();
        browser.open(console() + "patients/" + patientId);
        browser.clickToLoad(browser.driver().findElement(By.linkText("Who has seen this record")));
        assertThat(browser.find("h1").getText()).contains("Ada Lovelace");
        WebElement newest = browser.find("#audit-trail tbody tr");
        assertThat(newest.getText()).contains("rita.admin", "Viewed", "Patient/" + patientId);
        accessible("audit trail");
        browser.screenshot("audit-trail");
    }

    @Test
    void aClinicAdministratorRegistersABackendService() {
        signIn();
        browser.open(console() + "apps");
        accessible("apps");
        browser.fill("#name", "Lab interface");
        browser.fill("#scope", "system/Observation.rs system/DiagnosticReport.rs");
        browser.fill("#jwks", CLINIC_KEYS.publicJwks());
        browser.clickToLoad("#register button[type=submit]");
        assertThat(browser.find("[role=status]").getText()).contains("Registered Lab interface");
        String clientId = browser.find("#client-id").getText();
        var registered = clients.findByClientId(clientId);
        assertThat(registered).isNotNull();
        assertThat(registered.getClientName()).isEqualTo("Lab interface");
        assertThat(registered.getScopes()).containsExactlyInAnyOrder("system/Observation.rs",
                "system/DiagnosticReport.rs");
        assertThat(browser.find("#client-" + clientId).getText()).contains("Lab interface", "backend-service");

        String token = BackendServiceKeys.requestToken(tokenEndpoint(),
                "system/Observation.rs", CLINIC_KEYS.assertion(clientId, tokenEndpoint(), Map.of())).accessToken();
        assertThat(getWithToken("/" + clinic + "/Observation", token).statusCode()).isEqualTo(200);
        browser.clickToConfirm(browser.find("#client-" + clientId + " button"));
        assertThat(browser.find("[role=status]").getText()).contains("Revoked Lab interface");
        assertThat(browser.all("#client-" + clientId)).isEmpty();
        assertThat(clients.findByClientId(clientId)).isNull();
        assertThat(getWithToken("/" + clinic + "/Observation", token).statusCode()).as("its token").isEqualTo(401);
    }

    @Test
    void staffOfAnotherClinicAreRefusedEveryPage() {
        browser.signIn("/admin/" + otherClinic + "/", "otto.admin", PASSWORD);
        assertThat(browser.path()).isEqualTo("/admin/" + otherClinic + "/");
        for (String page : List.of("", "patients", "patients/" + patientId, "appointments", "prescriptions",
                "lab-results", "staff", "audit", "apps")) {
            assertThat(browser.statusOf(console() + page)).as(page).isEqualTo(403);
            browser.open(console() + page);
            assertThat(browser.find("h1").getText()).as(page).isEqualTo("You cannot open this page");
            assertThat(browser.text()).doesNotContain("Lovelace");
        }
        accessible("refusal");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        signIn();
        browser.open(console() + "apps");
        browser.fill("#name", "Forged service");
        browser.fill("#scope", "system/Patient.rs");
        browser.fill("#jwks", CLINIC_KEYS.publicJwks());
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelector('#register input[name=_csrf]').value = 'forged';");
        browser.clickToLoad("#register button[type=submit]");
        assertThat(browser.find("h1").getText()).isEqualTo("This form could not be accepted");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM oauth2_registered_client WHERE client_name = ?",
                Integer.class, "Forged service")).isZero();
    }
}
