package health.cura.fhir.admin.platform;

import health.cura.fhir.admin.ConsoleUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page of the platform console shows in its frame: who is signed in. */
@ControllerAdvice(basePackageClasses = PlatformFrame.class)
public class PlatformFrame {

    @ModelAttribute
    public void frame(Model model) {
        ConsoleUser.of(SecurityContextHolder.getContext().getAuthentication())
                .ifPresent(user -> model.addAttribute("username", user.username()));
    }
}
