package health.cura.fhir.tenancy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a clinic's subdomain may be: a DNS label (RFC 1123) in lower case, at most 50 characters (the column's size), and
 * none of the names the platform uses itself.
 */
public final class SubdomainPolicy {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int MAX_LENGTH = 50;
    private static final Set<String> RESERVED = Set.of(
            "default", "admin", "fhir", "api", "www", "app", "auth", "oauth", "oauth2", "login", "logout", "metadata",
            "static", "assets", "public", "system", "root", "platform", "saas", "smart", "well-known", "mail", "ftp",
            "localhost", "status", "health", "actuator", "partition", "hapi");

    private SubdomainPolicy() {}

    /** Why the subdomain is refused, or empty when it is acceptable. */
    public static Optional<String> problemWith(String subdomain) {
        if (subdomain == null || subdomain.isEmpty()) {
            return Optional.of("subdomain is required");
        }
        if (subdomain.length() > MAX_LENGTH) {
            return Optional.of("subdomain must be at most " + MAX_LENGTH + " characters");
        }
        if (!subdomain.equals(subdomain.toLowerCase(Locale.ROOT))) {
            return Optional.of("subdomain must be lower case");
        }
        if (!DNS_LABEL.matcher(subdomain).matches()) {
            return Optional.of("subdomain must be a DNS label: letters a-z, digits and inner hyphens only");
        }
        if (RESERVED.contains(subdomain)) {
            return Optional.of("subdomain '" + subdomain + "' is reserved");
        }
        return Optional.empty();
    }
}
