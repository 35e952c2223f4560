package health.cura.conformance;

/** A search parameter the package adds: over one of its extensions, or over an element R4 gives no search. */
public record CuraSearchParameter(String code, String base, String type, String expression, String description) {

    public String id() {
        return base.toLowerCase() + "-" + code;
    }

    public String url() {
        return CuraCanonical.BASE + "/SearchParameter/" + id();
    }
}
