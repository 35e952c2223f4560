package health.cura.fhir.identity.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import health.cura.fhir.identity.SecurityProperties;
import health.cura.fhir.identity.external.ExternalTokenDecoder;
import health.cura.fhir.identity.external.IssuerRoutingJwtDecoder;
import health.cura.fhir.identity.launch.LaunchContexts;
import health.cura.fhir.identity.launch.LaunchRequestValidator;
import health.cura.fhir.identity.launch.LaunchTokenResponse;
import health.cura.fhir.identity.launch.PatientPickerRedirect;
import health.cura.fhir.identity.secrets.SecretCipher;
import health.cura.fhir.identity.staff.StaffAccounts;
import health.cura.fhir.limits.RequestLimitsProperties;
import health.cura.fhir.tenancy.TenantDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The built-in OAuth 2 / OpenID Connect authorization server (Spring Authorization Server): one issuer for every
 * clinic, whose tokens name their clinic. Clients, grants and consents are kept in PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
public class AuthorizationServerConfiguration {

    /** How long a verified token's signature is remembered; its claims are checked on every request regardless. */
    private static final Duration VERIFIED_REMEMBERED = Duration.ofMinutes(10);

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, ClientAssertionDecoders assertionDecoders,
            OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
            LaunchRequestValidator launchValidator, AuthorizationServerSettings settings) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponses =
                new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        tokenResponses.setAccessTokenResponseCustomizer(new LaunchTokenResponse());
        http.securityMatcher(server.getEndpointsMatcher())
                // Added before Spring's authorization endpoint filter, which is added at the same place later.
                .addFilterBefore(new PatientPickerRedirect(settings.getAuthorizationEndpoint()),
                        AbstractPreAuthenticatedProcessingFilter.class)
                .with(server, as -> as
                        .oidc(oidc -> oidc.providerConfigurationEndpoint(metadata -> metadata
                                .providerConfigurationCustomizer(config -> config.claims(AdvertisedMetadata::agreeWithSmart))))
                        .authorizationServerMetadataEndpoint(metadata -> metadata
                                .authorizationServerMetadataCustomizer(config -> config.claims(AdvertisedMetadata::agreeWithSmart)))
                        .authorizationEndpoint(endpoint -> endpoint.authenticationProviders(providers ->
                                providers.forEach(provider -> {
                                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                        codes.setAuthenticationValidator(
                                                new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                        .andThen(launchValidator));
                                    }
                                })))
                        .tokenEndpoint(token -> token.accessTokenResponseHandler(tokenResponses))
                        .tokenIntrospectionEndpoint(introspection -> introspection
                                .introspectionResponseHandler(new ClinicIntrospectionResponse()))
                        .clientAuthentication(authentication -> authentication
                                .authenticationConverters(converters -> {
                                    converters.add(0, new SmartClientAssertionConverter());
                                    converters.add(new PublicClientRefresh.Converter(authorizations, clients));
                                })
                                .authenticationProvider(new PublicClientRefresh.Provider(clients))
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                                        assertions.setJwtDecoderFactory(assertionDecoders);
                                    }
                                }))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
                        .defaultAuthenticationEntryPointFor(new InvalidClientEntryPoint(), AnyRequestMatcher.INSTANCE));
        return http.build();
    }

    /**
     * A request that asks for HTML by name, as a browser does; {@code Accept: *}{@code /*} (curl, most HTTP libraries)
     * is a client, which is told what is wrong in JSON rather than sent to a sign-in page.
     */
    private static MediaTypeRequestMatcher browsers() {
        MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return html;
    }

    @Bean
    ClientAssertionDecoders clientAssertionDecoders() {
        return new ClientAssertionDecoders(Clock.systemUTC());
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    ActiveAccessTokens activeAccessTokens(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new ActiveAccessTokens(new JdbcOAuth2AuthorizationService(jdbc, clients), Duration.ofSeconds(30));
    }

    @Bean
    OAuth2AuthorizationService authorizationService(
            JdbcTemplate jdbc, RegisteredClientRepository clients, ActiveAccessTokens activeTokens) {
        return new ForgettingAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients), activeTokens);
    }

    /**
     * Checks this server's access tokens (signature, lifetime, and that they were not revoked) and, when one is
     * configured, the external provider's.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, ActiveAccessTokens activeTokens, SecurityProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
                JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        NimbusJwtDecoder verifier = new NimbusJwtDecoder(processor);
        verifier.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
        JwtDecoder decoder = new VerifiedTokens(verifier,
                new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(), activeTokens), VERIFIED_REMEMBERED);
        SecurityProperties.ExternalIssuer external = properties.externalIssuer();
        return external.configured()
                ? new IssuerRoutingJwtDecoder(decoder,
                        ExternalTokenDecoder.create(external, VERIFIED_REMEMBERED), external.issuer())
                : decoder;
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(JdbcTemplate jdbc, SecretCipher cipher, PlatformTransactionManager transactions) {
        return new ImmutableJWKSet<>(new SigningKeyStore(jdbc, cipher, new TransactionTemplate(transactions)).load());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(SecurityProperties properties) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
        if (!properties.issuer().isBlank()) {
            settings.issuer(properties.issuer());
        }
        return settings.build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> clinicTokenClaims(StaffAccounts staff, LaunchContexts launches) {
        return new ClinicTokenClaims(staff, launches);
    }

    /** Signed JWT access and ID tokens with Cura's claims, and refresh tokens for {@code offline_access}. */
    @Bean
    OAuth2TokenGenerator<?> tokenGenerator(
            JWKSource<SecurityContext> keys, OAuth2TokenCustomizer<JwtEncodingContext> claims) {
        JwtGenerator jwts = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwts.setJwtCustomizer(claims);
        return new DelegatingOAuth2TokenGenerator(jwts, new OfflineAccessRefreshTokens());
    }

    @Bean
    ClientRegistrar clientRegistrar(RegisteredClientRepository clients, SecurityProperties properties) {
        return new ClientRegistrar(clients, properties);
    }

    @Bean
    RegisteredClientRates registeredClientRates(RegisteredClientRepository clients) {
        return new RegisteredClientRates(clients);
    }

    @Bean
    RegisteredClientPurposes registeredClientPurposes(RegisteredClientRepository clients) {
        return new RegisteredClientPurposes(clients);
    }

    @Bean
    ClientTenants clientTenants(TenantDirectory tenants) {
        return new ClientTenants(tenants);
    }

    @Bean
    RegisterClientOperation registerClientOperation(
            ClientRegistrar registrar, ClientTenants clinics, RequestLimitsProperties limits) {
        return new RegisterClientOperation(registrar, clinics, limits);
    }

    @Bean
    ClinicClients clinicClients(JdbcTemplate jdbc, OAuth2AuthorizationService authorizations,
            PlatformTransactionManager transactions) {
        return new ClinicClients(jdbc, authorizations, new TransactionTemplate(transactions));
    }

    @Bean
    ClientsOperation clientsOperation(ClinicClients clients, ClientTenants clinics) {
        return new ClientsOperation(clients, clinics);
    }

    @Bean
    RevokeClientOperation revokeClientOperation(ClinicClients clients, ClientTenants clinics) {
        return new RevokeClientOperation(clients, clinics);
    }

    /** The platform clients named in configuration are (re)declared at every start. */
    @Bean
    ApplicationRunner platformClients(ClientRegistrar registrar, SecurityProperties properties) {
        return args -> properties.platformClients()
                .forEach(client -> registrar.registerPlatformClient(client.clientId(), client.jwks()));
    }
}
