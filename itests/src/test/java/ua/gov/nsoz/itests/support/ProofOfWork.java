package ua.gov.nsoz.itests.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Solves the public intake's proof of work as a client does (GET /api/v1/public/challenge, docs/intake.md). */
public final class ProofOfWork {

    private ProofOfWork() {
    }

    /**
     * @param token the challenge's token
     * @param bits the leading zero bits asked for
     * @return the first decimal nonce whose SHA-256(token + ":" + nonce) has them
     */
    public static String solve(String token, int bits) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (long nonce = 0;; nonce++) {
            if (leadingZeroBits(sha.digest((token + ":" + nonce).getBytes(StandardCharsets.UTF_8))) >= bits) {
                return Long.toString(nonce);
            }
        }
    }

    /** @param h a hash @return how many zero bits it starts with */
    public static int leadingZeroBits(byte[] h) {
        int n = 0;
        for (byte b : h) {
            if (b != 0) {
                return n + Integer.numberOfLeadingZeros(b & 0xff) - 24;
            }
            n += 8;
        }
        return n;
    }
}
