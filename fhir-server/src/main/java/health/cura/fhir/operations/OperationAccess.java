package health.cura.fhir.operations;

import health.cura.fhir.grant.AccessGrant;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Who may call an operation: on which bases, with which tokens, and what a member of staff's role must allow. A
 * request none of this allows is refused (403) naming the operation, before the operation runs.
 *
 * @param where     the bases the operation can be called on (and is listed on)
 * @param grants    whether a token may call it, on one of those bases
 * @param role      what a signed-in member of staff's role must also allow
 * @param eachResourceChecked true when every resource of the answer must itself be readable under the token's
 *     scopes ({@code $everything}); false when the answer is the operation's own
 */
public record OperationAccess(
        Set<Where> where, BiPredicate<AccessGrant, Where> grants, RoleNeed role, boolean eachResourceChecked) {

    public OperationAccess {
        where = Set.copyOf(where);
    }

    /** For the platform's own tokens, on the platform's base. */
    public static OperationAccess platformOnly() {
        return new OperationAccess(EnumSet.of(Where.PLATFORM), (grant, where) -> grant.platform(), RoleNeed.none(),
                false);
    }

    /** On clinics' bases, for the clinic's tokens the predicate accepts. */
    public static OperationAccess clinic(Predicate<AccessGrant> grants, RoleNeed role) {
        return new OperationAccess(EnumSet.of(Where.CLINIC), (grant, where) -> grants.test(grant), role, false);
    }

    /** For every token, on every base: operations that read shared definitions and no clinic's records. */
    public static OperationAccess anyToken() {
        return new OperationAccess(EnumSet.allOf(Where.class), (grant, where) -> true, RoleNeed.none(), false);
    }

    /** The same, with every resource of the answer checked against the token's scopes. */
    public OperationAccess checkingEachResource() {
        return new OperationAccess(where, grants, role, true);
    }

    public boolean allows(AccessGrant grant, Where base) {
        return where.contains(base) && grants.test(grant, base);
    }
}
