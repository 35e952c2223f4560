package health.cura.fhir.admin.clinic;

import health.cura.fhir.admin.ConsolePaths;
import health.cura.fhir.admin.ConsoleUser;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page of the clinic console shows in its frame: the clinic and who is signed in. */
@ControllerAdvice(basePackageClasses = ClinicFrame.class)
public class ClinicFrame {

    private final TenantDirectory tenants;

    public ClinicFrame(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @ModelAttribute
    public void frame(HttpServletRequest request, Model model) {
        ConsolePaths.clinicOf(request).ifPresent(clinic -> {
            model.addAttribute("clinic", clinic);
            model.addAttribute("clinicName", tenants.findBySubdomain(clinic).map(Tenant::name).orElse(clinic));
        });
        ConsoleUser.of(SecurityContextHolder.getContext().getAuthentication())
                .ifPresent(user -> model.addAttribute("username", user.username()));
    }
}
