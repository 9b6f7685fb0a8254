package ua.gov.nsoz.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import ua.gov.nsoz.analytics.Statistics;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.Operation;

/**
 * {@code nsoz:stats-rebuild}: drops the analysis' tables' content and builds it again from every appeal this node
 * holds ({@link Statistics#rebuild}), e.g. after a restore of the store; the admin only. Prints the count only.
 */
@Service
@Command(scope = "nsoz", name = "stats-rebuild",
        description = "Перебудувати таблиці аналізу зі звернень вузла / Rebuild the analysis' tables from the node's "
                + "appeals")
public class StatsRebuildCommand implements Action {

    @Reference
    Statistics statistics;

    @Reference
    NodeIdentity nsozNode;

    @Override
    public Object execute() {
        ShellAccess.require(nsozNode, Operation.ANALYSIS_REBUILD);
        long counted = statistics.rebuild();
        System.out.printf("Перебудовано; враховано звернень / Rebuilt; appeals counted: %d%n", counted);
        return null;
    }
}
