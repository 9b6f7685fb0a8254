package ua.gov.nsoz.monitoring;

/**
 * Told of every new alert (not of updates of an alert already raised): an OSGi service of an integrator's bundle
 * (e.g. one that forwards alerts to the Secretariat's document system). Called off the scanning thread, once per
 * alert; an exception is logged and does not stop the others.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface AlertListener {

    /** @param alert the alert just raised, status {@link AlertStatus#OPEN} */
    void alertRaised(Alert alert);
}
