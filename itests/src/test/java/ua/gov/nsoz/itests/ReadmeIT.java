package ua.gov.nsoz.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ua.gov.nsoz.itests.support.Federation;

/**
 * The README's walkthroughs, pasted as a new user pastes them (issue #12 item 6): the {@code sh} blocks after "Try
 * the federation by hand", under "The API" and under "Try the whole path by hand (the demo)" run one after another in
 * one {@code bash -eo pipefail} (variables and functions carry over, as in one terminal) against ucc and lviv started
 * by the launcher (the run's shared {@link Federation}: the blocks use only the appeals they register). Only what
 * differs in the test environment is rewritten: the ports (shifted as the launcher shifts them for the shared nodes,
 * {@link Federation#shiftedPort(int)}) and the instances folder. Then the facts the comments promise are checked in
 * what the blocks printed.
 */
@ExtendWith(Federation.class)
class ReadmeIT {

    /** The blocks wait at most 30 s per asynchronous step; a dozen steps, with room. */
    static final Duration BLOCKS_TIMEOUT = Duration.ofMinutes(6);

    /** The README's paragraph or headings whose sh blocks are the walkthroughs, in the README's order. */
    static final List<String> SECTIONS = List.of("Try the federation by hand", "## The API",
            "## Try the whole path by hand (the demo)");

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReadmesBlocksWorkAsWrittenAgainstTheDemo() throws Exception {
        Path repoRoot = Path.of(System.getProperty("nsoz.repo.root")).toRealPath();
        List<Block> blocks = blocks(Files.readString(repoRoot.resolve("README.md")));
        Path instances = Federation.instances();

        StringBuilder script = new StringBuilder();
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo '### README block ").append(i + 1).append(", ").append(blocks.get(i).section())
                    .append("'\n").append(forTheTest(blocks.get(i).text(), instances)).append('\n');
        }
        script.append("echo '### README blocks done'\n");
        Path file = Files.createTempFile(instances, "readme-blocks-", ".sh");
        Files.writeString(file, script.toString(), StandardCharsets.UTF_8);
        Path log = Path.of(file.toString().replaceFirst("\\.sh$", ".out"));

        ProcessBuilder bash = new ProcessBuilder("bash", "-eo", "pipefail", file.toString())
                .directory(repoRoot.toFile()).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = bash.environment();
        env.remove("CURL_CA_BUNDLE"); // the first block sets it, as a new user's terminal would not have it
        env.remove("CURL_HOME");
        env.put("LC_ALL", "C.UTF-8");
        Process process = bash.start();
        boolean finished = process.waitFor(BLOCKS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println("ReadmeIT: the README's blocks printed:\n" + out);
        assertTrue(finished, "the README's blocks did not finish within " + BLOCKS_TIMEOUT + ":\n" + out);
        assertEquals(0, process.exitValue(), "the README's blocks failed (bash -eo pipefail):\n" + out);
        assertTrue(out.contains("### README blocks done"), out);

        // "Try the federation by hand": ACCEPTED, version 3, at lviv and then at ucc
        String federation = printedBy(out, SECTIONS.get(0));
        assertTrue(count(federation, "\"status\":\"ACCEPTED\",\"version\":3,") >= 2,
                "ACCEPTED, version 3, at lviv and at ucc:\n" + federation);
        // "The API": 201 with Location
        String api = printedBy(out, SECTIONS.get(1));
        assertTrue(Pattern.compile("(?m)^HTTP/\\S+ 201").matcher(api).find()
                && Pattern.compile("(?mi)^location: https://").matcher(api).find(), "201 with Location:\n" + api);
        // The whole path: one month (28 to 31 days) and the 14 days of the extension at the center
        out = printedBy(out, SECTIONS.get(2));
        Matcher term = Pattern.compile("\"termDays\":(\\d+),\"extensionDays\":14").matcher(out);
        assertTrue(term.find(), "the deadline at the center shows the extension by 14 days:\n" + out);
        int month = Integer.parseInt(term.group(1));
        assertTrue(month >= 28 && month <= 31, "one month is 28 to 31 days: " + term.group());
        // the applicant's lookup and rating, with no account
        assertTrue(Pattern.compile("(?m)^\\{\"registrationNumber\":.*\"status\":\"ANSWERED\".*\"canRate\":true")
                .matcher(out).find(), "the public status shows the answer:\n" + out);
        assertTrue(Pattern.compile("(?m)^\\{\"registrationNumber\":.*\"status\":\"CLOSED\".*\"rating\":5")
                .matcher(out).find(), "the rating closes the appeal:\n" + out);
        // the history, one line per node, the same on both
        JsonNode lviv = JSON.readTree(line(out, "lviv: "));
        JsonNode ucc = JSON.readTree(line(out, "ucc:  "));
        assertEquals(List.of("REGISTERED", "FORWARDED", "ACCEPTED", "EXTENDED", "ANSWERED", "RATED"),
                lviv.findValuesAsText("type"), lviv.toString());
        assertEquals(lviv, ucc, "the same history on both nodes");
        // the auditor sees who read the applicant's data at the center: the clerk, from where
        assertTrue(Pattern.compile("\"actor\":\"clerk\",\"roles\":\"[^\"]*\",\"action\":\"READ\"").matcher(out).find()
                && out.contains("\"origin\":\"rest "), "the audit log at the center shows the clerk's reading:\n" + out);
    }

