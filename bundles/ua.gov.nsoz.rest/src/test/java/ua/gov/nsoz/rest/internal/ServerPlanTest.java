package ua.gov.nsoz.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.rest.internal.ServerPlan.Step;

class ServerPlanTest {

    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    private final ServerPlan plan = new ServerPlan(Set.of("appeals", "node", "openapi"), Duration.ofMillis(300),
            Duration.ofSeconds(90), T0);

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void theFirstBuildWaitsForEveryDeclaredResource() {
        assertEquals(Step.WAIT, plan.step(Set.of("node", "openapi"), at(100), false, false, at(5_000)));
        assertEquals(Set.of("appeals"), plan.missing(Set.of("node", "openapi")));
        assertEquals(Step.BUILD, plan.step(Set.of("appeals", "node", "openapi"), at(100), false, false, at(5_000)));
    }

    @Test
    void aResourceThatNeverComesHoldsTheFirstBuildOnlyForTheBoundedWait() {
        assertEquals(Step.WAIT, plan.step(Set.of("node"), at(100), false, false, at(89_999)));
        assertEquals(Step.BUILD, plan.step(Set.of("node"), at(100), false, false, at(90_000)));
        assertEquals(Step.WAIT, plan.step(Set.of(), at(100), false, false, at(120_000)), "nothing to serve yet");
    }

    @Test
    void aBurstOfChangesIsOneRebuildAfterTheyAreQuiet() {
        Set<String> all = Set.of("appeals", "node", "openapi", "extra");
        assertEquals(Step.WAIT, plan.step(all, at(10_000), false, true, at(10_299)));
        assertEquals(at(10_300), plan.nextLook(at(10_000), at(10_100)));
        assertEquals(Step.BUILD, plan.step(all, at(10_000), false, true, at(10_300)));
        assertEquals(Step.NOTHING, plan.step(all, at(10_000), true, true, at(20_000)));
    }

    @Test
    void afterTheFirstBuildAResourceThatGoesIsARebuildWithoutIt() {
        assertEquals(Step.BUILD, plan.step(Set.of("node", "openapi"), at(10_000), false, true, at(11_000)));
    }

    @Test
    void aLookAfterTheQuietPeriodComesAgainOneQuietPeriodLater() {
        assertEquals(at(5_300), plan.nextLook(at(100), at(5_000)));
    }
}
