package ua.gov.nsoz.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of retention, PID {@code ua.gov.nsoz.retention}. */
@ObjectClassDefinition(name = "NSOZ retention",
        description = "How long a closed appeal keeps its applicant's personal data (docs/retention-and-audit.md)")
public @interface RetentionConfig {

    /** @return the retention period in days */
    @AttributeDefinition(min = "30", description = "Days after a closed appeal last changed before its personal data "
            + "is anonymized; at least 30. Default 1826 (five years).")
    int retentionDays() default RetentionService.DEFAULT_DAYS;
}
