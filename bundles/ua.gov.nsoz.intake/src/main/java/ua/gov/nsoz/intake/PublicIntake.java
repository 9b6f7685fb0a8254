package ua.gov.nsoz.intake;

/**
 * Registers appeals that citizens file without an account. Every submission it accepts is registered by the appeal
 * service (with the Law's marks; Art. 7: nothing the Law says must be registered is refused here); what it refuses
 * is refused with a reason before anything is kept.
 */
public interface PublicIntake {

    /**
     * A proof-of-work puzzle for one submission: find a nonce such that SHA-256 of
     * {@code token + ":" + nonce} (UTF-8) starts with {@link Challenge#difficultyBits()} zero bits.
     *
     * @param origin who asks
     * @return the puzzle, valid until {@link Challenge#expiresAt()} and for one submission
     * @throws ua.gov.nsoz.api.TooManyAttemptsException if this address asked too often
     */
    Challenge challenge(Origin origin);

    /**
     * Registers a submission, or answers a resent one with its first registration.
     *
     * @param submission what the citizen filed
     * @param origin who filed it
     * @return the registration (with the access code, given to the citizen once per submission)
     * @throws ua.gov.nsoz.api.ValidationException naming every field that is wrong (including the proof of work, the
     *         consent, an unknown document)
     * @throws ua.gov.nsoz.api.TooManyAttemptsException if the client address or the e-mail submitted too often
     */
    Receipt submit(PublicSubmission submission, Origin origin);
}
