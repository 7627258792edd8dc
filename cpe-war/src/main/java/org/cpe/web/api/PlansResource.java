package org.cpe.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.cpe.decider.plan.PlanCheck;
import org.cpe.decider.plan.PlanLibrary;
import org.cpe.decider.plan.PlanProblem;
import org.cpe.decider.runtime.DeciderRole;

/**
 * Execution plans. {@code POST /api/plans/validate} checks a plan's YAML text (the request body, any content type)
 * exactly as the Decider loads plans and answers the verdict, every problem with its place, and the step graph of a
 * valid plan. {@code GET /api/plans} lists the plans this server's Decider runs and the files it rejected.
 */
@Path("plans")
@RequestScoped
public class PlansResource {

    /** Plans are small; a body beyond this is refused rather than parsed. */
    static final int MAX_PLAN_BYTES = 1 << 20;

    @Inject
    DeciderRole decider;

    /** What this server's Decider loaded; {@code deciderEnabled} is false when the role does not run here. */
    public record PlansView(boolean deciderEnabled, List<PlanCheck.Verdict> plans, List<PlanProblem> invalid) {}

    @POST
    @Path("validate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response validate(InputStream body, @QueryParam("source") String source) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_PLAN_BYTES + 1);
        if (bytes.length > MAX_PLAN_BYTES) {
            return error(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "PLAN_TOO_LARGE",
                    "a plan may have at most " + MAX_PLAN_BYTES + " bytes");
        }
        String yaml = new String(bytes, StandardCharsets.UTF_8);
        if (yaml.isBlank()) {
            return error(
                    Response.Status.BAD_REQUEST,
                    "NO_PLAN",
                    "send the plan's YAML text as the request body, e.g. curl --data-binary @plan.yml");
        }
        String name = source == null || source.isBlank() ? "request" : source;
        return Response.ok(PlanCheck.check(name, yaml)).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public PlansView plans() {
        return decider.plans().map(PlansResource::view).orElseGet(() -> new PlansView(false, List.of(), List.of()));
    }

    /** One plan the Decider of this server runs: its verdict and step graph. */
    @GET
    @Path("{name}/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response plan(@PathParam("name") String name, @PathParam("version") String version) {
        Optional<PlanLibrary> library = decider.plans();
        if (library.isEmpty()) {
            return error(
                    Response.Status.NOT_FOUND,
                    "NO_DECIDER",
                    "The Decider does not run on this server; ask a server whose cpe.roles has decider");
        }
        return library.get()
                .plan(name, version)
                .map(plan -> Response.ok(PlanCheck.describe(plan)).build())
                .orElseGet(() -> error(
                        Response.Status.NOT_FOUND,
                        "NO_SUCH_PLAN",
                        "No plan " + name + " " + version + "; GET /api/plans lists the plans"));
    }

    private static PlansView view(PlanLibrary library) {
        return new PlansView(
                true, library.plans().stream().map(PlanCheck::describe).toList(), library.problems());
    }

    private static Response error(Response.Status status, String code, String message) {
        return ApiError.of(status, code, message);
    }
}
