package ua.gov.nsoz.rest.internal;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.reports.ReportInfo;
import ua.gov.nsoz.reports.Reports;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/reports}: the quarterly reports to the Secretariat (R15), PDF documents with the tables and charts
 * of the quarter over the appeals this node holds: list, make one now, fetch one. The center's analysts' work
 * ({@link Analysis#requireAnalyst}); no personal data in them.
 */
@Component(service = RestResource.class)
@Path("/reports")
@Produces(MediaType.APPLICATION_JSON)
public class ReportsResource implements RestResource {

    static final String PDF = "application/pdf";

    private final Reports reports;
    private final Callers callers;

    /**
     * @param reports the reports bundle
     * @param callers who is calling
     */
    @Activate
    public ReportsResource(@Reference Reports reports, @Reference Callers callers) {
        this.reports = reports;
        this.callers = callers;
    }

    /** A kept report; its PDF at {@code pdf}. */
    record ReportJson(String id, int year, int quarter, LocalDate from, LocalDate to, String node,
            Instant generatedAt, long size, String sha256, String pdf) {
        static ReportJson of(ReportInfo r) {
            return new ReportJson(r.id(), r.year(), r.quarter(), r.from(), r.to(), r.node(), r.generatedAt(),
                    r.size(), r.sha256(), "/api/v1/reports/" + r.id());
        }
    }

    /** The kept reports. */
    record ReportsJson(List<ReportJson> items) {
    }

    /** @return the kept reports, newest first */
    @GET
    @Allowed(Operation.REPORT_READ)
    public ReportsJson list(@Context SecurityContext security) {
        Analysis.requireAnalyst(callers.of(security));
        return new ReportsJson(reports.list().stream().map(ReportJson::of).toList());
    }

    /**
     * Makes the report of a quarter now (again, if it was made before: each time a new one; a quarter not yet over
     * with the figures so far).
     *
     * @param year e.g. 2026
     * @param quarter 1–4
     * @return 201 with Location and the report
     */
    @POST
    @Allowed(Operation.REPORT_READ)
    public Response generate(@QueryParam("year") String year, @QueryParam("quarter") String quarter,
            @Context UriInfo uriInfo, @Context SecurityContext security) {
        List<FieldError> errors = new ArrayList<>();
        int y = required(errors, "year", year);
        int q = required(errors, "quarter", quarter);
        if (Params.blankToNull(year) != null && errors.stream().noneMatch(e -> e.field().equals("year"))
                && (y < 2000 || y > 2100)) {
            errors.add(new FieldError("year", "Рік від 2000 до 2100 / A year from 2000 to 2100"));
        }
        if (Params.blankToNull(quarter) != null && errors.stream().noneMatch(e -> e.field().equals("quarter"))
                && (q < 1 || q > 4)) {
            errors.add(new FieldError("quarter", "Квартал від 1 до 4 / A quarter from 1 to 4"));
        }
        Analysis.check(errors);
        Analysis.requireAnalyst(callers.of(security));
        ReportInfo made = reports.generateQuarterly(y, q);
        URI location = uriInfo == null ? URI.create("/api/v1/reports/" + made.id())
                : uriInfo.getBaseUriBuilder().path("reports").path(made.id()).build();
        return Response.created(location).entity(ReportJson.of(made)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static int required(List<FieldError> errors, String field, String value) {
        if (Params.blankToNull(value) == null) {
            errors.add(new FieldError(field, "Обов'язковий параметр / Required parameter"));
            return 0;
        }
        return Params.parseInt(errors, field, value, 0);
    }

    /**
     * @param id a report's id
     * @return its PDF
     */
    @GET
    @Path("/{id}")
    // JSON too: a client that asks for JSON only (Accept) gets the PDF rather than a 406; the errors are JSON.
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @Allowed(Operation.REPORT_READ)
    public Response pdf(@PathParam("id") String id, @Context SecurityContext security) {
        Analysis.requireAnalyst(callers.of(security));
        byte[] pdf = reports.pdf(id).orElseThrow(() -> new NotFoundException(
                "Звіту не знайдено / No report with id " + id + "; the list: GET /api/v1/reports"));
        return Response.ok(pdf, PDF).header("Content-Disposition", "attachment; filename=\"nsoz-report-"
                + id.replaceAll("[^A-Za-z0-9-]", "") + ".pdf\"").build();
    }
}
