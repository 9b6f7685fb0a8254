package ua.gov.nsoz.intake.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ua.gov.nsoz.intake.Challenge;

/**
 * The proof of work: a token {@code base64url(nonce 16 bytes, expiry 8 bytes epoch seconds, difficulty 1 byte)}
 * {@code "." base64url(HMAC-SHA256 of those bytes with the secret)} (the secret: {@link NodeSecret}, shared by the
 * nodes of a center); solved by a decimal nonce such that SHA-256 of {@code token + ":" + nonce} (UTF-8) starts with
 * the token's number of zero bits. The node keeps nothing per challenge: the token carries its expiry and difficulty,
 * and the signature keeps both honest.
 */
final class ProofOfWork {

    private static final int RANDOM = 16;
    private static final int PAYLOAD = RANDOM + 8 + 1;
    private static final Pattern NONCE = Pattern.compile("[0-9]{1,20}");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] secret;
    private final int difficultyBits;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param secret the secret (shared by the nodes of a center: {@link NodeSecret})
     * @param difficultyBits zero bits asked of new challenges (0 to 32)
     * @param ttl how long a challenge is valid
     * @param clock the clock
     */
    ProofOfWork(byte[] secret, int difficultyBits, Duration ttl, Clock clock) {
        if (difficultyBits < 0 || difficultyBits > 32) {
            throw new IllegalArgumentException("difficultyBits must be 0..32: " + difficultyBits);
        }
        this.secret = secret.clone();
        this.difficultyBits = difficultyBits;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** @return a new challenge */
    Challenge issue() {
        Instant expires = clock.instant().plus(ttl).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        byte[] nonce = new byte[RANDOM];
        random.nextBytes(nonce);
        ByteBuffer b = ByteBuffer.allocate(PAYLOAD).put(nonce).putLong(expires.getEpochSecond())
                .put((byte) difficultyBits);
        byte[] payload = b.array();
        return new Challenge(B64.encodeToString(payload) + "." + B64.encodeToString(mac(payload)), difficultyBits,
                expires);
    }

    /** Why a solution is refused. */
    enum Problem {
        /** No token, not this node's, altered. */
        BAD_TOKEN,
        /** Past its expiry. */
        EXPIRED,
        /** No nonce, not decimal, or the hash has too few zero bits. */
        WRONG_NONCE
    }

    /**
     * @param token the challenge's token
     * @param nonce the client's nonce
     * @return null if it is a valid solution of a valid, unexpired token of this node; else the problem
     */
    Problem check(String token, String nonce) {
        Instant expires = expiry(token);
        if (expires == null) {
            return Problem.BAD_TOKEN;
        }
        if (!clock.instant().isBefore(expires)) {
            return Problem.EXPIRED;
        }
        if (nonce == null || !NONCE.matcher(nonce).matches()) {
            return Problem.WRONG_NONCE;
        }
        int bits = B64D.decode(token.substring(0, token.indexOf('.')))[PAYLOAD - 1] & 0xff;
        return leadingZeroBits(sha256(token + ":" + nonce)) >= bits ? null : Problem.WRONG_NONCE;
    }

    /**
     * @param token a token
     * @return its expiry if it is this node's and unaltered, else null
     */
    Instant expiry(String token) {
        if (token == null || token.length() > 200) {
            return null;
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return null;
        }
        try {
            byte[] payload = B64D.decode(token.substring(0, dot));
            byte[] sig = B64D.decode(token.substring(dot + 1));
            if (payload.length != PAYLOAD || !MessageDigest.isEqual(sig, mac(payload))) {
                return null;
            }
            return Instant.ofEpochSecond(ByteBuffer.wrap(payload, RANDOM, 8).getLong());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** @return the zero bits at the start of the bytes */
    static int leadingZeroBits(byte[] h) {
        int n = 0;
        for (byte b : h) {
            if (b == 0) {
                n += 8;
                continue;
            }
            return n + Integer.numberOfLeadingZeros(b & 0xff) - 24;
        }
        return n;
    }

    /** @return SHA-256 of the UTF-8 of a text */
    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** @return hex SHA-256 of a text */
    static String sha256Hex(String s) {
        return HexFormat.of().formatHex(sha256(s));
    }

    /**
     * Solves a challenge by trying nonces 0, 1, 2… (for tests and clients written in Java).
     *
     * @param token the token
     * @param bits the zero bits
     * @return the first nonce that solves it
     */
    static String solve(String token, int bits) {
        for (long n = 0;; n++) {
            String nonce = Long.toString(n);
            if (leadingZeroBits(sha256(token + ":" + nonce)) >= bits) {
                return nonce;
            }
        }
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }
}
