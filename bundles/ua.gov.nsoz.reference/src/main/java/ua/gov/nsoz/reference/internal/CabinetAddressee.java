package ua.gov.nsoz.reference.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statutory rule of Reg. 6.2 (CMU resolution No. 21 of 18.01.2012): appeals addressed to the Cabinet
 * of Ministers of Ukraine, the Prime Minister, the First Vice Prime Minister, a Vice Prime Minister or
 * the Minister of the Cabinet of Ministers go to the Secretariat of the Cabinet of Ministers. This
 * recognises those addressees in Ukrainian (any grammatical case) and English, on text
 * {@link Texts#normalize normalized} first.
 */
final class CabinetAddressee {

    /** An addressee the rule names, and the form that was found. */
    record Match(String labelUk, String labelEn, String found) {
    }

    private record Form(Pattern pattern, String labelUk, String labelEn) {
    }

    private static final String NOT_LETTER_BEFORE = "(?<![\\p{L}'])";
    private static final String NOT_LETTER_AFTER = "(?![\\p{L}'])";
    /** Most specific first, so that the trace names the official actually addressed. */
    private static final List<Form> FORMS = List.of(
            form("перш\\p{L}*\\sвіце-?\\s?прем'?єр-?\\s?міністр|first\\s(?:vice|deputy)-?\\s?prime-?\\s?minister",
                    "Перший віце-прем'єр-міністр України", "the First Vice Prime Minister of Ukraine"),
            form("віце-?\\s?прем'?єр-?\\s?міністр|(?:vice|deputy)-?\\s?prime-?\\s?minister",
                    "Віце-прем'єр-міністр України", "a Vice Prime Minister of Ukraine"),
            form("прем'?єр-?\\s?міністр|prime-?\\s?minister", "Прем'єр-міністр України",
                    "the Prime Minister of Ukraine"),
            form(NOT_LETTER_BEFORE + "міністр\\p{L}*\\sкабінет\\p{L}*\\sміністрів|minister of the cabinet of ministers",
                    "Міністр Кабінету Міністрів України", "the Minister of the Cabinet of Ministers of Ukraine"),
            form("кабінет\\p{L}*\\sміністрів|" + NOT_LETTER_BEFORE + "кабмін\\p{L}*|cabinet of ministers",
                    "Кабінет Міністрів України", "the Cabinet of Ministers of Ukraine"),
            form(NOT_LETTER_BEFORE + "(?:кму|cmu)" + NOT_LETTER_AFTER, "Кабінет Міністрів України (КМУ)",
                    "the Cabinet of Ministers of Ukraine (CMU)"));

    private CabinetAddressee() {
    }

    private static Form form(String regex, String labelUk, String labelEn) {
        return new Form(Pattern.compile(regex), labelUk, labelEn);
    }

    /**
     * @param addressee the addressee as written, or {@code null}
     * @return which of the Cabinet's addressees it names, or empty
     */
    static Optional<Match> match(String addressee) {
        String text = Texts.normalize(addressee);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (Form f : FORMS) {
            Matcher m = f.pattern().matcher(text);
            if (m.find()) {
                return Optional.of(new Match(f.labelUk(), f.labelEn(), m.group()));
            }
        }
        return Optional.empty();
    }
}
