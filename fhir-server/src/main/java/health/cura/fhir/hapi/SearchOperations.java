package health.cura.fhir.hapi;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.Set;

/** The REST operations that are searches: of a type, of the whole clinic, and a later page of either. */
public final class SearchOperations {

    private SearchOperations() {}

    public static final Set<RestOperationTypeEnum> ALL = Set.of(
            RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);

    public static boolean isSearch(RestOperationTypeEnum operation) {
        return operation != null && ALL.contains(operation);
    }
}
