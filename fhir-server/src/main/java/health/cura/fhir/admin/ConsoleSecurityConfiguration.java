package health.cura.fhir.admin;

import health.cura.fhir.identity.staff.StaffAuthenticationProvider;
import health.cura.fhir.identity.staff.TenantLoginDetails;
import health.cura.fhir.identity.staff.TolerantCsrfTokens;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Sessions for the consoles: a clinic's staff sign in at {@code /admin/{clinic}/login} (the clinic from the address,
 * the form posting only {@code username}, {@code password} and {@code _csrf}) and reach that clinic's pages only; the
 * platform's owners sign in at {@code /platform/login}. Every form carries a CSRF token; a form without a valid one
 * is refused with a page that says so.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    @Order(3)
    SecurityFilterChain clinicConsoleChain(
            HttpSecurity http, StaffAuthenticationProvider staff, ITemplateEngine pages) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/admin"), PATHS.matcher("/admin/**"),
                        PATHS.matcher("/webjars/**"), PATHS.matcher("/console/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/webjars/**"),
                                PATHS.matcher(HttpMethod.GET, "/console/**"),
                                PATHS.matcher(HttpMethod.GET, "/admin"), PATHS.matcher(HttpMethod.GET, "/admin/"),
                                PATHS.matcher("/admin/{clinic}/login"))
                        .permitAll()
                        .requestMatchers(PATHS.matcher("/admin/{clinic}/**")).access(staffOfTheClinic())
                        .anyRequest().denyAll());
        return signedInWithForms(http, staff, pages, "/admin/{clinic}/login", "/admin/{clinic}/logout");
    }

    @Bean
    @Order(3)
    SecurityFilterChain platformConsoleChain(
            HttpSecurity http, StaffAuthenticationProvider staff, ITemplateEngine pages) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PATHS.matcher("/platform"), PATHS.matcher("/platform/**")))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PATHS.matcher("/platform/login")).permitAll()
                        .anyRequest().access((authentication, context) -> new AuthorizationDecision(
                                ConsoleUser.of(authentication.get()).filter(ConsoleUser::platformOwner).isPresent())));
        return signedInWithForms(http, staff, pages, "/platform/login", "/platform/logout");
    }

    private static SecurityFilterChain signedInWithForms(HttpSecurity http, StaffAuthenticationProvider staff,
            ITemplateEngine pages, String signIn, String signOut) throws Exception {
        http
                // its own manager, as the sign-in page's: a refused password is checked and counted once
                .authenticationManager(new ProviderManager(staff))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(new TolerantCsrfTokens()))
                .formLogin(login -> login
                        .loginPage(signIn)
                        .loginProcessingUrl(signIn)
                        .authenticationDetailsSource(request -> new TenantLoginDetails(
                                ConsolePaths.tenantOfSignIn(request), request.getRemoteAddr(),
                                request.getHeader("User-Agent")))
                        .successHandler((request, response, signedIn) ->
                                response.sendRedirect(ConsolePaths.homeOf(request)))
                        .failureHandler((request, response, failure) ->
                                response.sendRedirect(ConsolePaths.signInOf(request) + "?error")))
                .logout(logout -> logout
                        .logoutRequestMatcher(PATHS.matcher(HttpMethod.POST, signOut))
                        .logoutSuccessHandler((request, response, signedOut) ->
                                response.sendRedirect(ConsolePaths.signInOf(request) + "?signedOut")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, unauthenticated) ->
                                response.sendRedirect(ConsolePaths.signInOf(request)))
                        .accessDeniedHandler((request, response, denied) -> {
                            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                            response.setContentType("text/html;charset=UTF-8");
                            WebContext page = new WebContext(JakartaServletWebApplication
                                    .buildApplication(request.getServletContext()).buildExchange(request, response),
                                    Locale.UK, Map.of("forgedForm", denied instanceof CsrfException,
                                            "signIn", ConsolePaths.signInOf(request)));
                            pages.process("console/denied", page, response.getWriter());
                        }))
                .headers(headers -> headers.contentSecurityPolicy(policy -> policy.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")));
        return http.build();
    }

    /** A clinic's pages: its own staff only; anyone else signed in is refused, a stranger sent to sign in. */
    private static AuthorizationManager<RequestAuthorizationContext> staffOfTheClinic() {
        return (authentication, context) -> {
            String clinic = context.getVariables().get("clinic");
            return new AuthorizationDecision(
                    ConsoleUser.of(authentication.get()).filter(user -> user.staffOf(clinic)).isPresent());
        };
    }
}
