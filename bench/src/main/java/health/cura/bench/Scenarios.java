package health.cura.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/** The FHIR scenarios of the benchmark, one method each; each returns the operation one client repeats. */
public final class Scenarios {

    private static final String NHS = URLEncoder.encode("https://fhir.nhs.uk/Id/nhs-number|", StandardCharsets.UTF_8);

    private final FhirHttp fhir;
    private final BenchTenant tenant;
    /**
     * Patients created during a run are numbered from here, so that their NHS numbers differ from those of the preloaded
     * and growth patients (numbered from 0, up to 250,000): numbering from 1,000,000 gave them the NHS numbers of the
     * first preloaded patients again, and every NHS-number search then found two or three patients.
     */
    private final AtomicLong created = new AtomicLong(400_000);

    public Scenarios(FhirHttp fhir, BenchTenant tenant) {
        this.fhir = fhir;
        this.tenant = tenant;
    }

    public Operation createPatient() {
        return (client, iteration) -> {
            long index = created.getAndIncrement();
            fhir.post("/" + tenant.name + "/Patient", TestPatients.json(index, TestPatients.nhsNumber(index)));
        };
    }

    /**
     * A clinic's records arriving from another system: one transaction bundle of {@code size} new patients (a
     * {@link TestPatients} shape each, NHS numbers of their own).
     */
    public Operation seedPatients(int size) {
        return (client, iteration) -> {
            List<String> patients = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                long index = created.getAndIncrement();
                patients.add(TestPatients.json(index, TestPatients.nhsNumber(index)));
            }
            fhir.post("/" + tenant.name, BenchTenant.bundle(patients));
        };
    }

    public Operation readPatient() {
        return (client, iteration) -> fhir.get("/" + tenant.name + "/Patient/" + randomOf(tenant.patientIds));
    }

    public Operation searchByFamilyAndBirthDate() {
        return (client, iteration) -> {
            int index = ThreadLocalRandom.current().nextInt(tenant.preloaded);
            fhir.get("/" + tenant.name + "/Patient?family=" + TestPatients.family(index)
                    + "&birthdate=" + TestPatients.birthDate(index));
        };
    }

    public Operation searchByNhsNumber() {
        return (client, iteration) -> fhir.get("/" + tenant.name + "/Patient?identifier=" + NHS
                + TestPatients.nhsNumber(ThreadLocalRandom.current().nextInt(tenant.preloaded)));
    }

    /**
     * A clinic's day: 70% reads (a patient or an appointment), 20% searches (patients by name, the practitioner's
     * diary newest first), 10% writes (a new patient, or an appointment for a known one).
     */
    public Operation clinicDay() {
        return (client, iteration) -> {
            int dice = ThreadLocalRandom.current().nextInt(100);
            String base = "/" + tenant.name;
            if (dice < 35) {
                fhir.get(base + "/Patient/" + randomOf(tenant.patientIds));
            } else if (dice < 70) {
                fhir.get(base + "/Appointment/" + randomOf(tenant.appointmentIds));
            } else if (dice < 80) {
                int index = ThreadLocalRandom.current().nextInt(tenant.preloaded);
                fhir.get(base + "/Patient?family=" + TestPatients.family(index) + "&_count=10");
            } else if (dice < 90) {
                fhir.get(base + "/Appointment?practitioner=Practitioner/" + tenant.practitionerId
                        + "&date=ge2026-06-01&_sort=-date&_count=10");
            } else if (dice < 95) {
                long index = created.getAndIncrement();
                fhir.post(base + "/Patient", TestPatients.json(index, TestPatients.nhsNumber(index)));
            } else {
                fhir.post(base + "/Appointment", tenant.appointment(randomOf(tenant.patientIds), iteration));
            }
        };
    }

    /** Synthea's patient bundles, posted whole, round robin (the hospital and practitioner bundles go first, once). */
    public static List<String> syntheaBundles(FhirHttp fhir, String tenant, Path directory) throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        for (Path shared : files) {
            String name = shared.getFileName().toString();
            if (name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation")) {
                fhir.post("/" + tenant, Files.readString(shared));
            }
        }
        List<String> bundles = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.startsWith("hospitalInformation") && !name.startsWith("practitionerInformation")) {
                bundles.add(Files.readString(file));
            }
        }
        return bundles;
    }

    public Operation postBundles(List<String> bundles) {
        return (client, iteration) ->
                fhir.post("/" + tenant.name, bundles.get((int) ((client + iteration) % bundles.size())));
    }

    public static int resourcesIn(String bundle) {
        int count = 0;
        for (int i = bundle.indexOf("\"request\""); i >= 0; i = bundle.indexOf("\"request\"", i + 1)) {
            count++;
        }
        return count;
    }

    private static String randomOf(List<String> ids) {
        return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
    }
}
