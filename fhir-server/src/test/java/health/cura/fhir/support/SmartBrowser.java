package health.cura.fhir.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser for the sign-in and authorization pages: keeps cookies, follows no redirect on its own, and submits forms
 * as a person would (with the page's CSRF token).
 */
public final class SmartBrowser {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String origin;
    private final String forwardedFor;

    public SmartBrowser(int port) {
        this(port, null);
    }

    /**
     * A browser at {@code clientAddress}, behind a reverse proxy on this machine that says so in
     * {@code X-Forwarded-For} (the tests' server trusts proxies on loopback, as Tomcat does by default).
     */
    public SmartBrowser(int port, String clientAddress) {
        this.origin = "http://localhost:" + port;
        this.forwardedFor = clientAddress;
    }

    public String origin() {
        return origin;
    }

    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(absolute(url))).header("Accept", "text/html"));
    }

    public HttpResponse<String> post(String url, Map<String, String> values) {
        return send(HttpRequest.newBuilder(URI.create(absolute(url)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form(values))));
    }

    /** Signs in on the clinic's page; true when the server accepted the password. */
    public boolean signIn(String tenant, String username, String password) {
        HttpResponse<String> page = get("/login?tenant=" + tenant);
        assertThat(page.statusCode()).isEqualTo(200);
        HttpResponse<String> submitted = submitSignIn(page.body(), username, password);
        return !location(submitted).contains("error");
    }

    /** Fills in and submits the sign-in form of {@code page}. */
    public HttpResponse<String> submitSignIn(String page, String username, String password) {
        Matcher tenant = Pattern.compile("name=\"tenant\" value=\"([^\"]+)\"").matcher(page);
        assertThat(tenant.find()).as("the sign-in form").isTrue();
        HttpResponse<String> response = post("/login", Map.of(
                "username", username, "password", password, "tenant", tenant.group(1), "_csrf", csrf(page)));
        assertThat(response.statusCode()).isEqualTo(302);
        return response;
    }

    /** Follows an authorization request through the sign-in page; returns the answer after signing in. */
    public HttpResponse<String> authorizeSigningIn(String authorizeUrl, String username, String password) {
        HttpResponse<String> first = get(authorizeUrl);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
        String loginUrl = location(first);
        assertThat(loginUrl).endsWith("/login");
        HttpResponse<String> signedIn = submitSignIn(get(loginUrl).body(), username, password);
        String back = location(signedIn);
        assertThat(back).contains("/oauth2/authorize");
        return get(back);
    }

    public static String csrf(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).as("a form with a CSRF token").isTrue();
        return csrf.group(1);
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    /** A query parameter of a redirect, decoded. */
    public static Optional<String> parameter(String url, String name) {
        Matcher value = Pattern.compile("[?&]" + Pattern.quote(name) + "=([^&]*)").matcher(url);
        return value.find() ? Optional.of(URLDecoder.decode(value.group(1), StandardCharsets.UTF_8)) : Optional.empty();
    }

    public static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The S256 PKCE challenge of a verifier. */
    public static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String absolute(String url) {
        return url.startsWith("http") ? url : origin + url;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
