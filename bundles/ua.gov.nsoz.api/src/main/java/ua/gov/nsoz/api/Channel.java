package ua.gov.nsoz.api;

/** The intake channel of an appeal (Art. 5: oral or written, written including electronic). */
public enum Channel {
    /** Taken by an operator on the phone line: an oral appeal. */
    PHONE("Телефон", "Phone", Form.ORAL),
    /** The contact center's web site. */
    WEB("Веб-сайт", "Web site", Form.ELECTRONIC),
    /** The single government web portal. */
    PORTAL("Урядовий портал", "Government portal", Form.ELECTRONIC),
    /** E-mail. */
    EMAIL("Електронна пошта", "E-mail", Form.ELECTRONIC),
    /** Paper mail. */
    POST("Пошта", "Post", Form.WRITTEN),
    /** Handed in or spoken in person at a reception. */
    IN_PERSON("Особистий прийом", "In person", Form.WRITTEN);

    /** The form of an appeal that follows from its channel. */
    public enum Form {
        /** Spoken; recorded by an operator. */
        ORAL,
        /** On paper, signed by the author. */
        WRITTEN,
        /** Sent electronically; needs an e-mail or other contact for the reply (Art. 5). */
        ELECTRONIC
    }

    private final String labelUk;
    private final String labelEn;
    private final Form form;

    Channel(String labelUk, String labelEn, Form form) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
        this.form = form;
    }

    /** @return the Ukrainian label shown to users */
    public String labelUk() {
        return labelUk;
    }

    /** @return the English label */
    public String labelEn() {
        return labelEn;
    }

    /** @return whether the appeal is oral, written or electronic */
    public Form form() {
        return form;
    }
}
