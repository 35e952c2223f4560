package health.cura.fhir.audit;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.cura.fhir.hapi.ServerProvider;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.mappings.MappingContext;
import health.cura.mappings.ResolvedLinks;
import health.cura.mappings.audit.AuditEventMapper;
import health.cura.mappings.audit.AuditTrailRow;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;

/**
 * AuditEvent, read-only, served from {@code gdpr_audit_trail} (never copied into HAPI's store): read by id, and search
 * by {@code patient}, {@code date} and {@code action}, newest first. There is no create, update or delete: the trail
 * is written by the server alone.
 */
public class AuditEventProvider implements ServerProvider, IResourceProvider {

    private static final int DEFAULT_COUNT = 50;
    private static final int MAX_COUNT = 500;

    private final AuditTrail trail;
    private final TenantDirectory tenants;
    private final ResourceLinks links;

    public AuditEventProvider(AuditTrail trail, TenantDirectory tenants, ResourceLinks links) {
        this.trail = trail;
        this.tenants = tenants;
        this.links = links;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    @Read
    public AuditEvent read(@IdParam IdType id, RequestDetails request) {
        Tenant tenant = tenant(request);
        return trail.findByEventId(tenant.id(), id.getIdPart())
                .map(row -> AuditEventMapper.toAuditEvent(row, context(tenant, List.of(row))))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = AuditEvent.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = AuditEvent.SP_DATE) DateRangeParam date,
            @OptionalParam(name = AuditEvent.SP_ACTION) TokenParam action,
            @Offset Integer offset,
            @Count Integer count,
            RequestDetails request) {
        Tenant tenant = tenant(request);
        int from = offset == null ? 0 : Math.max(offset, 0);
        int size = count == null ? DEFAULT_COUNT : Math.min(Math.max(count, 1), MAX_COUNT);
        Optional<Integer> patientRow = Optional.empty();
        if (patient != null) {
            OptionalInt row = links.rowId(tenant.id(), "Patient", patient.getIdPart());
            if (row.isEmpty()) {
                return page(List.of(), from, size);
            }
            patientRow = Optional.of(row.getAsInt());
        }
        List<AuditTrailRow> rows = trail.find(tenant.id(), patientRow, lower(date), upper(date),
                Optional.ofNullable(action).map(token -> cura(token.getValue())), from, size);
        MappingContext context = context(tenant, rows);
        return page(rows.stream().map(row -> (IBaseResource) AuditEventMapper.toAuditEvent(row, context)).toList(),
                from, size);
    }

    private static IBundleProvider page(List<IBaseResource> events, int offset, int count) {
        SimpleBundleProvider page = new SimpleBundleProvider(events);
        page.setCurrentPageOffset(offset);
        page.setCurrentPageSize(count);
        page.setSize(null); // counting the trail would cost a scan; clients page until a short page
        return page;
    }

    private Tenant tenant(RequestDetails request) {
        return tenants.findBySubdomain(request.getTenantId())
                .orElseThrow(() -> new ResourceNotFoundException("The shared partition has no audit trail"));
    }

    /** The resources of the users and patients the rows name, each looked up once, before the mapper runs. */
    private MappingContext context(Tenant tenant, List<AuditTrailRow> rows) {
        ResolvedLinks.Builder resolved = ResolvedLinks.builder();
        Set<String> seen = new HashSet<>();
        for (AuditTrailRow row : rows) {
            row.userId().ifPresent(id -> resolve(tenant, "Practitioner", id, seen, resolved));
            row.patientId().ifPresent(id -> resolve(tenant, "Patient", id, seen, resolved));
        }
        return new MappingContext(tenant.id(), tenant.subdomain(), resolved.build());
    }

    private void resolve(Tenant tenant, String type, int row, Set<String> seen, ResolvedLinks.Builder resolved) {
        if (seen.add(type + "#" + row)) {
            links.resourceId(tenant.id(), CuraTables.tableOf(type), row, type)
                    .ifPresent(resource -> resolved.link(type, resource, row));
        }
    }

    /** The AuditEvent action code (C, R, U, D, E) as the trail's action. */
    private static String cura(String code) {
        return switch (code == null ? "" : code.toUpperCase()) {
            case "C" -> "create";
            case "R" -> "read";
            case "U" -> "update";
            case "D" -> "delete";
            case "E" -> "export";
            default -> throw new InvalidRequestException("action must be one of C, R, U, D, E");
        };
    }

    private static Optional<LocalDateTime> lower(DateRangeParam date) {
        return date == null || date.getLowerBoundAsInstant() == null ? Optional.empty()
                : Optional.of(LocalDateTime.ofInstant(date.getLowerBoundAsInstant().toInstant(), ZoneOffset.UTC));
    }

    private static Optional<LocalDateTime> upper(DateRangeParam date) {
        return date == null || date.getUpperBoundAsInstant() == null ? Optional.empty()
                : Optional.of(LocalDateTime.ofInstant(date.getUpperBoundAsInstant().toInstant(), ZoneOffset.UTC)
                        .plusNanos(1_000));
    }
}
