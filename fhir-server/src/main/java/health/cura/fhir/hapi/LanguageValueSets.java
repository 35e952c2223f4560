package health.cura.fhir.hapi;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Answers whether a code is in FHIR's language value sets, which include all of BCP-47. The validator asks with the
 * versioned canonical ({@code http://hl7.org/fhir/ValueSet/all-languages|4.0.1}), which HAPI's common code systems
 * service does not recognise, and the in-memory terminology service cannot expand a whole grammar-defined code system:
 * every BCP-47 coding was reported as not in "All Languages", refusing any Patient.communication.language (UK Core binds
 * it to that value set, required).
 */
final class LanguageValueSets implements IValidationSupport {

    private static final Set<String> LANGUAGE_VALUE_SETS = Set.of(
            CommonCodeSystemsTerminologyService.ALL_LANGUAGES_VALUESET_URL,
            CommonCodeSystemsTerminologyService.LANGUAGES_VALUESET_URL);

    private final FhirContext fhirContext;
    private final CommonCodeSystemsTerminologyService languages;

    LanguageValueSets(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
        this.languages = new CommonCodeSystemsTerminologyService(fhirContext);
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    public String getName() {
        return "Cura BCP-47 language value sets";
    }

    @Override
    public boolean isValueSetSupported(ValidationSupportContext context, String valueSetUrl) {
        return LANGUAGE_VALUE_SETS.contains(unversioned(valueSetUrl));
    }

    @Override
    public CodeValidationResult validateCode(ValidationSupportContext context, ConceptValidationOptions options,
            String system, String code, String display, String valueSetUrl) {
        String valueSet = unversioned(valueSetUrl);
        if (!LANGUAGE_VALUE_SETS.contains(valueSet)) {
            return null;
        }
        if (!CommonCodeSystemsTerminologyService.LANGUAGES_CODESYSTEM_URL.equals(system)) {
            return new CodeValidationResult().setSeverity(IssueSeverity.ERROR)
                    .setMessage("The code system " + system + " is not in value set " + valueSet + " (BCP-47 only)");
        }
        return languages.validateCode(context, options, system, code, display, valueSet);
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context,
            ConceptValidationOptions options, String system, String code, String display, IBaseResource valueSet) {
        return validateCode(context, options, system, code, display, urlOf(valueSet));
    }

    private String urlOf(IBaseResource valueSet) {
        return fhirContext.newTerser().getSinglePrimitiveValueOrNull(valueSet, "url");
    }

    private static String unversioned(String url) {
        if (url == null) {
            return null;
        }
        int bar = url.indexOf('|');
        return bar < 0 ? url : url.substring(0, bar);
    }
}
