package health.cura.fhir.admin;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import health.cura.fhir.identity.staff.StaffAccounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The consoles' controllers receive a {@link ConsoleSession} of the signed-in person. */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    private final ConsoleFhir fhir;

    public ConsoleWebConfiguration(RestfulServer server, FhirContext context, StaffAccounts accounts) {
        this.fhir = new ConsoleFhir(server, context, new ConsoleGrants(accounts));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == ConsoleSession.class;
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                    NativeWebRequest request, WebDataBinderFactory binders) {
                ConsoleUser user = ConsoleUser.of(SecurityContextHolder.getContext().getAuthentication())
                        .orElseThrow(() -> new ConsoleRefusal(HttpServletResponse.SC_FORBIDDEN,
                                "Sign in to use the console."));
                return new ConsoleSession(fhir, request.getNativeRequest(HttpServletRequest.class),
                        request.getNativeResponse(HttpServletResponse.class), user);
            }
        });
    }
}
