package ua.gov.nsoz.replication.internal.batch;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * The one connection of the component's producers that send outside a consumer's transaction, with a transacted
 * session and one that is not; used by one sender at a time. A failure drops them: the next send connects again.
 */
final class ProducerSessions {

    private final ConnectionFactory factory;
    private Connection connection;
    private Session transacted;
    private Session plain;

    ProducerSessions(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Runs one use of the sessions, alone; on a failure the connection is dropped. */
    synchronized <T> T use(Use<T> use) throws JMSException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ProducerSessions.class.getClassLoader());
        try {
            if (connection == null) {
                try {
                    connection = factory.createConnection();
                    transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
                    plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                } catch (JMSException | RuntimeException e) {
                    close();
                    throw e;
                }
            }
            return use.apply(transacted, plain);
        } catch (JMSException | RuntimeException e) {
            if (!BatchJmsProducer.isDuplicate(e)) {
                close();
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    synchronized void close() {
        Connection c = connection;
        connection = null;
        transacted = null;
        plain = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException | RuntimeException ignored) {
                // gone already
            }
        }
    }

    @FunctionalInterface
    interface Use<T> {
        T apply(Session transacted, Session plain) throws JMSException;
    }
}
