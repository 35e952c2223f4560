package health.cura.fhir.identity.launch;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends a signed-in user whose app asked for {@code launch/patient} without a launch to the patient picker, before
 * the authorization endpoint sees the request. The picker comes back with the request and the {@code launch} it
 * opened. Users not yet signed in go to the sign-in page first, as for any authorization request.
 */
public final class PatientPickerRedirect extends OncePerRequestFilter {

    private final String authorizationEndpoint;

    public PatientPickerRedirect(String authorizationEndpoint) {
        this.authorizationEndpoint = authorizationEndpoint;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + authorizationEndpoint);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String scope = request.getParameter("scope");
        String launch = request.getParameter(LaunchScopes.PARAMETER);
        boolean wantsPicker = scope != null
                && Arrays.asList(scope.trim().split("\\s+")).contains(LaunchScopes.PATIENT)
                && (launch == null || launch.isBlank());
        if (wantsPicker && signedIn()) {
            response.sendRedirect(request.getContextPath() + PatientPickerPage.PATH + "?request="
                    + URLEncoder.encode(request.getQueryString(), StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean signedIn() {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        return user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken);
    }
}
