package ua.gov.nsoz.notify.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.NotConsideredGround;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.reference.Body;

/** The texts sent to applicants: Ukrainian first, then English, in one message. */
final class Messages {

    /** The event written at registration (not an {@link AppealAction}). */
    static final String REGISTERED = "REGISTERED";

    /** The events an applicant is told of. */
    static final Set<String> NOTIFIED = Set.of(REGISTERED, AppealAction.FORWARD.eventType(),
            AppealAction.REDIRECT.eventType(), AppealAction.EXTEND.eventType(), AppealAction.ANSWER.eventType(),
            AppealAction.ANSWER_AT_FIRST_CONTACT.eventType(), AppealAction.NOT_CONSIDER.eventType());

    private static final DateTimeFormatter DATE_UK = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final String SEPARATOR = "\n\n----------\n\n";

    /**
     * A message.
     *
     * @param subject the subject (both languages)
     * @param body the text
     */
    record Message(String subject, String body) {
    }

    private Messages() {
    }

    /**
     * @param eventType the event
     * @param appeal the appeal after it
     * @param accessCode the applicant's access code (registration only)
     * @param publicUrl the node's public base URL, no trailing slash
     * @param bodies looks up a body by its code
     * @return the message, or empty if the applicant is not told of this event
     */
    static Optional<Message> build(String eventType, Appeal appeal, Optional<String> accessCode, String publicUrl,
            Function<String, Optional<Body>> bodies) {
        if (!NOTIFIED.contains(eventType)) {
            return Optional.empty();
        }
        String n = appeal.registrationNumber();
        Processing p = appeal.processing();
        StringBuilder uk = new StringBuilder();
        StringBuilder en = new StringBuilder();
        String whatUk;
        String whatEn;
        switch (eventType) {
            case REGISTERED -> {
                whatUk = "зареєстровано";
                whatEn = "registered";
                uk.append("Ваше звернення зареєстровано за номером ").append(n).append('.');
                en.append("Your appeal has been registered under number ").append(n).append('.');
            }
            case "FORWARDED" -> {
                whatUk = "направлено до органу";
                whatEn = "forwarded";
                Optional<Body> body = body(p.body(), bodies);
                uk.append("Ваше звернення № ").append(n).append(" направлено для розгляду до органу: ")
                        .append(body.map(Body::nameUk).orElse(code(p))).append('.');
                en.append("Your appeal No. ").append(n).append(" has been forwarded for consideration to: ")
                        .append(body.map(Messages::nameEn).orElse(code(p))).append('.');
            }
            case "REDIRECTED" -> {
                whatUk = "переадресовано";
                whatEn = "redirected";
                Optional<Body> body = body(p.body(), bodies);
                uk.append("Ваше звернення № ").append(n).append(" переадресовано за належністю до органу: ")
                        .append(body.map(Body::nameUk).orElse(code(p))).append('.');
                en.append("Your appeal No. ").append(n).append(" has been redirected to the competent body: ")
                        .append(body.map(Messages::nameEn).orElse(code(p))).append('.');
            }
            case "EXTENDED" -> {
                whatUk = "строк розгляду продовжено";
                whatEn = "term extended";
                uk.append("Строк розгляду Вашого звернення № ").append(n)
                        .append(" продовжено; загалом продовжено на ").append(p.extensionDays()).append(" дн.");
                en.append("The term for considering your appeal No. ").append(n)
                        .append(" has been extended; by ").append(p.extensionDays()).append(" days in total.");
            }
            case "ANSWERED" -> {
                whatUk = "надано відповідь";
                whatEn = "answered";
                AnswerResult r = p.result();
                uk.append("На Ваше звернення № ").append(n).append(" надано відповідь.");
                en.append("Your appeal No. ").append(n).append(" has been answered.");
                if (r != null) {
                    uk.append("\nРезультат розгляду: ").append(r.labelUk()).append('.');
                    en.append("\nResult: ").append(r.labelEn()).append('.');
                }
                answer(p, uk, en);
                if (!p.answerDocuments().isEmpty()) {
                    uk.append("\nДо відповіді додано документів: ").append(p.answerDocuments().size()).append('.');
                    en.append("\nDocuments attached to the answer: ").append(p.answerDocuments().size()).append('.');
                }
            }
            case "ANSWERED_AT_FIRST_CONTACT" -> {
                whatUk = "надано відповідь";
                whatEn = "answered at first contact";
                uk.append("На Ваше звернення № ").append(n).append(" надано відповідь під час першого звернення.");
                en.append("Your appeal No. ").append(n).append(" was answered at first contact.");
                answer(p, uk, en);
            }
            case "NOT_CONSIDERED" -> {
                whatUk = "не підлягає розгляду";
                whatEn = "not considered";
                NotConsideredGround g = p.ground();
                uk.append("Ваше звернення № ").append(n).append(" не підлягає розгляду");
                en.append("Your appeal No. ").append(n).append(" is not to be considered");
                if (g != null) {
                    uk.append(" (ст. ").append(g.article()).append(" Закону України «Про звернення громадян»): ")
                            .append(g.labelUk());
                    en.append(" (Art. ").append(g.article()).append(" of the Law of Ukraine \"On citizens' appeals\"): ")
                            .append(g.labelEn());
                }
                uk.append('.');
                en.append('.');
            }
            default -> throw new IllegalStateException("unhandled event type " + eventType);
        }

        uk.append("\nСтатус: ").append(appeal.status().labelUk()).append('.');
        en.append("\nStatus: ").append(appeal.status().labelEn()).append('.');
        LocalDate due = p.dueDate();
        if (due != null && appeal.status().isOpen()) {
            uk.append("\nСтрок розгляду — до ").append(DATE_UK.format(due)).append(" включно.");
            en.append("\nTo be considered by ").append(DateTimeFormatter.ISO_LOCAL_DATE.format(due)).append('.');
        }
        if (REGISTERED.equals(eventType) && accessCode.isPresent()) {
            String code = accessCode.get();
            String link = publicUrl + "/api/v1/public/status?number=" + encode(n) + "&code=" + encode(code);
            uk.append("\nКод доступу: ").append(code)
                    .append("\nСтан розгляду можна перевірити за посиланням: ").append(link)
                    .append("\nЗбережіть цей код: він потрібен, щоб дізнатися стан звернення та оцінити відповідь.");
            en.append("\nAccess code: ").append(code)
                    .append("\nCheck the status of your appeal at: ").append(link)
                    .append("\nKeep this code: you need it to check the status and to rate the answer.");
        }
        if ("ANSWERED".equals(eventType)) {
            uk.append("\nОцінити відповідь можна за номером звернення та кодом доступу, отриманим під час реєстрації.");
            en.append("\nYou can rate the answer with the appeal's number and the access code given at registration.");
        }
        uk.append("\n\nЦе повідомлення надіслано автоматично, не відповідайте на нього.");
        en.append("\n\nThis message was sent automatically; please do not reply to it.");

        String subject = "Звернення " + n + ": " + whatUk + " / Appeal " + n + ": " + whatEn;
        return Optional.of(new Message(subject, uk + SEPARATOR + en + "\n"));
    }

    private static void answer(Processing p, StringBuilder uk, StringBuilder en) {
        if (p.answer() != null && !p.answer().isBlank()) {
            uk.append("\nТекст відповіді:\n").append(p.answer().strip());
            en.append("\nThe answer (in the original language) is given above.");
        }
    }

    private static Optional<Body> body(String code, Function<String, Optional<Body>> bodies) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return bodies.apply(code);
        } catch (RuntimeException e) {
            // a display name is a nicety: the code alone still tells the applicant where the appeal went
            return Optional.empty();
        }
    }

    private static String code(Processing p) {
        return p.body() == null ? "—" : p.body();
    }

    private static String nameEn(Body b) {
        return b.nameEn() == null || b.nameEn().isBlank() ? b.nameUk() : b.nameEn();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
