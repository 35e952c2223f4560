package health.cura.fhir.limits;

import health.cura.fhir.hapi.OperationOutcomeErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The body of a FHIR write, checked before HAPI parses it: larger than {@code cura.limits.max-body-bytes} is refused
 * with 413 (as soon as its length shows it, without reading it all), and a JSON or XML body that is not valid UTF-8 is
 * refused with 400. HAPI's parser would otherwise store the replacement character in place of the bad bytes, and the
 * stored text would differ from what the client sent without anyone being told.
 */
public class RequestBodyFilter extends OncePerRequestFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final long maxBytes;

    public RequestBodyFilter(RequestLimitsProperties limits) {
        this.maxBytes = limits.maxBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!WITH_BODY.contains(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response, 413, OperationOutcome.IssueType.TOOLONG, tooLarge());
            return;
        }
        if (isForm(request.getContentType())) {
            // a search posted as a form: the servlet container reads its parameters from the body itself
            chain.doFilter(request, response);
            return;
        }
        byte[] body = read(request.getInputStream());
        if (body == null) {
            refuse(response, 413, OperationOutcome.IssueType.TOOLONG, tooLarge());
            return;
        }
        if (isText(request.getContentType()) && !isUtf8(body)) {
            refuse(response, 400, OperationOutcome.IssueType.STRUCTURE,
                    "The request body is not valid UTF-8: FHIR JSON and XML must be encoded in UTF-8");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    private String tooLarge() {
        return "The request body is larger than the server takes (" + maxBytes + " bytes, cura.limits.max-body-bytes)";
    }

    /** The whole body, or null when it is longer than allowed. */
    private byte[] read(InputStream in) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        return body.length > maxBytes ? null : body;
    }

    private static boolean isForm(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.contains("json") || type.contains("xml");
    }

    static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, OperationOutcome.IssueType type,
            String diagnostics) throws IOException {
        response.setStatus(status);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
        OperationOutcomeErrors.write(response, outcome);
    }

    /** The request with its body read once into memory, to be read again by HAPI. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
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
                    throw new IllegalStateException("The body has been read already: it is read synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
