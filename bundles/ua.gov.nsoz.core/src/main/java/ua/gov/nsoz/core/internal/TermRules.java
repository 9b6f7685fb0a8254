package ua.gov.nsoz.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rule set of terms a node counts by: how long each term of the Law "On citizens' appeals" is, in what unit,
 * and the words of the law it rests on. Data, not code: the file {@value #DEFAULT_RESOURCE} in this bundle, with an
 * id and a version, so that a change of the law (or of a court's reading of it) is a new version of the file and its
 * tests, followed by {@code nsoz:terms-recompute} on every node. How a term is counted (the Civil Code's rules) is
 * {@link DeadlineRules}. Immutable.
 *
 * @param id the rule set's id
 * @param version its version, at least 1
 * @param validFrom the day it came into force at this project (information)
 * @param terms every {@link Term}, each with its length
 */
public record TermRules(String id, int version, LocalDate validFrom, Map<Term, Length> terms) {

    /** The rule set shipped in this bundle. */
    public static final String DEFAULT_RESOURCE = "/ua/gov/nsoz/core/terms/terms.json";

    /** The terms the Law sets that the software counts. */
    public enum Term {
        /** Consideration: at most one month from receipt (Art. 20). */
        CONSIDERATION,
        /** Consideration of an appeal needing no additional study: at most 15 days (Art. 20). */
        NO_ADDITIONAL_STUDY,
        /** The whole term with extensions: at most 45 days (Art. 20). */
        MAX_TOTAL,
        /** Forwarding a misaddressed appeal to the competent body: 5 days (Art. 7). */
        REDIRECT,
        /** Returning an appeal not made out as Art. 5 requires: 10 days from receipt (Art. 7). */
        RETURN,
        /** A complaint: at most one year from the contested decision (Art. 17). */
        COMPLAINT_AFTER_DECISION,
        /** A complaint: at most one month from learning of the decision (Art. 17). */
        COMPLAINT_AFTER_LEARNING
    }

    /** The unit of a term; the Civil Code counts each differently (Art. 254). */
    public enum Unit {
        DAYS, MONTHS, YEARS
    }

    /**
     * One term's length and the law it rests on.
     *
     * @param amount how many units, at least 1
     * @param unit days, months or years
     * @param lawUk the article and its words, in Ukrainian
     * @param lawEn the same in English
     */
    public record Length(int amount, Unit unit, String lawUk, String lawEn) {

        /** Checks the values. */
        public Length {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(lawUk, "lawUk");
            Objects.requireNonNull(lawEn, "lawEn");
            if (amount < 1) {
                throw new IllegalArgumentException("amount must be at least 1: " + amount);
            }
        }

        /**
         * The last day of the term before it is moved off a day off: the day the term is counted from plus the
         * amount in its unit (Civil Code Art. 253: the term runs from the next day, so N days from D end on D + N;
         * Art. 254 parts 1 and 2: a term in years or months ends on the same-numbered day, or on the last day of a
         * month that has no such day, which is what {@link LocalDate#plusMonths} does).
         *
         * @param from the day of the event the term counts from
         * @return the last day
         */
        public LocalDate end(LocalDate from) {
            return switch (unit) {
                case DAYS -> from.plusDays(amount);
                case MONTHS -> from.plusMonths(amount);
                case YEARS -> from.plusYears(amount);
            };
        }

        /** @return e.g. "1 місяць", "15 днів", "1 рік" */
        public String uk() {
            return switch (unit) {
                case DAYS -> DeadlineRules.daysUk(amount);
                case MONTHS -> amount + " " + plural(amount, "місяць", "місяці", "місяців");
                case YEARS -> amount + " " + plural(amount, "рік", "роки", "років");
            };
        }

        /** @return e.g. "1 month", "15 days", "1 year" */
        public String en() {
            String word = switch (unit) {
                case DAYS -> "day";
                case MONTHS -> "month";
                case YEARS -> "year";
            };
            return amount + " " + word + (amount == 1 ? "" : "s");
        }
    }

    /** Checks that every term is there. */
    public TermRules {
        Objects.requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1: " + version);
        }
        Map<Term, Length> copy = new EnumMap<>(Term.class);
        copy.putAll(terms);
        for (Term t : Term.values()) {
            if (!copy.containsKey(t)) {
                throw new IllegalArgumentException("Набір правил строків " + id + ": немає строку " + t
                        + " / Rule set of terms " + id + ": the term " + t + " is missing");
            }
        }
        if (copy.get(Term.MAX_TOTAL).unit() != Unit.DAYS) {
            throw new IllegalArgumentException("Набір правил строків " + id + ": MAX_TOTAL рахується в днях "
                    + "/ Rule set of terms " + id + ": MAX_TOTAL is counted in days");
        }
        terms = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param term a term
     * @return its length
     */
    public Length get(Term term) {
        return terms.get(term);
    }

    /**
     * Another reading of one term, as a new version of the rule set would have it (configuration, tests).
     *
     * @param term the term
     * @param length its new length
     * @return a rule set with that term changed, the same id and version
     */
    public TermRules with(Term term, Length length) {
        Map<Term, Length> copy = new EnumMap<>(terms);
        copy.put(term, length);
        return new TermRules(id, version, validFrom, copy);
    }

    /** @return {@code id/version}, as a deadline names the rule set that computed it */
    public String name() {
        return id + "/" + version;
    }

    /**
     * The rule set shipped in this bundle.
     *
     * @return it
     * @throws IllegalStateException if the resource is missing from the bundle
     */
    public static TermRules loadDefault() {
        try (InputStream in = TermRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Rule set of terms missing from the bundle: " + DEFAULT_RESOURCE);
            }
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a rule set (UTF-8 JSON): {@code id}, {@code version}, optional {@code validFrom} and {@code note}, and
     * {@code terms}: for every {@link Term} an object with {@code amount}, {@code unit} ({@code DAYS}, {@code MONTHS},
     * {@code YEARS}), {@code lawUk} and {@code lawEn}.
     *
     * @param in the file; not closed here
     * @return the rule set
     * @throws IllegalArgumentException naming every problem found ("Ukrainian / English")
     */
    public static TermRules load(InputStream in) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("Набір правил строків: не JSON / Rule set of terms: not JSON: "
                    + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        String id = root.path("id").asText("");
        if (id.isBlank()) {
            problems.add("немає id / no id");
        }
        int version = root.path("version").asInt(0);
        if (version < 1) {
            problems.add("version має бути цілим ≥ 1 / version must be an integer ≥ 1");
        }
        LocalDate validFrom = null;
        if (root.hasNonNull("validFrom")) {
            try {
                validFrom = LocalDate.parse(root.get("validFrom").asText());
            } catch (java.time.format.DateTimeParseException e) {
                problems.add("validFrom не дата РРРР-ММ-ДД / validFrom is not a date YYYY-MM-DD");
            }
        }
        Map<Term, Length> terms = new EnumMap<>(Term.class);
        JsonNode list = root.path("terms");
        for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Term term;
            try {
                term = Term.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                problems.add("невідомий строк " + e.getKey() + " / unknown term " + e.getKey());
                continue;
            }
            JsonNode t = e.getValue();
            int amount = t.path("amount").asInt(0);
            Unit unit = null;
            try {
                unit = Unit.valueOf(t.path("unit").asText(""));
            } catch (IllegalArgumentException ex) {
                problems.add(term + ": unit має бути DAYS, MONTHS або YEARS / " + term + ": unit must be DAYS, MONTHS "
                        + "or YEARS");
            }
            if (amount < 1) {
                problems.add(term + ": amount має бути цілим ≥ 1 / " + term + ": amount must be an integer ≥ 1");
            }
            String lawUk = t.path("lawUk").asText("");
            String lawEn = t.path("lawEn").asText("");
            if (lawUk.isBlank() || lawEn.isBlank()) {
                problems.add(term + ": потрібні lawUk і lawEn / " + term + ": lawUk and lawEn are required");
            }
            if (unit != null && amount >= 1 && !lawUk.isBlank() && !lawEn.isBlank()) {
                terms.put(term, new Length(amount, unit, lawUk, lawEn));
            }
        }
        for (Term t : Term.values()) {
            if (!terms.containsKey(t) && problems.stream().noneMatch(p -> p.startsWith(t + ":"))) {
                problems.add("немає строку " + t + " / the term " + t + " is missing");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Набір правил строків / Rule set of terms: " + String.join("; ", problems));
        }
        return new TermRules(id, version, validFrom, terms);
    }

    private static String plural(long n, String one, String few, String many) {
        long last2 = Math.abs(n) % 100;
        long last = Math.abs(n) % 10;
        if (last2 >= 11 && last2 <= 14) {
            return many;
        }
        return last == 1 ? one : last >= 2 && last <= 4 ? few : many;
    }
}
