package health.cura.fhir.admin;

import static org.assertj.core.api.Assertions.assertThat;

import health.cura.fhir.support.ConsoleBrowser;
import health.cura.fhir.support.ServerTest;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The platform console in a real Chromium: the owner signs in, sees the clinics, suspends one (whose staff then
 * cannot book an appointment in their console, and are told why in words) and reactivates it, creates a clinic, and
 * reads a clinic's usage, the packages, the invoices and the server's health. Every page is checked with axe-core.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlatformConsoleTest extends ServerTest {

    private static final String PASSWORD = "platform-Pa55word";

    private String owner;
    private String clinic;
    private String patientId;
    private ConsoleBrowser browser;

    @BeforeAll
    void ownerAndClinic() {
        owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO saas_owners (username, password, email, first_name, last_name) "
                        + "VALUES (?, ?, ?, 'Pat', 'Form')",
                owner, new BCryptPasswordEncoder().encode(PASSWORD), owner + "@cura.example");
        clinic = newTenant("platformed");
        staffMember(clinic, "rob.reception", PASSWORD, "receptionist");
        Patient patient = new Patient();
        patient.addName().setFamily("Hopper").addGiven("Grace");
        patientId = create(client(clinic), patient).getIdPart();
        browser = new ConsoleBrowser(port);
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

    private void ownerSignsIn() {
        browser.signIn("/platform/", owner, PASSWORD);
        assertThat(browser.path()).isEqualTo("/platform/");
    }

    private void accessible(String page) {
        assertThat(browser.accessibilityViolations()).as("serious WCAG 2.1 AA violations on " + page).isEmpty();
    }

    private WebElement clinicRow() {
        return browser.find("#clinic-" + clinic);
    }

    @Test
    void theOwnerSuspendsAClinicWhoseStaffThenCannotBookAndReactivatesIt() {
        ownerSignsIn();
        assertThat(browser.find("h1").getText()).isEqualTo("Clinics");
        assertThat(clinicRow().findElement(By.cssSelector(".standing")).getText()).as("a new clinic")
                .isEqualTo("trial");
        accessible("clinics");
        browser.screenshot("platform-clinics");

        clinicRow().findElement(By.cssSelector("input[name=reason]")).sendKeys("Invoice SAAS-2026-000042 unpaid");
        browser.clickToLoad(clinicRow().findElement(By.cssSelector("button.danger")));
        assertThat(browser.find("[role=status]").getText()).isEqualTo("Suspended " + clinic + ".");
        assertThat(clinicRow().findElement(By.cssSelector(".standing")).getText()).isEqualTo("suspended");
        assertThat(jdbc.queryForObject("SELECT reason FROM cura_platform_actions a JOIN organizations o "
                        + "ON o.id = a.organization_id WHERE o.subdomain = ? ORDER BY a.id DESC LIMIT 1", String.class,
                clinic)).isEqualTo("Invoice SAAS-2026-000042 unpaid");

        browser.driver().manage().deleteAllCookies();
        browser.signIn("/admin/" + clinic + "/", "rob.reception", PASSWORD);
        browser.open("/admin/" + clinic + "/patients/" + patientId);
        assertThat(browser.find("h1").getText()).as("a suspended clinic still reads").isEqualTo("Grace Hopper");
        browser.clickToLoad(browser.driver().findElement(By.linkText("Book an appointment")));
        ((JavascriptExecutor) browser.driver()).executeScript("document.getElementById('time').value = '11:00';");
        browser.clickToLoad("main form button[type=submit]");
        assertThat(browser.find("[role=alert]").getText())
                .startsWith("Your clinic's subscription does not allow this just now.")
                .doesNotContain("Exception", "SQL", "at health.");
        accessible("refused booking");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM appointments a JOIN organizations o "
                + "ON o.id = a.organization_id WHERE o.subdomain = ?", Integer.class, clinic)).isZero();

        browser.driver().manage().deleteAllCookies();
        ownerSignsIn();
        clinicRow().findElement(By.cssSelector("input[name=reason]")).sendKeys("Paid");
        browser.clickToLoad(clinicRow().findElement(By.cssSelector("button")));
        assertThat(browser.find("[role=status]").getText()).isEqualTo("Reactivated " + clinic + ".");
        assertThat(clinicRow().findElement(By.cssSelector(".standing")).getText()).isEqualTo("active");
    }

    @Test
    void theOwnerCreatesAClinicAndReadsUsagePackagesInvoicesAndHealth() {
        ownerSignsIn();
        String created = "made-" + UUID.randomUUID().toString().substring(0, 8);
        browser.fill("#name", "Made in the console");
        browser.fill("#subdomain", created);
        browser.fill("#email", created + "@clinic.test");
        browser.clickToLoad("main form[action='/platform/clinics'] button[type=submit]");
        assertThat(browser.find("[role=status]").getText()).isEqualTo("Created Made in the console at /fhir/"
                + created + "/.");
        assertThat(browser.find("#clinic-" + created).getText()).contains("Made in the console");
        assertThat(jdbc.queryForObject("SELECT name FROM organizations WHERE subdomain = ?", String.class, created))
                .isEqualTo("Made in the console");

        browser.open("/platform/clinics/" + clinic);
        List<WebElement> usage = browser.all("#usage tbody tr");
        assertThat(usage).hasSize(4);
        assertThat(usage.get(0).getText()).startsWith("Patients 1 No limit");
        accessible("clinic usage");
        browser.screenshot("platform-clinic");
        for (String page : List.of("packages", "invoices", "health")) {
            browser.open("/platform/" + page);
            assertThat(browser.path()).isEqualTo("/platform/" + page);
            accessible(page);
        }
        assertThat(browser.find("#waiting").getText()).matches("\\d+");
    }

    @Test
    void eachConsoleRefusesTheOthersPeople() {
        browser.signIn("/admin/" + clinic + "/", "rob.reception", PASSWORD);
        assertThat(browser.statusOf("/platform/")).isEqualTo(403);
        browser.open("/platform/");
        assertThat(browser.find("h1").getText()).isEqualTo("You cannot open this page");

        browser.driver().manage().deleteAllCookies();
        ownerSignsIn();
        assertThat(browser.statusOf("/admin/" + clinic + "/patients/" + patientId)).isEqualTo(403);

        browser.driver().manage().deleteAllCookies();
        browser.open("/platform/health");
        assertThat(browser.path()).as("a stranger is sent to sign in").isEqualTo("/platform/login");
    }
}
