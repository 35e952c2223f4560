package health.cura.fhir.identity.smart;

import health.cura.fhir.identity.SecurityProperties;
import health.cura.fhir.tenancy.TenantDirectory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/** SMART discovery: the configuration document and the CapabilityStatement's security section. */
@Configuration(proxyBeanMethods = false)
public class SmartConfigurationBeans {

    @Bean
    AuthorizationServerUrls authorizationServerUrls(SecurityProperties properties, AuthorizationServerSettings settings) {
        return new AuthorizationServerUrls(properties, settings);
    }

    @Bean
    SmartCapabilityStatement smartCapabilityStatement(AuthorizationServerUrls urls) {
        return new SmartCapabilityStatement(urls);
    }

    @Bean
    FilterRegistrationBean<SmartConfigurationFilter> smartConfigurationFilter(
            AuthorizationServerUrls urls, TenantDirectory tenants) {
        FilterRegistrationBean<SmartConfigurationFilter> registration =
                new FilterRegistrationBean<>(new SmartConfigurationFilter(new SmartConfiguration(urls), tenants));
        registration.addUrlPatterns("/fhir/*");
        return registration;
    }
}
