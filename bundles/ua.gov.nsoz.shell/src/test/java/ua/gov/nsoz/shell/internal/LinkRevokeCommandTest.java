package ua.gov.nsoz.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.sync.LinkAccess;

/** {@code nsoz:link-revoke}: who may, what it asks of the link, what it prints (the link's side: LinkIdentityIT). */
@DisplayName("nsoz:link-revoke")
class LinkRevokeCommandTest {

    final List<String> revoked = new ArrayList<>();
    LinkRevokeCommand command;
    ByteArrayOutputStream out;
    PrintStream stdout;

    @BeforeEach
    void setUp() {
        command = new LinkRevokeCommand();
        command.nsozNode = AsUser.node("ucc");
        command.access = new LinkAccess() {
            @Override
            public List<String> enrolled() {
                return List.of("lviv");
            }

            @Override
            public Revoked revoke(String region) {
                revoked.add(region);
                return new Revoked(region, "nsoz-link-" + region, true, "nsoz.to." + region);
            }
        };
        command.region = " lviv ";
        stdout = System.out;
        out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
    }

    @Test
    @DisplayName("The admin revokes: the region's queue and user are named, and what to do next")
    void revokes() {
        AsUser.run("admin", Set.of("nsoz-admin"), command::execute);
        assertEquals(List.of("lviv"), revoked);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("nsoz.to.lviv") && printed.contains("closed")
                && printed.contains("jaas:user-delete nsoz-link-lviv"), printed);
    }

    @Test
    @DisplayName("Anyone but the admin is refused and nothing is revoked")
    void onlyTheAdmin() {
        for (String role : List.of("nsoz-supervisor", "nsoz-analyst", "nsoz-operator")) {
            SecurityException e = assertThrows(SecurityException.class,
                    () -> AsUser.run("tester", Set.of(role), command::execute));
            assertTrue(e.getMessage().contains("SYNC_MANAGE"), e.getMessage());
        }
        assertEquals(List.of(), revoked);
    }

    @Test
    @DisplayName("Where no link grants access (a region), it says so")
    void onlyAtTheCenter() {
        command.access = null;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AsUser.run("admin", Set.of("nsoz-admin"), command::execute));
        assertTrue(e.getMessage().contains("Only at the center"), e.getMessage());
    }
}
