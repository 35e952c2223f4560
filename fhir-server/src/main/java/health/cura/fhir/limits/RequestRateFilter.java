package health.cura.fhir.limits;

import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.GrantAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds each client, and each clinic over all its clients, to a request rate, for every FHIR request made with a
 * token. Like the fair share it runs after the security filters and counts the token's client and clinic, so that
 * requests without a valid token never use up someone else's allowance. Over a rate: 429 with {@code Retry-After}.
 */
public class RequestRateFilter extends OncePerRequestFilter {

    private final RequestRates rates;
    private final ClientRequestRates clientRates;
    private final RequestLimitsProperties limits;

    public RequestRateFilter(RequestRates rates, ClientRequestRates clientRates, RequestLimitsProperties limits) {
        this.rates = rates;
        this.clientRates = clientRates;
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof GrantAuthentication token)) {
            chain.doFilter(request, response);
            return;
        }
        AccessGrant grant = token.grant();
        Optional<String> clinic = grant.tenant();
        Optional<Duration> clinicWait = clinic.flatMap(c -> rates.take("clinic:" + c, limits.clinicRequestsPerSecond()));
        if (clinicWait.isPresent()) {
            Throttled.answer(response, clinicWait.get(), "This clinic's clients together have made more than "
                    + rate(limits.clinicRequestsPerSecond()) + " requests a second (cura.limits."
                    + "clinic-requests-per-second).");
            return;
        }
        double clientRate = clientRates.of(grant.clientId()).orElse(limits.clientRequestsPerSecond());
        Optional<Duration> clientWait = rates.take("client:" + grant.clientId(), clientRate);
        if (clientWait.isPresent()) {
            Throttled.answer(response, clientWait.get(), "This client has made more than " + rate(clientRate)
                    + " requests a second, its allowance (requestsPerSecond of $register-client, else cura.limits."
                    + "client-requests-per-second).");
            return;
        }
        chain.doFilter(request, response);
    }

    private static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? Long.toString((long) perSecond) : Double.toString(perSecond);
    }
}
