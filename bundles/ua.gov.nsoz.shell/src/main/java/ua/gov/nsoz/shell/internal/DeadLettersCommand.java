package ua.gov.nsoz.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.sync.LinkMonitor.DeadLetter;
import ua.gov.nsoz.sync.LinkMonitor;

/**
 * {@code nsoz:dead-letters}: the messages this node refused (queue {@code nsoz.dead}) with their reasons;
 * {@code --replay ID} moves one back to the queue it came from, once the cause is mended. The same as
 * {@code GET /api/v1/sync/dead-letters} and {@code POST /api/v1/sync/dead-letters/{id}/replay}.
 */
@Service
@Command(scope = "nsoz", name = "dead-letters",
        description = "Відхилені повідомлення обміну / Exchange messages this node refused, with the reason")
public class DeadLettersCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    LinkMonitor link;

    @Option(name = "--replay", description = "Повернути повідомлення з цим id / Move the message with this id back")
    String replay;

    @Option(name = "--max", description = "Показати не більше / Show at most this many (default 100)")
    int max = 100;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.SYNC_MANAGE);
        if (replay != null) {
            String queue = link.replay(replay.trim());
            System.out.println("Повернуто до / Moved back to " + queue + ": " + replay.trim());
            return null;
        }
        List<DeadLetter> messages = link.deadLetters(Math.max(1, max));
        ShellTable t = new ShellTable();
        t.column("Id");
        t.column("Від / From");
        t.column("Черга / Queue");
        t.column("Коли / When");
        t.column("Причина / Reason").maxSize(90).wrap();
        for (DeadLetter d : messages) {
            t.addRow().addContent(d.messageId(), d.origin(), d.fromQueue(), d.deadAt(), d.reason());
        }
        t.print(System.out);
        long total = link.state().deadLetters();
        System.out.printf("Відхилених: %d / Dead letters: %d%n", total, total);
        return null;
    }
}
