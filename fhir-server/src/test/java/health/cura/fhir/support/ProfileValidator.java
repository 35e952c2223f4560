package health.cura.fhir.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import health.cura.conformance.ConformancePackage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's instance validator, set up in the test independently of the server: base R4, the UK Core definitions read
 * straight from {@code ../shared/fhir/ukcore}, and the Cura package. What the server emits must pass it.
 */
public final class ProfileValidator {

    private static final Path UK_CORE = Path.of("..", "..", "shared", "fhir", "ukcore");

    private final FhirValidator validator;
    private final ValidationSupportChain chain;

    public ProfileValidator(FhirContext fhirContext) {
        PrePopulatedValidationSupport definitions = new PrePopulatedValidationSupport(fhirContext);
        var parser = fhirContext.newXmlParser();
        for (String folder : new String[] {"structuredefinitions", "codesystems", "valuesets"}) {
            try (Stream<Path> files = Files.list(UK_CORE.resolve(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        definitions.addResource(parser.parseResource(in));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ConformancePackage.resources().forEach(definitions::addResource);
        UnknownCodeSystemWarningValidationSupport unknownSystems =
                new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(fhirContext),
                definitions,
                new CommonCodeSystemsTerminologyService(fhirContext),
                new InMemoryTerminologyServerValidationSupport(fhirContext),
                new SnapshotGeneratingValidationSupport(fhirContext),
                unknownSystems);
        validator = fhirContext.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
    }

    public ValidationSupportChain chain() {
        return chain;
    }

    /** Validates against base R4, the profiles the resource declares, and {@code profiles}. */
    public ValidationResult validate(IBaseResource resource, String... profiles) {
        ValidationOptions options = new ValidationOptions();
        for (String profile : profiles) {
            options.addProfile(profile);
        }
        return validator.validateWithResult(resource, options);
    }
}
