package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Consents take effect where the law makes them the basis ({@link ConsentedPatients}): whatever a REST request shows
 * (reads, searches, includes, history, {@code $everything}) leaves out the records of patients without the consent
 * its client's purpose needs, before anything is audited as shown. A read of such a record answers as if it did not
 * exist. Records of no patient (the clinic's directory, definitions) are shown as ever.
 *
 * <p>What would tell about patients without showing their records is refused to such a client (403): counts
 * ({@code _summary=count}, {@code _total}) and reverse chains ({@code _has}), types that hold patients' data outside
 * their compartment (AuditEvent, payments, the clinic's stock) and operations other than bulk export and
 * {@code $everything}; a search's {@code total} is left out of what it answers. A write's own conditional match is not
 * narrowed, so that it finds the record it names rather than making a second one.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUTHORIZE)
@Interceptor
public class ConsentGate {

    private final ConsentedPatients consents;
    private final TenantDirectory tenants;
    private final Set<String> patientData;

    public ConsentGate(ConsentedPatients consents, TenantDirectory tenants, FhirContext fhir) {
        this.consents = consents;
        this.tenants = tenants;
        this.patientData = fhir.getResourceTypes().stream().filter(type -> fhir.getResourceDefinition(type)
                .getSearchParams().stream().anyMatch(param -> param.getProvidesMembershipInCompartments() != null
                        && param.getProvidesMembershipInCompartments().contains("Patient")))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The consent the request's client needs, when its clinic's patients' data rests on one. */
    private Optional<String> consentNeeded(RequestDetails request) {
        Optional<AccessGrant> grant = RequestGrants.of(request);
        if (grant.isEmpty() || grant.get().platform() || request.getTenantId() == null) {
            return Optional.empty();
        }
        return tenants.findBySubdomain(request.getTenantId())
                .flatMap(clinic -> consents.consentNeeded(clinic.id(), grant.get().clientId()));
    }

    /** Operations a consent-bound client may call: their answers are filtered like any search. */
    private static final Set<String> OPERATIONS = Set.of("$export", "$export-poll-status", "$everything");

    /** Types of no patient that such a client reads: the clinic's directory. */
    private static final Set<String> DIRECTORY = Set.of("Practitioner", "PractitionerRole", "Organization",
            "Location", "HealthcareService");

    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED, order = Phase.AUTHORIZE_ORDER + 1)
    public void refuseWhatWouldTell(RequestDetails request, RestOperationTypeEnum operation) {
        Optional<String> needed = consentNeeded(request);
        if (needed.isEmpty() || operation == RestOperationTypeEnum.METADATA) {
            return;
        }
        String because = "This client's data rests on the patients' " + needed.get() + " consent";
        if (request.getOperation() != null && !OPERATIONS.contains(request.getOperation())) {
            throw new ForbiddenOperationException(because + ": it may not call " + request.getOperation());
        }
        String type = request.getResourceName();
        // its bulk export's files are Binary, fetched by the ids the manifest gave it (never searched)
        boolean exportFile = "Binary".equals(type) && (operation == RestOperationTypeEnum.READ
                || operation == RestOperationTypeEnum.VREAD);
        if (type != null && !exportFile && !"Patient".equals(type) && !DIRECTORY.contains(type)
                && !patientData.contains(type)) {
            throw new ForbiddenOperationException(because + ": it reads patients' records and the clinic's "
                    + "directory only, not " + type);
        }
        if ("AuditEvent".equals(type)) {
            throw new ForbiddenOperationException(because + ": it may not read the audit trail");
        }
        for (String parameter : request.getParameters().keySet()) {
            boolean counts = "_total".equals(parameter) || ("_summary".equals(parameter)
                    && java.util.Arrays.asList(request.getParameters().get(parameter)).contains("count"));
            if (counts || parameter.startsWith("_has")) {
                throw new ForbiddenOperationException(because + ": " + parameter + " would tell about patients who "
                        + "did not consent");
            }
        }
    }

    /** A search's total counts the patients left out too. */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Phase.AUTHORIZE_ORDER)
    public boolean withoutTotal(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle && bundle.getType() == Bundle.BundleType.SEARCHSET
                && consentNeeded(request).isPresent()) {
            bundle.setTotalElement(null);
        }
        return true;
    }

    @Hook(value = Pointcut.STORAGE_PRESHOW_RESOURCES, order = Phase.AUTHORIZE_ORDER + 1)
    public void filterShown(IPreResourceShowDetails shown, RequestDetails request) {
        if (WRITES.contains(request.getRestOperationType())) {
            return;
        }
        Optional<String> needed = consentNeeded(request);
        if (needed.isEmpty()) {
            return;
        }
        Optional<Integer> clinic = tenants.findBySubdomain(request.getTenantId()).map(t -> t.id());
        List<List<String>> patientsOfEach = new ArrayList<>();
        Set<String> all = new LinkedHashSet<>();
        for (int i = 0; i < shown.size(); i++) {
            IBaseResource resource = shown.getResource(i);
            List<String> patients = resource == null ? List.of() : consents.patientsOf(resource);
            patientsOfEach.add(patients);
            all.addAll(patients);
        }
        Set<String> consenting = consents.consenting(clinic.orElseThrow(), all, needed.get());
        for (int i = 0; i < shown.size(); i++) {
            if (!consenting.containsAll(patientsOfEach.get(i))) {
                shown.setResource(i, null);
            }
        }
    }
}
