package ua.gov.nsoz.analytics;

/** What statistics can be grouped by (besides time). */
public enum Dimension {
    REGION("Регіон", "Region"),
    NODE("Центр", "Contact center"),
    BODY("Орган виконавчої влади", "Executive body"),
    TOPIC("Тематика", "Topic"),
    SECTION("Розділ класифікатора", "Classifier section"),
    KIND("Вид звернення", "Kind"),
    CHANNEL("Канал надходження", "Channel"),
    APPLICANT_TYPE("Тип заявника", "Applicant type"),
    CATEGORY("Категорія заявника", "Applicant category"),
    STATUS("Стан", "Status"),
    OUTCOME("Результат розгляду", "Outcome"),
    TIMELINESS("Дотримання строків", "Timeliness");

    private final String labelUk;
    private final String labelEn;

    Dimension(String labelUk, String labelEn) {
        this.labelUk = labelUk;
        this.labelEn = labelEn;
    }

    public String labelUk() {
        return labelUk;
    }

    public String labelEn() {
        return labelEn;
    }
}
