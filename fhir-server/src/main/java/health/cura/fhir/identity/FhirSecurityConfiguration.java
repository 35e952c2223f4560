package health.cura.fhir.identity;

import health.cura.fhir.grant.PlatformScopes;
import health.cura.fhir.hapi.OperationOutcomeErrors;
import health.cura.fhir.identity.external.IssuerAwareGrants;
import health.cura.fhir.identity.external.PractitionerAccounts;
import health.cura.fhir.identity.staff.StaffAuthenticationProvider;
import health.cura.fhir.identity.staff.TenantLoginDetails;
import health.cura.fhir.identity.staff.TolerantCsrfTokens;
import health.cura.fhir.tables.ResourceLinks;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RegexRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * Who may call the FHIR endpoint: everyone for a clinic's {@code metadata} and SMART configuration, bearers of this
 * server's access tokens for the rest. What a token allows is decided in HAPI, by the {@code access} package.
 */
@Configuration(proxyBeanMethods = false)
public class FhirSecurityConfiguration {

    /** {@code /fhir/{tenant}/metadata} and {@code /fhir/{tenant}/.well-known/smart-configuration}. */
    static final String PUBLIC_FHIR_PATHS = "^/fhir/[^/]+/(metadata|\\.well-known/smart-configuration)(\\?.*)?$";

    /** Where browser apps may call from another origin: the FHIR API and the token-related OAuth endpoints. */
    private static final List<String> CORS_PATHS =
            List.of("/fhir/", "/oauth2/token", "/oauth2/revoke", "/oauth2/jwks", "/.well-known/");

    @Bean
    @Order(2)
    SecurityFilterChain fhirChain(HttpSecurity http, IssuerAwareGrants grants) throws Exception {
        // Paths are matched on the whole URI: /fhir is HAPI's servlet, not Spring MVC's.
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher("/fhir/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher(HttpMethod.OPTIONS, "/fhir/**")).permitAll()
                        .requestMatchers(RegexRequestMatcher.regexMatcher(HttpMethod.GET, PUBLIC_FHIR_PATHS)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(grants))
                        .authenticationEntryPoint(OperationOutcomeErrors.unauthenticated())
                        .accessDeniedHandler(OperationOutcomeErrors.denied()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(OperationOutcomeErrors.unauthenticated())
                        .accessDeniedHandler(OperationOutcomeErrors.denied()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens are not sent by browsers on their own, so cross-site request forgery does not apply.
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults());
        return http.build();
    }

    /** The operator's endpoints (metrics): the platform's tokens only. Health and info stay public. */
    @Bean
    @Order(3)
    SecurityFilterChain operatorChain(HttpSecurity http, IssuerAwareGrants grants) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher("/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/actuator/health"), paths.matcher("/actuator/health/**"),
                                paths.matcher("/actuator/info"))
                        .permitAll()
                        .anyRequest().hasAuthority("SCOPE_" + PlatformScopes.PLATFORM))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(grants))
                        .authenticationEntryPoint(OperationOutcomeErrors.unauthenticated())
                        .accessDeniedHandler(OperationOutcomeErrors.denied()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain applicationChain(HttpSecurity http, StaffAuthenticationProvider staff) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(paths.matcher("/error"), paths.matcher("/.well-known/**"),
                                paths.matcher("/login"), paths.matcher(HttpMethod.GET, "/conformance/**"))
                        .permitAll()
                        .anyRequest().authenticated())
                // Its own manager, without the global parent that also holds the staff provider bean: a refused
                // password must be checked (and counted toward lockout) once, not twice.
                .authenticationManager(new ProviderManager(staff))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new TolerantCsrfTokens()))
                // a form refused as forged or expired (its CSRF token) gets a page of ours, not Spring's error page
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, denied) -> {
                    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                    response.setContentType("text/html;charset=UTF-8");
                    response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<title>Form refused</title></head><body><main><h1>This form could not be accepted</h1>"
                            + "<p>It has expired or was not sent from this server's page. Open the sign-in page again "
                            + "and submit it from there.</p><p><a href=\"" + request.getContextPath()
                            + "/login\">Back to sign in</a></p></main></body></html>");
                }))
                .formLogin(login -> login
                        .loginPage("/login")
                        .permitAll()
                        .authenticationDetailsSource(request -> new TenantLoginDetails(request.getParameter("tenant"),
                                request.getRemoteAddr(), request.getHeader("User-Agent")))
                        .failureHandler((request, response, failure) -> response.sendRedirect(
                                request.getContextPath() + "/login?error&tenant="
                                        + URLEncoder.encode(String.valueOf(request.getParameter("tenant")),
                                                StandardCharsets.UTF_8))))
                .cors(Customizer.withDefaults());
        return http.build();
    }

    /** Browser apps (SMART apps in particular) call the FHIR API and the token endpoint from their own origin. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer", "If-Match",
                "If-None-Match", "If-None-Exist", "If-Modified-Since", "X-Request-Id"));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "Last-Modified", "WWW-Authenticate",
                "X-Request-Id"));
        cors.setMaxAge(3600L);
        // Matched on the whole URI: /fhir/... belongs to HAPI's servlet, which Spring's path lookup leaves out.
        return request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return CORS_PATHS.stream().anyMatch(path::startsWith) ? cors : null;
        };
    }

    /** Reads this server's tokens and, when one is configured, the external provider's. */
    @Bean
    IssuerAwareGrants issuerAwareGrants(SecurityProperties properties, ResourceLinks links) {
        return new IssuerAwareGrants(properties.externalIssuer(), new PractitionerAccounts(links));
    }
}
