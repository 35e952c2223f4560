package health.cura.fhir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server's feature packages depend on each other without cycles, and the layers stay below what uses them. */
class PackageStructureTest {

    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("health.cura.fhir");

    private static final JavaClasses MAPPERS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("health.cura.mappings");

    @Test
    void mappersReachNoDatabaseNorTheServer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                "org.springframework..", "jakarta.persistence..", "ca.uhn.fhir.jpa..", "ca.uhn.fhir.rest..",
                "health.cura.fhir..").check(MAPPERS);
    }

    @Test
    void theServerGivesMappersOnlyLinksResolvedBeforehand() {
        noClasses().that().resideInAPackage("health.cura.fhir..")
                .should().implement(health.cura.mappings.RowLinks.class)
                .check(SERVER);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("health.cura.fhir.(*)..").should().beFreeOfCycles().check(SERVER);
    }

    @Test
    void hapiWiringDependsOnNoFeature() {
        noClasses().that().resideInAPackage("health.cura.fhir.hapi..")
                .should().dependOnClassesThat().resideInAnyPackage("health.cura.fhir.access..",
                        "health.cura.fhir.audit..", "health.cura.fhir.billing..", "health.cura.fhir.binary..",
                        "health.cura.fhir.capture..", "health.cura.fhir.conformance..", "health.cura.fhir.database..",
                        "health.cura.fhir.demo..",
                        "health.cura.fhir.grant..", "health.cura.fhir.identity..", "health.cura.fhir.limits..",
                        "health.cura.fhir.mapping..", "health.cura.fhir.operations..", "health.cura.fhir.tables..",
                        "health.cura.fhir.tenancy..", "health.cura.fhir.validation..")
                .check(SERVER);
    }

    @Test
    void auditAndTheRequestModelKnowNothingOfIdentityOrAccess() {
        noClasses().that().resideInAnyPackage("health.cura.fhir.audit..", "health.cura.fhir.grant..",
                        "health.cura.fhir.operations..")
                .should().dependOnClassesThat().resideInAnyPackage("health.cura.fhir.identity..",
                        "health.cura.fhir.access..")
                .check(SERVER);
    }

    /** The consoles' pages act through FHIR requests with the person's grant, never around them. */
    @Test
    void theConsolesReadNoDatabaseAndNoDaoAroundTheFhirApi() {
        noClasses().that().resideInAPackage("health.cura.fhir.admin..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..",
                        "org.springframework.jdbc..", "jakarta.persistence..", "org.hibernate..",
                        "ca.uhn.fhir.jpa..", "health.cura.fhir.tables..", "health.cura.fhir.mapping..")
                .check(SERVER);
    }

    @Test
    void nothingDependsOnTheConsoles() {
        noClasses().that().resideOutsideOfPackage("health.cura.fhir.admin..")
                .should().dependOnClassesThat().resideInAPackage("health.cura.fhir.admin..")
                .check(SERVER);
    }
}
