package ua.gov.nsoz.monitoring.internal;

/**
 * Upper quantiles of counts with a given mean and over-dispersion: Poisson when the variance is the mean, else the
 * negative binomial with the same mean {@code m} and variance {@code phi * m} (size {@code r = m / (phi - 1)}).
 */
final class NegBin {

    private NegBin() {
    }

    /**
     * @param mean the mean, at least 0
     * @param phi variance / mean, at least 1
     * @param alpha the upper tail probability, e.g. 0.0001
     * @return the smallest k with P(X ≤ k) ≥ 1 − alpha: a count above it has probability at most alpha
     */
    static long upperQuantile(double mean, double phi, double alpha) {
        if (mean <= 0) {
            return 0;
        }
        double target = 1 - alpha;
        double sd = Math.sqrt(Math.max(1, phi) * mean);
        long limit = (long) Math.ceil(mean + 60 * sd + 50);
        double cdf = 0;
        if (phi <= 1.000001) {
            double logMean = Math.log(mean);
            for (long k = 0; k <= limit; k++) {
                cdf += Math.exp(k * logMean - mean - logGamma(k + 1.0));
                if (cdf >= target) {
                    return k;
                }
            }
            return limit;
        }
        double r = mean / (phi - 1);
        double logP = Math.log(r / (r + mean));
        double log1mP = Math.log(mean / (r + mean));
        double lgR = logGamma(r);
        for (long k = 0; k <= limit; k++) {
            cdf += Math.exp(logGamma(k + r) - lgR - logGamma(k + 1.0) + r * logP + k * log1mP);
            if (cdf >= target) {
                return k;
            }
        }
        return limit;
    }

    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};

    /** @return ln Γ(x) for x &gt; 0 (Lanczos, g = 7; relative error about 1e-15) */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = LANCZOS[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
