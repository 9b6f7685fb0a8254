/** The implementation of the bundle ua.gov.nsoz.calls; nothing here is exported. */
package ua.gov.nsoz.calls.internal;
