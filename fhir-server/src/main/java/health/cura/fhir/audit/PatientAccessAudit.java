package health.cura.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.hapi.SearchOperations;
import health.cura.fhir.operations.DeclaredOperation;
import health.cura.fhir.operations.OperationAudit;
import health.cura.fhir.operations.OperationCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Records every FHIR interaction with patient data in {@code gdpr_audit_trail}, one row per patient touched:
 * <ul>
 *   <li>writes (create, update, delete, also inside bundles) at commit, in the write's own transaction, one row per
 *       record written;
 *   <li>reads, searches, history and operations when the answer leaves, one row per patient in it, listing the
 *       records shown; a plain insert, no resource write;
 *   <li>requests the authorization rules refused, with the patient named in the URL when there is one.
 * </ul>
 * Only requests made with an access token are audited: the server's own work (change capture, tenant creation) is
 * not a FHIR interaction.
 */
@FhirHooks(scope = HookScope.REQUESTS, phase = Phase.AUDIT)
@Interceptor
public class PatientAccessAudit {

    private static final Set<RestOperationTypeEnum> READS = EnumSet.of(
            RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.HISTORY_INSTANCE,
            RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_SYSTEM,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, RestOperationTypeEnum.GRAPHQL_REQUEST);

    private final AuditTrail trail;
    private final OperationCatalog operations;
    private final PatientsOfRecord patients;
    private final Timer readAudits;
    private final Timer writeAudits;

    /** What auditing adds to each request is timed: {@code /actuator/metrics/cura.audit}, by step. */
    public PatientAccessAudit(AuditTrail trail, FhirContext fhir, MeterRegistry meters, OperationCatalog operations) {
        this.trail = trail;
        this.operations = operations;
        this.patients = new PatientsOfRecord(fhir);
        this.readAudits = meters.timer("cura.audit", "step", "read");
        this.writeAudits = meters.timer("cura.audit", "step", "write");
    }

