package health.cura.mappings.billing;

/**
 * One entry of {@code claims.procedures}: a CCSD procedure code the insurer is asked to pay for, and what it is.
 *
 * @param display the code's description, or null
 */
public record ClaimProcedure(String code, String display) {}
