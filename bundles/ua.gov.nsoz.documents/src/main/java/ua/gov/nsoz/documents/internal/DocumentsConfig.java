package ua.gov.nsoz.documents.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the node's document store, PID {@code ua.gov.nsoz.documents} (docs/documents.md). */
@ObjectClassDefinition(name = "NSOZ documents", description = "The node's document store: limits, folder, purge")
public @interface DocumentsConfig {

    /** @return the largest document in bytes */
    @AttributeDefinition(description = "Largest document in bytes (default 10 MiB)")
    long maxBytes() default 10L * 1024 * 1024;

    /** @return the most documents one appeal or answer may name */
    @AttributeDefinition(description = "Most documents one appeal (or one answer) may name")
    int maxPerAppeal() default 10;

    /** @return the types accepted, as found in the content */
    @AttributeDefinition(description = "Media types accepted (found in the content, never taken from the name)")
    String[] mediaTypes() default {ContentTypes.PDF, ContentTypes.JPEG, ContentTypes.PNG, ContentTypes.TEXT,
            ContentTypes.DOCX, ContentTypes.ODT, ContentTypes.WAV, ContentTypes.MP3, ContentTypes.OGG};

    /** @return the folder, empty for the default */
    @AttributeDefinition(required = false, description = "Folder of the files; empty: ${karaf.data}/nsoz/documents")
    String directory() default "";

    /** @return hours a document no appeal names is kept */
    @AttributeDefinition(description = "Hours a document that no appeal names (or only anonymized ones) is kept after"
            + " its last upload")
    int orphanHours() default 24;

    /** @return minutes between purges, 0 for none */
    @AttributeDefinition(description = "Minutes between purges of such documents; 0: never on its own")
    int purgeMinutes() default 60;
}
