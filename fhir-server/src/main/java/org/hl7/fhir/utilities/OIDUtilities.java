package org.hl7.fhir.utilities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.exceptions.FHIRException;

/**
 * Stands in for the class of the same name in {@code org.hl7.fhir.utilities} (HAPI's validator core), with the same
 * API and answers, and one difference: the OID registry ({@code oidregistry.csv}, 1.5 MB, 21,000 lines, in that
 * library's jar) is read once per JVM instead of by every instance. HAPI builds a new {@code InstanceValidator} for
 * every resource it validates, and each built one of these: a JFR profile of transaction bundles being stored showed
 * 66 % of the server's CPU parsing that file (bench/README.md, tuning log). The application's classes come before its
 * libraries on the class path (Spring Boot's jar, Maven's test and run class paths), so this class is the one loaded.
 *
 * <p>{@code OidRegistryStandInTest} compares every answer with the library's own class, loaded from its jar, and the
 * public API member by member: when an upgrade of the library changes either, that test fails. Remove this class
 * when the library keeps its registry once itself.
 */
public class OIDUtilities {

    private static final Pattern VALID_OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final String URN_PREFIX = "urn:oid:";

    /** Code systems that FHIR names by URI, by the OID HL7 registered for them (the FHIR terminology pages). */
    private static final Map<String, String> CODE_SYSTEM_URIS = Map.ofEntries(
            Map.entry("2.16.840.1.113883.6.96", "http://snomed.info/sct"),
            Map.entry("2.16.840.1.113883.6.1", "http://loinc.org"),
            Map.entry("2.16.840.1.113883.6.8", "http://unitsofmeasure.org"),
            Map.entry("2.16.840.1.113883.6.3", "http://hl7.org/fhir/sid/icd-10"),
            Map.entry("2.16.840.1.113883.6.42", "http://hl7.org/fhir/sid/icd-9"),
            Map.entry("2.16.840.1.113883.6.104", "http://hl7.org/fhir/sid/icd-9"),
            Map.entry("2.16.840.1.113883.6.103", "http://hl7.org/fhir/sid/icd-9"),
            Map.entry("2.16.840.1.113883.6.73", "http://www.whocc.no/atc"),
            Map.entry("2.16.840.1.113883.3.26.1.1", "http://ncimeta.nci.nih.gov"),
            Map.entry("2.16.840.1.113883.3.26.1.1.1", "http://ncimeta.nci.nih.gov"),
            Map.entry("2.16.840.1.113883.6.88", "http://www.nlm.nih.gov/research/umls/rxnorm"),
            Map.entry("2.16.840.1.113883.6.59", "http://hl7.org/fhir/sid/cvx"),
            Map.entry("2.16.840.1.113883.12.292", "http://hl7.org/fhir/sid/cvx"),
            Map.entry("2.16.840.1.113883.6.12", "http://www.ama-assn.org/go/cpt"));

    private final Map<String, OIDInfo> oidMap;

    public OIDUtilities() {
        this.oidMap = Registry.OIDS;
    }

    public static String getUriForOid(String oid) {
        return oid == null ? null : CODE_SYSTEM_URIS.get(oid);
    }

    public static String oidTail(String oid) {
        if (oid == null || !oid.contains(".")) {
            return oid;
        }
        return oid.substring(oid.lastIndexOf('.') + 1);
    }

    public static String oidRoot(String oid) {
        if (oid == null || !oid.contains(".")) {
            return oid;
        }
        return oid.substring(0, oid.indexOf('.'));
    }

    public static boolean isValidOID(String oid) {
        return VALID_OID.matcher(oid).matches();
    }

    /** Whether a {@code urn:oid:} URI names an OID of HL7's registry. */
    public boolean isKnownOID(String uri) {
        if (uri == null || !uri.startsWith(URN_PREFIX)) {
            return false;
        }
        return oidMap.containsKey(uri.substring(URN_PREFIX.length()));
    }

    /** The registry, read on first use and shared by every instance; its entries are never changed after loading. */
    private static final class Registry {

        static final Map<String, OIDInfo> OIDS = load();

        private static Map<String, OIDInfo> load() {
            Map<String, OIDInfo> oids = new HashMap<>();
            try (InputStream csv = OIDUtilities.class.getClassLoader().getResourceAsStream("oidregistry.csv")) {
                if (csv == null) {
                    throw new FHIRException("oidregistry.csv is not on the class path");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8));
                lines.readLine(); // the header
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    // as the library reads it: a row whose last column (the code system) is empty has three fields
                    // after split() and is not an entry
                    String[] fields = line.split(",");
                    if (fields.length >= 4) {
                        OIDInfo info = new OIDInfo();
                        info.setOid(fields[0].trim());
                        info.setType(Integer.parseInt(fields[1].trim()));
                        info.setName(fields[2].trim());
                        info.setCodeSystem(fields[3].trim());
                        oids.put(info.getOid(), info);
                    }
                }
            } catch (IOException e) {
                throw new FHIRException(e);
            }
            return Collections.unmodifiableMap(oids);
        }
    }

    /** An entry of the registry. */
    public static class OIDInfo {

        private String oid;
        private String name;
        private String codeSystem;
        private Integer type;

        public String getOid() {
            return oid;
        }

        public void setOid(String oid) {
            this.oid = oid;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getCodeSystem() {
            return codeSystem;
        }

        public void setCodeSystem(String codeSystem) {
            this.codeSystem = codeSystem;
        }

        public Integer getType() {
            return type;
        }

        public void setType(Integer type) {
            this.type = type;
        }

        @Override
        public String toString() {
            return oid + " " + name + " (" + codeSystem + ", type " + type + ")";
        }
    }
}
