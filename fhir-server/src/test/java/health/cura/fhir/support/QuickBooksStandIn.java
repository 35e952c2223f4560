package health.cura.fhir.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QuickBooks Online, as far as Cura uses it, on a local port: Intuit's token endpoint (code exchange and refresh,
 * with rotating refresh tokens), {@code CompanyInfo}, queries by {@code DisplayName}, and creating customers,
 * invoices and payments with QuickBooks' checks (a customer's name is unique; an invoice's lines are quantity times
 * unit price and its customer exists; a payment's lines add up to its total and link an invoice that exists) and its
 * {@code requestid} idempotency. Each company (realm) keeps its own books; a test can make its next calls fail or its
 * access tokens expire. One per test JVM, started before the shared server that is configured to call it.
 */
public final class QuickBooksStandIn {

    public static final String CLIENT_ID = "cura-test-app";
    public static final String CLIENT_SECRET = "cura-test-secret";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ENTITY = Pattern.compile(
            "/v3/company/([^/]+)/(customer|invoice|payment|creditmemo|refundreceipt)");
    private static final Map<String, String> ENTITIES = Map.of("customer", "Customer", "invoice", "Invoice",
            "payment", "Payment", "creditmemo", "CreditMemo", "refundreceipt", "RefundReceipt");
    private static final Pattern COMPANY = Pattern.compile("/v3/company/([^/]+)/companyinfo/([^/]+)");
    private static final Pattern QUERY = Pattern.compile("/v3/company/([^/]+)/query");
    private static HttpServer server;

    /** One company's books and what the test arranged for it. */
    public static final class Company {
        public final Map<String, List<JsonNode>> entities = new ConcurrentHashMap<>();
        final Map<String, JsonNode> answers = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
        public final AtomicInteger refreshes = new AtomicInteger();
        final AtomicInteger ids = new AtomicInteger(100);

        public List<JsonNode> of(String entity) {
            return entities.getOrDefault(entity, List.of());
        }

        /** The next {@code times} creations of {@code entity} are refused with a business validation fault. */
        public void refuseNext(String entity, int times) {
            failures.put(entity, new AtomicInteger(times));
        }
    }

    private static final Map<String, Company> COMPANIES = new ConcurrentHashMap<>();
    private static final Map<String, String> ACCESS = new ConcurrentHashMap<>();
    private static final Map<String, String> REFRESH = new ConcurrentHashMap<>();
    private static final AtomicInteger TOKENS = new AtomicInteger();

    private QuickBooksStandIn() {}

    public static synchronized String tokenUrl() {
        return base() + "/oauth2/v1/tokens/bearer";
    }

    public static synchronized String apiUrl() {
        return base() + "/v3";
    }

    public static Company company(String realmId) {
        return COMPANIES.computeIfAbsent(realmId, realm -> new Company());
    }

    /** Every access token of the company expires at once (QuickBooks then answers 401). */
    public static void expireAccessTokens(String realmId) {
        ACCESS.values().removeIf(realmId::equals);
    }

