package health.cura.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.jpa.interceptor.validation.IRepositoryValidatingRule;
import ca.uhn.fhir.jpa.interceptor.validation.RepositoryValidatingRuleBuilder;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import health.cura.fhir.hapi.OfflineValidationChain;
import health.cura.fhir.hapi.ProfileValidatingInterceptor;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Validation of every write of a mapped type against its Cura profile (UK Core based) and R4, and the definitions
 * HAPI's validator needs for it. The policy, in {@code fhir-server/README.md}: errors reject the write with 422; codes
 * of code systems the server cannot check offline (SNOMED CT, dm+d, LOINC, ...) are warnings; extensions the server
 * does not know are allowed, since EHRs send their own.
 */
@Configuration(proxyBeanMethods = false)
public class ValidationConfiguration {

    /**
     * Adds UK Core and the Cura package to HAPI's validation chain, first, in a chain that reads no database (codes of
     * code systems no part of it knows are warnings).
     */
    @Bean
    ConformanceValidationSupport conformanceValidationSupport(
            FhirContext fhirContext,
            @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN) ValidationSupportChain chain) {
        PrePopulatedValidationSupport definitions = ConformanceDefinitions.load(fhirContext);
        OfflineValidationChain.install(chain, definitions, fhirContext);
        return new ConformanceValidationSupport(definitions);
    }

    @Bean
    ProfileValidatingInterceptor profileValidatingInterceptor(
            FhirContext fhirContext,
            ObjectProvider<RepositoryValidatingRuleBuilder> ruleBuilders,
            // asked for only so that no write is validated before the definitions are in the chain
            ConformanceValidationSupport definitionsInChain) {
        RepositoryValidatingRuleBuilder rules = ruleBuilders.getObject();
        for (String type : ConformancePackage.PROFILES.stream().map(CuraProfile::type).distinct().toList()) {
            rules.forResourcesOfType(type)
                    .requireValidationToDeclaredProfiles()
                    .withBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore)
                    .allowAnyExtensions()
                    .rejectOnSeverity(ResultSeverityEnum.ERROR);
        }
        List<IRepositoryValidatingRule> built = rules.build();
        return new ProfileValidatingInterceptor(fhirContext, built);
    }

    @Bean
    WriteConditioning writeConditioning() {
        return new WriteConditioning();
    }

    /** The in-memory definitions, once they are in HAPI's chain. */
    public record ConformanceValidationSupport(PrePopulatedValidationSupport definitions) {}
}
