package health.cura.fhir.admin.platform;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleRefusal;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The platform's clinics: the list with each clinic's standing and package, a clinic's usage against its limits and
 * its invoices, and the platform's moves: create a clinic, suspend it, reactivate it. Each goes through the platform
 * operation of the same name, which records who did it and why.
 */
@Controller
public class ClinicsPage {

    private final ZoneId zone;

    public ClinicsPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
    }

    @GetMapping({"/platform", "/platform/"})
    public String clinics(ConsoleSession fhir, Model model) {
        model.addAttribute("clinics", Views.rows((Parameters) fhir.read("$clinics"), "clinic", zone));
        model.addAttribute("packages", Views.rows((Parameters) fhir.read("$packages"), "package", zone).stream()
                .filter(offered -> "true".equals(offered.get("active"))).toList());
        return "console/platform/clinics";
    }

    @PostMapping("/platform/clinics")
    public String create(@RequestParam String name, @RequestParam String subdomain, @RequestParam String email,
            @RequestParam(defaultValue = "") String packageId, @RequestParam(defaultValue = "") String trialDays,
            ConsoleSession fhir, RedirectAttributes redirect) {
        Parameters in = new Parameters();
        in.addParameter("name", new StringType(name.strip()));
        in.addParameter("subdomain", new StringType(subdomain.strip()));
        in.addParameter("email", new StringType(email.strip()));
        if (!packageId.isBlank()) {
            in.addParameter("packageId", new StringType(packageId));
            if (!trialDays.isBlank()) {
                try {
                    in.addParameter("trialDays", new IntegerType(Integer.parseInt(trialDays.strip())));
                } catch (NumberFormatException e) {
                    throw new ConsoleRefusal(400, "Trial days is a whole number of days.");
                }
            }
        }
        Parameters out = fhir.operation("$create-tenant", in);
        boolean created = "true".equals(Views.value(out, "created", zone));
        redirect.addFlashAttribute("notice", (created ? "Created " : "Already there: ") + name.strip() + " at /fhir/"
                + Views.value(out, "tenant", zone) + "/.");
        return "redirect:/platform/";
    }

    @PostMapping("/platform/clinics/{tenant}/suspend")
    public String suspend(@PathVariable String tenant, @RequestParam String reason, ConsoleSession fhir,
            RedirectAttributes redirect) {
        return move("$suspend", tenant, reason, "Suspended", fhir, redirect);
    }

    @PostMapping("/platform/clinics/{tenant}/reactivate")
    public String reactivate(@PathVariable String tenant, @RequestParam String reason, ConsoleSession fhir,
            RedirectAttributes redirect) {
        return move("$reactivate", tenant, reason, "Reactivated", fhir, redirect);
    }

    private String move(String operation, String tenant, String reason, String done, ConsoleSession fhir,
            RedirectAttributes redirect) {
        if (reason.isBlank()) {
            throw new ConsoleRefusal(400, "Say why: the clinic is told.");
        }
        Parameters in = new Parameters();
        in.addParameter("tenant", new StringType(tenant));
        in.addParameter("reason", new StringType(reason.strip()));
        fhir.operation(operation, in);
        redirect.addFlashAttribute("notice", done + " " + tenant + ".");
        return "redirect:/platform/";
    }

    @GetMapping("/platform/clinics/{tenant}")
    public String clinic(@PathVariable String tenant, ConsoleSession fhir, Model model) {
        Parameters usage = (Parameters) fhir.read("$usage", "tenant", tenant);
        model.addAttribute("tenant", tenant);
        model.addAttribute("plan", Views.value(usage, "plan", zone));
        model.addAttribute("usage", java.util.List.of(
                usageRow("Patients", usage.getParameter("patients")),
                usageRow("Staff accounts", usage.getParameter("users")),
                usageRow("Storage (GB)", usage.getParameter("storage")),
                usageRow("API calls this month", usage.getParameter("apiCalls"))));
        model.addAttribute("invoices", Views.rows((Parameters) fhir.read("$saas-invoices", "tenant", tenant),
                "invoice", zone));
        return "console/platform/clinic";
    }

    /** One measure against its limit, with how full it is (for the bar), 0 when unlimited. */
    public record UsageRow(String measure, String used, String limit, int percent) {}

    private static UsageRow usageRow(String measure, Parameters.ParametersParameterComponent part) {
        String used = part.getPart().stream().filter(p -> "used".equals(p.getName())).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse("0");
        String limit = part.getPart().stream().filter(p -> "limit".equals(p.getName())).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse("");
        int percent = limit.isEmpty() || new java.math.BigDecimal(limit).signum() == 0 ? 0
                : new java.math.BigDecimal(used).multiply(java.math.BigDecimal.valueOf(100))
                        .divide(new java.math.BigDecimal(limit), 0, java.math.RoundingMode.HALF_UP).min(
                                java.math.BigDecimal.valueOf(100)).intValue();
        return new UsageRow(measure, used, limit.isEmpty() ? "No limit" : limit, percent);
    }
}
