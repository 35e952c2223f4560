package health.cura.fhir.tenancy;

import java.util.Set;

/**
 * Resource types HAPI stores in the default partition whatever partition a request names: they are shared by every
 * tenant, so a clinic may read them but only the platform may write them.
 */
public final class SharedConformanceTypes {

    private static final Set<String> TYPES = Set.of(
            "SearchParameter",
            "StructureDefinition",
            "Questionnaire",
            "CapabilityStatement",
            "CompartmentDefinition",
            "OperationDefinition",
            "Library",
            "ConceptMap",
            "CodeSystem",
            "ValueSet",
            "NamingSystem");

    private SharedConformanceTypes() {}

    public static Set<String> all() {
        return TYPES;
    }

    public static boolean contains(String resourceType) {
        return resourceType != null && TYPES.contains(resourceType);
    }
}
