package health.cura.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Validates an empty resource of each profiled type once at start. The first validation against a profile builds its
 * snapshot and loads the value sets it binds (seconds, for UK Core); without this the first client write of each type
 * would wait for it, long enough for some clients to time out.
 */
@Component
@Order(1)
public class ValidatorWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ValidatorWarmUp.class);

    private final FhirContext fhirContext;
    private final ValidationSupportChain chain;

    public ValidatorWarmUp(
            FhirContext fhirContext,
            @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ValidationSupportChain chain,
            // asked for only so that the definitions are in the chain before it is warmed
            ValidationConfiguration.ConformanceValidationSupport definitionsInChain) {
        this.fhirContext = fhirContext;
        this.chain = chain;
    }

    @Override
    public void run(ApplicationArguments args) {
        long start = System.nanoTime();
        FhirValidator validator = fhirContext.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        // one profile's snapshot and value sets per core at a time: nothing else runs while the server waits for this
        ExecutorService cores = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> warmed = new ArrayList<>();
            for (CuraProfile profile : ConformancePackage.PROFILES) {
                warmed.add(cores.submit(() -> validator.validateWithResult(example(profile),
                        new ValidationOptions().addProfile(profile.url()))));
            }
            for (Future<?> profile : warmed) {
                profile.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while warming the validator up", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The validator could not be warmed up", e.getCause());
        } finally {
            cores.shutdownNow();
        }
        log.info("Validator ready for {} profiles in {} ms",
                ConformancePackage.PROFILES.size(), (System.nanoTime() - start) / 1_000_000);
    }

    /** An empty resource of the profile's type (a Basic of its kind). */
    private org.hl7.fhir.instance.model.api.IBaseResource example(CuraProfile profile) {
        var resource = fhirContext.getResourceDefinition(profile.type()).newInstance();
        if (resource instanceof org.hl7.fhir.r4.model.Basic basic && profile.kind() != null) {
            basic.getCode().addCoding().setSystem(health.cura.conformance.terminology.CuraEnums.BASIC_KIND.system())
                    .setCode(profile.kind());
        }
        return resource;
    }
}
