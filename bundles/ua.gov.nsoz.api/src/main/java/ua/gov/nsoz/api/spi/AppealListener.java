package ua.gov.nsoz.api.spi;

import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;

/**
 * Told of every committed change of an appeal, after the commit. Register an implementation as an
 * OSGi service. Listeners run on the caller's thread and must return quickly; a failure is logged
 * and does not undo the change.
 */
public interface AppealListener {

    /**
     * @param event the committed event
     * @param appeal the appeal's state after it
     */
    void onEvent(AppealEvent event, Appeal appeal);
}
