package health.cura.mappings.patient;

/**
 * {@code patients.address} (jsonb): {@code {"line1", "line2", "city", "county", "postcode", "country"}}, each
 * optional. The FHIR Address has the same parts: line[0], line[1], city, district, postalCode, country.
 */
public record PostalAddress(String line1, String line2, String city, String county, String postcode, String country) {

    public static final PostalAddress NONE = new PostalAddress(null, null, null, null, null, null);

    public boolean isEmpty() {
        return NONE.equals(this);
    }
}
