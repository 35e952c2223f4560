package health.cura.fhir.capture;

import java.util.Set;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;

/**
 * Takes the {@code capture} contributor out of the main health endpoint, which would otherwise include every
 * contributor; the {@code capture} group (configured in {@code application.yaml}) is where it counts.
 */
public final class CaptureHealthGroups implements HealthEndpointGroupsPostProcessor {

    static final String CONTRIBUTOR = "capture";

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup primary = groups.getPrimary();
        HealthEndpointGroup withoutCapture = new HealthEndpointGroup() {
            @Override
            public boolean isMember(String name) {
                return !CONTRIBUTOR.equals(name) && primary.isMember(name);
            }

            @Override
            public boolean showComponents(SecurityContext securityContext) {
                return primary.showComponents(securityContext);
            }

            @Override
            public boolean showDetails(SecurityContext securityContext) {
                return primary.showDetails(securityContext);
            }

            @Override
            public StatusAggregator getStatusAggregator() {
                return primary.getStatusAggregator();
            }

            @Override
            public HttpCodeStatusMapper getHttpCodeStatusMapper() {
                return primary.getHttpCodeStatusMapper();
            }

            @Override
            public AdditionalHealthEndpointPath getAdditionalPath() {
                return primary.getAdditionalPath();
            }
        };
        return new HealthEndpointGroups() {
            @Override
            public HealthEndpointGroup getPrimary() {
                return withoutCapture;
            }

            @Override
            public Set<String> getNames() {
                return groups.getNames();
            }

            @Override
            public HealthEndpointGroup get(String name) {
                return groups.get(name);
            }
        };
    }
}
