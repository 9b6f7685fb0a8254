package ua.gov.nsoz.api.calls;

/** What a PBX tells about a call. */
public enum CallEventType {
    /** The call rings at an operator's phone ({@code callerNumber}, {@code calledNumber}, {@code operator}). */
    RINGING,
    /** The operator picked it up ({@code operator}). */
    ANSWERED,
    /** Either side hung up. */
    HANGUP,
    /** The operator transferred the call to {@code transferTo}; the call leaves this contact center. */
    TRANSFERRED
}
