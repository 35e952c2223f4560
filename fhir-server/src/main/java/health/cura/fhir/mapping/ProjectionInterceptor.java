package health.cura.fhir.mapping;

import static health.cura.fhir.hapi.HapiJpaConfiguration.DEFAULT_PARTITION_ID;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.partition.IRequestPartitionHelperSvc;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.capture.CapturedWrites;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tables.CuraTables;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.grant.AccessGrant;
import health.cura.fhir.grant.RequestGrants;
import health.cura.fhir.tenancy.Tenant;
import health.cura.fhir.tenancy.TenantDirectory;
import health.cura.mappings.UnmappableResourceException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * FHIR → Cura tables. Registered on HAPI's own interceptor service, so that every write is projected: REST, transaction
 * bundles, conditional operations, patches and direct DAO calls alike. The hooks run before HAPI commits, in its
 * transaction; a refusal (422) rolls back the resource and every row written with it.
 */
@Component
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.PREPARE_ROWS)
@Interceptor
public class ProjectionInterceptor {

    private static final String REFRESHED = ProjectionInterceptor.class.getName() + ".refreshed";

    private final Map<String, List<ResourceProjection>> projections;
    private final Set<String> rowTypes;
    private final IRequestPartitionHelperSvc partitions;
    private final TenantDirectory tenants;
    private final ResourceLinks links;
    private final FhirContext fhirContext;
    private final MeterRegistry meters;
    private final TenantResources resources;
    private final UnnamedClinician unnamedClinician;

    public ProjectionInterceptor(
            List<ResourceProjection> projections,
            IRequestPartitionHelperSvc partitions,
            TenantDirectory tenants,
            ResourceLinks links,
            FhirContext fhirContext,
            MeterRegistry meters,
            TenantResources resources,
            UnnamedClinician unnamedClinician) {
        this.projections = projections.stream().collect(Collectors.groupingBy(ResourceProjection::resourceType));
        // The types a reference is resolved for: those with rows of their own and a projection that writes them.
        // (Organizations other than the clinic's have no row; Observations and Conditions are parts of other rows.)
        this.rowTypes = this.projections.keySet().stream()
                .filter(CuraTables.linkedResourceTypes()::contains)
                .collect(Collectors.toUnmodifiableSet());
        this.partitions = partitions;
        this.tenants = tenants;
        this.links = links;
        this.fhirContext = fhirContext;
        this.meters = meters;
        this.resources = resources;
        this.unnamedClinician = unnamedClinician;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = Phase.PREPARE_ROWS_ORDER)
    public void creating(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        run("prepare", resource, request, transaction, (p, c) -> p.prepare(resource, null, c));
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = Phase.PREPARE_ROWS_ORDER)
    public void updating(IBaseResource previous, IBaseResource resource, RequestDetails request,
            TransactionDetails transaction) {
        run("prepare", resource, request, transaction, (p, c) -> p.prepare(resource, previous, c));
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, order = Phase.PROJECT_ORDER)
    public void created(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        run("project", resource, request, transaction, (p, c) -> p.project(resource, c));
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED, order = Phase.PROJECT_ORDER)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request,
            TransactionDetails transaction) {
        run("project", resource, request, transaction, (p, c) -> p.project(resource, c));
    }

    @Hook(value = Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED, order = Phase.PROJECT_ORDER)
    public void deleted(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
        run("delete", resource, request, transaction, (p, c) -> p.delete(resource, c));
    }

    private void run(String step, IBaseResource resource, RequestDetails request, TransactionDetails transaction,
            BiConsumer<ResourceProjection, ProjectionContext> action) {
        List<ResourceProjection> mine = projections.get(fhirContext.getResourceType(resource));
        if (mine == null || CapturedWrites.isCaptured(request)) {
            // a captured write comes from its row: projecting it back would only rewrite the row
            return;
        }
        Optional<ProjectionContext> context = context(request, transaction);
        if (context.isEmpty()) {
            return;
        }
        try {
            for (ResourceProjection projection : mine) {
                timer(projection, step).record(() -> action.accept(projection, context.get()));
            }
        } catch (UnmappableResourceException e) {
            throw refusal(e);
        }
    }

    /** What projection adds to each write, per type and step: {@code /actuator/metrics/cura.projection}. */
    private Timer timer(ResourceProjection projection, String step) {
        return meters.timer("cura.projection", "type", projection.resourceType(), "step", step);
    }

    /** The clinic of the write; shared conformance resources in the default partition belong to none. */
    private Optional<ProjectionContext> context(RequestDetails request, TransactionDetails transaction) {
        RequestPartitionId partition = partitions.determineGenericPartitionForRequest(request);
        if (partition == null || partition.isAllPartitions() || partition.isDefaultPartition()
                || partition.getFirstPartitionIdOrNull() == null) {
            return Optional.empty();
        }
        int organizationId = partition.getFirstPartitionIdOrNull();
        if (organizationId == DEFAULT_PARTITION_ID) {
            return Optional.empty();
        }
        Tenant tenant = tenants.findById(organizationId).orElseThrow(() -> new IllegalStateException(
                "No organizations row for partition " + organizationId));
        ProjectionContext[] context = new ProjectionContext[1];
        ReferenceResolver resolver = new ReferenceResolver(fhirContext, links, rowTypes,
                (type, id) -> projectReferenced(type, id, context[0]),
                roleId -> resources.read(context[0], PractitionerRole.class, new Reference("PractitionerRole/" + roleId))
                        .filter(PractitionerRole::hasPractitioner)
                        .map(role -> role.getPractitioner().getReferenceElement())
                        .filter(practitioner -> "Practitioner".equals(practitioner.getResourceType())
                                && practitioner.hasIdPart() && !practitioner.isAbsolute())
                        .map(IIdType::getIdPart));
        context[0] = new ProjectionContext(tenant, resolver,
                transaction == null ? new HashSet<>() : transaction.getOrCreateUserData(REFRESHED, HashSet::new),
                unnamedClinician, request == null ? Map.of() : request.getUserData(),
                RequestGrants.of(request).flatMap(AccessGrant::userRowId));
        return Optional.of(context[0]);
    }

    /** Projects a referenced resource that has no row yet (it comes later in the same bundle). */
    private void projectReferenced(String type, String id, ProjectionContext context) {
        List<ResourceProjection> theirs = projections.get(type);
        if (theirs == null) {
            return;
        }
        Class<? extends IBaseResource> implementing = fhirContext.getResourceDefinition(type).getImplementingClass();
        resources.read(context, implementing, new Reference(type + "/" + id)).ifPresent(found -> {
            for (ResourceProjection projection : theirs) {
                timer(projection, "project").record(() -> projection.project(found, context));
            }
        });
    }

    private static UnprocessableEntityException refusal(UnmappableResourceException e) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.REQUIRED)
                .setDiagnostics(e.getMessage())
                .addExpression(e.element());
        return new UnprocessableEntityException(e.getMessage(), outcome);
    }
}
