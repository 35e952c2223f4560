package health.cura.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import health.cura.fhir.operations.DeclaredOperation;
import health.cura.fhir.operations.HapiOperations;
import health.cura.fhir.operations.OperationCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.springframework.stereotype.Component;

/**
 * The OperationDefinition of every operation in the {@link OperationCatalog}, for the shared partition: ours as their
 * files write them, FHIR's standard ones (validation, terminology, {@code $everything}) as the R4 specification that
 * HAPI ships has them.
 */
@Component
public class StoredOperationDefinitions {

    /** The R4 specification's resource definitions, with its OperationDefinitions; 19 MB, read only when needed. */
    private static final String SPECIFICATION = "/org/hl7/fhir/r4/model/profile/profiles-resources.xml";

    private final OperationCatalog catalog;
    private final FhirContext fhir;

    public StoredOperationDefinitions(OperationCatalog catalog, FhirContext fhir) {
        this.catalog = catalog;
        this.fhir = fhir;
    }

    /** Our definitions, each a copy: the loader may change it. */
    public List<MetadataResource> ours() {
        List<MetadataResource> definitions = new ArrayList<>();
        catalog.ours().forEach(operation -> definitions.add(operation.definition().copy()));
        HapiOperations.all().stream()
                .filter(operation -> !operation.standard())
                .forEach(operation -> definitions.add(operation.definition().copy()));
        return definitions;
    }

    /** The standard definitions the catalog names. */
    public Set<String> standardUrls() {
        return HapiOperations.all().stream()
                .filter(HapiOperations.HapiOperation::standard)
                .map(DeclaredOperation::definitionUrl)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * Stores each standard definition that is not stored yet, reading the specification only if one is missing.
     *
     * @return how many were stored
     */
    public int storeMissingStandard(Predicate<String> stored, Consumer<MetadataResource> store) {
        List<String> missing = standardUrls().stream().filter(url -> !stored.test(url)).toList();
        if (missing.isEmpty()) {
            return 0;
        }
        Map<String, OperationDefinition> specification = specification();
        for (String url : missing) {
            OperationDefinition definition = specification.get(url);
            if (definition == null) {
                throw new IllegalStateException("The R4 specification has no OperationDefinition " + url);
            }
            definition.setId((String) null);
            definition.setText(null);
            store.accept(definition);
        }
        return missing.size();
    }

    Map<String, OperationDefinition> specification() {
        try (InputStream in = StoredOperationDefinitions.class.getResourceAsStream(SPECIFICATION)) {
            if (in == null) {
                throw new IllegalStateException(SPECIFICATION + " is not on the class path");
            }
            Bundle bundle = fhir.newXmlParser().parseResource(Bundle.class,
                    new InputStreamReader(in, StandardCharsets.UTF_8));
            return bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(OperationDefinition.class::isInstance)
                    .map(OperationDefinition.class::cast)
                    .collect(Collectors.toMap(OperationDefinition::getUrl, d -> d, (a, b) -> a));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + SPECIFICATION, e);
        }
    }
}
