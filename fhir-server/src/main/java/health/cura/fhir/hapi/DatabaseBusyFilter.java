package health.cura.fhir.hapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The 503 that {@link SafeErrorInterceptor} gives inside HAPI, for what runs before HAPI: the security filters look a
 * token's revocation up in the database, and with every connection lent out (64 clients posting Synthea bundles in the
 * benchmark) that lookup's pool timeout reached the client as a 500 with Spring's own error body. First of all filters,
 * so that it wraps the security chain too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseBusyFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBusyFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException | IOException e) {
            boolean busy = SafeErrorInterceptor.causedBy(e, SQLTransientConnectionException.class);
            boolean tooCostly = SafeErrorInterceptor.statementTimedOut(e);
            if (!(busy || tooCostly) || response.isCommitted()) {
                throw e;
            }
            log.warn("{}: {} {} answered 503", busy ? "Busy: no database connection within the pool's timeout"
                    : "Too costly: a statement ran past the statement timeout", request.getMethod(),
                    request.getRequestURI());
            response.reset();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", SafeErrorInterceptor.RETRY_AFTER_SECONDS);
            OperationOutcomeErrors.write(response, busy ? SafeErrorInterceptor.busyOutcome()
                    : SafeErrorInterceptor.tooCostlyOutcome());
        }
    }
}
