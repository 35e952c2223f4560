package health.cura.mappings;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraEnum;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;

/**
 * A Cura code on a FHIR status element whose code is broader: the standard code in the element, the exact Cura code in
 * the element's {@code cura-code} extension, so that a round trip loses nothing.
 */
public final class CuraCodes {

    private CuraCodes() {}

    public static void mark(Element statusElement, CuraEnum curaEnum, String code) {
        statusElement.addExtension(CuraCanonical.CURA_CODE_EXTENSION,
                new Coding(curaEnum.system(), code, curaEnum.display(code)));
    }

    /**
     * The Cura code of a status element: its {@code cura-code} extension when that still agrees with the standard
     * code (a client may change the status and leave a stale extension behind), otherwise the standard code's map.
     */
    public static String read(Element statusElement, String standardCode, CuraEnum curaEnum, String element) {
        Extension extension = statusElement.getExtensionByUrl(CuraCanonical.CURA_CODE_EXTENSION);
        if (extension != null && extension.getValue() instanceof Coding coding
                && curaEnum.system().equals(coding.getSystem()) && curaEnum.contains(coding.getCode())
                && curaEnum.toStandard(coding.getCode()).filter(standardCode::equals).isPresent()) {
            return coding.getCode();
        }
        if (standardCode == null) {
            throw new UnmappableResourceException(element, element + " is required");
        }
        return curaEnum.fromStandard(standardCode).orElseThrow(() -> new UnmappableResourceException(element,
                element + " '" + standardCode + "' has no counterpart in " + curaEnum.column()));
    }
}
