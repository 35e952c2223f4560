package health.cura.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import health.cura.conformance.ConformancePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The definitions the validator needs beyond base R4, held in memory: the UK Core profiles, extensions, code systems
 * and value sets (packaged into the custom-resources jar from {@code ../shared/fhir/ukcore}), and the Cura package
 * itself. In memory rather than read from the database, so validation never depends on which partition a request
 * names and costs no query.
 */
public final class ConformanceDefinitions {

    private static final String UK_CORE_PATTERN = "classpath*:ukcore/**/*.xml";

    private ConformanceDefinitions() {}

    public static PrePopulatedValidationSupport load(FhirContext fhirContext) {
        PrePopulatedValidationSupport definitions = new PrePopulatedValidationSupport(fhirContext);
        int ukCore = 0;
        IParser parser = fhirContext.newXmlParser();
        for (Resource file : ukCoreFiles()) {
            try (InputStream in = file.getInputStream()) {
                definitions.addResource(parser.parseResource(in));
                ukCore++;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read UK Core definition " + file.getFilename(), e);
            }
        }
        if (ukCore == 0) {
            throw new IllegalStateException("No UK Core definitions on the classpath (" + UK_CORE_PATTERN + "): the "
                    + "custom-resources jar is built from ../shared/fhir/ukcore");
        }
        for (IBaseResource resource : ConformancePackage.resources()) {
            definitions.addResource(resource);
        }
        definitions.lock();
        return definitions;
    }

    private static Resource[] ukCoreFiles() {
        try {
            return new PathMatchingResourcePatternResolver().getResources(UK_CORE_PATTERN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
