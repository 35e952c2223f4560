package health.cura.fhir.standards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.config.JpaConfig;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.ValidationOptions;
import health.cura.conformance.ConformancePackage;
import health.cura.conformance.CuraProfile;
import health.cura.fhir.demo.DemoPractice;
import health.cura.fhir.support.ServerTest;
import health.cura.fhir.support.SyntheaFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Everything the server returns of the profiled types, for a clinic like the demo clinic and for a Synthea population,
 * passes the validator the server embeds against UK Core (and the Cura profiles) with no errors (finding 5), and
 * claims the UK Core profile it meets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UkCoreConformanceTest extends ServerTest {

    @Autowired
    @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT_CHAIN)
    private ValidationSupportChain chain;

    private FhirValidator validator;
    private String demo;
    private String synthea;

    @BeforeAll
    void load() throws IOException {
        validator = FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
        demo = newTenant("ukcore-demo");
        IGenericClient demoClient = client(demo);
        String clinic = demoClient.search().forResource(Organization.class).returnBundle(Bundle.class).execute()
                .getEntryFirstRep().getResource().getIdElement().getIdPart();
        Bundle practice = new DemoPractice(clinic, 20, 20261202L, LocalDate.now(ZoneOffset.UTC)).asTransaction();
        assertThat(http("POST", "/" + demo, FHIR.newJsonParser().encodeResourceToString(practice),
                "application/fhir+json").statusCode()).isEqualTo(200);
        synthea = newTenant("ukcore-synthea");
        for (Path file : SyntheaFiles.inLoadOrder()) {
            assertThat(http("POST", "/" + synthea, Files.readString(file), "application/fhir+json").statusCode())
                    .as(file.getFileName().toString()).isEqualTo(200);
        }
    }

    @Test
    void everyResourceOfTheDemoClinicConformsToUkCore() {
        assertThat(errors(demo)).isEmpty();
    }

    @Test
    void everyResourceOfASyntheaPopulationConformsToUkCore() {
        assertThat(errors(synthea)).isEmpty();
    }

    @Test
    void everyOtherResourceSyntheaSendsConformsToItsUkCoreProfile() throws IOException {
        java.util.Set<String> types = new java.util.TreeSet<>();
        for (Path file : SyntheaFiles.inLoadOrder()) {
            FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file)).getEntry()
                    .forEach(e -> types.add(e.getResource().fhirType()));
        }
        types.removeIf(type -> ConformancePackage.profileOf(type).isPresent());
        List<String> errors = new ArrayList<>();
        int againstUkCore = 0;
        for (String type : types) {
            String ukCore = health.cura.conformance.UkCore.profile(type);
            ValidationOptions options = new ValidationOptions();
            boolean profiled = chain.fetchStructureDefinition(ukCore) != null;
            if (profiled) {
                options.addProfile(ukCore);
            }
            for (Resource resource : all(synthea, type)) {
                againstUkCore += profiled ? 1 : 0;
                validator.validateWithResult(resource, options).getMessages().stream()
                        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .forEach(m -> errors.add(resource.getIdElement().toUnqualifiedVersionless().getValue() + ": "
                                + m.getLocationString() + ": " + m.getMessage()));
            }
        }
        assertThat(types).as("Synthea's other types").contains("Immunization", "Procedure", "ExplanationOfBenefit");
        assertThat(againstUkCore).as("resources checked against a UK Core profile").isGreaterThan(50);
        assertThat(errors).isEmpty();
    }

    /** Each error as "Type/id: location: message", over every resource of every profiled type in the clinic. */
    private List<String> errors(String tenant) {
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (CuraProfile profile : ConformancePackage.PROFILES) {
            for (Resource resource : all(tenant, profile.type())) {
                checked++;
                List<String> claimed = resource.getMeta().getProfile().stream().map(CanonicalType::getValue).toList();
                profile.ukCoreProfile().ifPresent(ukCore -> {
                    if (!claimed.contains(ukCore)) {
                        errors.add(resource.getIdElement().toUnqualifiedVersionless().getValue()
                                + ": does not claim " + ukCore);
                    }
                });
                ValidationOptions options = new ValidationOptions();
                claimed.forEach(options::addProfile);
                validator.validateWithResult(resource, options).getMessages().stream()
                        .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                        .forEach(m -> errors.add(resource.getIdElement().toUnqualifiedVersionless().getValue() + ": "
                                + m.getLocationString() + ": " + m.getMessage()));
            }
        }
        assertThat(checked).as("resources checked in " + tenant).isGreaterThan(50);
        return errors;
    }

    private List<Resource> all(String tenant, String type) {
        List<Resource> resources = new ArrayList<>();
        IGenericClient fhir = client(tenant);
        Bundle page = fhir.search().forResource(type).count(200).returnBundle(Bundle.class).execute();
        while (true) {
            page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).forEach(resources::add);
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return resources;
            }
            page = fhir.loadPage().next(page).execute();
        }
    }
}