    /** Last: the authorization rules and the tenant guard have checked the answer by then. */
    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = Phase.AUDIT_RESPONSE_ORDER)
    public void answered(RequestDetails request, ResponseDetails response) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || response.getResponseResource() == null) {
            return;
        }
        Optional<OperationAudit> asDeclared = operations.find(request.getOperation(), operation,
                request.getResourceName()).map(DeclaredOperation::audit);
        if (asDeclared.filter(audit -> audit == OperationAudit.NONE).isPresent()) {
            return;
        }
        List<IBaseResource> shown;
        if (READS.contains(operation)) {
            shown = shown(response.getResponseResource());
        } else if (operation == RestOperationTypeEnum.TRANSACTION) {
            shown = readInBundle(request.getResource(), response.getResponseResource());
        } else {
            return;
        }
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isEmpty() || shown.isEmpty()) {
            return;
        }
        String action = asDeclared.filter(audit -> audit == OperationAudit.EXPORT).isPresent() ? "export" : "read";
        readAudits.record(() -> auditAnswer(request, operation, action, requester.get(), shown));
    }

    /**
     * What the GET entries of a batch or transaction read: the answer's entries line up with the request's. (Its
     * writes are audited as they are stored.)
     */
    private static List<IBaseResource> readInBundle(IBaseResource asked, IBaseResource answered) {
        if (!(asked instanceof Bundle request) || !(answered instanceof Bundle response)) {
            return List.of();
        }
        List<IBaseResource> read = new ArrayList<>();
        int entries = Math.min(request.getEntry().size(), response.getEntry().size());
        for (int i = 0; i < entries; i++) {
            Bundle.BundleEntryComponent answer = response.getEntry().get(i);
            if (request.getEntry().get(i).getRequest().getMethod() == Bundle.HTTPVerb.GET && answer.hasResource()) {
                read.addAll(shown(answer.getResource()));
            }
        }
        return read;
    }

    private void auditAnswer(RequestDetails request, RestOperationTypeEnum operation, String action,
            Requester requester, List<IBaseResource> answer) {
        Map<String, Set<String>> recordsByPatient = new LinkedHashMap<>();
        for (IBaseResource shown : answer) {
            String record = shown.getIdElement().getResourceType() + "/" + shown.getIdElement().getIdPart();
            for (String patient : patients.of(shown)) {
                recordsByPatient.computeIfAbsent(patient, p -> new LinkedHashSet<>()).add(record);
            }
        }
        Optional<String> query = SearchOperations.isSearch(operation) ? query(request) : Optional.empty();
        List<AuditEntry> entries = new ArrayList<>(recordsByPatient.size());
        recordsByPatient.forEach((patient, records) -> entries.add(new AuditEntry(request.getTenantId(),
                requester, action, Optional.of(interaction(operation)), Optional.of(patient),
                List.copyOf(records), RecordKinds.ofAll(records), "0", Optional.empty(), query)));
        trail.writeForRead(entries);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Phase.AUDIT_ORDER)
    public void created(IBaseResource resource, RequestDetails request) {
        wrote("create", "create", resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Phase.AUDIT_ORDER)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        wrote("update", request.getRestOperationType() == RestOperationTypeEnum.PATCH ? "patch" : "update",
                resource, request);
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = Phase.AUDIT_ORDER)
    public void deleted(IBaseResource resource, RequestDetails request) {
        wrote("delete", "delete", resource, request);
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failed(RequestDetails request, BaseServerResponseException exception) {
        if (exception instanceof ForbiddenOperationException) {
            FhirRequesters.of(request).ifPresent(requester -> {
                Optional<String> patient = "Patient".equals(request.getResourceName()) && request.getId() != null
                        ? Optional.ofNullable(request.getId().getIdPart()) : Optional.empty();
                String resourceType = request.getResourceName() == null ? "" : request.getResourceName();
                trail.write(List.of(new AuditEntry(request.getTenantId(), requester, "denied",
                        Optional.ofNullable(request.getRestOperationType()).map(PatientAccessAudit::interaction),
                        patient, List.of(), resourceType.isEmpty() ? RecordKinds.MEDICAL_RECORD
                                : RecordKinds.of(resourceType), "4", Optional.ofNullable(exception.getMessage()),
                        Optional.of(request.getRequestPath()))));
            });
        }
        return true;
    }

    private void wrote(String action, String interaction, IBaseResource resource, RequestDetails request) {
        if (request == null || request.getTenantId() == null) {
            return;
        }
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isEmpty()) {
            return;
        }
        String type = resource.getIdElement().getResourceType();
        String record = type + "/" + resource.getIdElement().getIdPart();
        writeAudits.record(() -> {
            List<AuditEntry> entries = new ArrayList<>();
            for (String patient : patients.of(resource)) {
                entries.add(new AuditEntry(request.getTenantId(), requester.get(), action, Optional.of(interaction),
                        Optional.of(patient), List.of(record), RecordKinds.of(type), "0", Optional.empty(),
                        Optional.empty()));
            }
            trail.write(entries);
        });
    }

    private static List<IBaseResource> shown(IBaseResource answer) {
        if (answer instanceof Bundle bundle) {
            return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                    .filter(resource -> resource != null).map(IBaseResource.class::cast).toList();
        }
        return List.of(answer);
    }

    /**
     * The search as the trail records it: the path and the names of its parameters (modifiers kept), never their
     * values. A value may be a name, an NHS number or an address, and the trail outlives an erasure of the patient.
     */
    static Optional<String> query(RequestDetails request) {
        String path = request.getRequestPath();
        String query = request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null
                ? servlet.getServletRequest().getQueryString() : null;
        return Optional.of(query == null || query.isEmpty() ? path : path + "?" + parameterNames(query));
    }

    static String parameterNames(String query) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals),
                    java.nio.charset.StandardCharsets.UTF_8);
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return String.join("&", names);
    }

    private static String interaction(RestOperationTypeEnum operation) {
        return switch (operation) {
            case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> "operation";
            case GET_PAGE -> "search-type";
            default -> operation.getCode();
        };
    }
}
