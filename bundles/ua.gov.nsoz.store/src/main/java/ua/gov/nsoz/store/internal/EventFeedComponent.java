package ua.gov.nsoz.store.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.store.EventFeed;

/**
 * Publishes the {@link EventFeed} ({@link JdbcEventFeed}) once the schema is migrated ({@link StoreSchema}). A class of its own so that
 * the component has one public constructor (the DS runtime picks the constructor by its number of parameters), while
 * {@link JdbcEventFeed} keeps its DataSource constructor for code that builds the part by hand.
 */
@Component(service = EventFeed.class)
public class EventFeedComponent extends JdbcEventFeed {

    /** @param schema the node's migrated database */
    @Activate
    public EventFeedComponent(@Reference StoreSchema schema) {
        super(schema.database());
    }
}
