package health.cura.fhir.identity.launch;

import health.cura.fhir.identity.oauth.ClientSettingNames;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;

/**
 * Checks the SMART parts of an authorization request, after Spring's own checks of the redirect URI and scopes:
 * <ul>
 *   <li>{@code aud} must be the FHIR endpoint of the app's clinic, so a token is never sent to a server it was not
 *       meant for;
 *   <li>{@code launch} must name a launch context of that clinic, recent enough, for this app and for the signed-in
 *       user when the EHR bound it to them. A standalone {@code launch/patient} request goes through the patient
 *       picker first, which adds the {@code launch} it opened.
 * </ul>
 * Failures go back to the app's redirect URI as {@code invalid_request}.
 */
public final class LaunchRequestValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

    private final LaunchContexts launches;

    public LaunchRequestValidator(LaunchContexts launches) {
        this.launches = launches;
    }

    @Override
    public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
        OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
        String tenant = context.getRegisteredClient().getClientSettings().getSetting(ClientSettingNames.TENANT);
        if (tenant == null) {
            return; // not a clinic's app
        }
        checkAudience(request, tenant);
        if (!LaunchScopes.asksForPatient(request.getScopes())) {
            return;
        }
        Object launchParameter = request.getAdditionalParameters().get(LaunchScopes.PARAMETER);
        if (!(launchParameter instanceof String launchId) || launchId.isBlank()) {
            if (request.getScopes().contains(LaunchScopes.EHR)) {
                throw invalid(request, "The launch scope needs the launch parameter the EHR gave the app");
            }
            if (signedIn(request).isPresent()) {
                throw invalid(request, "No patient was chosen for launch/patient");
            }
            return; // the user signs in first, then picks the patient
        }
        LaunchContext launch = launches.find(launchId)
                .filter(launches::canStart)
                .filter(found -> found.tenant().equals(tenant))
                .filter(found -> found.clientId().map(context.getRegisteredClient().getClientId()::equals).orElse(true))
                .orElseThrow(() -> invalid(request, "The launch is unknown, has expired or is for another app"));
        Optional<String> user = signedIn(request).map(Authentication::getName);
        if (user.isPresent() && launch.account().filter(account -> !account.equals(user.get())).isPresent()) {
            throw invalid(request, "The launch was opened for another user");
        }
    }

    private static void checkAudience(OAuth2AuthorizationCodeRequestAuthenticationToken request, String tenant) {
        Object aud = request.getAdditionalParameters().get("aud");
        String expected = AuthorizationServerContextHolder.getContext().getIssuer() + "/fhir/" + tenant;
        if (!(aud instanceof String audience) || !stripSlash(audience).equals(expected)) {
            throw invalid(request, "aud must be this clinic's FHIR endpoint, " + expected);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Optional<Authentication> signedIn(OAuth2AuthorizationCodeRequestAuthenticationToken request) {
        return request.getPrincipal() instanceof Authentication user
                && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)
                ? Optional.of(user) : Optional.empty();
    }

    private static OAuth2AuthorizationCodeRequestAuthenticationException invalid(
            OAuth2AuthorizationCodeRequestAuthenticationToken request, String description) {
        return new OAuth2AuthorizationCodeRequestAuthenticationException(
                new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, null), request);
    }
}
