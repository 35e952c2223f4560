package health.cura.fhir.hapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * HAPI keeps the query strings of recent searches ({@code hfj_search}, with their results) and the match URLs of
 * conditional creates ({@code hfj_res_search_url}): a search by a phone number leaves the number there until HAPI's
 * cache expires. An erasure removes every such entry that holds one of the erased values, as typed or URL-encoded, in
 * whichever clinic: they are a cache, and another clinic's entry is only searched again.
 */
public class SearchCacheScrub {

    private final JdbcTemplate jdbc;

    public SearchCacheScrub(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void forget(Collection<String> values) {
        Set<String> patterns = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank() || value.length() < 3) {
                continue;
            }
            patterns.add(like(value));
            patterns.add(like(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            patterns.add(like(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        if (patterns.isEmpty()) {
            return;
        }
        String[] any = patterns.toArray(String[]::new);
        String searches = "SELECT pid FROM hfj_search WHERE search_query_string_vc LIKE ANY (?)";
        jdbc.update("DELETE FROM hfj_search_result WHERE search_pid IN (" + searches + ")", (Object) any);
        jdbc.update("DELETE FROM hfj_search_include WHERE search_pid IN (" + searches + ")", (Object) any);
        jdbc.update("DELETE FROM hfj_search WHERE search_query_string_vc LIKE ANY (?)", (Object) any);
        jdbc.update("DELETE FROM hfj_res_search_url WHERE res_search_url LIKE ANY (?)", (Object) any);
    }

    private static String like(String value) {
        return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
