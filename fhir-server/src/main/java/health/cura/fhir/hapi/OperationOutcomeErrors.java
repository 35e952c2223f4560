package health.cura.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * What the FHIR endpoint answers when the security filter refuses a request: the status and {@code WWW-Authenticate}
 * header OAuth 2 prescribes (RFC 6750), with an OperationOutcome body as FHIR clients expect.
 */
public final class OperationOutcomeErrors {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private OperationOutcomeErrors() {}

    public static AuthenticationEntryPoint unauthenticated() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, exception) -> {
            bearer.commence(request, response, exception);
            write(response, OperationOutcome.IssueType.LOGIN, request.getHeader("Authorization") == null
                    ? "This request needs an access token (Authorization: Bearer ...)"
                    : "The access token is invalid, expired or revoked");
        };
    }

    public static AccessDeniedHandler denied() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, exception) -> {
            bearer.handle(request, response, exception);
            write(response, OperationOutcome.IssueType.FORBIDDEN, "The access token does not permit this request");
        };
    }

    static void write(HttpServletResponse response, OperationOutcome.IssueType type, String diagnostics)
            throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        write(response, outcome);
    }

    /** The body of an error answered outside HAPI (by a servlet filter), as FHIR JSON; the status is the caller's. */
    public static void write(HttpServletResponse response, OperationOutcome outcome) throws IOException {
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(FHIR.newJsonParser().encodeResourceToString(outcome));
    }
}
