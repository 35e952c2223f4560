package health.cura.fhir.limits;

import com.github.benmanes.caffeine.cache.Ticker;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The limits' beans: request rates, the fair share of the pool and their filters, and the statement timeout of the server's pool. */
@Configuration(proxyBeanMethods = false)
public class LimitsConfiguration {

    @Bean
    FairShare fairShare(DataSource dataSource) throws java.sql.SQLException {
        return new FairShare(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize());
    }

    @Bean
    RequestRates requestRates(RequestLimitsProperties limits) {
        return new RequestRates(limits.burst(), Ticker.systemTicker());
    }

    /** After Spring Security's filters (order -100), on the FHIR endpoint only; the cheapest refusal first. */
    @Bean
    FilterRegistrationBean<RequestRateFilter> requestRateFilter(
            RequestRates rates, ClientRequestRates clientRates, RequestLimitsProperties limits) {
        FilterRegistrationBean<RequestRateFilter> registration =
                new FilterRegistrationBean<>(new RequestRateFilter(rates, clientRates, limits));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(-1);
        return registration;
    }

    /** After the rates. */
    @Bean
    FilterRegistrationBean<FairShareFilter> fairShareFilter(FairShare share, RequestLimitsProperties limits) {
        FilterRegistrationBean<FairShareFilter> registration =
                new FilterRegistrationBean<>(new FairShareFilter(share, limits));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(0);
        registration.setEnabled(limits.fairShare());
        return registration;
    }

    /** After the fair share: a request over its clinic's share is not read at all. */
    @Bean
    FilterRegistrationBean<RequestBodyFilter> requestBodyFilter(RequestLimitsProperties limits) {
        FilterRegistrationBean<RequestBodyFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyFilter(limits));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(1);
        return registration;
    }

    /** Static: it must see the data source before anything borrows a connection from it. */
    @Bean
    static BeanPostProcessor statementTimeout(org.springframework.core.env.Environment environment) {
        return new StatementTimeout(environment);
    }
}
