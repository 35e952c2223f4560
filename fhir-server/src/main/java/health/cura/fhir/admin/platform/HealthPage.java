package health.cura.fhir.admin.platform;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The server's health as the platform sees it: change capture's backlog and lag, parked changes and the backfill's
 * progress ({@code $capture-status}); the page refreshes its figures by itself every few seconds.
 */
@Controller
public class HealthPage {

    private final ZoneId zone;

    public HealthPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
    }

    @GetMapping("/platform/health")
    public String health(ConsoleSession fhir, Model model,
            @RequestHeader(name = "HX-Request", required = false) String htmx) {
        Parameters status = (Parameters) fhir.read("$capture-status");
        model.addAttribute("waiting", Views.value(status, "waiting", zone));
        model.addAttribute("lagSeconds", Views.value(status, "lagSeconds", zone));
        model.addAttribute("parked", Views.value(status, "parked", zone));
        model.addAttribute("backfillRunning", "true".equals(Views.value(status, "backfillRunning", zone)));
        long done = Long.parseLong(zeroIfEmpty(Views.value(status, "rowsDone", zone)));
        long left = Long.parseLong(zeroIfEmpty(Views.value(status, "rowsLeft", zone)));
        model.addAttribute("rowsDone", done);
        model.addAttribute("rowsLeft", left);
        model.addAttribute("percent", done + left == 0 ? 100 : (int) (100 * done / (done + left)));
        model.addAttribute("secondsLeft", Views.value(status, "secondsLeft", zone));
        return htmx != null ? "console/platform/health :: figures" : "console/platform/health";
    }

    private static String zeroIfEmpty(String text) {
        return text.isEmpty() ? "0" : text;
    }
}
