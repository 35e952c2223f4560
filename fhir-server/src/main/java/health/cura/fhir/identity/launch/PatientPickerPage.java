package health.cura.fhir.identity.launch;

import health.cura.fhir.identity.oauth.ClientSettingNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The patient picker of a standalone SMART launch ({@code launch/patient}): the signed-in user chooses the patient
 * the app will work on. Choosing opens a launch context for that app, user and patient, and resumes the
 * authorization request with its {@code launch}.
 */
@Controller
public class PatientPickerPage {

    public static final String PATH = "/launch/patient";

    private final RegisteredClientRepository clients;
    private final PickablePatients patients;
    private final LaunchContexts launches;
    private final AuthorizationServerSettings settings;

    public PatientPickerPage(RegisteredClientRepository clients, PickablePatients patients, LaunchContexts launches,
            AuthorizationServerSettings settings) {
        this.clients = clients;
        this.patients = patients;
        this.launches = launches;
        this.settings = settings;
    }

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public String choose(@RequestParam(name = "request", defaultValue = "") String authorizationRequest,
            @RequestParam(name = "q", required = false) String query, Principal user, HttpServletRequest request,
            HttpServletResponse response) {
        Optional<RegisteredClient> app = appOfUsersClinic(authorizationRequest, user);
        StringBuilder html = new StringBuilder(PAGE_START);
        if (app.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return html.append("<h1>Choose a patient</h1><p class=\"error\">This app is not one of your clinic's apps."
                    + "</p></body></html>").toString();
        }
        String tenant = tenantOf(app.get());
        html.append("<h1>Choose the patient for ").append(escape(app.get().getClientName())).append("</h1>")
                .append("<form method=\"get\" action=\"").append(request.getContextPath()).append(PATH)
                .append("\" role=\"search\">").append(hidden("request", authorizationRequest))
                .append("<label for=\"q\">Name, NHS number or patient number</label>")
                .append("<input id=\"q\" name=\"q\" value=\"").append(escape(query == null ? "" : query))
                .append("\"><button type=\"submit\">Search</button></form>");
        List<PickablePatients.Choice> found = patients.find(tenant, query);
        if (found.isEmpty()) {
            return html.append("<p>No patient matches.</p></body></html>").toString();
        }
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        html.append("<table><thead><tr><th>Name</th><th>Born</th><th>NHS number</th><th>Patient number</th><th></th>"
                + "</tr></thead><tbody>");
        for (PickablePatients.Choice choice : found) {
            html.append("<tr><td>").append(escape(choice.name())).append("</td><td>")
                    .append(choice.birthDate().map(Object::toString).orElse("")).append("</td><td>")
                    .append(escape(choice.nhsNumber().orElse(""))).append("</td><td>")
                    .append(escape(choice.patientNumber())).append("</td><td>")
                    .append("<form method=\"post\" action=\"").append(request.getContextPath()).append(PATH).append("\">")
                    .append(hidden("request", authorizationRequest)).append(hidden("patient", choice.resourceId()));
            if (csrf != null) {
                html.append(hidden(csrf.getParameterName(), csrf.getToken()));
            }
            html.append("<button type=\"submit\" aria-label=\"Choose ").append(escape(choice.name()))
                    .append("\">Choose</button></form></td></tr>");
        }
        return html.append("</tbody></table></body></html>").toString();
    }

    @PostMapping(PATH)
    public void chosen(@RequestParam("request") String authorizationRequest, @RequestParam("patient") String patient,
            Principal user, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RegisteredClient> app = appOfUsersClinic(authorizationRequest, user);
        if (app.isEmpty() || !patients.exists(tenantOf(app.get()), patient)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        LaunchContext launch = launches.open(tenantOf(app.get()), Optional.of(app.get().getClientId()),
                Optional.of(user.getName()), patient);
        response.sendRedirect(request.getContextPath() + settings.getAuthorizationEndpoint() + "?"
                + authorizationRequest + "&" + LaunchScopes.PARAMETER + "="
                + URLEncoder.encode(launch.launchId(), StandardCharsets.UTF_8));
    }

    /** The app the authorization request is for, when the signed-in user belongs to its clinic. */
    private Optional<RegisteredClient> appOfUsersClinic(String authorizationRequest, Principal user) {
        String clientId = UriComponentsBuilder.fromUriString("?" + authorizationRequest).build()
                .getQueryParams().getFirst("client_id");
        if (clientId == null || user == null) {
            return Optional.empty();
        }
        RegisteredClient client = clients.findByClientId(java.net.URLDecoder.decode(clientId, StandardCharsets.UTF_8));
        return Optional.ofNullable(client)
                .filter(found -> tenantOf(found) != null && user.getName().startsWith(tenantOf(found) + "/"));
    }

    private static String tenantOf(RegisteredClient client) {
        return client.getClientSettings().getSetting(ClientSettingNames.TENANT);
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + escape(name) + "\" value=\"" + escape(value) + "\">";
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }

    private static final String PAGE_START = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>Choose a patient - Cura</title>
            <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem}
            label{display:block;margin:.75rem 0 .25rem}input{padding:.5rem}button{padding:.4rem 1rem;margin-left:.5rem}
            table{border-collapse:collapse;margin-top:1.5rem;width:100%}th,td{text-align:left;padding:.4rem;
            border-bottom:1px solid #ddd}.error{color:#a00}</style></head><body>
            """;
}