    /** One sh block of the README, and the section it is in. */
    record Block(String section, String text) {
    }

    /** The README's sh blocks of the {@link #SECTIONS}, in order; each section must have at least one. */
    static List<Block> blocks(String readme) {
        List<Block> blocks = new ArrayList<>();
        int[] perSection = new int[SECTIONS.size()];
        int section = -1;
        StringBuilder block = null;
        boolean keep = false;
        for (String line : readme.split("\n", -1)) {
            if (block != null) {
                if (line.startsWith("```")) {
                    if (keep) {
                        blocks.add(new Block(SECTIONS.get(section), block.toString()));
                        perSection[section]++;
                    }
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("```")) {
                block = new StringBuilder();
                keep = section >= 0 && line.trim().equals("```sh");
            } else if (line.startsWith("#") || line.startsWith(SECTIONS.get(0))) {
                section = SECTIONS.indexOf(SECTIONS.stream().filter(line::startsWith).findFirst().orElse(""));
            }
        }
        for (int i = 0; i < SECTIONS.size(); i++) {
            assertTrue(perSection[i] > 0, "no ```sh block in the README after '" + SECTIONS.get(i) + "'");
        }
        return blocks;
    }

    /**
     * A block as it runs in the test's environment: the demo's HTTP and SSH ports shifted as the launcher shifts
     * them, and {@code instances/} (also as {@code $PWD/instances}) the test's instances folder. Nothing else changes.
     */
    static String forTheTest(String block, Path instances) {
        String s = block.replace("$PWD/instances", instances.toString());
        s = s.replaceAll("(?<![\\w/.$-])instances/", Matcher.quoteReplacement(instances + "/"));
        s = shiftPorts(s, Pattern.compile("(?<=localhost:)818[1-3]\\b"));
        return shiftPorts(s, Pattern.compile("(?<=-p )810[1-3]\\b"));
    }

    private static String shiftPorts(String s, Pattern port) {
        Matcher m = port.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Integer.toString(Federation.shiftedPort(Integer.parseInt(m.group()))));
        }
        return m.appendTail(out).toString();
    }

    /** What the blocks of one section printed (they are marked by the script's echo lines). */
    private static String printedBy(String out, String section) {
        StringBuilder printed = new StringBuilder();
        boolean in = false;
        for (String l : out.split("\n", -1)) {
            if (l.startsWith("### README ")) {
                in = l.endsWith(", " + section);
            } else if (in) {
                printed.append(l).append('\n');
            }
        }
        assertTrue(printed.length() > 0, "the blocks after '" + section + "' printed nothing:\n" + out);
        return printed.toString();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** The rest of the first line that starts with the prefix. */
    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + out));
    }

    /** The extraction and the rewriting themselves (no node needed). */
    @Test
    void theBlocksAreFoundAndOnlyPortsAndTheInstancesFolderAreRewritten() {
        String readme = String.join("\n", "# T", "```sh", "./nsoz demo", "```", "Try the federation by hand: after",
                "```sh", "curl https://localhost:8183/x -u $(awk 1 instances/lviv.users.txt)", "```", "## The API",
                "```sh", "export X=$PWD/instances/.link-tls/ca.pem; ssh -p 8103 a@localhost", "```",
                "## Try the whole path by hand (the demo)", "```", "not sh", "```", "```sh", "echo 8181 my-instances/",
                "```", "## The Karaf shell", "```sh", "ssh -p 8101 admin@localhost", "```");
        List<String> blocks = blocks(readme).stream().map(Block::text).toList();
        assertEquals(List.of("curl https://localhost:8183/x -u $(awk 1 instances/lviv.users.txt)\n",
                "export X=$PWD/instances/.link-tls/ca.pem; ssh -p 8103 a@localhost\n", "echo 8181 my-instances/\n"),
                blocks);
        Path inst = Path.of("/tmp/x/launcher-instances-1");
        int lviv = Federation.shiftedPort(8183);
        assertEquals("curl https://localhost:" + lviv + "/x -u $(awk 1 /tmp/x/launcher-instances-1/lviv.users.txt)\n",
                forTheTest(blocks.get(0), inst));
        assertEquals("export X=/tmp/x/launcher-instances-1/.link-tls/ca.pem; ssh -p " + Federation.shiftedPort(8103)
                + " a@localhost\n", forTheTest(blocks.get(1), inst));
        assertEquals("echo 8181 my-instances/\n", forTheTest(blocks.get(2), inst), "only URLs' ports and the folder");
    }
}
