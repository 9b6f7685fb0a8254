package ua.gov.nsoz.rest.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import ua.gov.nsoz.api.access.Operation;

/**
 * The operation a resource method is, for {@link Authorize}. A method without it is refused to everyone: a new
 * endpoint is closed until someone says what it is.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface Allowed {

    /** @return the operation, checked against {@link ua.gov.nsoz.api.access.AccessRules#may} */
    Operation value();
}
