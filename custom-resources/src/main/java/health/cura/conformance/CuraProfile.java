package health.cura.conformance;

import java.util.List;

/**
 * A Cura profile of one mapped resource type: what the server validates every write of that type against.
 *
 * @param type the FHIR resource type it constrains
 * @param baseDefinition the UK Core profile it builds on, or the base R4 definition where UK Core has none
 * @param invariants the rules Cura adds to the base's
 * @param kind for a profile of Basic, the {@code Basic.code} (of {@code CuraEnums.BASIC_KIND}) it applies to; null for
 *     the profile of a resource type
 */
public record CuraProfile(
        String id, String type, String baseDefinition, String title, String description,
        List<CuraInvariant> invariants, String kind) {

    public String url() {
        return CuraCanonical.profile(id);
    }

    /** The UK Core profile this one builds on, where UK Core has one for the type. */
    public java.util.Optional<String> ukCoreProfile() {
        return baseDefinition.equals(UkCore.profile(type))
                ? java.util.Optional.of(baseDefinition) : java.util.Optional.empty();
    }
}
