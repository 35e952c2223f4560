package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsoleProperties;
import health.cura.fhir.admin.ConsoleRefusal;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clinic's SMART apps and backend services: listed ({@code $clients}), registered ({@code $register-client}) and
 * revoked ({@code $revoke-client}) at the clinic's base, which admit a member of staff whose role may view, create or
 * delete settings.
 */
@Controller
public class AppsPage {

    private final ZoneId zone;

    public AppsPage(ConsoleProperties properties) {
        this.zone = properties.timeZone();
    }

    @GetMapping("/admin/{clinic}/apps")
    public String apps(ConsoleSession fhir, Model model) {
        model.addAttribute("clients", Views.rows((Parameters) fhir.read("$clients"), "client", zone));
        return "console/clinic/apps";
    }

    @PostMapping("/admin/{clinic}/apps/{clientId}/revoke")
    public String revoke(@PathVariable String clinic, @PathVariable String clientId,
            @RequestParam(defaultValue = "") String name, ConsoleSession fhir, RedirectAttributes redirect) {
        fhir.operation("$revoke-client", new Parameters().addParameter("client_id", new StringType(clientId)));
        redirect.addFlashAttribute("notice", "Revoked " + (name.isBlank() ? clientId : name.strip())
                + ": its tokens no longer work.");
        return "redirect:/admin/" + clinic + "/apps";
    }

    @PostMapping("/admin/{clinic}/apps")
    public String register(@PathVariable String clinic, @RequestParam String kind, @RequestParam String name,
            @RequestParam String scope, @RequestParam(defaultValue = "") String jwks,
            @RequestParam(defaultValue = "") String redirectUri, ConsoleSession fhir, RedirectAttributes redirect) {
        if (name.isBlank() || scope.isBlank()) {
            throw new ConsoleRefusal(400, "Give the app a name and the scopes it may ask for.");
        }
        Parameters in = new Parameters();
        in.addParameter("name", new StringType(name.strip()));
        in.addParameter("kind", new StringType(kind));
        in.addParameter("scope", new StringType(scope.strip()));
        if (!jwks.isBlank()) {
            in.addParameter("jwks", new StringType(jwks.strip()));
        }
        for (String uri : redirectUri.split("\\s+")) {
            if (!uri.isBlank()) {
                in.addParameter("redirectUri", new UriType(uri));
            }
        }
        Parameters out = fhir.operation("$register-client", in);
        redirect.addFlashAttribute("notice", "Registered " + name.strip() + ". Its client id is "
                + out.getParameter("client_id").getValue().primitiveValue() + ".");
        redirect.addFlashAttribute("clientId", out.getParameter("client_id").getValue().primitiveValue());
        return "redirect:/admin/" + clinic + "/apps";
    }
}
