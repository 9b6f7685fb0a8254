/** The implementation of the bundle ua.gov.nsoz.knowledge; nothing here is exported. */
package ua.gov.nsoz.knowledge.internal;
