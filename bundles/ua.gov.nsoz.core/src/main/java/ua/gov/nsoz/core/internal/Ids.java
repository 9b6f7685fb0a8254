package ua.gov.nsoz.core.internal;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): unique across nodes without coordination, and
 * increasing in time, so new rows land at the end of the primary-key index.
 */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    static String newId() {
        return newId(System.currentTimeMillis()).toString();
    }

    static UUID newId(long epochMillis) {
        long randA = RANDOM.nextLong();
        long randB = RANDOM.nextLong();
        long msb = (epochMillis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
