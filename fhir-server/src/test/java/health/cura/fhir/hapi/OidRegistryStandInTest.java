package health.cura.fhir.hapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.utilities.OIDUtilities;
import org.hl7.fhir.utilities.Utilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our {@link OIDUtilities} (which reads HAPI validator core's OID registry once, not for every validation) against the
 * library's own class, loaded from the library's jar on a class loader of its own: the same public API, and the same
 * answer for every OID of the registry and for the edge cases. An upgrade of the library that changes either fails
 * here.
 */
class OidRegistryStandInTest {

    private static URLClassLoader libraryLoader;
    private static Class<?> library;

    @BeforeAll
    static void loadTheLibrarysClass() throws Exception {
        URL jar = Utilities.class.getProtectionDomain().getCodeSource().getLocation();
        libraryLoader = new URLClassLoader(new URL[] {jar}, ClassLoader.getPlatformClassLoader());
        library = Class.forName(OIDUtilities.class.getName(), true, libraryLoader);
    }

    @AfterAll
    static void close() throws Exception {
        libraryLoader.close();
    }

    @Test
    void theServerLoadsOurClassNotTheLibrarys() {
        URL ours = OIDUtilities.class.getProtectionDomain().getCodeSource().getLocation();
        URL theirs = library.getProtectionDomain().getCodeSource().getLocation();
        assertThat(ours).isNotEqualTo(theirs);
        assertThat(library.getClassLoader()).isSameAs(libraryLoader);
    }

    @Test
    void samePublicApi() {
        assertThat(publicMembers(OIDUtilities.class)).isEqualTo(publicMembers(library));
        Class<?> theirInfo = Arrays.stream(library.getClasses())
                .filter(c -> c.getSimpleName().equals("OIDInfo")).findFirst().orElseThrow();
        assertThat(publicMembers(OIDUtilities.OIDInfo.class)).isEqualTo(publicMembers(theirInfo));
        assertThat(names(OIDUtilities.class.getClasses())).isEqualTo(names(library.getClasses()));
    }

    @Test
    void sameAnswersForEveryRegisteredOidAndTheEdgeCases() throws Exception {
        List<String> oids = registryOids();
        assertThat(oids).hasSizeGreaterThan(20_000);
        Set<String> inputs = new LinkedHashSet<>(oids);
        inputs.addAll(List.of("", ".", "1", "3.1", "1.2", "1.02", "2.16.840.1.113883.6.96", "2.16.840.1.113883.6.1",
                "2.16.840.1.113883.12.292", "2.16.840.1.113883.3.26.1.1.1", "2.16.840.1.113883", "9.9.9"));

        Object theirs = library.getConstructor().newInstance();
        OIDUtilities ours = new OIDUtilities();
        Method known = library.getMethod("isKnownOID", String.class);
        Method uri = library.getMethod("getUriForOid", String.class);
        Method tail = library.getMethod("oidTail", String.class);
        Method root = library.getMethod("oidRoot", String.class);
        Method valid = library.getMethod("isValidOID", String.class);
        int knownCount = 0;
        List<String> differences = new ArrayList<>();
        for (String oid : inputs) {
            for (String asUri : List.of("urn:oid:" + oid, oid, "URN:OID:" + oid)) {
                boolean expected = (Boolean) known.invoke(theirs, asUri);
                knownCount += expected ? 1 : 0;
                compare(differences, "isKnownOID", asUri, expected, ours.isKnownOID(asUri));
            }
            compare(differences, "getUriForOid", oid, uri.invoke(null, oid), OIDUtilities.getUriForOid(oid));
            compare(differences, "oidTail", oid, tail.invoke(null, oid), OIDUtilities.oidTail(oid));
            compare(differences, "oidRoot", oid, root.invoke(null, oid), OIDUtilities.oidRoot(oid));
            compare(differences, "isValidOID", oid, valid.invoke(null, oid), OIDUtilities.isValidOID(oid));
        }
        compare(differences, "isKnownOID", null, known.invoke(theirs, (Object) null), ours.isKnownOID(null));
        compare(differences, "getUriForOid", null, uri.invoke(null, (Object) null), OIDUtilities.getUriForOid(null));
        compare(differences, "oidTail", null, tail.invoke(null, (Object) null), OIDUtilities.oidTail(null));
        compare(differences, "oidRoot", null, root.invoke(null, (Object) null), OIDUtilities.oidRoot(null));

        assertThat(differences).isEmpty();
        // the registry was read: most of its OIDs are known (rows without a code system name are not entries)
        assertThat(knownCount).isGreaterThan(1_000);
    }

    @Test
    void everyInstanceSharesOneRegistry() throws Exception {
        var field = OIDUtilities.class.getDeclaredField("oidMap");
        field.setAccessible(true);
        assertThat(field.get(new OIDUtilities())).isSameAs(field.get(new OIDUtilities()));
    }

    private static void compare(List<String> differences, String method, String input, Object expected,
            Object actual) {
        if (!Objects.equals(expected, actual)) {
            differences.add(method + "(" + input + "): library " + expected + ", ours " + actual);
        }
    }

    private static List<String> registryOids() throws Exception {
        List<String> oids = new ArrayList<>();
        try (InputStream csv = libraryLoader.getResourceAsStream("oidregistry.csv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            lines.readLine();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                oids.add(line.split(",", 2)[0].trim());
            }
        }
        return oids;
    }

    private static Set<String> publicMembers(Class<?> type) {
        Set<String> members = new TreeSet<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            members.add("new(" + names(constructor.getParameterTypes()) + ")");
        }
        for (Method method : type.getMethods()) {
            if (method.getDeclaringClass() == type) {
                members.add((Modifier.isStatic(method.getModifiers()) ? "static " : "")
                        + method.getReturnType().getName() + " " + method.getName()
                        + "(" + names(method.getParameterTypes()) + ")");
            }
        }
        Arrays.stream(type.getFields()).forEach(f -> members.add("field " + f.getType().getName() + " " + f.getName()));
        return members;
    }

    private static String names(Class<?>[] types) {
        return String.join(",", Arrays.stream(types).map(Class::getName).toList());
    }
}
