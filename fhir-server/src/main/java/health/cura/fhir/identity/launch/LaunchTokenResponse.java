package health.cura.fhir.identity.launch;

import com.nimbusds.jwt.SignedJWT;
import health.cura.fhir.grant.TokenClaims;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/**
 * Tells the app its launch context in the token response, as SMART requires: {@code patient} beside the access
 * token, and {@code need_patient_banner}, since Cura does not show the app inside a frame that names the patient.
 */
public final class LaunchTokenResponse implements Consumer<OAuth2AccessTokenAuthenticationContext> {

    @Override
    public void accept(OAuth2AccessTokenAuthenticationContext context) {
        String patient = patientOf(context.<OAuth2AccessTokenAuthenticationToken>getAuthentication().getAccessToken().getTokenValue());
        if (patient == null) {
            return;
        }
        // The builder replaces its parameters as a whole, so keep the ones already there (the ID token).
        Map<String, Object> parameters = new HashMap<>(context.<OAuth2AccessTokenAuthenticationToken>getAuthentication().getAdditionalParameters());
        parameters.put("patient", patient);
        parameters.put("need_patient_banner", true);
        context.getAccessTokenResponse().additionalParameters(parameters);
    }

    /** The token was signed by this server a moment ago, in this request: its claims need no second check. */
    private static String patientOf(String accessToken) {
        try {
            return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim(TokenClaims.PATIENT);
        } catch (ParseException e) {
            return null;
        }
    }
}
