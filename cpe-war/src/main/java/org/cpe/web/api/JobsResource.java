package org.cpe.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.function.Supplier;
import org.cpe.operations.OperatorJobs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Jobs, for operators: every client's. {@code GET /api/jobs} searches (client, jobId, status, workflow, start time
 * range, paged with {@code nextPageToken}); {@code GET /api/jobs/{client}/{jobId}} is one job in full; {@code POST}
 * starts one, and cancels, terminates, signals or retries one. Refusals are {@link ApiError}s: 400 for a bad request,
 * 404 for an unknown job or client, 409 for a job in the wrong state.
 */
@Path("jobs")
@Tag(name = "jobs", description = "Every client's jobs, for operators")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OperatorJobs jobs;

    @Operation(summary = "Search every client's jobs: by client, jobId, status, workflow type and start time; paged")
    @GET
    public Response search(
            @QueryParam("client") String client,
            @QueryParam("jobId") String jobId,
            @QueryParam("status") String status,
            @QueryParam("workflow") String workflow,
            @QueryParam("startedAfter") String startedAfter,
            @QueryParam("startedBefore") String startedBefore,
            @QueryParam("pageSize") Integer pageSize,
            @QueryParam("nextPageToken") String nextPageToken) {
        ObjectNode filter = JSON.createObjectNode();
        putIf(filter, "status", status);
        if (workflow != null) {
            String[] parts = workflow.split(":", 2);
            ObjectNode type = filter.putObject("workflow").put("name", parts[0]);
            if (parts.length > 1) {
                type.put("version", parts[1]);
            }
        }
        putIf(filter, "startedAfter", startedAfter);
        putIf(filter, "startedBefore", startedBefore);
        if (pageSize != null) {
            filter.put("pageSize", pageSize);
        }
        putIf(filter, "nextPageToken", nextPageToken);
        return answer(() -> Response.ok(json(jobs.search(blankToNull(client), blankToNull(jobId), filter)))
                .build());
    }

    @Operation(
            summary = "The dashboard's figures over every client: open jobs, jobs closed in the last windowMinutes by"
                    + " status, and jobs completed in the last minute, five minutes and hour")
    @GET
    @Path("summary")
    public Response summary(@QueryParam("windowMinutes") @DefaultValue("1440") int windowMinutes) {
        if (windowMinutes < 1 || windowMinutes > 525_600) {
            return new ApiError("INVALID_FILTER", "windowMinutes must be from 1 to 525600 (a year)").response(400);
        }
        return answer(() -> Response.ok(json(jobs.summary(windowMinutes))).build());
    }

    /** Body: the {@code START_JOB} data ({@code {"workflow": {"name", "version"}, ...}}); the jobId is optional. */
    @Operation(summary = "Start a job for a client from its START_JOB data")
    @POST
    @Path("{client}")
    @RolesAllowed("operator")
    public Response start(@PathParam("client") String client, @QueryParam("jobId") String jobId, String body) {
        return answer(() -> {
            JsonNode data = body(body);
            if (!data.isObject()) {
                return ApiError.of(
                        Response.Status.BAD_REQUEST, "INVALID_JSON", "the body is the job's data, an object");
            }
            String id = jobId == null || jobId.isBlank()
                    ? java.util.UUID.randomUUID().toString()
                    : jobId;
            ObjectNode scheduled = jobs.start(client, id, (ObjectNode) data);
            boolean again = scheduled.path("alreadyStarted").asBoolean();
            return Response.status(again ? Response.Status.OK : Response.Status.CREATED)
                    .location(UriBuilder.fromPath("jobs/{client}/{jobId}").build(client, id))
                    .entity(json(scheduled))
                    .build();
        });
    }

    @Operation(summary = "One job in full: status, steps, progress, result or failure, plan graph and history")
    @GET
    @Path("{client}/{jobId}")
    public Response detail(
            @PathParam("client") String client,
            @PathParam("jobId") String jobId,
            @QueryParam("history") @DefaultValue("true") boolean history) {
        return answer(
                () -> Response.ok(json(jobs.detail(client, jobId, history))).build());
    }

    @Operation(summary = "Cancel a job's open run: its running activities, then the workflow")
    @POST
    @Path("{client}/{jobId}/cancel")
    @RolesAllowed("operator")
    public Response cancel(@PathParam("client") String client, @PathParam("jobId") String jobId) {
        return answer(() -> Response.accepted(json(jobs.cancel(client, jobId))).build());
    }

    /** Body, optional: {@code {"reason": ..., "details": ...}}. */
    @Operation(summary = "Terminate a job's open run at once")
    @POST
    @Path("{client}/{jobId}/terminate")
    @RolesAllowed("operator")
    public Response terminate(@PathParam("client") String client, @PathParam("jobId") String jobId, String body) {
        return answer(() -> {
            JsonNode data = body == null || body.isBlank() ? JSON.createObjectNode() : body(body);
            return Response.ok(json(jobs.terminate(client, jobId, text(data, "reason"), text(data, "details"))))
                    .build();
        });
    }

    /** Body: {@code {"name": ..., "input": ...}}; a non-text input is sent as its JSON. */
    @Operation(summary = "Signal a job's open run")
    @POST
    @Path("{client}/{jobId}/signal")
    @RolesAllowed("operator")
    public Response signal(@PathParam("client") String client, @PathParam("jobId") String jobId, String body) {
        return answer(() -> {
            JsonNode data = body(body);
            JsonNode input = data.get("input");
            String text =
                    input == null || input.isNull() ? null : input.isTextual() ? input.asText() : input.toString();
            return Response.accepted(json(jobs.signal(client, jobId, text(data, "name"), text)))
                    .build();
        });
    }

    @Operation(summary = "Run again a job whose latest run did not complete")
    @POST
    @Path("{client}/{jobId}/retry")
    @RolesAllowed("operator")
    public Response retry(@PathParam("client") String client, @PathParam("jobId") String jobId) {
        return answer(() -> Response.status(Response.Status.CREATED)
                .entity(json(jobs.retry(client, jobId)))
                .build());
    }

    private static Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (OperatorJobs.Refused refused) {
            Response.Status status =
                    switch (refused.kind) {
                        case INVALID -> Response.Status.BAD_REQUEST;
                        case NOT_FOUND -> Response.Status.NOT_FOUND;
                        case CONFLICT -> Response.Status.CONFLICT;
                    };
            return ApiError.of(status, refused.reason, refused.getMessage());
        } catch (InvalidBody e) {
            return ApiError.of(Response.Status.BAD_REQUEST, "INVALID_JSON", e.getMessage());
        }
    }

    private static JsonNode body(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidBody("the request needs a JSON body");
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidBody("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    /** Jackson's own text: the container's JSON-B would write a Jackson node as a bean. */
    private static String json(ObjectNode node) {
        return node.toString();
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIf(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static final class InvalidBody extends RuntimeException {
        InvalidBody(String message) {
            super(message, null, false, false);
        }
    }
}
