package health.cura.fhir.mapping;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.mappings.ResolvedLinks;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * The first step of a projection (resolve → map → write): every reference in the resources a mapper will read, to a
 * mapped type of this clinic, resolved to its row id. A target with no row yet (it comes later in the same
 * transaction bundle, whose hooks run in entry order) is projected first, so that the order of a bundle's entries
 * does not matter; its own hook later finds the row and updates it. A PractitionerRole resolves to the staff row of
 * the practitioner it names (a staff member may have several roles; only the first is linked to the row).
 */
final class ReferenceResolver {

    private static final String ROLE = "PractitionerRole";

    private final FhirTerser terser;
    private final ResourceLinks links;
    private final Set<String> mappedTypes;
    /** Projects the resource {@code (type, id)} of this clinic, if it exists. */
    private final BiConsumer<String, String> projectNow;
    /** The id of the Practitioner a PractitionerRole of this clinic names, if it names one. */
    private final Function<String, Optional<String>> practitionerOfRole;
    private final Set<String> resolving = new HashSet<>();
    /** Rows found by this resolver: a row, once linked, stays for the rest of the write. */
    private final Map<String, Integer> found = new HashMap<>();

    /** @param mappedTypes the types whose rows mappers look up: those with a projection */
    ReferenceResolver(FhirContext fhir, ResourceLinks links, Set<String> mappedTypes,
            BiConsumer<String, String> projectNow, Function<String, Optional<String>> practitionerOfRole) {
        this.terser = fhir.newTerser();
        this.links = links;
        this.mappedTypes = Set.copyOf(mappedTypes);
        this.projectNow = projectNow;
        this.practitionerOfRole = practitionerOfRole;
    }

    ResolvedLinks resolve(int organizationId, IBaseResource... resources) {
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        for (IBaseResource resource : resources) {
            if (resource == null) {
                continue;
            }
            for (ResourceReferenceInfo info : terser.getAllResourceReferences(resource)) {
                IIdType target = info.getResourceReference().getReferenceElement();
                if (target == null || target.isAbsolute() || !target.hasResourceType() || !target.hasIdPart()
                        || !(mappedTypes.contains(target.getResourceType()) || ROLE.equals(target.getResourceType()))) {
                    continue;
                }
                rowOf(organizationId, target.getResourceType(), target.getIdPart())
                        .ifPresent(row -> resolved.link(target.getResourceType(), target.getIdPart(), row));
            }
        }
        return resolved.build();
    }

    private OptionalInt rowOf(int organizationId, String type, String id) {
        String key = type + "/" + id;
        Integer known = found.get(key);
        if (known != null) {
            return OptionalInt.of(known);
        }
        if (ROLE.equals(type)) {
            OptionalInt row = practitionerOfRole.apply(id)
                    .map(practitioner -> rowOf(organizationId, "Practitioner", practitioner))
                    .orElse(OptionalInt.empty());
            row.ifPresent(value -> found.put(key, value));
            return row;
        }
        OptionalInt row = links.rowId(organizationId, type, id);
        if (row.isEmpty() && resolving.add(key)) {
            try {
                projectNow.accept(type, id);
            } finally {
                resolving.remove(key);
            }
            row = links.rowId(organizationId, type, id);
        }
        row.ifPresent(value -> found.put(key, value));
        return row;
    }
}
