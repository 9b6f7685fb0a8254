package ua.gov.nsoz.rest.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * When the REST server is (re)built: a CXF server is rebuilt whole when its resources change, and a request
 * that arrives during a rebuild finds no service (404). So the server is first built only when every resource
 * its own bundle declares has come (or, if one never comes, after a bounded wait, with a warning naming it), and
 * later changes are applied only after the resources have been quiet for a moment, so that a burst of changes
 * (a bundle refreshed, a component reconfigured) is one rebuild rather than many.
 */
final class ServerPlan {

    /** What to do now. */
    enum Step {
        /** Nothing has changed since the last build. */
        NOTHING,
        /** Not yet: look again at {@link #nextLook}. */
        WAIT,
        /** Build (or rebuild) the server with what is bound now. */
        BUILD
    }

    private final Set<String> expected;
    private final Duration quiet;
    private final Duration firstBuildWait;
    private final Instant started;

    /**
     * @param expected the component names of the resources the REST bundle itself declares
     * @param quiet how long the bound resources must stay unchanged before a rebuild
     * @param firstBuildWait how long the first build waits for a declared resource that has not come
     * @param started when the server component started
     */
    ServerPlan(Set<String> expected, Duration quiet, Duration firstBuildWait, Instant started) {
        this.expected = Set.copyOf(expected);
        this.quiet = quiet;
        this.firstBuildWait = firstBuildWait;
        this.started = started;
    }

    /**
     * @param bound the component names of the resources bound now
     * @param lastChange when the bound set last changed
     * @param built whether a server has been built since that change
     * @param everBuilt whether a server was ever built
     * @param now the time now
     */
    Step step(Set<String> bound, Instant lastChange, boolean built, boolean everBuilt, Instant now) {
        if (built) {
            return Step.NOTHING;
        }
        if (now.isBefore(lastChange.plus(quiet))) {
            return Step.WAIT;
        }
        if (!everBuilt && !bound.containsAll(expected) && now.isBefore(started.plus(firstBuildWait))) {
            return Step.WAIT;
        }
        return bound.isEmpty() && !everBuilt ? Step.WAIT : Step.BUILD;
    }

    /** When to look again after {@link Step#WAIT}. */
    Instant nextLook(Instant lastChange, Instant now) {
        Instant settled = lastChange.plus(quiet);
        return settled.isAfter(now) ? settled : now.plus(quiet);
    }

    /** The declared resources not bound now (for the warning when the first build could wait no longer). */
    Set<String> missing(Set<String> bound) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(bound);
        return missing;
    }
}
