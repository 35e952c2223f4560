package health.cura.fhir.identity.staff;

import health.cura.fhir.identity.oauth.ClientSettingNames;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The staff sign-in page. It signs in to one clinic: the clinic of the app that sent the user here (the client of the
 * saved authorization request), or the one named by {@code ?tenant=}.
 */
@Controller
public class LoginPage {

    private final RegisteredClientRepository clients;
    private final TenantDirectory tenants;
    private final HttpSessionRequestCache savedRequests = new HttpSessionRequestCache();

    public LoginPage(RegisteredClientRepository clients, TenantDirectory tenants) {
        this.clients = clients;
        this.tenants = tenants;
    }

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    public String page(@RequestParam(name = "tenant", required = false) String tenantParameter,
            @RequestParam(name = "error", required = false) String error,
            HttpServletRequest request, HttpServletResponse response) {
        Optional<Tenant> tenant = Optional.ofNullable(tenantParameter)
                .or(() -> clinicOfSavedRequest(request, response))
                .flatMap(name -> StaffAccount.PLATFORM.equals(name)
                        ? Optional.of(new Tenant(0, StaffAccount.PLATFORM, "the Cura platform"))
                        : tenants.findBySubdomain(name));
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Sign in - Cura</title>
                <style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}
                label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;box-sizing:border-box}
                button{margin-top:1rem;padding:.5rem 1.5rem}.error{color:#a00}</style></head><body>
                """);
        if (tenant.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return html.append("<h1>Sign in</h1><p class=\"error\">Open this page from your clinic's app, or add "
                    + "?tenant= and your clinic's name to the address.</p></body></html>").toString();
        }
        html.append("<h1>Sign in to ").append(HtmlUtils.htmlEscape(tenant.get().name())).append("</h1>");
        if (error != null) {
            html.append("<p class=\"error\" role=\"alert\">Sign-in failed: wrong username or password, or the account"
                    + " is inactive or locked.</p>");
        }
        html.append("<form method=\"post\" action=\"").append(request.getContextPath()).append("/login\">")
                .append("<input type=\"hidden\" name=\"tenant\" value=\"")
                .append(HtmlUtils.htmlEscape(tenant.get().subdomain())).append("\">");
        if (csrf != null) {
            html.append("<input type=\"hidden\" name=\"").append(csrf.getParameterName()).append("\" value=\"")
                    .append(HtmlUtils.htmlEscape(csrf.getToken())).append("\">");
        }
        return html.append("""
                <label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
                <label for="password">Password</label><input id="password" name="password" type="password"
                 autocomplete="current-password" required>
                <button type="submit">Sign in</button></form></body></html>""").toString();
    }

    private Optional<String> clinicOfSavedRequest(HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = savedRequests.getRequest(request, response);
        if (saved == null || saved.getParameterValues("client_id") == null) {
            return Optional.empty();
        }
        RegisteredClient client = clients.findByClientId(saved.getParameterValues("client_id")[0]);
        return client == null
                ? Optional.empty()
                : Optional.ofNullable(client.getClientSettings().<String>getSetting(ClientSettingNames.TENANT));
    }
}
