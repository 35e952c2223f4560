package health.cura.fhir.admin.platform;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The packages the platform sells ({@code $packages}) and the invoices it has sent clinics ({@code $saas-invoices}). */
@Controller
public class PackagesPage {

    private final ZoneId zone;

    public PackagesPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
    }

    @GetMapping("/platform/packages")
    public String packages(ConsoleSession fhir, Model model) {
        model.addAttribute("packages", Views.rows((Parameters) fhir.read("$packages"), "package", zone));
        return "console/platform/packages";
    }

    @GetMapping("/platform/invoices")
    public String invoices(ConsoleSession fhir, Model model) {
        model.addAttribute("invoices", Views.rows((Parameters) fhir.read("$saas-invoices"), "invoice", zone));
        return "console/platform/invoices";
    }
}
