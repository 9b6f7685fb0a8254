/** The implementation of the bundle ua.gov.nsoz.workspace; nothing here is exported. */
package ua.gov.nsoz.workspace.internal;
