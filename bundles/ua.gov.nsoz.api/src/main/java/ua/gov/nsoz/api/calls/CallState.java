package ua.gov.nsoz.api.calls;

/** Where a call stands. */
public enum CallState {
    /** The PBX rings an operator's phone; nobody has answered yet. */
    RINGING,
    /** An operator answered; the conversation goes on. */
    ANSWERED,
    /** The call ended after an operator answered it. */
    ENDED,
    /** The operator transferred the call to another number (another contact center, a hotline). */
    TRANSFERRED,
    /** The caller hung up (or the PBX gave up) before anyone answered. */
    MISSED
}
