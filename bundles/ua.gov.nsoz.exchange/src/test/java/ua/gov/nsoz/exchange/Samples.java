package ua.gov.nsoz.exchange;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.LegalMark;

/** Synthetic messages for the tests: no real person's data. */
final class Samples {

    static final Instant T0 = Instant.parse("2026-11-27T10:15:30.123Z");
    static final String APPEAL_ID = "0193a5f2-7c1e-7a3b-9d4e-2f6a8b0c1d2e";
    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Samples() {
    }

    static Header header(long seq) {
        return new Header("0193a5f2-8000-7000-8000-00000000000" + (seq % 10), "lviv", seq, T0.plusSeconds(seq % 1000));
    }

    static Appeal appeal() {
        return new Appeal(APPEAL_ID, "LV-2026-000042", "lviv", "UA-46", AppealKind.COMPLAINT, Channel.POST,
                new Applicant(ApplicantType.CITIZEN, "Коваленко Оксана Петрівна", "м. Львів, вул. Городоцька, 1, кв. 2",
                        "oksana@example.com", "+380 (32) 000-00-00"),
                "Прошу відремонтувати дах будинку.\nДякую!", "Житлово-комунальне господарство",
                "Львівська міська рада", true, 12, false, Boolean.TRUE,
                List.of(new Attachment("скарга.pdf", "application/pdf", 183_402, SHA),
                        new Attachment("фото даху.jpg", null, 0, null)),
                EnumSet.of(LegalMark.UNSIGNED, LegalMark.ANONYMOUS), AppealStatus.FORWARDED, 3, T0.minusSeconds(3600),
                T0.minusSeconds(3500), T0);
    }

