package health.cura.fhir.admin.clinic;

import health.cura.conformance.CuraCanonical;
import health.cura.conformance.terminology.CuraCode;
import health.cura.conformance.terminology.CuraEnums;
import health.cura.fhir.admin.ConsoleRefusal;
import health.cura.fhir.admin.ConsoleSession;
import health.cura.fhir.admin.Views;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clinic's staff and their roles (PractitionerRole, which holds {@code users.role}); an administrator changes a
 * member's role here, which the role check then applies to their next request.
 */
@Controller
public class StaffPage {

    public record Member(String practitionerId, String name, String role, String roleWords, String department,
            boolean active) {}

    public record Option(String value, String label) {}

    @GetMapping("/admin/{clinic}/staff")
    public String staff(ConsoleSession fhir, Model model) {
        Bundle found = fhir.search("Practitioner", "_revinclude", "PractitionerRole:practitioner", "_count", "500");
        Map<String, PractitionerRole> roles = new LinkedHashMap<>();
        Views.resources(found, PractitionerRole.class).forEach(role -> Views.idOf(role.getPractitioner(),
                "Practitioner").ifPresent(id -> roles.putIfAbsent(id, role)));
        List<Member> members = Views.resources(found, Practitioner.class).stream().map(who -> {
            String id = who.getIdElement().getIdPart();
            PractitionerRole role = roles.get(id);
            String code = role == null ? "" : roleCode(role);
            return new Member(id, Views.name(who.getName()), code,
                    code.isEmpty() ? "No role" : CuraEnums.USER_ROLE.display(code),
                    role == null ? "" : role.getExtensionString(CuraCanonical.DEPARTMENT_EXTENSION),
                    !who.hasActive() || who.getActive());
        }).sorted(Comparator.comparing(Member::name)).toList();
        model.addAttribute("members", members);
        model.addAttribute("roles", CuraEnums.USER_ROLE.codes().stream()
                .filter(code -> !"patient".equals(code.code()))
                .map(code -> new Option(code.code(), code.display())).toList());
        return "console/clinic/staff";
    }

    /** The member's PractitionerRole gets the role; one is made for a member who has none yet. */
    @PostMapping("/admin/{clinic}/staff/{practitionerId}/role")
    public String changeRole(@PathVariable String clinic, @PathVariable String practitionerId,
            @RequestParam String role, ConsoleSession fhir, RedirectAttributes redirect) {
        CuraCode wanted = CuraEnums.USER_ROLE.find(role).filter(code -> !"patient".equals(code.code()))
                .orElseThrow(() -> new ConsoleRefusal(400, "Choose one of the clinic's staff roles."));
        Practitioner member = fhir.read(Practitioner.class, practitionerId);
        PractitionerRole stored = Views.resources(fhir.search("PractitionerRole", "practitioner",
                        "Practitioner/" + member.getIdElement().getIdPart()), PractitionerRole.class).stream()
                .findFirst().orElse(null);
        PractitionerRole changed = stored != null ? stored : new PractitionerRole()
                .setActive(true).setPractitioner(new Reference("Practitioner/" + member.getIdElement().getIdPart()));
        changed.getCode().removeIf(concept -> concept.getCoding().stream()
                .anyMatch(coding -> CuraEnums.USER_ROLE.system().equals(coding.getSystem())
                        || CuraEnums.PRACTITIONER_ROLE.equals(coding.getSystem())));
        CodeableConcept code = new CodeableConcept().addCoding(
                new Coding(CuraEnums.USER_ROLE.system(), wanted.code(), wanted.display()));
        CuraEnums.USER_ROLE.toStandard(wanted.code()).ifPresent(standard -> code.addCoding(
                new Coding(CuraEnums.PRACTITIONER_ROLE, standard, null)));
        changed.addCode(code);
        if (stored != null) {
            fhir.update(changed);
        } else {
            fhir.create(changed);
        }
        redirect.addFlashAttribute("notice", "Role changed to " + wanted.display() + ".");
        return "redirect:/admin/" + clinic + "/staff";
    }

    private static String roleCode(PractitionerRole role) {
        return role.getCode().stream().flatMap(concept -> concept.getCoding().stream())
                .filter(coding -> CuraEnums.USER_ROLE.system().equals(coding.getSystem()))
                .map(Coding::getCode).findFirst().orElse("");
    }
}
