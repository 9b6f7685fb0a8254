package ua.gov.nsoz.api.reference;

/** The kind of an executive authority an appeal can be sent to (Reg. 5.1, 6.2, Model 6.5). */
public enum BodyKind {
    /** The Secretariat of the Cabinet of Ministers: appeals to the Cabinet and its members (Reg. 6.2). */
    CABINET_SECRETARIAT("Секретаріат Кабінету Міністрів України", "Secretariat of the Cabinet of Ministers of Ukraine"),
    /** A ministry or another central executive body. */
    CENTRAL_BODY("Центральний орган виконавчої влади", "Central executive body"),
    /** An oblast state administration, or the Kyiv or Sevastopol city state administration. */
    REGIONAL_ADMINISTRATION("Обласна, Київська чи Севастопольська міська державна адміністрація",
            "Oblast, Kyiv or Sevastopol city state administration"),
    /** A district (raion) state administration. */
    DISTRICT_ADMINISTRATION("Районна державна адміністрація", "District state administration");

    private final String labelUk;
    private final String labelEn;

    BodyKind(String labelUk, String labelEn) {
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

    /** @return whether a body of this kind serves one region and so must name it */
    public boolean regional() {
        return this == REGIONAL_ADMINISTRATION || this == DISTRICT_ADMINISTRATION;
    }
}
