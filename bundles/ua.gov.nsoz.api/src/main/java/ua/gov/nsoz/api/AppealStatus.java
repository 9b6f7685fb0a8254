package ua.gov.nsoz.api;

/** Where an appeal stands in its lifecycle (see docs/architecture.md). */
public enum AppealStatus {
    /** Registered at intake; preliminary processing not done yet. */
    REGISTERED("Зареєстровано", "Registered"),
    /** Answered by the contact center itself at first contact (R4). */
    ANSWERED_AT_FIRST_CONTACT("Надано відповідь під час першого звернення", "Answered at first contact"),
    /** Sent to the competent executive body (R3). */
    FORWARDED("Направлено до органу", "Forwarded"),
    /** Accepted for consideration by the body. */
    ACCEPTED("Прийнято органом", "Accepted"),
    /** Under consideration. */
    IN_PROGRESS("Розглядається", "In progress"),
    /** Deadline extended by the head of the body (Art. 20). */
    EXTENDED("Строк продовжено", "Extended"),
    /** Answered by the body. */
    ANSWERED("Надано відповідь", "Answered"),
    /** Closed after feedback. */
    CLOSED("Закрито", "Closed"),
    /** Redirected to another body when misaddressed (Art. 7). */
    REDIRECTED("Переадресовано", "Redirected"),
    /** Not considered on a legal ground (Art. 8, 17). */
    NOT_CONSIDERED("Не підлягає розгляду", "Not considered");

    private final String labelUk;
    private final String labelEn;

    AppealStatus(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    /** @return the Ukrainian label shown to users */
    public String labelUk() {
        return labelUk;
    }

    /** @return the English label */
    public String labelEn() {
        return labelEn;
    }

    /**
     * @return whether the appeal is still under consideration, so that its deadline runs: false once it is
     *         answered (also at first contact), closed, or not considered (Art. 8)
     */
    public boolean isOpen() {
        return switch (this) {
            case ANSWERED_AT_FIRST_CONTACT, ANSWERED, CLOSED, NOT_CONSIDERED -> false;
            default -> true;
        };
    }
}
