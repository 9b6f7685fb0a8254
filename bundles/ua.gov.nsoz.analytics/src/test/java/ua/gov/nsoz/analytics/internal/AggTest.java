package ua.gov.nsoz.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The days-to-answer histogram: nearest-rank quantiles, its stored text, deltas that cancel, sums of cells. */
class AggTest {

    @Test
    void quantilesAreTheNearestRankOverWholeDaysAsASortedListGivesThem() {
        Random random = new Random(17);
        for (int round = 0; round < 200; round++) {
            Agg agg = new Agg();
            List<Integer> days = new ArrayList<>();
            int n = 1 + random.nextInt(300);
            for (int i = 0; i < n; i++) {
                int d = random.nextInt(random.nextBoolean() ? 15 : 400);
                days.add(d);
                agg.addDays(d, 1);
            }
            Collections.sort(days);
            for (double q : new double[] {0.1, 0.5, 0.9, 1.0}) {
                int rank = (int) Math.max(1, Math.ceil(q * n));
                assertEquals((double) days.get(rank - 1), agg.quantile(q), "q " + q + " of " + days);
            }
        }
    }

    @Test
    void theTextIsAscendingPairsWithoutZerosAndReadsBackTheSame() {
        Agg a = new Agg();
        a.addDays(30, 2);
        a.addDays(0, 1);
        a.addDays(7, 5);
        a.addDays(7, -5);          // a delta that cancels: no "7:0" in the text
        a.addDays(120, 3);
        assertEquals("0:1 30:2 120:3", a.histText());
        Agg b = new Agg();
        b.addHistText(a.histText());
        assertEquals(a.histText(), b.histText());
        assertEquals(30.0, b.quantile(0.5));
        assertEquals(120.0, b.quantile(0.9));
        b.addHistText("");
        b.addHistText(null);
        assertEquals(a.histText(), b.histText());
    }

    @Test
    void aCellAndItsOppositeDeltaSumToZero() {
        Agg cell = new Agg();
        cell.c[Agg.RECEIVED] = 4;
        cell.addDays(3, 2);
        cell.addDays(45, 1);
        Agg delta = new Agg();
        delta.c[Agg.RECEIVED] = -4;
        delta.addDays(3, -2);
        delta.addDays(45, -1);
        Agg sum = new Agg();
        sum.add(cell);
        assertFalse(sum.isZero());
        sum.add(delta);
        assertTrue(sum.isZero(), sum.histText());
        assertNull(sum.quantile(0.5), "nothing answered: no median");
        assertEquals("", sum.histText());
    }

    @Test
    void negativeDaysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Agg().addDays(-1, 1));
    }
}
