package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Await;
import ua.gov.nsoz.itests.support.KarafNode;
import ua.gov.nsoz.itests.support.SharedNode;
import ua.gov.nsoz.itests.support.Shell;

/** The nsoz:* commands of the Karaf shell, over real SSH on a real node. */
@ExtendWith(SharedNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShellIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KarafNode node;
    private Shell shell;

    @BeforeAll
    void login(KarafNode node) throws IOException {
        this.node = node;
        this.shell = new Shell(node);
    }

    @AfterAll
    void logout() {
        shell.close();
    }

    private JsonNode register(String topic, String kind) throws IOException {
        return register(topic, kind, "Синтетичне звернення для перевірки оболонки");
    }

    private JsonNode register(String topic, String kind, String text) throws IOException {
        HttpResponse<String> r = KarafNode.Http.postJson(node.url("/api/v1/appeals"), """
                {"kind":"%s","channel":"POST","signed":false,
                 "applicant":{"type":"CITIZEN","fullName":"Тестовий Заявник","address":"м. Львів, вул. Синтетична, 2"},
                 "text":"%s","topic":"%s"}""".formatted(kind, text, topic));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    @DisplayName("The shell applies the scope rules: the analyst sees the applicant masked and cannot manage the link; "
            + "the unmasked read is audited (origin shell); nsoz:audit --verify; nsoz:retention --dry-run changes nothing")
    void scopeAuditAndRetention() throws IOException {
        JsonNode a = register("Тема аудиту " + UUID.randomUUID(), "COMPLAINT");
        String number = a.get("registrationNumber").asText();
        String full = shell.run("nsoz:appeal-show " + number).out();
        assertTrue(full.contains("Тестовий Заявник"), full);
        String masked = shell.runAs(KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD, "nsoz:appeal-show " + number)
                .all();
        assertTrue(masked.contains(number) && masked.contains("***"), masked);
        assertFalse(masked.contains("Тестовий Заявник"), "the analyst saw the applicant: " + masked);
        String refused = shell.runAs(KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD, "nsoz:dead-letters").all();
        assertTrue(refused.contains("Not allowed to your roles: SYNC_MANAGE"), refused);
        String refusedAudit = shell.runAs(KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD, "nsoz:audit").all();
        assertTrue(refusedAudit.contains("Not allowed to your roles: AUDIT_READ"), refusedAudit);

        String audit = shell.run("nsoz:audit --appeal " + a.get("id").asText()).out();
        assertTrue(audit.contains("nsoz:appeal-show") && audit.contains("shell"), audit);
        assertFalse(audit.contains(KarafNode.ANALYST_USER), "a masked view is not a personal-data read: " + audit);
        String verify = shell.run("nsoz:audit --verify").all();
        assertTrue(verify.contains("OK"), verify);

        String dry = shell.run("nsoz:retention --dry-run --days 30").all();
        assertTrue(dry.contains("30"), dry);
        assertTrue(shell.run("nsoz:appeal-show " + number).out().contains("Тестовий Заявник"), "a dry run changes "
                + "nothing");
        String tooShort = shell.run("nsoz:retention --dry-run --days 5").all();
        assertTrue(tooShort.contains("30"), "a period under 30 days is refused: " + tooShort);

        // The due dates under the rule set in force: every appeal here was registered under it, so nothing moves.
        String recompute = shell.run("nsoz:terms-recompute --dry-run").all();
        assertTrue(recompute.contains("Dry run: nothing was changed") && recompute.contains("would move: 0"), recompute);
        String notAnalyst = shell.runAs(KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD, "nsoz:terms-recompute")
                .all();
        assertTrue(notAnalyst.contains("Not allowed to your roles: TERMS_RECOMPUTE"), notAnalyst);
    }

    @Test
    @DisplayName("The staff log in over SSH with the role ssh and run the appeal commands their NSOZ role allows: "
            + "the operator and the supervisor see their node's appeal in full, the analyst masked; "
            + "the supervisor and the analyst scan deadlines, the operator is refused with the reason")
    void staffRunTheAppealCommands() throws IOException {
        String token = "персонал" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode a = register("Тема " + token, "COMPLAINT");
        String number = a.get("registrationNumber").asText();
        for (String[] user : new String[][] {{KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD},
                {KarafNode.SUPERVISOR_USER, KarafNode.SUPERVISOR_PASSWORD},
                {KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD}}) {
            boolean analyst = user[0].equals(KarafNode.ANALYST_USER);
            Shell.Result list = shell.runAs(user[0], user[1], "nsoz:appeal-list -q " + token);
            assertTrue(list.out().contains(number) && list.out().contains("з 1 / Showing 1 of 1"),
                    user[0] + ": " + list.all());
            Shell.Result show = shell.runAs(user[0], user[1], "nsoz:appeal-show " + number);
            assertTrue(show.out().contains(number) && show.out().contains("Історія / History"),
                    user[0] + ": " + show.all());
            assertEquals(!analyst, show.out().contains("Тестовий Заявник"), user[0] + " (the analyst sees the "
                    + "applicant masked): " + show.all());
            Shell.Result why = shell.runAs(user[0], user[1], "nsoz:route-explain " + number);
            assertTrue(why.out().contains("Steps:"), user[0] + ": " + why.all());
            Shell.Result scan = shell.runAs(user[0], user[1], "nsoz:deadline-scan --within 40");
            if (user[0].equals(KarafNode.OPERATOR_USER)) {
                assertTrue(scan.all().contains("Not allowed to your roles: REPORT_READ"), scan.all());
            } else {
                assertTrue(scan.out().contains(number), user[0] + ": " + scan.all());
            }
        }
    }

    @Test
    @DisplayName("The staff (role ssh, no Karaf role) cannot run Karaf's own commands: bundle:list, shell:exec, "
            + "shell:cat, feature:install, config:list, scr:list, instance:list, a method call; the administrator can")
    void staffCannotRunKarafCommands() throws IOException {
        Shell.Result control = shell.run("bundle:list");
        assertTrue(control.out().contains("NSOZ :: Karaf shell commands"), "the admin lists bundles: " + control.all());
        for (String[] user : new String[][] {{KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD},
                {KarafNode.SUPERVISOR_USER, KarafNode.SUPERVISOR_PASSWORD},
                {KarafNode.ANALYST_USER, KarafNode.ANALYST_PASSWORD}}) {
            for (String command : new String[] {"bundle:list", "shell:exec echo NSOZ-EXECUTED",
                    "shell:cat etc/users.properties", "feature:install nsoz-example-rules", "config:list",
                    "scr:list", "instance:list", "($.context bundles)", "bundle:stop ua.gov.nsoz.shell"}) {
                Shell.Result r = shell.runAs(user[0], user[1], command);
                assertTrue(r.all().contains("Command not found") || r.all().contains("Insufficient credentials"),
                        user[0] + " ran " + command + ": " + r.all());
                assertFalse(r.out().contains("NSOZ :: ") || r.out().contains("NSOZ-EXECUTED")
                        || r.out().contains("itest") || r.out().contains("service.pid"),
                        user[0] + " got the output of " + command + ": " + r.all());
            }
        }
        assertTrue(shell.run("nsoz:node-info").out().contains("lviv"), "the shell still works after the refusals");
    }

    @Test
    @DisplayName("A user without the role ssh is refused at login, and the banner sent before the password says why")
    void loginWithoutSshRoleIsRefusedWithTheReason() {
        Shell.Result[] ran = new Shell.Result[1];
        IOException refused = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> ran[0] = shell
                .runAs(KarafNode.ADMIN_USER, KarafNode.ADMIN_PASSWORD, "nsoz:node-info"));
        assertTrue(shell.banner().contains("role ssh") && shell.banner().contains("ролі ssh"),
                "the banner: " + shell.banner() + " (" + refused + ")");
        assertTrue(shell.banner().contains("Permission denied"), shell.banner());
    }

    @Test
    @DisplayName("nsoz:node-info shows the node's identity and its count of appeals")
    void nodeInfo() throws IOException {
        String out = shell.run("nsoz:node-info").out();
        assertTrue(out.contains("lviv"), out);
        assertTrue(out.contains("REGIONAL"), out);
        assertTrue(out.contains("UA-46"), out);
        assertTrue(out.contains("Звернень / Appeals"), out);
    }

    @Test
    @DisplayName("The analysis at the shell: nsoz:stats counts a new appeal, nsoz:stats-rebuild rebuilds, "
            + "nsoz:report and nsoz:alerts answer")
    void analysisCommands() throws Exception {
        register("Тема аналізу", "COMPLAINT");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        String stats = "";
        while (System.nanoTime() < deadline && !stats.contains("COMPLAINT")) {
            stats = shell.run("nsoz:stats --group-by KIND --csv").out();
            if (!stats.contains("COMPLAINT")) {
                Thread.sleep(300); // poll a condition with a deadline
            }
        }
        assertTrue(stats.contains("COMPLAINT") && stats.contains("Надійшло"), stats);
        String rebuilt = shell.run("nsoz:stats-rebuild").out();
        assertTrue(rebuilt.matches("(?s).*appeals counted: [1-9][0-9]*.*"), rebuilt);
        String table = shell.run("nsoz:stats --group-by KIND").out();
        assertTrue(table.contains("COMPLAINT") || table.contains("Скарга"), table);
        assertTrue(shell.run("nsoz:report list").all().length() > 0);
        String scan = shell.run("nsoz:alerts scan").all();
        assertFalse(scan.contains("Exception"), scan);
    }

    @Test
    @DisplayName("nsoz:appeal-list finds appeals by text and filters, in a table")
    void appealList() throws IOException {
        String token = "оболонка" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode complaint = register("Тема " + token, "COMPLAINT");
        JsonNode proposal = register("Тема " + token, "PROPOSAL");
        String all = shell.run("nsoz:appeal-list -q " + token).out();
        assertTrue(all.contains(complaint.get("registrationNumber").asText()), all);
        assertTrue(all.contains(proposal.get("registrationNumber").asText()), all);
        assertTrue(all.contains("з 2 / Showing 2 of 2"), all);
        String complaints = shell.run("nsoz:appeal-list --kind complaint --channel POST -q " + token).out();
        assertTrue(complaints.contains(complaint.get("registrationNumber").asText()), complaints);
        assertFalse(complaints.contains(proposal.get("registrationNumber").asText()), complaints);
        String none = shell.run("nsoz:appeal-list --region UA-30 -q " + token).out();
        assertTrue(none.contains("з 0 / Showing 0 of 0"), none);
    }

    @Test
    @DisplayName("nsoz:appeal-show shows one appeal by number or id, with its marks and history")
    void appealShow() throws IOException {
        JsonNode a = register("Показ " + UUID.randomUUID(), "APPLICATION");
        for (String key : new String[] {a.get("registrationNumber").asText(), a.get("id").asText()}) {
            String out = shell.run("nsoz:appeal-show " + key).out();
            assertTrue(out.contains(a.get("id").asText()), out);
            assertTrue(out.contains("Синтетичне звернення для перевірки оболонки"), out);
            assertTrue(out.contains("UNSIGNED"), "the unsigned written appeal shows its mark: " + out);
            assertTrue(out.contains("REGISTERED"), out);
            assertTrue(out.contains("Історія / History"), out);
        }
    }

    @Test
    @DisplayName("nsoz:sync-status shows the link to the center: waiting in the outbox or handed to the broker")
    void syncStatus() throws IOException {
        register("Синхронізація " + UUID.randomUUID(), "PROPOSAL");
        String out = shell.run("nsoz:sync-status").out();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!out.contains("dead letters:") && System.nanoTime() < deadline) {
            // The link's routes start with the node; until then the command says the link is not running.
            try {
                Thread.sleep(500); // poll a condition with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            out = shell.run("nsoz:sync-status").out();
        }
        assertTrue(out.contains("ucc"), out);
        assertTrue(out.contains("Черга / Backlog"), out);
        String row = out.lines().filter(l -> l.contains("ucc")).findFirst().orElseThrow();
        String[] cells = row.split("\\|");
        // No center runs in this test: not connected, or (since the link lists every peer) never connected.
        assertTrue(java.util.Set.of("ні / no", "ніколи / never").contains(cells[1].trim()),
                "no center runs in this test: " + out);
        long backlog = Long.parseLong(cells[2].trim());
        long shipped = Long.parseLong(cells[4].trim());
        assertTrue(backlog + shipped >= 1, "what lviv registered is queued for the center: " + row);
        assertTrue(out.contains("dead letters: 0"), "the broker's line: " + out);
    }

    @Test
    @DisplayName("nsoz:deadline-scan lists open appeals by days left; nsoz:appeal-show says how the deadline was computed")
    void deadlines() throws IOException {
        JsonNode a = register("Строки " + UUID.randomUUID(), "COMPLAINT");
        Shell.Result scan = shell.run("nsoz:deadline-scan --within 40");
        assertTrue(scan.out().contains(a.get("registrationNumber").asText()), scan.all());
        assertTrue(scan.out().contains("Open:"), scan.all());
        Shell.Result show = shell.run("nsoz:appeal-show " + a.get("registrationNumber").asText());
        assertTrue(show.out().contains("Строк / Deadline"), show.all());
        assertTrue(show.out().contains("ст. 20"), show.all());
        // The Civil Code's steps (Art. 253, 254) and the rule set of terms that counted them (the table wraps lines).
        assertTrue(show.out().contains("(ст. 253") && show.out().contains("Civil Code Art. 253")
                && show.out().contains("ua-law-393-civil-code/2"), show.all());
        Shell.Result bad = shell.run("nsoz:deadline-scan --within -1");
        assertTrue(bad.all().contains("--within"), bad.all());
        assertFalse(bad.all().contains("\tat "), "no stack trace: " + bad.all());
    }

    @Test
    @DisplayName("nsoz:rules-set, nsoz:body-set and nsoz:rules-remove edit at the center only: a region says so, no stack trace; appeal-show shows the processing state")
    void referenceEditsAndProcessing() throws IOException {
        Shell.Result set = shell.run("nsoz:rules-set --order 1 --body MOZ --reason-uk Тест --reason-en Test X1");
        assertTrue(set.all().contains("center"), set.all());
        assertFalse(set.all().contains("\tat "), "no stack trace: " + set.all());
        Shell.Result body = shell.run("nsoz:body-set --kind CENTRAL_BODY --name-uk Тест --name-en Test X1");
        assertTrue(body.all().contains("center"), body.all());
        Shell.Result rm = shell.run("nsoz:rules-remove X1");
        assertTrue(rm.all().contains("center"), rm.all());
        JsonNode a = register("Обробка " + UUID.randomUUID(), "COMPLAINT");
        Shell.Result show = shell.run("nsoz:appeal-show " + a.get("registrationNumber").asText());
        assertTrue(show.out().contains("Класифікація / Classification"), show.all());
    }

    @Test
    @DisplayName("The example integrator rule bundle installs as a feature and the router then uses its rule (docs/integrators.md)")
    void exampleRuleFeature() throws IOException {
        Shell.Result install = shell.run("feature:install nsoz-example-rules");
        assertFalse(install.all().contains("Error"), install.all());
        JsonNode a = register("Житло " + UUID.randomUUID(), "APPLICATION", "Будинок пошкоджено обстрілом, прошу "
                + "допомогти з відновленням житла (синтетичні дані).");
        String number = a.get("registrationNumber").asText();
        String[] last = {""};
        // The rule service comes up with its bundle, a moment after feature:install returns.
        ua.gov.nsoz.itests.support.Await.until("the router to use the example rule", java.time.Duration.ofSeconds(30),
                () -> {
                    try {
                        last[0] = shell.run("nsoz:route-explain " + number).all();
                    } catch (IOException e) {
                        last[0] = e.toString();
                    }
                    return last[0].contains("LODA");
                });
        assertTrue(last[0].contains("пошкоджене або зруйноване житло"), "the example rule's reason: " + last[0]);
    }

    @Test
    @DisplayName("nsoz:body-list, nsoz:rules-list and nsoz:route-explain show the directory, the rules and why an appeal goes where")
    void routing() throws IOException {
        Shell.Result bodies = shell.run("nsoz:body-list --region UA-46");
        assertTrue(bodies.out().contains("LODA"), bodies.all());
        assertTrue(bodies.out().contains("Bodies:"), bodies.all());
        Shell.Result rules = shell.run("nsoz:rules-list");
        assertTrue(rules.out().contains("SOCIAL-46"), rules.all());
        JsonNode a = register("Соціальний захист", "APPLICATION");
        Shell.Result why = shell.run("nsoz:route-explain " + a.get("registrationNumber").asText());
        assertTrue(why.out().contains("LODA"), why.all());
        assertTrue(why.out().contains("Steps:"), why.all());
        Shell.Result missing = shell.run("nsoz:route-explain LV-1900-000000");
        assertTrue(missing.all().contains("No appeal"), missing.all());
    }

    @Test
    @DisplayName("nsoz:dead-letters lists what the node refused; a replay of something that is not there says so")
    void deadLetters() throws IOException {
        Shell.Result list = shell.run("nsoz:dead-letters");
        assertTrue(list.out().contains("Dead letters: 0"), list.all());
        Shell.Result badId = shell.run("nsoz:dead-letters --replay 42");
        assertTrue(badId.all().contains("Expected a message id"), badId.all());
        Shell.Result none = shell.run("nsoz:dead-letters --replay " + UUID.randomUUID());
        assertTrue(none.all().contains("No dead letter with id"), none.all());
        assertFalse(none.all().contains("\tat "), "no stack trace: " + none.all());
    }

    @Test
    @DisplayName("Wrong input in the shell gets a clear message, not a stack trace")
    void wrongInput() throws IOException {
        Shell.Result missing = shell.run("nsoz:appeal-show LV-1900-000000");
        assertTrue(missing.all().contains("Звернення не знайдено / No appeal"), missing.all());
        Shell.Result badStatus = shell.run("nsoz:appeal-list --status LOST");
        assertTrue(badStatus.all().contains("Unknown value 'LOST'"), badStatus.all());
        assertFalse(badStatus.all().contains("\tat "), "no stack trace: " + badStatus.all());
        Shell.Result badDate = shell.run("nsoz:appeal-list --from 31.01.2026");
        assertTrue(badDate.all().contains("2026-01-31"), badDate.all());
        Shell.Result badLimit = shell.run("nsoz:appeal-list --limit 0");
        assertTrue(badLimit.all().contains("limit"), badLimit.all());
    }

    /** Route ids of the link as the route classes set them (LinkOutboundRoutes, DeadlineWatchRoutes.ROUTE_ID). */
    private static final List<String> LINK_ROUTES = List.of("nsoz-outbox", "nsoz-deadline-watch");
    /** The route the test stops and starts again: the deadline watch (a timer; nothing waits on it meanwhile). */
    private static final String STOPPED_ROUTE = "nsoz-deadline-watch";

    private String routeStatus(String routeId) {
        try {
            return shell.run("camel:route-show " + routeId).out();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("camel:route-list lists the link's routes with their exchanges; an admin stops and starts a route; "
            + "an operator of the shell is refused both")
    void camelRoutes() throws IOException {
        Shell.Result list = shell.run("camel:route-list");
        for (String route : LINK_ROUTES) {
            assertTrue(list.out().contains(route), route + " missing: " + list.all());
        }
        assertTrue(list.out().contains("Маршрут / Route") && list.out().contains("Невдалих / Failed"), list.all());
        assertTrue(list.out().contains("nsoz-lviv"), "the context's name: " + list.all());

        Shell.Result refusedList = shell.runAs(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD, "camel:route-list");
        assertFalse(refusedList.all().contains(STOPPED_ROUTE), "an operator saw the routes: " + refusedList.all());
        Shell.Result refusedStop = shell.runAs(KarafNode.OPERATOR_USER, KarafNode.OPERATOR_PASSWORD,
                "camel:route-stop " + STOPPED_ROUTE);
        assertTrue(refusedStop.all().contains("Insufficient credentials")
                || refusedStop.all().contains("Command not found"), refusedStop.all());
        assertTrue(routeStatus(STOPPED_ROUTE).contains("Started"), "an operator's stop must change nothing");

        try {
            Shell.Result stop = shell.run("camel:route-stop " + STOPPED_ROUTE);
            assertTrue(stop.out().contains("Route " + STOPPED_ROUTE + ": Stopped"), stop.all());
            Await.until(STOPPED_ROUTE + " is shown stopped", Duration.ofSeconds(30),
                    () -> routeStatus(STOPPED_ROUTE).contains("Stopped"));
            assertTrue(shell.run("camel:route-list").out().lines().anyMatch(l -> l.contains(STOPPED_ROUTE)
                    && l.contains("Stopped")));
        } finally {
            Shell.Result start = shell.run("camel:route-start " + STOPPED_ROUTE);
            assertTrue(start.out().contains("Route " + STOPPED_ROUTE + ": Started"), start.all());
        }
        String shown = routeStatus(STOPPED_ROUTE);
        assertTrue(shown.contains("Started") && shown.contains("timer://"), shown);

        Shell.Result unknown = shell.run("camel:route-stop nsoz-no-such-route");
        assertTrue(unknown.all().contains("No route 'nsoz-no-such-route'"), unknown.all());
        assertFalse(unknown.all().contains("\tat "), "no stack trace: " + unknown.all());
    }

    /** @return the Karaf home Pax Exam unpacked for this node (its etc/ has the node's SSH port) */
    private Path karafHome() throws IOException {
        Path exam = Path.of(System.getProperty("nsoz.itest.dir", "target/exam")).toAbsolutePath();
        try (Stream<Path> homes = Files.find(exam, 3, (p, a) -> p.endsWith(Path.of("bin", "client")))) {
            for (Path client : homes.toList()) {
                Path home = client.getParent().getParent();
                Path cfg = home.resolve("etc/org.apache.karaf.shell.cfg");
                if (Files.isRegularFile(cfg) && Files.readAllLines(cfg, StandardCharsets.ISO_8859_1).stream()
                        .anyMatch(l -> l.matches("\\s*sshPort\\s*=\\s*" + node.sshPort() + "\\s*"))) {
                    return home;
                }
            }
        }
        throw new AssertionError("No unpacked distribution under " + exam + " with sshPort " + node.sshPort());
    }

    private record Run(int exit, String output) {
    }

    /** Runs the distribution's own bin/client, as an admin's script does; stdin from the given file, or a pipe. */
    private Run client(Path home, File stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("sh", home.resolve("bin/client").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        if (stdin != null) {
            builder.redirectInput(stdin);
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bin/client did not end");
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("The distribution's own bin/client runs a command with a user and password: exit 0 and its output")
    void binClient() throws Exception {
        Path home = karafHome();
        String port = Integer.toString(node.sshPort());
        // From an admin's terminal (stdin open: here a pipe the test never closes before the client ends).
        Run open = client(home, null, "-a", port, "-h", "localhost", "-u", KarafNode.SSH_USER, "-p",
                KarafNode.SSH_PASSWORD, "nsoz:node-info");
        assertEquals(0, open.exit(), open.output());
        assertTrue(open.output().contains("Вузол / Node id") && open.output().contains("lviv"), open.output());
        // From a script, cron or CI: stdin at its end (here /dev/null), as the issue tried it; the distribution's
        // bin/client keeps it open for the command (karaf-assembly/src/main/fragments/bin-client-stdin.sh).
        Run closed = client(home, new File("/dev/null"), "-a", port, "-h", "localhost", "-u", KarafNode.SSH_USER,
                "-p", KarafNode.SSH_PASSWORD, "nsoz:node-info");
        assertEquals(0, closed.exit(), closed.output());
        assertTrue(closed.output().contains("Вузол / Node id") && closed.output().contains("lviv"), closed.output());
        // The command on stdin in batch mode (-b), see docs/link.md.
        Path script = Files.createTempFile("nsoz-client", ".txt");
        try {
            Files.writeString(script, "nsoz:node-info\n");
            Run batch = client(home, script.toFile(), "-b", "-a", port, "-h", "localhost", "-u", KarafNode.SSH_USER,
                    "-p", KarafNode.SSH_PASSWORD);
            assertEquals(0, batch.exit(), batch.output());
            assertTrue(batch.output().contains("Вузол / Node id") && batch.output().contains("lviv"), batch.output());
        } finally {
            Files.deleteIfExists(script);
        }
        // A wrong password: a failure the script sees (exit status not 0), and no output of the command.
        Run wrong = client(home, null, "-a", port, "-h", "localhost", "-u", KarafNode.SSH_USER, "-p", "wrong",
                "nsoz:node-info");
        assertTrue(wrong.exit() != 0, wrong.output());
        assertFalse(wrong.output().contains("Вузол / Node id"), wrong.output());
    }
}
