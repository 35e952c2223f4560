package health.cura.fhir.admin;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A FHIR request the console makes on behalf of the person at the browser: its own method, path, query, body and
 * principal, the browser's address and user agent (which the audit trail records). Nothing of the browser's own
 * request (its parameters, cookies, attributes) reaches HAPI.
 */
final class InProcessRequest extends HttpServletRequestWrapper {

    private static final String SERVLET_PATH = "/fhir";

    private final String method;
    private final String pathInfo;
    private final Map<String, String[]> parameters;
    private final byte[] body;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Principal principal;
    private final Map<String, Object> attributes = new HashMap<>();

    InProcessRequest(HttpServletRequest browser, String method, String pathInfo, Map<String, List<String>> query,
            byte[] body, String contentType, Principal principal) {
        super(browser);
        this.method = method;
        this.pathInfo = pathInfo;
        this.parameters = query.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                entry -> entry.getValue().toArray(String[]::new), (a, b) -> a, LinkedHashMap::new));
        this.body = body == null ? new byte[0] : body;
        this.principal = principal;
        headers.put("accept", List.of("application/fhir+json"));
        // a page shows what is stored now: HAPI would answer a repeated search from its cache of recent results
        headers.put("cache-control", List.of("no-cache"));
        if (contentType != null) {
            headers.put("content-type", List.of(contentType));
        }
        String userAgent = browser.getHeader("User-Agent");
        if (userAgent != null) {
            headers.put("user-agent", List.of(userAgent));
        }
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getServletPath() {
        return SERVLET_PATH;
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }

    @Override
    public String getRequestURI() {
        return getContextPath() + SERVLET_PATH + pathInfo;
    }

    @Override
    public StringBuffer getRequestURL() {
        HttpServletRequest browser = (HttpServletRequest) getRequest();
        StringBuffer url = new StringBuffer(browser.getScheme()).append("://").append(browser.getServerName());
        int port = browser.getServerPort();
        if (!(port == 80 && "http".equals(browser.getScheme())) && !(port == 443 && "https".equals(browser.getScheme()))) {
            url.append(':').append(port);
        }
        return url.append(getRequestURI());
    }

    @Override
    public String getQueryString() {
        if (parameters.isEmpty()) {
            return null;
        }
        return parameters.entrySet().stream()
                .flatMap(entry -> java.util.Arrays.stream(entry.getValue())
                        .map(value -> encode(entry.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String getParameter(String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        return parameters.get(name);
    }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return Collections.enumeration(headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public long getDateHeader(String name) {
        return -1;
    }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override
    public String getContentType() {
        return getHeader("content-type");
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("The console's requests are read at once");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(attributes.keySet());
    }

    @Override
    public void setAttribute(String name, Object value) {
        attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }
}
