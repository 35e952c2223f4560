package health.cura.fhir.audit;

import java.util.List;
import java.util.Optional;

/**
 * One line of the audit trail to write: a request's action on one patient's records.
 *
 * @param tenant      the clinic (subdomain) whose trail it goes to
 * @param requester   who asked, from where
 * @param action      {@code read}, {@code create}, {@code update}, {@code delete}, {@code export}, {@code denied},
 *                    {@code login_failed}
 * @param interaction the FHIR RESTful interaction ({@code read}, {@code search-type}, {@code operation}, ...), when
 *                    the entry is of a FHIR request
 * @param patient     the FHIR id of the patient touched, if any
 * @param records     the records touched ({@code Type/id}); the Cura row id is recorded when there is exactly one
 * @param kind        the kind of record in Cura's terms ({@code patient}, {@code prescription}, ...)
 * @param outcome     the AuditEvent outcome code: {@code 0} success, {@code 4} refused
 * @param detail      what went wrong, for refusals
 * @param query       the query string of a search, if any
 */
public record AuditEntry(
        String tenant,
        Requester requester,
        String action,
        Optional<String> interaction,
        Optional<String> patient,
        List<String> records,
        String kind,
        String outcome,
        Optional<String> detail,
        Optional<String> query) {

    public AuditEntry {
        records = List.copyOf(records);
    }
}
