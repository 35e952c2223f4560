package health.cura.fhir.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;

/**
 * The signed-in person's FHIR requests for one page: what a controller method receives to read and write with.
 */
public final class ConsoleSession {

    private final ConsoleFhir fhir;
    private final HttpServletRequest browser;
    private final HttpServletResponse browserResponse;
    private final ConsoleUser user;

    ConsoleSession(ConsoleFhir fhir, HttpServletRequest browser, HttpServletResponse browserResponse, ConsoleUser user) {
        this.fhir = fhir;
        this.browser = browser;
        this.browserResponse = browserResponse;
        this.user = user;
    }

    public ConsoleUser user() {
        return user;
    }

    /** A search; {@code query} alternates names and values. */
    public Bundle search(String type, String... query) {
        return (Bundle) fhir.call(browser, browserResponse, user, "GET", type, query(query), null);
    }

    public <T extends Resource> T read(Class<T> type, String id) {
        return type.cast(fhir.call(browser, browserResponse, user, "GET", type.getSimpleName() + "/" + id, Map.of(),
                null));
    }

    public Resource create(Resource resource) {
        return fhir.call(browser, browserResponse, user, "POST", resource.fhirType(), Map.of(), resource);
    }

    public Resource update(Resource resource) {
        return fhir.call(browser, browserResponse, user, "PUT",
                resource.fhirType() + "/" + resource.getIdElement().getIdPart(), Map.of(), resource);
    }

    /** An operation that changes something: {@code path} such as {@code $register-client}. */
    public Parameters operation(String path, Parameters in) {
        return (Parameters) fhir.call(browser, browserResponse, user, "POST", path, Map.of(), in);
    }

    /** An operation that only reads, as a GET; {@code query} alternates names and values. */
    public Resource read(String path, String... query) {
        return fhir.call(browser, browserResponse, user, "GET", path, query(query), null);
    }

    private static Map<String, List<String>> query(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("A query is names and values in pairs");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.computeIfAbsent(namesAndValues[i], name -> new ArrayList<>()).add(namesAndValues[i + 1]);
            }
        }
        return query;
    }
}
