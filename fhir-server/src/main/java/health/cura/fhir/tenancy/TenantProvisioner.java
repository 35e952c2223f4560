package health.cura.fhir.tenancy;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.entity.PartitionEntity;
import ca.uhn.fhir.jpa.partition.IPartitionLookupSvc;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.cura.fhir.tables.ResourceLinks;
import health.cura.fhir.tables.ServerOrigin;
import health.cura.mappings.organization.OrganizationMapper;
import health.cura.mappings.organization.OrganizationRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Organization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a clinic: its {@code organizations} row, its HAPI partition (same id, the subdomain as name) and its own
 * Organization resource, linked to the row.
 *
 * <p>Idempotent: repeating an identical request finds each step done and returns the same tenant; a request for a taken
 * subdomain with different details is a conflict. HAPI reads partitions through its own cache in a separate transaction,
 * so the partition cannot share one transaction with the row; instead every step checks whether it is already done,
 * and a request interrupted half way is completed by repeating it.
 */
@Service
public class TenantProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TenantProvisioner.class);
    private static final String ORGANIZATIONS = "organizations";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final IPartitionLookupSvc partitions;
    private final DaoRegistry daoRegistry;
    private final ResourceLinks links;

    public TenantProvisioner(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            IPartitionLookupSvc partitions,
            DaoRegistry daoRegistry,
            ResourceLinks links) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.partitions = partitions;
        this.daoRegistry = daoRegistry;
        this.links = links;
    }

    public ProvisionedTenant provision(NewTenant request) {
        List<String> problems = request.problems();
        if (!problems.isEmpty()) {
            throw new UnprocessableEntityException("Cannot create the tenant: " + String.join("; ", problems));
        }
        RowOutcome row = Objects.requireNonNull(transactions.execute(tx -> insertOrMatchRow(request)));
        ensurePartition(row.row());
        String organizationId = Objects.requireNonNull(transactions.execute(tx -> ensureOrganizationResource(row.row())));
        Tenant tenant = new Tenant(row.row().id(), row.row().subdomain(), row.row().name());
        if (row.created()) {
            log.info("Created tenant {} (partition {})", tenant.subdomain(), tenant.id());
        }
        return new ProvisionedTenant(tenant, organizationId, row.created());
    }

    /**
     * Makes a clinic that other software created (its {@code organizations} row exists) a tenant: its partition and
     * Organization resource, each created unless it exists. Empty when no such row exists.
     */
    public Optional<Tenant> adopt(int organizationId) {
        Optional<OrganizationRow> row = findRow("id", organizationId);
        row.ifPresent(found -> {
            ensurePartition(found);
            transactions.execute(tx -> ensureOrganizationResource(found));
        });
        return row.map(found -> new Tenant(found.id(), found.subdomain(), found.name()));
    }

    private RowOutcome insertOrMatchRow(NewTenant request) {
        List<Integer> inserted = jdbc.queryForList(
                """
                INSERT INTO organizations (name, subdomain, email, region, brand_name)
                SELECT ?, ?, ?, ?, ? FROM %s
                ON CONFLICT (subdomain) DO NOTHING
                RETURNING id
                """.formatted(ServerOrigin.markingFromItem()),
                Integer.class,
                request.name(),
                request.subdomain(),
                request.email(),
                request.region(),
                request.brandName());
        OrganizationRow row = findRow("subdomain", request.subdomain()).orElseThrow();
        if (inserted.isEmpty() && !sameRequest(row, request)) {
            throw new ResourceVersionConflictException(
                    "The subdomain '" + request.subdomain() + "' is already taken by another clinic");
        }
        return new RowOutcome(row, !inserted.isEmpty());
    }

    private static boolean sameRequest(OrganizationRow row, NewTenant request) {
        return row.name().equals(request.name())
                && row.email().equals(request.email())
                && row.region().equals(request.region())
                && row.brandName().equals(request.brandName());
    }

    private Optional<OrganizationRow> findRow(String column, Object value) {
        return jdbc
                .query(
                        """
                        SELECT id, name, subdomain, email, region, brand_name, subscription_status
                          FROM organizations WHERE %s = ?
                        """.formatted(column),
                        (rs, n) -> new OrganizationRow(
                                rs.getInt("id"),
                                rs.getString("name"),
                                rs.getString("subdomain"),
                                rs.getString("email"),
                                rs.getString("region"),
                                rs.getString("brand_name"),
                                rs.getString("subscription_status")),
                        value)
                .stream()
                .findFirst();
    }

    private void ensurePartition(OrganizationRow row) {
        try {
            partitions.getPartitionById(row.id());
        } catch (ResourceNotFoundException missing) {
            PartitionEntity partition = new PartitionEntity().setId(row.id()).setName(row.subdomain());
            partition.setDescription(row.name());
            partitions.createPartition(partition, new SystemRequestDetails());
        }
    }

    private String ensureOrganizationResource(OrganizationRow row) {
        Optional<String> linked = links.resourceId(row.id(), ORGANIZATIONS, row.id(), "Organization");
        if (linked.isPresent()) {
            return linked.get();
        }
        IFhirResourceDao<Organization> dao = daoRegistry.getResourceDao(Organization.class);
        Tenant tenant = new Tenant(row.id(), row.subdomain(), row.name());
        String resourceId = dao.create(
                        OrganizationMapper.toFhir(row), SystemRequestDetails.forRequestPartitionId(tenant.partition()))
                .getId()
                .getIdPart();
        links.link(row.id(), ORGANIZATIONS, row.id(), "Organization", resourceId);
        return resourceId;
    }

    private record RowOutcome(OrganizationRow row, boolean created) {}
}
