package health.cura.fhir.subscriptions;

import health.cura.fhir.operations.CuraOperation;
import health.cura.fhir.operations.OperationAccess;
import health.cura.fhir.operations.OperationAudit;

/**
 * An operation of the platform's owners on {@code /fhir/DEFAULT/}: only the platform's token calls it, and it shows
 * no patient's records (the platform's own actions are recorded in {@code cura_platform_actions}).
 */
abstract class PlatformOperation implements CuraOperation {

    @Override
    public final OperationAccess access() {
        return OperationAccess.platformOnly();
    }

    @Override
    public final OperationAudit audit() {
        return OperationAudit.NONE;
    }
}
