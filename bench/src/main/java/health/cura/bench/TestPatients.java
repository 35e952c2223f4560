package health.cura.bench;

import java.util.Locale;
import java.util.SplittableRandom;

/** Synthetic patients with test-range NHS numbers (999..., never issued to a person) and valid check digits. */
public final class TestPatients {

    private static final String[] FAMILIES = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
        "Davies", "Patel", "Wright", "Robinson", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
        "Wood", "Jackson", "Clarke", "Khan", "Hughes", "Edwards", "Turner", "Hill", "Moore", "Cooper", "Ward", "King"};
    private static final String[] GIVEN = {"Amelia", "Oliver", "Isla", "George", "Ava", "Noah", "Mia", "Arthur",
        "Ivy", "Leo", "Grace", "Harry", "Freya", "Oscar", "Lily", "Jack", "Ella", "Muhammad", "Sophia", "Charlie"};

    private TestPatients() {}

    /**
     * The {@code index}-th patient's NHS number. Two indexes below 1,000,000 share one only when they are 142,857 or
     * 857,143 apart: a base number without a valid check digit moves on to the next, which is another index's base.
     */
    public static String nhsNumber(long index) {
        for (long candidate = index * 7 % 1_000_000; ; candidate = (candidate + 1) % 1_000_000) {
            String nine = "999" + String.format(Locale.ROOT, "%06d", candidate);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return nine + check;
            }
        }
    }

    public static String family(long index) {
        return FAMILIES[(int) (index % FAMILIES.length)] + (index / FAMILIES.length % 50);
    }

    public static String birthDate(long index) {
        SplittableRandom random = new SplittableRandom(index);
        return String.format(Locale.ROOT, "%d-%02d-%02d",
                1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28));
    }

    public static String json(long index, String nhsNumber) {
        return """
                {"resourceType":"Patient","identifier":[{"system":"https://fhir.nhs.uk/Id/nhs-number","value":"%s"}],\
                "name":[{"use":"official","family":"%s","given":["%s"]}],"gender":"%s","birthDate":"%s",\
                "telecom":[{"system":"phone","value":"07700 9%05d"}],\
                "address":[{"use":"home","line":["%d High Street"],"city":"Leeds","postalCode":"LS1 4AB"}]}"""
                .formatted(nhsNumber, family(index), GIVEN[(int) (index % GIVEN.length)],
                        index % 2 == 0 ? "female" : "male", birthDate(index), index % 100_000, 1 + index % 200);
    }
}
