package health.cura.fhir.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What {@code $create-tenant} asks for: the columns of the clinic's {@code organizations} row. */
public record NewTenant(String name, String subdomain, String email, String region, String brandName) {

    /** The regions the schema documents for {@code organizations.region}. */
    public static final Set<String> REGIONS = Set.of("UK", "EU", "ME", "SA", "US");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public NewTenant {
        region = region == null || region.isBlank() ? "UK" : region;
        brandName = brandName == null || brandName.isBlank() ? name : brandName;
    }

    /** Every problem with the request, so that a client can fix them all at once. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is required");
        }
        SubdomainPolicy.problemWith(subdomain).ifPresent(problems::add);
        if (email == null || !EMAIL.matcher(email).matches()) {
            problems.add("email must be an e-mail address");
        }
        if (!REGIONS.contains(region)) {
            problems.add("region must be one of " + String.join(", ", REGIONS.stream().sorted().toList()));
        }
        return problems;
    }
}
