package ua.gov.nsoz.intake;

import java.time.Instant;

/**
 * A proof-of-work puzzle (see {@link PublicIntake#challenge}).
 *
 * @param token opaque, signed by the node; names its own expiry
 * @param difficultyBits leading zero bits required of SHA-256(token + ":" + nonce)
 * @param expiresAt after this it is refused
 */
public record Challenge(String token, int difficultyBits, Instant expiresAt) {
}
