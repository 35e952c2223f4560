package health.cura.fhir.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much of the server one request, and one clinic, may take: the database and its pool are shared by every clinic.
 *
 * @param maxValuesPerParameter the most values one search parameter may have, counting its repeats (AND) and its
 *                              comma-separated values (OR) together; more is refused with 400
 * @param maxParameters         the most search parameters one search may have in all (each repeat counts); more is
 *                              refused with 400
 * @param statementTimeout      the longest one SQL statement of a request may run (PostgreSQL's
 *                              {@code statement_timeout} on the server's pool); a statement that runs longer is
 *                              cancelled and the request answered 503. Migrations at startup are not bounded.
 * @param fairShare             whether clinics competing for the database pool each get a share of it: a clinic alone
 *                              may use it all; with several clinics busy at once, a clinic already running its share
 *                              of requests gets 429 for more until it is below its share
 * @param retryAfter            the {@code Retry-After} of that 429
 * @param maxBundleEntries      the most entries one transaction or batch bundle may have; more is refused with 413.
 *                              The default admits the largest Synthea patient bundles (tens of thousands of entries)
 * @param maxBodyBytes          the largest request body of a FHIR write (bytes); larger is refused with 413. The
 *                              default admits the largest Binary the server stores (cura.binary-storage.maximum-bytes)
 *                              as base64 in JSON
 * @param clientRequestsPerSecond   the request rate one client (a backend service, an app over all its users) may
 *                                  keep up, unless it was registered with a rate of its own ({@code requestsPerSecond}
 *                                  of {@code $register-client}); faster is answered 429. 0: no limit
 * @param clinicRequestsPerSecond   the request rate one clinic's clients together may keep up; faster is answered
 *                                  429. 0: no limit
 * @param burst                     how far above its rate a client or clinic may go for a moment after a quiet spell:
 *                                  this long's worth of requests at once. Rates are counted on each node
 */
@ConfigurationProperties("cura.limits")
public record RequestLimitsProperties(
        @DefaultValue("20") int maxValuesPerParameter,
        @DefaultValue("100") int maxParameters,
        @DefaultValue("5s") Duration statementTimeout,
        @DefaultValue("true") boolean fairShare,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("50000") int maxBundleEntries,
        @DefaultValue("150000000") long maxBodyBytes,
        @DefaultValue("200") double clientRequestsPerSecond,
        @DefaultValue("500") double clinicRequestsPerSecond,
        @DefaultValue("2s") Duration burst) {}
