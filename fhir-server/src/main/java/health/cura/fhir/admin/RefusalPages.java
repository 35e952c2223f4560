package health.cura.fhir.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A refused request of a console page, shown in words: the whole page for a plain request, the message alone for a
 * page's htmx request (into the page's message area, since htmx leaves error answers unshown).
 */
@ControllerAdvice(basePackageClasses = RefusalPages.class)
public class RefusalPages {

    private static final Logger log = LoggerFactory.getLogger(RefusalPages.class);

    /** A fault of a page itself: the person is told in words, the log gets the fault (never the page's data). */
    @ExceptionHandler(RuntimeException.class)
    public String failed(RuntimeException fault, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        log.error("Console page {} failed", request.getRequestURI(), fault);
        return refused(new ConsoleRefusal(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "Something went wrong on "
                + "the server. Please try again; if it keeps happening, tell your clinic's administrator."),
                request, response, model);
    }

    @ExceptionHandler(ConsoleRefusal.class)
    public String refused(ConsoleRefusal refusal, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        model.addAttribute("problem", refusal.getMessage());
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Retarget", "#messages");
            response.setHeader("HX-Reswap", "innerHTML");
            return "console/frame :: problem";
        }
        response.setStatus(refusal.status());
        model.addAttribute("heading", "That could not be done");
        model.addAttribute("back", ConsolePaths.homeOf(request));
        return "console/problem";
    }
}
