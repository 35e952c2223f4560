package health.cura.fhir.limits;

import health.cura.fhir.grant.GrantAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds each clinic to its {@link FairShare} of the database pool while clinics compete, for every FHIR request made
 * with a clinic's token. It runs after the security filters and counts the token's clinic, not the URL's: requests
 * without a valid token cost no pool time beyond the token check, and must not use up a clinic's share in its name. A
 * request over the share gets 429 with {@code Retry-After} and an OperationOutcome, before HAPI does any work for it.
 */
public class FairShareFilter extends OncePerRequestFilter {

    private final FairShare share;
    private final Duration retryAfter;

    public FairShareFilter(FairShare share, RequestLimitsProperties limits) {
        this.share = share;
        this.retryAfter = limits.retryAfter();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String clinic = SecurityContextHolder.getContext().getAuthentication() instanceof GrantAuthentication token
                ? token.grant().tenant().orElse(null)
                : null;
        if (clinic == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!share.admit(clinic)) {
            Throttled.answer(response, retryAfter, "This clinic already has its share of the server's database "
                    + "connections in use while other clinics wait for theirs.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            share.release(clinic);
        }
    }
}
