package ua.gov.nsoz.shell.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;

/** {@code nsoz:node-info}: who this node is. */
@Service
@Command(scope = "nsoz", name = "node-info", description = "Показати відомості про вузол / Show this node's identity")
public class NodeInfoCommand implements Action {

    @Reference
    NodeIdentity node;

    @Reference
    AppealService appeals;

    /** The node's store (etc/org.ops4j.datasource-nsoz.cfg): its engine is shown, Derby or PostgreSQL. */
    @Reference(filter = "(dataSourceName=nsoz)")
    DataSource dataSource;

    @Override
    public Object execute() {
        ShellAccess.require(node, Operation.PUBLIC);
        ShellTable table = new ShellTable();
        table.column("Властивість / Property");
        table.column("Значення / Value");
        table.addRow().addContent("Вузол / Node id", node.nodeId());
        table.addRow().addContent("Код / Code", node.code());
        table.addRow().addContent("Назва / Name", node.name());
        table.addRow().addContent("Роль / Role", node.role());
        table.addRow().addContent("Регіон / Region", node.region() == null ? "—" : node.region());
        table.addRow().addContent("Центр / Center", node.centerNodeId() == null ? "—" : node.centerNodeId());
        table.addRow().addContent("Версія / Version", node.softwareVersion());
        table.addRow().addContent("Запущено / Started", Format.time(node.startedAt()));
        table.addRow().addContent("Працює / Uptime", Format.duration(Duration.between(node.startedAt(), Instant.now())));
        table.addRow().addContent("Сховище / Store", store());
        table.addRow().addContent("Звернень / Appeals", appeals.search(new AppealQuery(null, null, null, null, null,
                null, null, 0, 1)).total());
        table.print(System.out);
        return null;
    }

    /** The engine and its version, e.g. "PostgreSQL 15.18" or "Apache Derby 10.14.2.0 - (1828579)". */
    String store() {
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData m = c.getMetaData();
            return m.getDatabaseProductName() + " " + m.getDatabaseProductVersion();
        } catch (SQLException e) {
            return "? (" + e.getSQLState() + ")";
        }
    }
}
