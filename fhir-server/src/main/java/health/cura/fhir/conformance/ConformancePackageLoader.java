package health.cura.fhir.conformance;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import health.cura.conformance.ConformancePackage;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MetadataResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the Cura conformance package into the shared {@code DEFAULT} partition at every start, before anything else
 * writes, with the definitions of the operations the server offers ({@link StoredOperationDefinitions}). Each resource is a conditional update on its canonical URL: the first start creates it, a restart with the
 * same package changes nothing (HAPI writes no new version of unchanged content), and a newer package updates it.
 */
@Component
@Order(0)
public class ConformancePackageLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConformancePackageLoader.class);

    private final DaoRegistry daos;
    private final ISearchParamRegistry searchParameters;
    private final PartitionSettings partitionSettings;
    private final StoredOperationDefinitions operationDefinitions;

    public ConformancePackageLoader(DaoRegistry daos, ISearchParamRegistry searchParameters,
            PartitionSettings partitionSettings, StoredOperationDefinitions operationDefinitions) {
        this.operationDefinitions = operationDefinitions;
        this.daos = daos;
        this.searchParameters = searchParameters;
        this.partitionSettings = partitionSettings;
    }

    @Override
    public void run(ApplicationArguments args) {
        load();
    }

    /** Returns how many resources were created or changed. */
    public int load() {
        List<MetadataResource> resources = new ArrayList<>(ConformancePackage.resources());
        resources.addAll(operationDefinitions.ours());
        int changed = 0;
        for (MetadataResource resource : resources) {
            if (store(resource)) {
                log.info("Stored {} (new or changed)", resource.getUrl());
                changed++;
            }
        }
        changed += operationDefinitions.storeMissingStandard(
                url -> !find(url).isEmpty(), definition -> store(definition));
        searchParameters.forceRefresh();
        log.info("Cura conformance package {}: {} resources, {} created or changed",
                ConformancePackage.VERSION, resources.size(), changed);
        return changed;
    }

    private List<?> find(String url) {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestPartitionId(RequestPartitionId.defaultPartition(partitionSettings));
        return daos.getResourceDao("OperationDefinition")
                .search(SearchParameterMap.newSynchronous("url", new UriParam(url)), request).getAllResources();
    }

    @SuppressWarnings("unchecked")
    private boolean store(MetadataResource resource) {
        IFhirResourceDao<MetadataResource> dao =
                (IFhirResourceDao<MetadataResource>) daos.getResourceDao(resource.fhirType());
        SystemRequestDetails request = new SystemRequestDetails();
        request.setRequestPartitionId(RequestPartitionId.defaultPartition(partitionSettings));
        DaoMethodOutcome outcome = dao.update(resource, resource.fhirType() + "?url=" + resource.getUrl(), request);
        return Boolean.TRUE.equals(outcome.getCreated()) || !outcome.isNop();
    }
}
