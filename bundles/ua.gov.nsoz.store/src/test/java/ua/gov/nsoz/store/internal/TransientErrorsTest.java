package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which failures the store runs again: only those where Derby undid the whole transaction. */
class TransientErrorsTest {

    @Test
    @DisplayName("Lock timeouts and deadlocks are retried; constraint violations and syntax errors are not")
    void transientStates() {
        assertTrue(JdbcAppealStore.isTransient(new SQLException("lock timeout", "40XL1")));
        assertTrue(JdbcAppealStore.isTransient(new SQLException("deadlock", "40001")));
        SQLException chained = new SQLException("wrapper", "XJ001");
        chained.setNextException(new SQLException("lock timeout", "40XL1"));
        assertTrue(JdbcAppealStore.isTransient(chained));
        assertFalse(JdbcAppealStore.isTransient(new SQLException("duplicate key", "23505")));
        assertFalse(JdbcAppealStore.isTransient(new SQLException("syntax", "42X01")));
    }
}
