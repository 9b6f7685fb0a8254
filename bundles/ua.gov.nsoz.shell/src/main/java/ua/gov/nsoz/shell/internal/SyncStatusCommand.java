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
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.store.ReplicationStore.LinkStats;
import ua.gov.nsoz.store.ReplicationStore;
import ua.gov.nsoz.sync.LinkMonitor.BrokerState;
import ua.gov.nsoz.sync.LinkMonitor.PeerState;
import ua.gov.nsoz.sync.LinkMonitor;

/**
 * {@code nsoz:sync-status}: the links of this node, one row per peer (at the center, every configured region, the
 * ones never connected included): the store's outbox and inbox figures, and the broker's (connection, messages
 * waiting on it, dead letters) while the link runs. The same figures as {@code GET /api/v1/sync}; its times are in
 * Kyiv local time (the REST API's are UTC instants), and the header says so.
 */
@Service
@Command(scope = "nsoz", name = "sync-status",
        description = "Стан обміну з іншими вузлами / The exchange with the other nodes, per peer")
public class SyncStatusCommand implements Action {

    @Reference
    ReplicationStore replication;

    @Reference
    NodeIdentity node;

    @Reference(optional = true)
    LinkMonitor link;

    /** The line above the table: which zone its times are in. */
    static final String ZONE_HEADER = "Час за Києвом / Times in Kyiv local time (Europe/Kyiv)";

    private static String connected(PeerState p, long received) {
        if (LinkMonitor.neverConnected(p, received)) {
            return "ніколи / never";
        }
        if (p == null || p.connected() == null) {
            return "—";
        }
        return p.connected() ? "так / yes" : "ні / no";
    }

    @Override
    public Object execute() {
        ShellAccess.require(node, Operation.SYNC_READ);
        BrokerState broker = link == null ? null : link.state();
        TreeSet<String> peers = new TreeSet<>(replication.peers());
        if (node.centerNodeId() != null) {
            peers.add(node.centerNodeId());
        }
        if (broker != null) {
            broker.peers().forEach(p -> peers.add(p.peer()));
        }
        ShellTable t = new ShellTable();
        t.column("Вузол / Peer");
        t.column("Зв'язок / Connected");
        t.column("Черга / Backlog").alignRight();
        t.column("Найстаріше / Oldest waiting");
        t.column("Надіслано / Shipped").alignRight();
        t.column("Ост. № / Last sent").alignRight();
        t.column("Коли / Last shipped");
        t.column("Отримано / Received").alignRight();
        t.column("Ост. № / Last received").alignRight();
        t.column("Затримка / Lag");
        t.column("У брокері / On broker").alignRight();
        Instant now = Instant.now();
        for (String peer : peers) {
            LinkStats s = replication.stats(peer);
            PeerState p = broker == null ? null : broker.peer(peer);
            t.addRow().addContent(peer, connected(p, s.received()), s.backlog(),
                    s.oldestPendingAt() == null ? "—" : Format.duration(Duration.between(s.oldestPendingAt(), now)),
                    s.shipped(), s.lastSentSeq(), Format.time(s.lastShippedAt()), s.received(), s.lastReceivedSeq(),
                    s.lastReceivedLagMillis() == null ? "—" : s.lastReceivedLagMillis() + " ms",
                    p == null ? "—" : p.waiting());
        }
        System.out.println(ZONE_HEADER);
        t.print(System.out);
        if (broker == null) {
            System.out.println("Обмін вимкнено на цьому вузлі / The link is not running on this node "
                    + "(see the log of ua.gov.nsoz.replication)");
        } else {
            System.out.printf("Брокер / Broker: %s; відхилених / dead letters: %d (nsoz:dead-letters)%n",
                    broker.brokerUp() ? "працює / up" : "не відповідає / not answering", broker.deadLetters());
        }
        if (peers.isEmpty()) {
            System.out.println("Немає обміну з іншими вузлами / No exchange with other nodes yet");
        }
        return null;
    }
}
