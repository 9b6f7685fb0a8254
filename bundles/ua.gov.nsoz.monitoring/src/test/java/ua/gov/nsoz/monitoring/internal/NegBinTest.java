package ua.gov.nsoz.monitoring.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NegBin: upper quantiles of Poisson and negative binomial counts")
class NegBinTest {

    @Test
    @DisplayName("Poisson quantiles match the tables")
    void poisson() {
        // Poisson(1): P(X<=4) = 0.99634, P(X<=5) = 0.99941
        assertEquals(5, NegBin.upperQuantile(1, 1, 0.001));
        assertEquals(4, NegBin.upperQuantile(1, 1, 0.01));
        // Poisson(10): P(X<=19) = 0.99655, P(X<=20) = 0.99841, P(X<=21) = 0.99930
        assertEquals(21, NegBin.upperQuantile(10, 1, 0.001));
        assertEquals(0, NegBin.upperQuantile(0, 1, 0.001));
    }

    @Test
    @DisplayName("over-dispersion raises the quantile; a large mean is handled")
    void negativeBinomial() {
        // NB mean 10, variance 30 (size 5, p = 1/3), scipy: P(X<=33) = 0.998807, P(X<=34) = 0.999120
        long q = NegBin.upperQuantile(10, 3, 0.001);
        assertEquals(34, q);
        assertTrue(NegBin.upperQuantile(10, 3, 0.001) > NegBin.upperQuantile(10, 1, 0.001));
        long big = NegBin.upperQuantile(5000, 4, 1e-4);
        double sd = Math.sqrt(4 * 5000);
        assertTrue(big > 5000 + 3 * sd && big < 5000 + 6 * sd, "quantile " + big);
    }

    @Test
    @DisplayName("log-gamma")
    void logGamma() {
        assertEquals(Math.log(24), NegBin.logGamma(5), 1e-12);
        assertEquals(0.5 * Math.log(Math.PI), NegBin.logGamma(0.5), 1e-12);
    }
}
