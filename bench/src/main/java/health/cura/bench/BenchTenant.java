package health.cura.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A fresh clinic for one benchmark run, with the patients, a practitioner and appointments the reads need. */
public final class BenchTenant {

    private static final Pattern LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"(\\w+)/([^/\"]+)");

    public final String name;
    public final List<String> patientIds = new ArrayList<>();
    public final List<String> appointmentIds = new ArrayList<>();
    public String practitionerId;
    public final int preloaded;

    private BenchTenant(String name, int preloaded) {
        this.name = name;
        this.preloaded = preloaded;
    }

    /** The same clinic, its searches drawing from its first {@code patients} patients (after it has grown). */
    public BenchTenant withPatients(int patients) {
        BenchTenant view = new BenchTenant(name, patients);
        view.patientIds.addAll(patientIds);
        view.appointmentIds.addAll(appointmentIds);
        view.practitionerId = practitionerId;
        return view;
    }

    /**
     * A new clinic, created by the platform ({@code $create-tenant}), loaded with {@code patients} patients. With
     * {@code limited}, the clinic is on a package whose every limit is set (too high to be reached), so that every
     * request pays for the plan's checks; without, it has no plan and every check ends at once.
     */
    public static BenchTenant create(FhirHttp fhir, String name, int patients, boolean limited) throws Exception {
        String plan = "";
        if (limited) {
            String features = "{\\\"maxPatients\\\":100000000,\\\"maxUsers\\\":1000000,\\\"storageGB\\\":100000,"
                    + "\\\"apiCallsPerMonth\\\":2000000000}";
            String created = fhir.post("/DEFAULT/$create-package", """
                    {"resourceType":"Parameters","parameter":[{"name":"name","valueString":"Bench %s"},\
                    {"name":"price","valueMoney":{"value":99.00,"currency":"GBP"}},\
                    {"name":"features","valueString":"%s"}]}""".formatted(name, features));
            Matcher id = Pattern.compile("\"packageId\"\\s*,\\s*\"valueString\"\\s*:\\s*\"(\\d+)\"").matcher(created);
            if (!id.find()) {
                throw new IllegalStateException("$create-package answered " + created);
            }
            plan = ",{\"name\":\"packageId\",\"valueString\":\"" + id.group(1) + "\"}";
        }
        fhir.post("/DEFAULT/$create-tenant", """
                {"resourceType":"Parameters","parameter":[{"name":"name","valueString":"Benchmark %1$s"},\
                {"name":"subdomain","valueString":"%1$s"},{"name":"email","valueString":"%1$s@bench.test"}%2$s]}"""
                .formatted(name, plan));
        return load(fhir, name, patients);
    }

    /**
     * The same load at a base that is there already, {@code <FHIR base>/<name>}: the plain HAPI yardstick's, which has
     * no clinics to create.
     */
    public static BenchTenant load(FhirHttp fhir, String name, int patients) throws Exception {
        BenchTenant tenant = new BenchTenant(name, patients);
        tenant.practitionerId = ids(fhir.post("/" + name, bundle(List.of(
                """
                {"resourceType":"Practitioner","name":[{"family":"Bench","given":["Gill"],"prefix":["Dr"]}]}"""))))
                .get(0);
        for (int from = 0; from < patients; from += 50) {
            List<String> entries = new ArrayList<>();
            for (int i = from; i < Math.min(patients, from + 50); i++) {
                entries.add(TestPatients.json(i, TestPatients.nhsNumber(i)));
            }
            tenant.patientIds.addAll(ids(fhir.post("/" + name, bundle(entries))));
        }
        for (int i = 0; i < Math.min(200, patients); i++) {
            tenant.appointmentIds.add(ids(fhir.post("/" + name, bundle(List.of(
                    tenant.appointment(tenant.patientIds.get(i), i))))).get(0));
        }
        return tenant;
    }

    /** A booked 15-minute appointment with the practitioner, on a day spread over a year. */
    public String appointment(String patientId, long index) {
        int day = (int) (index % 365);
        String date = java.time.LocalDate.of(2026, 1, 1).plusDays(day).toString();
        int hour = 8 + (int) (index % 9);
        return """
                {"resourceType":"Appointment","status":"booked","description":"Bench visit %d",\
                "start":"%sT%02d:00:00Z","end":"%sT%02d:15:00Z","minutesDuration":15,\
                "participant":[{"actor":{"reference":"Patient/%s"},"status":"accepted"},\
                {"actor":{"reference":"Practitioner/%s"},"status":"accepted"}]}"""
                .formatted(index, date, hour, date, hour, patientId, practitionerId);
    }

    static String bundle(List<String> resources) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[");
        for (int i = 0; i < resources.size(); i++) {
            String type = resources.get(i).replaceAll("(?s)^\\s*\\{\\s*\"resourceType\"\\s*:\\s*\"(\\w+)\".*", "$1");
            json.append(i == 0 ? "" : ",").append("{\"resource\":").append(resources.get(i))
                    .append(",\"request\":{\"method\":\"POST\",\"url\":\"").append(type).append("\"}}");
        }
        return json.append("]}").toString();
    }

    static List<String> ids(String transactionResponse) {
        List<String> ids = new ArrayList<>();
        Matcher matcher = LOCATION.matcher(transactionResponse);
        while (matcher.find()) {
            ids.add(matcher.group(2));
        }
        return ids;
    }
}
