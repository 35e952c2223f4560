package health.cura.fhir.admin;

import health.cura.fhir.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The consoles' sign-in pages and the page that asks which clinic. */
@Controller
public class SignInPages {

    private final TenantDirectory tenants;

    public SignInPages(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @GetMapping({"/admin", "/admin/"})
    public String chooseClinic(@RequestParam Optional<String> clinic) {
        return clinic.filter(name -> name.matches("[a-z0-9-]{1,50}"))
                .map(name -> "redirect:/admin/" + name + "/")
                .orElse("console/choose-clinic");
    }

    @GetMapping("/admin/{clinic}/login")
    public String clinicSignIn(@PathVariable String clinic, Model model, HttpServletResponse response) {
        return tenants.findBySubdomain(clinic).map(tenant -> {
            model.addAttribute("place", tenant.name());
            model.addAttribute("action", "/admin/" + tenant.subdomain() + "/login");
            return "console/sign-in";
        }).orElseGet(() -> {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("heading", "No clinic has this address");
            model.addAttribute("problem", "Check the address your clinic gave you.");
            model.addAttribute("back", "/admin/");
            return "console/problem";
        });
    }

    @GetMapping("/platform/login")
    public String platformSignIn(Model model) {
        model.addAttribute("place", "the Cura platform");
        model.addAttribute("action", "/platform/login");
        return "console/sign-in";
    }
}
