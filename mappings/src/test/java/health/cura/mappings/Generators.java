package health.cura.mappings;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Values as the clinic's software stores them: trimmed text, never blank (blank text has no FHIR element). */
public final class Generators {

    private Generators() {}

    /** Words of letters, digits and common punctuation, joined by single spaces, as names and notes are written. */
    public static Arbitrary<String> text(int maxWords) {
        Arbitrary<String> word = Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('\'', '-', '.', ',', '/', 'é', 'ø', 'ł')
                .ofMinLength(1).ofMaxLength(12);
        return word.list().ofMinSize(1).ofMaxSize(maxWords).map(words -> String.join(" ", words));
    }

    public static Arbitrary<String> optionalText(int maxWords) {
        return text(maxWords).injectNull(0.3);
    }
}
