package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.ValidationException;

/** Text that could not travel in the exchange format (XML 1.0) is refused at intake, naming the field. */
class IntakeCharactersTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private static NewAppeal appeal(String text, String name) {
        return new NewAppeal(AppealKind.COMPLAINT, Channel.WEB,
                new Applicant(ApplicantType.CITIZEN, name, "м. Львів", "a@example.org", null), text, null, null,
                false, null, false, null, null, List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bell \u0007 here", "nul \u0000", "lone high \uD83D end", "lone low \uDE00", "\uFFFF"})
    @DisplayName("Control characters and broken surrogate pairs in the text are refused")
    void refusesUnexchangeableText(String text) {
        ValidationException e = assertThrows(ValidationException.class, () -> IntakeRules.check(appeal(text, "Ім'я"), NOW));
        assertEquals(List.of("text"), e.errors().stream().map(FieldError::field).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"рядок\nрядок\tтаб\r\n", "емодзі 😀 і «лапки» <&>"})
    @DisplayName("Line breaks, tabs, emoji and markup characters are fine")
    void acceptsOrdinaryText(String text) {
        assertEquals(text.strip(), IntakeRules.check(appeal(text, "Ім'я"), NOW).text());
    }

    @org.junit.jupiter.api.Test
    @DisplayName("A control character in the applicant's name is refused and named")
    void refusesControlCharacterInName() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> IntakeRules.check(appeal("текст", "Ім\u0001я"), NOW));
        assertEquals(List.of("applicant.fullName"), e.errors().stream().map(FieldError::field).toList());
    }
}