    private static String base() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                try {
                    handle(exchange);
                } catch (RuntimeException e) {
                    send(exchange, 500, fault("Internal", "500", e.toString()));
                }
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
            server.start();
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/oauth2/v1/tokens/bearer")) {
            token(exchange);
            return;
        }
        String realm = realmOf(exchange);
        if (realm == null) {
            send(exchange, 401, fault("AuthenticationFailed", "3200", "Token expired or unknown"));
            return;
        }
        Matcher companyInfo = COMPANY.matcher(path);
        if (companyInfo.matches() && realm.equals(companyInfo.group(1))) {
            ObjectNode answer = JSON.createObjectNode();
            answer.putObject("CompanyInfo").put("CompanyName", "Clinic " + realm).put("Country", "GB");
            send(exchange, 200, answer);
            return;
        }
        Matcher search = QUERY.matcher(path);
        if (search.matches() && realm.equals(search.group(1))) {
            Matcher name = Pattern.compile("DisplayName = '(.*)'").matcher(query.getOrDefault("query", ""));
            ObjectNode answer = JSON.createObjectNode();
            ObjectNode response = answer.putObject("QueryResponse");
            if (name.find()) {
                String wanted = name.group(1).replace("\\'", "'");
                var found = response.putArray("Customer");
                company(realm).of("Customer").stream().filter(c -> wanted.equals(c.path("DisplayName").asText()))
                        .forEach(found::add);
                if (found.isEmpty()) {
                    response.remove("Customer");
                }
            }
            send(exchange, 200, answer);
            return;
        }
        Matcher entity = ENTITY.matcher(path);
        if (!entity.matches() || !realm.equals(entity.group(1)) || !"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 404, fault("Not found", "610", path));
            return;
        }
        create(exchange, company(realm), ENTITIES.get(entity.group(2)), query.get("requestid"));
    }

    private static synchronized void create(HttpExchange exchange, Company company, String type, String requestId)
            throws IOException {
        String key = type + "/" + requestId;
        if (requestId != null && company.answers.containsKey(key)) {
            send(exchange, 200, company.answers.get(key));
            return;
        }
        AtomicInteger refusals = company.failures.get(type);
        if (refusals != null && refusals.getAndDecrement() > 0) {
            send(exchange, 400, fault("A business validation error has occurred while processing your request",
                    "6000", "Business Validation Error: the books are closed for this period"));
            return;
        }
        ObjectNode body = (ObjectNode) JSON.readTree(exchange.getRequestBody());
        String problem = check(company, type, body);
        if (problem != null) {
            send(exchange, 400, fault(problem.startsWith("Duplicate") ? "Duplicate Name Exists Error"
                    : "A business validation error has occurred", problem.startsWith("Duplicate") ? "6240" : "6000",
                    problem));
            return;
        }
        body.put("Id", String.valueOf(company.ids.incrementAndGet()));
        body.put("SyncToken", "0");
        company.entities.computeIfAbsent(type, t -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(body);
        ObjectNode answer = JSON.createObjectNode();
        answer.set(type, body);
        answer.put("time", "2026-12-03T10:00:00.000-08:00");
        if (requestId != null) {
            company.answers.put(key, answer);
        }
        send(exchange, 200, answer);
    }

    private static String check(Company company, String type, JsonNode body) {
        switch (type) {
            case "Customer" -> {
                String name = body.path("DisplayName").asText("");
                if (name.isBlank()) {
                    return "DisplayName is required";
                }
                if (company.of("Customer").stream().anyMatch(c -> name.equals(c.path("DisplayName").asText()))) {
                    return "Duplicate Name Exists Error: The name supplied already exists. : " + name;
                }
            }
            case "Invoice", "CreditMemo", "RefundReceipt" -> {
                if (!exists(company, "Customer", body.path("CustomerRef").path("value").asText())) {
                    return "Invalid Reference Id: CustomerRef";
                }
                if (body.path("DocNumber").asText("").length() > 21) {
                    return "String length is either shorter or longer than supported by specification: DocNumber";
                }
                if ("RefundReceipt".equals(type) && body.path("DepositToAccountRef").path("value").asText("").isEmpty()) {
                    return "Required parameter DepositToAccountRef is missing";
                }
                for (JsonNode line : body.path("Line")) {
                    if (line.path("Amount").decimalValue().signum() < 0) {
                        return "Amount must not be negative";
                    }
                    if ("SalesItemLineDetail".equals(line.path("DetailType").asText())) {
                        JsonNode detail = line.path("SalesItemLineDetail");
                        BigDecimal expected = detail.path("Qty").decimalValue().multiply(
                                detail.path("UnitPrice").decimalValue()).setScale(2, java.math.RoundingMode.HALF_UP);
                        if (expected.compareTo(line.path("Amount").decimalValue()) != 0) {
                            return "Amount is not equal to UnitPrice * Qty";
                        }
                    }
                }
            }
            default -> {
                if (!exists(company, "Customer", body.path("CustomerRef").path("value").asText())) {
                    return "Invalid Reference Id: CustomerRef";
                }
                BigDecimal lines = BigDecimal.ZERO;
                for (JsonNode line : body.path("Line")) {
                    lines = lines.add(line.path("Amount").decimalValue());
                    for (JsonNode linked : line.path("LinkedTxn")) {
                        if (!exists(company, "Invoice", linked.path("TxnId").asText())) {
                            return "Invalid Reference Id: LinkedTxn";
                        }
                    }
                }
                if (lines.compareTo(body.path("TotalAmt").decimalValue()) != 0) {
                    return "The amounts of the lines do not add up to TotalAmt";
                }
            }
        }
        return null;
    }

    private static boolean exists(Company company, String type, String id) {
        return company.of(type).stream().anyMatch(e -> id.equals(e.path("Id").asText()));
    }

    private static void token(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, JSON.createObjectNode().put("error", "invalid_client"));
            return;
        }
        Map<String, String> form = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String realm;
        if ("authorization_code".equals(form.get("grant_type"))) {
            // the code says which company signed in: "good-<realm>"
            String code = form.getOrDefault("code", "");
            if (!code.startsWith("good-") || form.get("redirect_uri") == null) {
                send(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant")
                        .put("error_description", "The authorization code is invalid or has expired"));
                return;
            }
            realm = code.substring("good-".length());
        } else if ("refresh_token".equals(form.get("grant_type"))) {
            realm = REFRESH.remove(form.getOrDefault("refresh_token", ""));
            if (realm == null) {
                send(exchange, 400, JSON.createObjectNode().put("error", "invalid_grant")
                        .put("error_description", "Incorrect or invalid refresh token"));
                return;
            }
            company(realm).refreshes.incrementAndGet();
        } else {
            send(exchange, 400, JSON.createObjectNode().put("error", "unsupported_grant_type"));
            return;
        }
        int n = TOKENS.incrementAndGet();
        String access = "qb-access-" + n;
        String refresh = "qb-refresh-" + n;
        ACCESS.put(access, realm);
        REFRESH.put(refresh, realm);
        send(exchange, 200, JSON.createObjectNode().put("access_token", access).put("refresh_token", refresh)
                .put("token_type", "bearer").put("expires_in", 3600).put("x_refresh_token_expires_in", 8726400));
    }

    private static String realmOf(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        return ACCESS.get(authorization.substring("Bearer ".length()));
    }

    private static ObjectNode fault(String message, String code, String detail) {
        ObjectNode answer = JSON.createObjectNode();
        ObjectNode fault = answer.putObject("Fault");
        fault.putArray("Error").addObject().put("Message", message).put("Detail", detail).put("code", code);
        fault.put("type", "ValidationFault");
        return answer;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
