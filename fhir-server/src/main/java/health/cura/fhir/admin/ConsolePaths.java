package health.cura.fhir.admin;

import health.cura.fhir.identity.staff.StaffAccount;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Where the consoles live, and which clinic a console address names. */
public final class ConsolePaths {

    public static final String CLINIC_CONSOLE = "/admin";
    public static final String PLATFORM_CONSOLE = "/platform";

    private ConsolePaths() {}

    /** The clinic of {@code /admin/{clinic}/...}: empty for {@code /admin} itself. */
    public static Optional<String> clinicOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(CLINIC_CONSOLE + "/")) {
            return Optional.empty();
        }
        String rest = path.substring(CLINIC_CONSOLE.length() + 1);
        int slash = rest.indexOf('/');
        String clinic = slash < 0 ? rest : rest.substring(0, slash);
        return clinic.isEmpty() ? Optional.empty() : Optional.of(clinic);
    }

    /** The sign-in page of the console an address belongs to. */
    public static String signInOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(PLATFORM_CONSOLE)) {
            return request.getContextPath() + PLATFORM_CONSOLE + "/login";
        }
        return request.getContextPath() + clinicOf(request)
                .map(clinic -> CLINIC_CONSOLE + "/" + clinic + "/login")
                .orElse(CLINIC_CONSOLE + "/");
    }

    /** The tenant a sign-in form signs in to: the clinic of its address, or the platform. */
    public static String tenantOfSignIn(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(PLATFORM_CONSOLE) ? StaffAccount.PLATFORM : clinicOf(request).orElse(null);
    }

    /** Where a person lands after signing in. */
    public static String homeOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(PLATFORM_CONSOLE)) {
            return request.getContextPath() + PLATFORM_CONSOLE + "/";
        }
        return request.getContextPath() + CLINIC_CONSOLE + "/" + clinicOf(request).orElse("") + "/";
    }
}
