package ua.gov.nsoz.rest;

/**
 * Marker of a JAX-RS root resource served under {@code /api/v1}. Register the annotated class as
 * an OSGi service of this type (a DS component with {@code service = RestResource.class}); the one
 * CXF server of the node picks it up, with the node's JSON mapping and error handling.
 */
public interface RestResource {
}
