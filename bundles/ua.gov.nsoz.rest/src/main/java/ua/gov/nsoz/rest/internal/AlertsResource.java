package ua.gov.nsoz.rest.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import javax.ws.rs.Consumes;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.monitoring.Alert;
import ua.gov.nsoz.monitoring.AlertStatus;
import ua.gov.nsoz.monitoring.Alerts;
import ua.gov.nsoz.rest.RestResource;

/**
 * {@code /api/v1/alerts}: the alerts of the monitoring of public opinion (R16), for the center's analysts
 * ({@link Analysis#requireAnalyst}): list, acknowledge, close with a note, and scan now. An alert carries no
 * applicant's data (counts and example appeal ids), so nothing here is in the audit log.
 */
@Component(service = RestResource.class)
@Path("/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource implements RestResource {

    private final Alerts alerts;
    private final Callers callers;

    /**
     * @param alerts the monitoring bundle's alerts
     * @param callers who is calling
     */
    @Activate
    public AlertsResource(@Reference Alerts alerts, @Reference Callers callers) {
        this.alerts = alerts;
        this.callers = callers;
    }

    /** A list of alerts. */
    record AlertsJson(List<Alert> items) {
    }

    /** What closing says: the note (what was done, or why it was a false alarm), optional. */
    record CloseRequest(String note) {
    }

    /** What a scan raised. */
    record ScanJson(LocalDate today, List<Alert> raised) {
    }

    /**
     * @param status OPEN, ACKNOWLEDGED or CLOSED; all when absent
     * @param limit 1–500, default 100
     * @return newest first
     */
    @GET
    @Allowed(Operation.REPORT_READ)
    public AlertsJson list(@QueryParam("status") String status, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        List<FieldError> errors = new ArrayList<>();
        AlertStatus s = Analysis.option(errors, "status", status, AlertStatus.class, null);
        int n = Params.parseLimit(errors, "limit", limit, 100, Alerts.MAX_LIMIT);
        Analysis.check(errors);
        Analysis.requireAnalyst(callers.of(security));
        return new AlertsJson(alerts.list(s, n));
    }

    /**
     * @param id the alert's id
     * @return the alert
     */
    @GET
    @Path("/{id}")
    @Allowed(Operation.REPORT_READ)
    public Alert get(@PathParam("id") String id, @Context SecurityContext security) {
        Analysis.requireAnalyst(callers.of(security));
        return alerts.get(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The analyst has seen the alert and works on it.
     *
     * @param id the alert's id
     * @return the alert as it now is
     */
    @POST
    @Path("/{id}/acknowledge")
    @Allowed(Operation.REPORT_READ)
    public Alert acknowledge(@PathParam("id") String id, @Context SecurityContext security) {
        AccessRules.Caller caller = callers.of(security);
        Analysis.requireAnalyst(caller);
        try {
            return alerts.acknowledge(id, caller.actor().name());
        } catch (NoSuchElementException e) {
            throw notFound(id);
        } catch (IllegalStateException e) {
            throw conflict(e);
        }
    }

    /**
     * The analyst closes the alert, optionally with a note.
     *
     * @param id the alert's id
     * @param request {@code {"note": "..."}}, or no body
     * @return the alert as it now is
     */
    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allowed(Operation.REPORT_READ)
    public Alert close(@PathParam("id") String id, CloseRequest request, @Context SecurityContext security) {
        String note = request == null ? null : Params.blankToNull(request.note());
        if (note != null && note.length() > 2000) {
            throw new ValidationException(List.of(new FieldError("note",
                    "Не довше за 2000 символів / At most 2000 characters")));
        }
        AccessRules.Caller caller = callers.of(security);
        Analysis.requireAnalyst(caller);
        try {
            return alerts.close(id, caller.actor().name(), note);
        } catch (NoSuchElementException e) {
            throw notFound(id);
        } catch (IllegalStateException e) {
            throw conflict(e);
        }
    }

    /**
     * Scans the daily series up to today now (it also runs every day on its own).
     *
     * @return the alerts this scan raised (not those only updated)
     */
    @POST
    @Path("/scan")
    @Allowed(Operation.REPORT_READ)
    public ScanJson scan(@Context SecurityContext security) {
        Analysis.requireAnalyst(callers.of(security));
        LocalDate today = LocalDate.now(Analysis.KYIV);
        return new ScanJson(today, alerts.scan(today));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("Сповіщення не знайдено / No alert with id " + id);
    }

    private static javax.ws.rs.ClientErrorException conflict(IllegalStateException e) {
        return new javax.ws.rs.ClientErrorException("Сповіщення вже в іншому стані / The alert is in another state: "
                + e.getMessage(), Response.Status.CONFLICT);
    }
}
