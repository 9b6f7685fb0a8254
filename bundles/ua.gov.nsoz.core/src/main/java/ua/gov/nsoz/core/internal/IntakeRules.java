package ua.gov.nsoz.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.ValidationException;

/**
 * The intake rules of the Law "On citizens' appeals". Two outcomes, kept apart on purpose:
 * a request that cannot be understood (no kind, channel or text, malformed values) is refused with
 * every field named; an appeal with a legal defect (anonymous, unsigned, no contact) is registered
 * all the same (Art. 7: refusing to accept is prohibited) and carries its marks.
 */
public final class IntakeRules {

    /** Longest text of an appeal; longer documents come as attachments. */
    public static final int MAX_TEXT = 32_000;
    static final int MAX_NAME = 300;
    static final int MAX_ADDRESS = 500;
    static final int MAX_EMAIL = 254;
    static final int MAX_SHORT = 300;
    /** Longest applicant category code. */
    static final int MAX_CATEGORY = 40;
    static final int MAX_ATTACHMENTS = 50;
    static final int MAX_CO_SIGNERS = 10_000_000;
    /** How far ahead of this node's clock a receipt time may be (clock skew between systems). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9(][0-9 ()-]{4,30}");
    private static final int MIN_PHONE_DIGITS = 5;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");

    private IntakeRules() {
    }

    /**
     * Checks a new appeal and returns it cleaned (trimmed, blanks as absent).
     *
     * @param in the appeal as taken
     * @param now this node's clock
     * @return the cleaned appeal
     * @throws ValidationException naming every field that is wrong
     */
    public static NewAppeal check(NewAppeal in, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (in.kind() == null) {
            errors.add(required("kind", "вид звернення: PROPOSAL, APPLICATION або COMPLAINT",
                    "the kind of appeal: PROPOSAL, APPLICATION or COMPLAINT (Art. 3)"));
        }
        if (in.channel() == null) {
            errors.add(required("channel", "канал надходження", "the intake channel (Art. 5)"));
        }
        String text = clean(in.text());
        if (text == null) {
            errors.add(required("text", "суть порушеного питання", "the essence of the issue (Art. 5)"));
        } else if (text.length() > MAX_TEXT) {
            errors.add(tooLong("text", MAX_TEXT));
        } else if (!exchangeable(text)) {
            errors.add(badCharacters("text"));
        }
        String topic = checkLength(errors, "topic", in.topic(), MAX_SHORT);
        String addressee = checkLength(errors, "addressee", in.addressee(), MAX_SHORT);
        Applicant applicant = checkApplicant(errors, in.applicant());
        Integer coSigners = in.coSigners();
        if (in.collective()) {
            if (coSigners == null) {
                errors.add(new FieldError("coSigners", "Для колективного звернення вкажіть кількість підписантів (не менше 2) "
                        + "/ A collective appeal needs the number of its signatories, at least 2 (Art. 5)"));
            } else if (coSigners < 2 || coSigners > MAX_CO_SIGNERS) {
                errors.add(new FieldError("coSigners", "Кількість підписантів має бути від 2 до " + MAX_CO_SIGNERS
                        + " / The number of signatories must be between 2 and " + MAX_CO_SIGNERS));
            }
        } else if (coSigners != null) {
            errors.add(new FieldError("coSigners", "Кількість підписантів вказується лише для колективного звернення "
                    + "/ coSigners is only for a collective appeal (set collective: true)"));
        }
        Instant receivedAt = in.receivedAt() == null ? now : in.receivedAt().truncatedTo(ChronoUnit.MILLIS);
        if (receivedAt.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldError("receivedAt", "Час надходження не може бути в майбутньому "
                    + "/ The receipt time cannot be in the future"));
        }
        List<Attachment> attachments = checkAttachments(errors, in.attachments());
        ContestedDecision contested = checkContested(errors, in.kind(), in.contested(), receivedAt);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        Boolean signed = in.channel().form() == Channel.Form.WRITTEN ? in.signed() : null;
        return new NewAppeal(in.kind(), in.channel(), applicant, text, topic, addressee, in.collective(),
                in.collective() ? coSigners : null, in.confidential(), signed, receivedAt, attachments, contested);
    }

    /** Art. 17: the contested decision's dates, for a complaint; neither after the receipt, learning not before it. */
    private static ContestedDecision checkContested(List<FieldError> errors, AppealKind kind, ContestedDecision c,
            Instant receivedAt) {
        if (c == null || c.hasNoDate()) {
            return null;
        }
        if (kind != null && kind != AppealKind.COMPLAINT) {
            errors.add(new FieldError("contestedDecision", "Оскаржуване рішення вказують лише для скарги (ст. 3, 17) "
                    + "/ A contested decision is given for a complaint only (Art. 3, 17)"));
            return null;
        }
        java.time.LocalDate received = receivedAt.atZone(WorkingCalendar.ZONE).toLocalDate();
        if (c.decidedOn() != null && c.decidedOn().isAfter(received)) {
            errors.add(new FieldError("contestedDecision.decidedOn", "Дата рішення не може бути пізніше надходження скарги "
                    + "/ The decision's date cannot be after the complaint was received"));
        }
        if (c.learnedOn() != null && c.learnedOn().isAfter(received)) {
            errors.add(new FieldError("contestedDecision.learnedOn", "Дата ознайомлення з рішенням не може бути пізніше "
                    + "надходження скарги / The day of learning of the decision cannot be after the complaint was received"));
        }
        if (c.decidedOn() != null && c.learnedOn() != null && c.learnedOn().isBefore(c.decidedOn())) {
            errors.add(new FieldError("contestedDecision.learnedOn", "Дізнатися про рішення можна не раніше, ніж його "
                    + "прийнято / One cannot learn of a decision before it was taken"));
        }
        return c;
    }

    /**
     * The legal marks of a checked appeal, a complaint filed after its term (Art. 17) among them.
     *
     * @param deadlines the terms, to tell a late complaint
     * @param a a cleaned appeal
     * @return the defects found; empty if none
     */
    public static Set<LegalMark> marks(NewAppeal a, DeadlineRules deadlines) {
        Set<LegalMark> marks = marks(a);
        if (a.kind() == AppealKind.COMPLAINT
                && deadlines.complaintTerm(a.receivedAt(), a.channel(), a.contested()).late()) {
            marks.add(LegalMark.LATE_COMPLAINT);
        }
        return marks;
    }

    /**
     * The legal marks of a checked appeal that need no terms: anonymous, unsigned, no contact.
     *
     * @param a a cleaned appeal
     * @return the defects found; empty if none
     */
    public static Set<LegalMark> marks(NewAppeal a) {
        Set<LegalMark> marks = EnumSet.noneOf(LegalMark.class);
        Applicant ap = a.applicant();
        if (ap == null || ap.fullName() == null || ap.address() == null) {
            marks.add(LegalMark.ANONYMOUS);
        }
        if (a.channel().form() == Channel.Form.WRITTEN && Boolean.FALSE.equals(a.signed())) {
            marks.add(LegalMark.UNSIGNED);
        }
        if (a.channel().form() == Channel.Form.ELECTRONIC && (ap == null || ap.email() == null && ap.phone() == null)) {
            marks.add(LegalMark.NO_CONTACT_FOR_REPLY);
        }
        return marks;
    }

    private static Applicant checkApplicant(List<FieldError> errors, Applicant ap) {
        if (ap == null || clean(ap.fullName()) == null && clean(ap.address()) == null && clean(ap.email()) == null
                && clean(ap.phone()) == null && ap.type() == null && clean(ap.category()) == null) {
            // An empty applicant form is an unknown author: registered as anonymous, not refused (Art. 7, 8).
            return null;
        }
        if (ap.type() == null) {
            errors.add(required("applicant.type", "тип заявника",
                    "the applicant type: CITIZEN, ENTERPRISE, INSTITUTION, ORGANISATION, INDIVIDUAL_ENTREPRENEUR "
                            + "or LOCAL_SELF_GOVERNMENT"));
        }
        String name = checkLength(errors, "applicant.fullName", ap.fullName(), MAX_NAME);
        String address = checkLength(errors, "applicant.address", ap.address(), MAX_ADDRESS);
        String email = checkLength(errors, "applicant.email", ap.email(), MAX_EMAIL);
        if (email != null && email.length() <= MAX_EMAIL && !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError("applicant.email", "Некоректна адреса електронної пошти / Not a valid e-mail address"));
        }
        String phone = clean(ap.phone());
        if (phone != null && (!PHONE.matcher(phone).matches()
                || phone.chars().filter(Character::isDigit).count() < MIN_PHONE_DIGITS)) {
            errors.add(new FieldError("applicant.phone", "Некоректний номер телефону: цифри, пробіли, дужки, дефіси, "
                    + "можливо '+' на початку / Not a valid phone number: digits, spaces, brackets, dashes, "
                    + "an optional leading '+'"));
        }
        String category = checkLength(errors, "applicant.category", ap.category(), MAX_CATEGORY);
        return new Applicant(ap.type(), name, address, email, phone, category);
    }

    private static List<Attachment> checkAttachments(List<FieldError> errors, List<Attachment> list) {
        return checkAttachments(errors, "attachments", list);
    }

    /**
     * @param errors where to add what is wrong
     * @param field the list's field name
     * @param list file descriptions
     * @return the cleaned list
     */
    static List<Attachment> checkAttachments(List<FieldError> errors, String field, List<Attachment> list) {
        if (list.size() > MAX_ATTACHMENTS) {
            errors.add(new FieldError(field, "Не більше " + MAX_ATTACHMENTS + " вкладень / At most "
                    + MAX_ATTACHMENTS + " attachments"));
            return List.of();
        }
        List<Attachment> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Attachment at = list.get(i);
            String prefix = field + "[" + i + "].";
            if (at == null) {
                errors.add(required(field + "[" + i + "]", "опис вкладення", "the attachment's description"));
                continue;
            }
            String fileName = checkLength(errors, prefix + "fileName", at.fileName(), 255);
            if (fileName == null) {
                errors.add(required(prefix + "fileName", "назва файлу", "the file name"));
            }
            String mediaType = clean(at.mediaType());
            if (mediaType != null && (mediaType.length() > 127 || !MEDIA_TYPE.matcher(mediaType).matches())) {
                errors.add(new FieldError(prefix + "mediaType", "Некоректний тип вмісту / Not a media type like "
                        + "application/pdf"));
            }
            if (at.sizeBytes() < 0) {
                errors.add(new FieldError(prefix + "sizeBytes", "Розмір не може бути від'ємним / Size cannot be negative"));
            }
            String sha = clean(at.sha256());
            if (sha != null && !SHA256.matcher(sha).matches()) {
                errors.add(new FieldError(prefix + "sha256", "Очікується 64 шістнадцяткові цифри / Expected 64 hex digits"));
            }
            out.add(new Attachment(fileName, mediaType, at.sizeBytes(), sha == null ? null : sha.toLowerCase()));
        }
        return out;
    }

    static String checkLength(List<FieldError> errors, String field, String value, int max) {
        String v = clean(value);
        if (v != null && v.length() > max) {
            errors.add(tooLong(field, max));
        } else if (v != null && !exchangeable(v)) {
            errors.add(badCharacters(field));
        }
        return v;
    }

    /**
     * Whether every character can travel in the exchange format (XML 1.0): no control characters
     * but tab and line breaks, no broken surrogate pairs. An appeal that could not be replicated would
     * sit in the outbox for ever, so it is refused at intake instead.
     */
    static boolean exchangeable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c < 0x20 && c != '\t' && c != '\n' && c != '\r'
                    || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
        }
        return true;
    }

    private static FieldError badCharacters(String field) {
        return new FieldError(field, "Містить недопустимі керівні символи / Contains control characters that are not "
                + "allowed");
    }

    /** Trims; blank becomes absent. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    static FieldError required(String field, String whatUk, String whatEn) {
        return new FieldError(field, "Обов'язкове поле: " + whatUk + " / Required: " + whatEn);
    }

    private static FieldError tooLong(String field, int max) {
        return new FieldError(field, "Не довше " + max + " символів / At most " + max + " characters");
    }
}
