package health.cura.fhir.subscriptions;

import health.cura.fhir.grant.GrantAuthentication;
import health.cura.fhir.limits.Throttled;
import health.cura.fhir.tenancy.TenantDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every FHIR request made with a clinic's token against the clinic's {@code apiCallsPerMonth}. Once the month's
 * calls are spent, 429 with {@code Retry-After} (until the first of next month, UTC) naming the limit. Every answer to
 * a clinic with a quota says where it stands, in the IETF rate-limit fields: {@code RateLimit-Policy: "month";q=...;
 * w=...} and {@code RateLimit: "month";r=<calls left>;t=<seconds until the month ends>}.
 */
public class ApiQuotaFilter extends OncePerRequestFilter {

    private final ApiCalls calls;
    private final ClinicPlans plans;
    private final TenantDirectory tenants;

    public ApiQuotaFilter(ApiCalls calls, ClinicPlans plans, TenantDirectory tenants) {
        this.calls = calls;
        this.plans = plans;
        this.tenants = tenants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof GrantAuthentication token)
                || token.grant().platform() || token.grant().tenant().isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        var clinic = tenants.findBySubdomain(token.grant().tenant().get());
        if (clinic.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        int id = clinic.get().id();
        ClinicPlans.Plan plan = plans.of(id);
        OptionalLong limit = plan.limit(Measure.API_CALLS);
        ApiCalls.Admission admission = calls.admit(id, limit);
        if (limit.isPresent()) {
            Instant reset = calls.nextMonth();
            long untilReset = Math.max(1, Duration.between(Instant.now(calls.clock()), reset).toSeconds());
            long window = Duration.between(calls.month().atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    reset).toSeconds();
            long left = Math.max(0, limit.getAsLong() - admission.used());
            response.setHeader("RateLimit-Policy", "\"month\";q=" + limit.getAsLong() + ";w=" + window);
            response.setHeader("RateLimit", "\"month\";r=" + left + ";t=" + untilReset);
            if (!admission.admitted()) {
                Throttled.answer(response, Duration.ofSeconds(untilReset), "This clinic's " + plan.describe()
                        + " allows " + limit.getAsLong() + " API calls a month (apiCallsPerMonth), and they are spent "
                        + "for this month.");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
