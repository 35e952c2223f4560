package health.cura.mappings;

/** What a mapper needs to know about the clinic it maps for. */
public record MappingContext(int organizationId, String subdomain, RowLinks links) {}
