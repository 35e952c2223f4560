package health.cura.fhir.identity.staff;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring's masked CSRF tokens, with a posted token that cannot be unmasked (its bytes are not UTF-8) treated as a
 * wrong token: the form is refused as forged (403) instead of failing with a 500 error page.
 */
public final class TolerantCsrfTokens implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        masked.handle(request, response, csrfToken);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        try {
            return masked.resolveCsrfTokenValue(request, csrfToken);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
