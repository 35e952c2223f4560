package health.cura.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Audits bulk exports: one {@code export} row per patient whose records an export wrote out, with who asked. The
 * export runs later, in a background job with no request, so who asked is written into the job's parameters when it
 * is started and read back as each record is exported. A patient is recorded once per export (per server instance).
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.AUDIT)
@Interceptor
public class BulkExportAudit {

    private static final String KEY = "curaAudit.";

    private final AuditTrail trail;
    private final PatientsOfRecord patients;
    private final Cache<String, Boolean> recorded =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofDays(1)).maximumSize(1_000_000).build();

    public BulkExportAudit(AuditTrail trail, FhirContext fhir) {
        this.trail = trail;
        this.patients = new PatientsOfRecord(fhir);
    }

    @Hook(Pointcut.STORAGE_INITIATE_BULK_EXPORT)
    public void started(BulkExportJobParameters export, RequestDetails request) {
        Optional<Requester> requester = FhirRequesters.of(request);
        if (requester.isEmpty() || request.getTenantId() == null) {
            return;
        }
        Requester who = requester.get();
        export.setUserData(KEY + "export", UUID.randomUUID().toString());
        export.setUserData(KEY + "tenant", request.getTenantId());
        who.userRowId().ifPresent(row -> export.setUserData(KEY + "user", row));
        who.account().ifPresent(account -> export.setUserData(KEY + "account", account));
        who.clientId().ifPresent(client -> export.setUserData(KEY + "client", client));
        who.sessionId().ifPresent(session -> export.setUserData(KEY + "session", session));
        who.purpose().ifPresent(purpose -> export.setUserData(KEY + "purpose", purpose));
        who.ipAddress().ifPresent(ip -> export.setUserData(KEY + "ip", ip));
        who.userAgent().ifPresent(agent -> export.setUserData(KEY + "agent", agent));
    }

    /** Called for each record the job writes out; never leaves one out. */
    @Hook(Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION)
    public boolean exporting(BulkExportJobParameters export, IBaseResource resource) {
        Map<String, Object> data = export.getUserData();
        Object exportId = data.get(KEY + "export");
        Object tenant = data.get(KEY + "tenant");
        if (exportId == null || tenant == null) {
            return true;
        }
        String record = resource.getIdElement().getResourceType() + "/" + resource.getIdElement().getIdPart();
        List<AuditEntry> entries = new ArrayList<>();
        for (String patient : patients.of(resource)) {
            if (recorded.asMap().putIfAbsent(exportId + "/" + patient, Boolean.TRUE) == null) {
                entries.add(new AuditEntry(tenant.toString(), requester(data), "export", Optional.of("bulk-export"),
                        Optional.of(patient), List.of(record), RecordKinds.MEDICAL_RECORD, "0", Optional.empty(),
                        Optional.ofNullable(export.getOriginalRequestUrl())));
            }
        }
        trail.writeForRead(entries);
        return true;
    }

    private static Requester requester(Map<String, Object> data) {
        return new Requester(
                Optional.ofNullable(data.get(KEY + "user")).map(row -> ((Number) row).intValue()),
                text(data, "account"), text(data, "client"), text(data, "session"), text(data, "purpose"),
                text(data, "ip"), text(data, "agent"));
    }

    private static Optional<String> text(Map<String, Object> data, String name) {
        return Optional.ofNullable(data.get(KEY + name)).map(Object::toString);
    }
}
