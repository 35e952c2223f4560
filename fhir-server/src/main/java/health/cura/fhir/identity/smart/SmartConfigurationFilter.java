package health.cura.fhir.identity.smart;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.fhir.tenancy.TenantPartitionInterceptor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves {@code /fhir/{tenant}/.well-known/smart-configuration} in front of HAPI's servlet, which owns every other
 * path under {@code /fhir}.
 */
public final class SmartConfigurationFilter extends OncePerRequestFilter {

    private static final Pattern PATH = Pattern.compile("^/fhir/([^/]+)/\\.well-known/smart-configuration$");

    private final SmartConfiguration configuration;
    private final TenantDirectory tenants;
    private final ObjectMapper json = new ObjectMapper();

    public SmartConfigurationFilter(SmartConfiguration configuration, TenantDirectory tenants) {
        this.configuration = configuration;
        this.tenants = tenants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = PATH.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (!path.matches()) {
            chain.doFilter(request, response);
            return;
        }
        String tenant = path.group(1);
        if (!TenantPartitionInterceptor.DEFAULT_TENANT.equals(tenant) && tenants.findBySubdomain(tenant).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("application/json");
            response.getWriter().write("{\"error\":\"unknown tenant\"}");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            response.setHeader("Allow", "GET, HEAD");
            return;
        }
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "public, max-age=300");
        // Its URLs follow the request's host unless an issuer is configured: a shared cache must key on it, or one
        // request with a forged Host would hand every later client another server's token endpoint.
        response.addHeader("Vary", "Host");
        json.writeValue(response.getOutputStream(), configuration.describe(request));
    }
}
