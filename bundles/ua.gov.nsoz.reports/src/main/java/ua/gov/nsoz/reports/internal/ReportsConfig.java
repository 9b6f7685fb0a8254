package ua.gov.nsoz.reports.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code ua.gov.nsoz.reports}: where the quarterly reports are kept and whether they are made on a schedule. */
@ObjectClassDefinition(name = "NSOZ reports", description = "The quarterly report to the Secretariat")
@interface ReportsConfig {

    @AttributeDefinition(description = "At the center: make the last closed quarter's report when it has none: at "
            + "start, then daily")
    boolean scheduled() default true;

    @AttributeDefinition(description = "Folder of the kept reports; empty: ${karaf.data}/nsoz/reports")
    String directory() default "";
}