    static Appeal withText(Appeal a, String text) {
        return new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(), a.applicant(),
                text, a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt());
    }

    static Appeal withApplicant(Appeal a, Applicant applicant) {
        return new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(), applicant,
                a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(),
                a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt());
    }

    static AppealEventMessage event(Appeal a) {
        return new AppealEventMessage(header(7), "0193a5f2-9000-7000-8000-000000000001", "FORWARDED", T0, "lviv",
                "operator.ivanenko", null, "Направлено за належністю", a);
    }

    static ChangeRequestMessage changeRequest() {
        return new ChangeRequestMessage(new Header("0193a5f3-0000-7000-8000-000000000001", "ucc", 5, T0), 
                "0193a5f3-1000-7000-8000-000000000001", APPEAL_ID, ua.gov.nsoz.api.AppealAction.NOTE,
                "operator.shevchenko", "Заявник телефонував повторно, просить пришвидшити розгляд.", T0.minusMillis(5));
    }

    static ChangeRequestMessage extendRequest() {
        return new ChangeRequestMessage(header(7), "0193a5f3-1000-7000-8000-000000000007", APPEAL_ID,
                new ua.gov.nsoz.api.ActionRequest(ua.gov.nsoz.api.AppealAction.EXTEND, "Потрібна перевірка на місці",
                        null, null, null, null, null, null, 15, null, null),
                "head.moz", java.util.Set.of("nsoz-head", "nsoz-clerk"), T0);
    }

    static ChangeRequestMessage answerRequest() {
        return new ChangeRequestMessage(header(8), "0193a5f3-1000-7000-8000-000000000008", APPEAL_ID,
                new ua.gov.nsoz.api.ActionRequest(ua.gov.nsoz.api.AppealAction.ANSWER, null, "moz", "01.02",
                        ua.gov.nsoz.api.Classification.REPEATED, ua.gov.nsoz.api.NotConsideredGround.REPEATED,
                        ua.gov.nsoz.api.AnswerResult.SATISFIED, "Відповідь: ремонт виконано.\r\nДякуємо.", null, 4,
                        java.util.List.of(new ua.gov.nsoz.api.Attachment("vidpovid.pdf", "application/pdf", 1234,
                                "a".repeat(64)))),
                "clerk.moz", java.util.Set.of(), T0);
    }

    /** The appeal with every processing field set. */
    static Appeal processed(Appeal a) {
        return a.withProcessing(new ua.gov.nsoz.api.Processing(ua.gov.nsoz.api.Classification.DUPLICATE,
                "LV-2026-000001", "lviv-oda", T0, true, 10, java.time.LocalDate.of(2026, 12, 31),
                ua.gov.nsoz.api.NotConsideredGround.LATE_COMPLAINT, ua.gov.nsoz.api.AnswerResult.EXPLAINED,
                "Роз'яснено <порядок> & строки", java.util.List.of(new ua.gov.nsoz.api.Attachment("a.pdf", null, 0, null)),
                T0.plusSeconds(60), 5, java.time.LocalDate.of(2026, 12, 29), T0.plusSeconds(120), "b".repeat(64)));
    }

    /** The same appeal with another applicant's category, marks, processing and contested decision (issue #13). */
    static Appeal with13(Appeal a, String category, java.util.Set<LegalMark> marks, ua.gov.nsoz.api.Processing p,
            ua.gov.nsoz.api.ContestedDecision contested) {
        Applicant ap = a.applicant() == null ? new Applicant(null, null, null, null, null, category)
                : a.applicant().withCategory(category);
        return new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(), ap, a.text(),
                a.topic(), a.addressee(), a.collective(), a.coSigners(), a.confidential(), a.signed(), a.attachments(),
                marks, a.status(), a.version(), a.receivedAt(), a.registeredAt(), a.updatedAt(), p, contested);
    }

    /**
     * A late complaint with every field added by issue #13 set: the applicant's category (with benefits), the mark
     * LATE_COMPLAINT, the contested decision, priority, a term shortened on request and the late term restored.
     */
    static Appeal lawTerms(Appeal a) {
        ua.gov.nsoz.api.Processing p = ua.gov.nsoz.api.Processing.NONE.toBuilder()
                .body("lviv-oda", T0.minusSeconds(3000)).dueDate(java.time.LocalDate.of(2026, 12, 7))
                .priority(true).shortened(10, "Рішення про виселення виконується 10.12.2026; прошу розглянути до того.")
                .termRestored(true).build();
        return with13(a, "7.1", EnumSet.of(LegalMark.LATE_COMPLAINT), p,
                new ua.gov.nsoz.api.ContestedDecision(java.time.LocalDate.of(2025, 10, 1),
                        java.time.LocalDate.of(2026, 10, 20)));
    }

    static ChangeRequestMessage shortenRequest() {
        return new ChangeRequestMessage(header(9), "0193a5f3-1000-7000-8000-000000000009", APPEAL_ID,
                new ua.gov.nsoz.api.ActionRequest(ua.gov.nsoz.api.AppealAction.SHORTEN,
                        "Письмова вимога заявника від 26.11.2026: виселення призначено на 10.12.2026.", null, null,
                        null, null, null, null, 10, null, null),
                "clerk.moz", java.util.Set.of("nsoz-clerk"), T0);
    }

    static ChangeRequestMessage restoreTermRequest() {
        return new ChangeRequestMessage(header(10), "0193a5f3-1000-7000-8000-000000000010", APPEAL_ID,
                ua.gov.nsoz.api.ActionRequest.of(ua.gov.nsoz.api.AppealAction.RESTORE_TERM,
                        "Строк пропущено через перебування заявника на лікуванні (довідка додана)."),
                "head.moz", java.util.Set.of("nsoz-head"), T0);
    }

    static ChangeRefusedMessage changeRefused() {
        return new ChangeRefusedMessage(header(8), "0193a5f3-1000-7000-8000-000000000001", APPEAL_ID,
                "Звернення вже закрито (статус CLOSED): зміни не приймаються.");
    }

    static AckMessage ack() {
        return new AckMessage(new Header("0193a5f3-2000-7000-8000-000000000001", "ucc", 1, T0), "lviv", 41);
    }
}
