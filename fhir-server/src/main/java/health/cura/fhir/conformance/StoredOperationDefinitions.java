package health.cura.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import health.cura.fhir.operations.DeclaredOperation;
import health.cura.fhir.operations.HapiOperations;
import health.cura.fhir.operations.OperationCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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

    /** The R4 specification's resource definitions, with its OperationDefinitions; 19 MB of XML, read only when one is missing. */
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
        String specification = specification();
        for (String url : missing) {
            OperationDefinition definition = fhir.newXmlParser().parseResource(OperationDefinition.class,
                    entry(specification, url));
            definition.setId((String) null);
            definition.setText(null);
            store.accept(definition);
        }
        return missing.size();
    }

    /**
     * The OperationDefinition of the specification's entry {@code url}: cut out of the text rather than parsing the
     * whole bundle, which took HAPI's parser about as long as the rest of a first start.
     */
    static String entry(String specification, String url) {
        int entry = specification.indexOf("<fullUrl value=\"" + url + "\"");
        int start = entry < 0 ? -1 : specification.indexOf("<OperationDefinition", entry);
        int end = start < 0 ? -1 : specification.indexOf("</OperationDefinition>", start);
        if (end < 0) {
            throw new IllegalStateException("The R4 specification has no OperationDefinition " + url);
        }
        return specification.substring(start, end + "</OperationDefinition>".length());
    }

    static String specification() {
        try (InputStream in = StoredOperationDefinitions.class.getResourceAsStream(SPECIFICATION)) {
            if (in == null) {
                throw new IllegalStateException(SPECIFICATION + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + SPECIFICATION, e);
        }
    }
}
