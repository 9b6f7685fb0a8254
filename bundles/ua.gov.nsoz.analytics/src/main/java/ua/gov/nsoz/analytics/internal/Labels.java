package ua.gov.nsoz.analytics.internal;

import java.util.HashMap;
import java.util.Map;
import ua.gov.nsoz.analytics.Dimension;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.reference.ApplicantCategory;
import ua.gov.nsoz.api.reference.ReferenceData;

/** Ukrainian names of dimension values: the reference data's, the enums' labels, else the code itself. */
final class Labels {

    static final String NONE_LABEL = "Не визначено";
    private final ReferenceData reference;
    private Map<String, String> categories;

    Labels(ReferenceData reference) {
        this.reference = reference;
    }

    String label(Dimension d, String code) {
        if (code == null || Fact.NONE.equals(code)) {
            return NONE_LABEL;
        }
        try {
            String name = switch (d) {
                case REGION, NODE -> code;
                case BODY -> reference == null ? null : reference.body(code).map(b -> b.nameUk()).orElse(null);
                case TOPIC, SECTION -> reference == null ? null
                        : reference.topic(code).map(t -> t.nameUk()).orElse(null);
                case KIND -> AppealKind.valueOf(code).labelUk();
                case CHANNEL -> Channel.valueOf(code).labelUk();
                case APPLICANT_TYPE -> ApplicantType.valueOf(code).labelUk();
                case CATEGORY -> category(code);
                case STATUS -> AppealStatus.valueOf(code).labelUk();
                case OUTCOME -> outcome(code);
                case TIMELINESS -> timeliness(code);
            };
            return name == null ? code : name;
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private String category(String code) {
        if (categories == null) {
            categories = new HashMap<>();
            if (reference != null) {
                for (ApplicantCategory c : reference.categories()) {
                    categories.put(c.code(), c.nameUk());
                }
            }
        }
        return categories.get(code);
    }

    static String outcome(String code) {
        if (code.startsWith(Fact.OUTCOME_NOT_CONSIDERED)) {
            String ground = code.substring(Fact.OUTCOME_NOT_CONSIDERED.length());
            return AppealStatus.NOT_CONSIDERED.labelUk() + (Fact.NONE.equals(ground) ? ""
                    : ": " + NotConsideredGround.valueOf(ground).labelUk());
        }
        return switch (code) {
            case Fact.OUTCOME_NONE -> "Розгляд триває";
            case Fact.OUTCOME_FIRST_CONTACT -> AppealStatus.ANSWERED_AT_FIRST_CONTACT.labelUk();
            default -> AnswerResult.valueOf(code).labelUk();
        };
    }

    static String timeliness(String code) {
        return switch (code) {
            case Fact.ANSWERED_ON_TIME -> "Відповідь у строк";
            case Fact.ANSWERED_LATE -> "Відповідь із порушенням строку";
            case Fact.OVERDUE -> "Прострочено";
            case Fact.OPEN_ON_TIME -> "Розглядається, строк не минув";
            case Fact.CLOSED_UNANSWERED -> "Не підлягало розгляду";
            default -> code;
        };
    }
}
