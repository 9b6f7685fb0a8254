package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The applicant's access code for the public status lookup: derived from the node's key and the appeal id, kept only
 * as a hash, checked ignoring case, spaces and dashes. Only the applicant sees the status this way, so that the
 * privacy of an appeal (Law Art. 10) holds for a lookup by registration number.
 */
@DisplayName("AccessCodes: the applicant's code for the public status lookup")
class AccessCodesTest {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final Pattern FORMAT = Pattern.compile("[" + ALPHABET + "]{5}-[" + ALPHABET + "]{5}");
    static final byte[] KEY = "a fixed 32-byte key for the tests".substring(0, 32).getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER_KEY = "another fixed key, 32 bytes long".substring(0, 32).getBytes(StandardCharsets.US_ASCII);
    static final String ID = "0196a000-0000-7000-8000-000000000001";
    static final String OTHER_ID = "0196a000-0000-7000-8000-000000000002";

    static String id(int i) {
        return String.format("0196a000-0000-7000-8000-%012d", i);
    }

    @Nested
    @DisplayName("The code")
    class Code {

        @Test
        @DisplayName("Art. 10: ten characters in two groups of five, e.g. K7QX3-M9TPA, for thousands of appeals")
        void format() {
            for (int i = 0; i < 5_000; i++) {
                String code = AccessCodes.code(KEY, id(i));
                assertTrue(FORMAT.matcher(code).matches(), code);
                assertEquals(AccessCodes.LENGTH + 1, code.length());
            }
        }

        @Test
        @DisplayName("No characters mistaken for one another: no 0/O, 1/I/L, no U; every letter of the alphabet is used")
        void alphabet() {
            assertEquals(30, ALPHABET.length());
            Set<Character> seen = new HashSet<>();
            for (int i = 0; i < 5_000; i++) {
                for (char c : AccessCodes.code(KEY, id(i)).replace("-", "").toCharArray()) {
                    seen.add(c);
                }
            }
            for (char c : "01OILU".toCharArray()) {
                assertFalse(seen.contains(c), "never " + c);
            }
            Set<Character> all = new HashSet<>();
            for (char c : ALPHABET.toCharArray()) {
                all.add(c);
            }
            assertEquals(all, seen);
        }

        @Test
        @DisplayName("The node can tell the same code again: the same key and appeal give the same code")
        void deterministic() {
            assertEquals(AccessCodes.code(KEY, ID), AccessCodes.code(KEY.clone(), ID));
        }

        @Test
        @DisplayName("Another appeal, or another node's key, gives another code")
        void differs() {
            assertNotEquals(AccessCodes.code(KEY, ID), AccessCodes.code(KEY, OTHER_ID));
            assertNotEquals(AccessCodes.code(KEY, ID), AccessCodes.code(OTHER_KEY, ID));
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < 5_000; i++) {
                codes.add(AccessCodes.code(KEY, id(i)));
            }
            assertEquals(5_000, codes.size(), "no two of 5,000 appeals share a code");
        }

        @Test
        @DisplayName("A new key is 32 random bytes in Base64, a different one each time")
        void newKey() {
            String k1 = AccessCodes.newKey();
            String k2 = AccessCodes.newKey();
            assertEquals(32, Base64.getDecoder().decode(k1).length);
            assertNotEquals(k1, k2);
        }
    }

    @Nested
    @DisplayName("Checking a code against the record's hash")
    class Matching {

        final String code = AccessCodes.code(KEY, ID);
        final String hash = AccessCodes.hash(ID, code);

        @Test
        @DisplayName("The record keeps a SHA-256 hex hash, never the code")
        void hashOnly() {
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);
            assertFalse(hash.contains(code.replace("-", "")));
            assertNotEquals(hash, AccessCodes.hash(OTHER_ID, code), "salted with the appeal id");
        }

        @Test
        @DisplayName("The code as given matches")
        void exact() {
            assertTrue(AccessCodes.matches(hash, ID, code));
        }

        @ParameterizedTest(name = "as typed: \"{0}\"")
        @ValueSource(strings = {"lower", "nodash", "spaces", "mixed", "padded", "groups of two"})
        @DisplayName("Case, spaces and dashes do not matter")
        void typedVariants(String how) {
            String c = code;
            String typed = switch (how) {
                case "lower" -> c.toLowerCase();
                case "nodash" -> c.replace("-", "");
                case "spaces" -> c.replace("-", " ");
                case "mixed" -> c.substring(0, 3).toLowerCase() + c.substring(3);
                case "padded" -> "  " + c + "\t";
                case "groups of two" -> String.join("-", c.replace("-", "").split("(?<=\\G..)"));
                default -> throw new IllegalArgumentException(how);
            };
            assertTrue(AccessCodes.matches(hash, ID, typed), typed);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({
                "one character changed",
                "one character missing",
                "one character more",
                "the code of another appeal",
                "the code from another node's key"})
        @DisplayName("A wrong code is refused")
        void wrongCode(String how) {
            String plain = code.replace("-", "");
            char first = plain.charAt(0);
            String typed = switch (how) {
                case "one character changed" -> (first == '2' ? '3' : '2') + plain.substring(1);
                case "one character missing" -> plain.substring(1);
                case "one character more" -> plain + "2";
                case "the code of another appeal" -> AccessCodes.code(KEY, OTHER_ID);
                case "the code from another node's key" -> AccessCodes.code(OTHER_KEY, ID);
                default -> throw new IllegalArgumentException(how);
            };
            assertFalse(AccessCodes.matches(hash, ID, typed), typed);
        }

        @Test
        @DisplayName("The right code against another appeal's record is refused")
        void otherAppeal() {
            assertFalse(AccessCodes.matches(AccessCodes.hash(OTHER_ID, AccessCodes.code(KEY, OTHER_ID)), ID, code));
            assertFalse(AccessCodes.matches(hash, OTHER_ID, code));
        }

        @Test
        @DisplayName("An appeal given no code (null hash) matches nothing, not even an empty code")
        void nullHash() {
            assertFalse(AccessCodes.matches(null, ID, code));
            assertFalse(AccessCodes.matches(null, ID, ""));
        }

        @ParameterizedTest(name = "code \"{0}\"")
        @NullAndEmptySource
        @ValueSource(strings = {" ", "-", "-----"})
        @DisplayName("No code, or one of blanks and dashes only, is refused")
        void noCode(String typed) {
            assertFalse(AccessCodes.matches(hash, ID, typed));
        }
    }
}
