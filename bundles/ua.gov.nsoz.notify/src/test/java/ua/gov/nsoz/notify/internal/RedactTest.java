package ua.gov.nsoz.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What reaches the log of a failure. */
class RedactTest {

    @Test
    void addressesAndNumbersAreReplaced() {
        assertEquals("550 5.1.1 <<address>>: Recipient address rejected",
                Redact.text("550 5.1.1 <olena.petrenko@example.org>: Recipient address rejected"));
        assertEquals("number <number> unreachable", Redact.text("number +380 67 123-45-67 unreachable"));
    }

    @Test
    void statusCodesHostsAndPortsStay() {
        assertEquals("SMS gateway answered HTTP 500", Redact.text("SMS gateway answered HTTP 500"));
        assertEquals("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000",
                Redact.text("Couldn't connect to host, port: 127.0.0.1, 2525; timeout 10000"));
    }

    @Test
    void causesAreDescribedToo() {
        String d = Redact.describe(new IOException("send failed", new IllegalStateException("to a@b.ua\nfailed")));
        assertTrue(d.startsWith("java.io.IOException: send failed; caused by java.lang.IllegalStateException"), d);
        assertFalse(d.contains("a@b.ua"), d);
        assertFalse(d.contains("\n"), d);
    }
}
