package health.cura.fhir.gdpr;

import health.cura.fhir.operations.Refusals;
import org.hl7.fhir.r4.model.StringType;

/** What restricting and lifting a restriction share: the reason each records. */
final class RestrictionParameters {

    private static final int LONGEST = 1000;

    private RestrictionParameters() {}

    static String reason(StringType reason) {
        String why = reason == null || reason.getValue() == null ? "" : reason.getValue().trim();
        if (why.isEmpty()) {
            throw Refusals.badParameter("reason", "reason is required: why the restriction is put in place or lifted");
        }
        if (why.length() > LONGEST) {
            throw Refusals.badParameter("reason", "reason is at most " + LONGEST + " characters");
        }
        return why;
    }
}
