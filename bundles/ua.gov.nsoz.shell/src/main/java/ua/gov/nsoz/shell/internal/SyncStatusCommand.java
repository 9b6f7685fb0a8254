package ua.gov.nsoz.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;

/** {@code nsoz:sync-status}: the links of this node, one row per peer, as this node's store sees them. */
@Service
@Command(scope = "nsoz", name = "sync-status",
        description = "Стан обміну з іншими вузлами / The exchange with the other nodes, per peer")
public class SyncStatusCommand implements Action {

    @Reference
    ReplicationStore replication;

    @Reference
    NodeIdentity node;

    @Override
    public Object execute() {
        TreeSet<String> peers = new TreeSet<>(replication.peers());
        if (node.centerNodeId() != null) {
            peers.add(node.centerNodeId());
        }
        ShellTable t = new ShellTable();
        t.column("Вузол / Peer");
        t.column("Черга / Backlog").alignRight();
        t.column("Найстаріше / Oldest waiting");
        t.column("Надіслано / Shipped").alignRight();
        t.column("Ост. № / Last sent").alignRight();
        t.column("Коли / Last shipped");
        t.column("Отримано / Received").alignRight();
        t.column("Ост. № / Last received").alignRight();
        Instant now = Instant.now();
        for (String peer : peers) {
            LinkStats s = replication.stats(peer);
            t.addRow().addContent(peer, s.backlog(),
                    s.oldestPendingAt() == null ? "—" : Format.duration(Duration.between(s.oldestPendingAt(), now)),
                    s.shipped(), s.lastSentSeq(), Format.time(s.lastShippedAt()), s.received(), s.lastReceivedSeq());
        }
        t.print(System.out);
        if (peers.isEmpty()) {
            System.out.println("Немає обміну з іншими вузлами / No exchange with other nodes yet");
        }
        return null;
    }
}
