package ua.gov.nsoz.store.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.store.SqlDialect;

/** Which failures the store runs again: only those where the engine undid the whole transaction. */
class TransientErrorsTest {

    @Test
    @DisplayName("Lock timeouts and deadlocks are retried; constraint violations and syntax errors are not")
    void transientStates() {
        // Before its first connection the store does not know its engine yet: it judges by every engine's states.
        Database unknown = new Database(null);
        for (SqlDialect d : SqlDialect.values()) {
            assertRetried(d::isRetryable);
        }
        assertRetried(unknown::isRetryable);
    }

    private static void assertRetried(java.util.function.Predicate<SQLException> retried) {
        assertTrue(retried.test(new SQLException("lock timeout", "40XL1")) || retried.test(new SQLException("lock "
                + "timeout", "55P03")));
        assertTrue(retried.test(new SQLException("deadlock", "40001")));
        SQLException chained = new SQLException("wrapper", "XJ001");
        chained.setNextException(new SQLException("serialization", "40001"));
        assertTrue(retried.test(chained));
        assertFalse(retried.test(new SQLException("duplicate key", "23505")));
        assertFalse(retried.test(new SQLException("syntax", "42X01")));
    }
}
