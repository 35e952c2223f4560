package health.cura.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.dao.JpaPersistedResourceValidationSupport;
import ca.uhn.fhir.jpa.packages.NpmJpaValidationSupport;
import ca.uhn.fhir.jpa.term.api.ITermReadSvc;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;

/**
 * HAPI's validation chain made to read no database: every definition the validator uses is in memory.
 * <ul>
 *   <li>HAPI's database terminology service answers for every value set it can expand and reports a code of a code
 *       system it does not hold (LOINC, SNOMED CT) as an error; the in-memory terminology service, which stays, lets
 *       the last link added here turn that into a warning.</li>
 *   <li>The stored-resource and package lookups would query, inside the writing transaction, for every URL not in
 *       memory (every LOINC code's system, say) on every write. Profiles uploaded to the server are therefore not
 *       used by the validator.</li>
 *   <li>A CodeableConcept passes its binding when one coding is in the value set, as FHIR says; FHIR's language
 *       value sets hold every BCP-47 tag ({@link LanguageValueSets}).</li>
 * </ul>
 * The chain's links are told apart by class: HAPI names them no other way (checked at each HAPI upgrade, see the
 * README).
 */
public final class OfflineValidationChain {

    private OfflineValidationChain() {}

    /** Removes the database-backed links, puts {@code definitions} first and ends the chain with the warning link. */
    public static void install(ValidationSupportChain chain, IValidationSupport definitions, FhirContext fhirContext) {
        chain.getValidationSupports().stream()
                .filter(link -> link instanceof ITermReadSvc
                        || link instanceof JpaPersistedResourceValidationSupport
                        || link instanceof NpmJpaValidationSupport)
                .toList()
                .forEach(chain::removeValidationSupport);
        chain.addValidationSupport(0, definitions);
        chain.addValidationSupport(0, new LanguageValueSets(fhirContext));
        UnknownCodeSystemWarningValidationSupport unknownSystems =
                new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        chain.addValidationSupport(unknownSystems);
        // FHIR: a CodeableConcept meets its binding when one of its codings is in the value set; the others may be
        // translations into any code system. HAPI's default demands that every coding be in it.
        chain.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
        chain.invalidateCaches();
    }
}
