package health.cura.fhir.gdpr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import health.cura.fhir.audit.PatientsOfRecord;
import health.cura.fhir.hapi.FhirHooks;
import health.cura.fhir.hapi.HookScope;
import health.cura.fhir.hapi.Phase;
import health.cura.fhir.tenancy.TenantDirectory;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A restricted patient's data is stored, not processed: bulk {@code $export} leaves out their records, whoever
 * exports, as the restrictions stand when each record is written out. It runs before the export's audit, so what is
 * left out is not recorded as exported.
 */
@FhirHooks(scope = HookScope.ALL_WRITES, phase = Phase.AUTHORIZE)
@Interceptor
public class RestrictionGatedExport {

    private static final String CLINIC = RestrictionGatedExport.class.getName() + ".clinic";

    private final ProcessingRestrictions restrictions;
    private final TenantDirectory tenants;
    private final PatientsOfRecord patients;

    public RestrictionGatedExport(ProcessingRestrictions restrictions, TenantDirectory tenants, FhirContext fhir) {
        this.restrictions = restrictions;
        this.tenants = tenants;
        this.patients = new PatientsOfRecord(fhir);
    }

    @Hook(value = Pointcut.STORAGE_INITIATE_BULK_EXPORT, order = Phase.AUTHORIZE_ORDER + 1)
    public void started(BulkExportJobParameters export, RequestDetails request) {
        if (request != null && request.getTenantId() != null) {
            tenants.findBySubdomain(request.getTenantId()).ifPresent(clinic -> export.setUserData(CLINIC, clinic.id()));
        }
    }

    @Hook(value = Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION, order = Phase.AUTHORIZE_ORDER + 1)
    public boolean including(BulkExportJobParameters export, IBaseResource resource) {
        if (!(export.getUserData().get(CLINIC) instanceof Number clinic)) {
            return true;
        }
        List<String> of = patients.of(resource);
        return of.isEmpty() || restrictions.inForce(clinic.intValue(), of).isEmpty();
    }
}
