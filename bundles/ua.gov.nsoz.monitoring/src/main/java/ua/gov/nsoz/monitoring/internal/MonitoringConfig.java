package ua.gov.nsoz.monitoring.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the monitoring of public opinion, PID {@code ua.gov.nsoz.monitoring} (docs/monitoring.md). */
@ObjectClassDefinition(name = "NSOZ monitoring of public opinion",
        description = "Daily scan for spikes and new issues, alerts to the Secretariat")
public @interface MonitoringConfig {

    /** @return whether the scan runs every day on its own */
    @AttributeDefinition(description = "Run the scan every day at scanHour (Kyiv time)")
    boolean dailyScan() default true;

    /** @return the hour of the daily scan */
    @AttributeDefinition(description = "Hour of the daily scan, 0-23, Kyiv time")
    int scanHour() default 6;

    /** @return where new alerts are e-mailed */
    @AttributeDefinition(required = false,
            description = "E-mail address of the Secretariat for new alerts (sent through the node's e-mail channel);"
                    + " empty: none")
    String secretariatEmail() default "";

    /** @return the tail probability of each test */
    @AttributeDefinition(description = "False-alarm probability of each test per series and day (two tests a day)")
    double alpha() default 1e-4;

    /** @return the least count that raises a spike */
    @AttributeDefinition(description = "Least appeals (a day, or 3 days) that may raise a spike")
    int minCount() default 5;

    /** @return the least count that raises a new issue */
    @AttributeDefinition(description = "Least appeals (a day, or 3 days) that make a new issue")
    int newIssueMinCount() default 5;
}
