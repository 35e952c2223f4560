package health.cura.mappings;

import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * What a mapper needs to know about the clinic it maps for. {@code unnamedClinician} is the clinic's placeholder
 * staff row, for a column that needs a clinician where the resource names none (a lab report performed by an
 * organization): the fill rule of {@code mappings/README.md}. Empty where there is none to use.
 */
public record MappingContext(int organizationId, String subdomain, RowLinks links,
        Supplier<OptionalInt> unnamedClinician) {

    /** A context with no placeholder clinician: a resource naming no clinician is refused. */
    public MappingContext(int organizationId, String subdomain, RowLinks links) {
        this(organizationId, subdomain, links, OptionalInt::empty);
    }
}
