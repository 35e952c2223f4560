package health.cura.fhir.hapi;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.binary.interceptor.BinaryStorageInterceptor;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;

/**
 * Registers every {@link FhirHooks} bean, once all beans exist and before the REST server serves its first request
 * or the first write is made: request-scoped ones on the REST server, all-writes ones on HAPI's JPA interceptor
 * service, each group in the order of the pipeline's phases.
 */
@Component
public class HookRegistrar implements SmartInitializingSingleton {

    private final ApplicationContext context;
    private final RestfulServer server;
    private final IInterceptorService jpaInterceptors;
    private final BinaryStorageInterceptor<?> binaryStorage;

    public HookRegistrar(ApplicationContext context, RestfulServer server, IInterceptorService jpaInterceptors,
            BinaryStorageInterceptor<?> binaryStorage) {
        this.context = context;
        this.server = server;
        this.jpaInterceptors = jpaInterceptors;
        this.binaryStorage = binaryStorage;
    }

    @Override
    public void afterSingletonsInstantiated() {
        // HAPI's own interceptors that the server turns on: large content kept out of stored resources (the
        // {@code binary} package configures where), and HTML answers for browsers.
        jpaInterceptors.registerInterceptor(binaryStorage);
        for (Object hooks : inPipelineOrder(context.getBeansWithAnnotation(FhirHooks.class))) {
            FhirHooks declared = declaration(hooks);
            switch (declared.scope()) {
                case REQUESTS -> server.registerInterceptor(hooks);
                case ALL_WRITES -> jpaInterceptors.registerInterceptor(hooks);
            }
        }
        server.registerInterceptor(new ResponseHighlighterInterceptor());
    }

    static List<Object> inPipelineOrder(Map<String, Object> beans) {
        return beans.values().stream()
                .sorted(Comparator.comparing((Object hooks) -> declaration(hooks).phase())
                        .thenComparing(hooks -> hooks.getClass().getName()))
                .toList();
    }

    private static FhirHooks declaration(Object hooks) {
        return AnnotationUtils.findAnnotation(hooks.getClass(), FhirHooks.class);
    }
}
