package ua.gov.nsoz.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

    @Test
    void aHashIsSaltedSlowAndChecks() {
        String a = PasswordHash.hash("Пароль-1 секретний");
        String b = PasswordHash.hash("Пароль-1 секретний");
        assertNotEquals(a, b, "a fresh salt each time");
        String[] parts = a.split(":");
        assertEquals(4, parts.length);
        assertEquals("pbkdf2-sha256", parts[0]);
        assertEquals(String.valueOf(PasswordHash.ITERATIONS), parts[1]);
        assertTrue(PasswordHash.ITERATIONS >= 10_000, "deliberately slow");
        assertEquals(16, java.util.Base64.getDecoder().decode(parts[2]).length);
        assertFalse(a.contains(",") || a.contains("\\") || a.contains(" "), "fits a users.properties value");
        assertTrue(PasswordHash.matches("Пароль-1 секретний", a));
        assertTrue(PasswordHash.matches("Пароль-1 секретний", b));
        assertFalse(PasswordHash.matches("Пароль-1 секретниЙ", a));
        assertFalse(PasswordHash.matches("", a));
        assertFalse(PasswordHash.isLegacy(a));
    }

    @Test
    void theIterationCountKeptInTheValueIsTheOneUsed() {
        String cheap = PasswordHash.hash("secret", 1000);
        assertTrue(cheap.startsWith("pbkdf2-sha256:1000:"));
        assertTrue(PasswordHash.matches("secret", cheap));
        String tampered = cheap.replace(":1000:", ":1001:");
        assertFalse(PasswordHash.matches("secret", tampered));
    }

    @Test
    void theOldUnsaltedSha256StillChecksAndIsRecognized() {
        // SHA-256("secret"), as the launcher wrote it before
        String old = "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b";
        assertTrue(PasswordHash.isLegacy(old));
        assertTrue(PasswordHash.matches("secret", old));
        assertFalse(PasswordHash.matches("Secret", old));
    }

    @Test
    void malformedValuesNeverMatch() {
        for (String bad : new String[] {"", "secret", "pbkdf2-sha256:x:AAAA:AAAA", "pbkdf2-sha256:0:AAAA:AAAA",
                "md5:1000:AAAA:AAAA", "pbkdf2-sha256:1000:!!:AAAA"}) {
            assertFalse(PasswordHash.matches("secret", bad), bad);
        }
        assertFalse(PasswordHash.matches(null, "x"));
    }

    @Test
    void theLauncherGetsOneHashPerLineFromStandardInput() throws Exception {
        InputStream in = System.in;
        PrintStream out = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("first\nдругий\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            PasswordHash.main(new String[0]);
        } finally {
            System.setIn(in);
            System.setOut(out);
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length);
        assertTrue(PasswordHash.matches("first", lines[0]));
        assertTrue(PasswordHash.matches("другий", lines[1]));
    }
}
