package health.cura.fhir.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.RestfulServer;
import health.cura.fhir.grant.GrantAuthentication;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * The console's way to the clinic's data: every page's reads and writes are FHIR requests, handled by the same HAPI
 * servlet as the API's (in this process, without a network hop), with the signed-in person's grant. So the pages get
 * exactly what the API would give that person: the same tenant binding, scopes, role permissions, plan limits,
 * validation, projection into the Cura tables and audit trail.
 */
public final class ConsoleFhir {

    private final RestfulServer server;
    private final FhirContext fhir;
    private final ConsoleGrants grants;

    public ConsoleFhir(RestfulServer server, FhirContext fhir, ConsoleGrants grants) {
        this.server = server;
        this.fhir = fhir;
        this.grants = grants;
    }

    /**
     * One FHIR request as the signed-in person. {@code path} is relative to their tenant's base ({@code Patient},
     * {@code Patient/1/$everything}, {@code $usage}).
     *
     * @throws ConsoleRefusal when the server refuses it, with what to tell them
     */
    Resource call(HttpServletRequest browser, HttpServletResponse browserResponse, ConsoleUser user, String method,
            String path, Map<String, List<String>> query, IBaseResource body) {
        GrantAuthentication grant = grants.of(user).orElseThrow(() -> new ConsoleRefusal(
                HttpServletResponse.SC_FORBIDDEN, "Your account is no longer active. Ask your clinic's administrator."));
        IParser json = fhir.newJsonParser();
        byte[] content = body == null ? null : json.encodeResourceToString(body).getBytes(StandardCharsets.UTF_8);
        InProcessRequest request = new InProcessRequest(browser, method, "/" + user.tenant() + "/" + path, query,
                content, body == null ? null : "application/fhir+json; charset=UTF-8", grant);
        CapturedResponse response = new CapturedResponse(browserResponse);
        try {
            server.service(request, response);
        } catch (ServletException | IOException e) {
            throw new ConsoleRefusal(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The server could not answer just now. Please try again in a moment.");
        }
        byte[] answer = response.body();
        Resource parsed = answer.length == 0 ? null
                : (Resource) json.parseResource(new String(answer, StandardCharsets.UTF_8));
        if (response.status() >= 400) {
            throw new ConsoleRefusal(response.status(), ConsoleWords.refusal(response.status(),
                    parsed instanceof OperationOutcome outcome ? outcome : null, !"GET".equals(method)));
        }
        return parsed;
    }
}
