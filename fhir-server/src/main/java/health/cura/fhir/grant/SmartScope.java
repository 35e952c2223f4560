package health.cura.fhir.grant;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART resource scope, in either version of the grammar: {@code patient/Observation.read} (v1: read, write,
 * {@code *}) or {@code patient/Observation.rs?category=laboratory} (v2: the letters c, r, u, d, s in that order, and
 * an optional search restriction).
 *
 * @param context      whose data the scope reaches: one patient's, what the user may see, or the whole clinic's
 * @param resourceType a FHIR type, or {@code *} for all
 * @param interactions what the scope permits
 * @param restriction  a v2 search restriction such as {@code category=laboratory}, or empty
 */
public record SmartScope(Context context, String resourceType, Set<Interaction> interactions, String restriction) {

    public enum Context { PATIENT, USER, SYSTEM }

    public enum Interaction { CREATE, READ, UPDATE, DELETE, SEARCH }

    private static final Pattern GRAMMAR =
            Pattern.compile("(patient|user|system)/([A-Z][A-Za-z]*|\\*)\\.(read|write|\\*|c?r?u?d?s?)(?:\\?(.+))?");

    public SmartScope {
        interactions = Set.copyOf(interactions);
    }

    /** The scope a string names, or empty when it is not a SMART resource scope (openid, launch, a typo...). */
    public static Optional<SmartScope> parse(String scope) {
        Matcher m = GRAMMAR.matcher(scope);
        if (!m.matches() || m.group(3).isEmpty()) {
            return Optional.empty();
        }
        String restriction = m.group(4) == null ? "" : m.group(4);
        boolean v1 = switch (m.group(3)) {
            case "read", "write", "*" -> true;
            default -> false;
        };
        if (v1 && !restriction.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SmartScope(Context.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2),
                interactions(m.group(3)), restriction));
    }

    private static Set<Interaction> interactions(String permissions) {
        return switch (permissions) {
            case "read" -> EnumSet.of(Interaction.READ, Interaction.SEARCH);
            case "write" -> EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE);
            case "*" -> EnumSet.allOf(Interaction.class);
            default -> {
                EnumSet<Interaction> set = EnumSet.noneOf(Interaction.class);
                for (char letter : permissions.toCharArray()) {
                    set.add(switch (letter) {
                        case 'c' -> Interaction.CREATE;
                        case 'r' -> Interaction.READ;
                        case 'u' -> Interaction.UPDATE;
                        case 'd' -> Interaction.DELETE;
                        default -> Interaction.SEARCH;
                    });
                }
                yield set;
            }
        };
    }

    public boolean allTypes() {
        return "*".equals(resourceType);
    }

    public boolean permits(Interaction interaction) {
        return interactions.contains(interaction);
    }

    /** Whether this scope lets its holder read or search resources of the type. */
    public boolean reads(String type) {
        return (allTypes() || resourceType.equals(type)) && (permits(Interaction.READ) || permits(Interaction.SEARCH));
    }
}
