package ua.gov.nsoz.reference.internal;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;

/**
 * The search of the reference base (R17): every word of the query must be found in an entry's names, code,
 * descriptions, region (its code or name) or phone; matching is case-insensitive, the apostrophes ʼ ’ ' ` ‘ are one
 * character, and a Ukrainian word is matched by its stem (its common endings cut off), so «пенсії», «пенсія» and
 * «пенсій» find one another. A word found in a name weighs most, then the phone, the code, the region, the
 * description; equal matches are ordered by name (Ukrainian collation, or English).
 */
final class ReferenceSearch {

    private static final Locale UK = Locale.forLanguageTag("uk");
    private static final Pattern APOSTROPHES = Pattern.compile("[ʼ’‘`´']");
    private static final Pattern SPLIT = Pattern.compile("[^\\p{L}\\p{N}'-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Ukrainian noun and adjective endings, longest first; a stem keeps at least {@value #MIN_STEM} letters. */
    private static final List<String> ENDINGS = List.of("ового", "ьому", "ами", "ями", "ові", "еві", "єві", "ого",
            "ому", "ими", "іми", "ної", "ній", "них", "ним", "ий", "ій", "ої", "ою", "ею", "єю", "ах", "ях", "ам",
            "ям", "ів", "їв", "ом", "ем", "им", "их", "ої", "ая", "яя", "ує", "а", "я", "о", "е", "є", "і", "ї", "и",
            "у", "ю", "й", "ь");
    private static final int MIN_STEM = 4;

    /** The regions' names, so that «Львів» finds what serves UA-46. */
    private static final Map<String, String> REGION_NAMES = Map.ofEntries(
            Map.entry("UA-05", "Вінницька область Vinnytsia"), Map.entry("UA-07", "Волинська область Volyn"),
            Map.entry("UA-09", "Луганська область Luhansk"), Map.entry("UA-12", "Дніпропетровська область Dnipro"),
            Map.entry("UA-14", "Донецька область Donetsk"), Map.entry("UA-18", "Житомирська область Zhytomyr"),
            Map.entry("UA-21", "Закарпатська область Zakarpattia"), Map.entry("UA-23", "Запорізька область Zaporizhzhia"),
            Map.entry("UA-26", "Івано-Франківська область Ivano-Frankivsk"), Map.entry("UA-30", "місто Київ Kyiv city"),
            Map.entry("UA-32", "Київська область Kyiv oblast"), Map.entry("UA-35", "Кіровоградська область Kirovohrad"),
            Map.entry("UA-40", "місто Севастополь Sevastopol"), Map.entry("UA-43", "Автономна Республіка Крим Crimea"),
            Map.entry("UA-46", "Львівська область Львів Lviv"), Map.entry("UA-48", "Миколаївська область Mykolaiv"),
            Map.entry("UA-51", "Одеська область Odesa"), Map.entry("UA-53", "Полтавська область Poltava"),
            Map.entry("UA-56", "Рівненська область Rivne"), Map.entry("UA-59", "Сумська область Sumy"),
            Map.entry("UA-61", "Тернопільська область Ternopil"), Map.entry("UA-63", "Харківська область Kharkiv"),
            Map.entry("UA-65", "Херсонська область Kherson"), Map.entry("UA-68", "Хмельницька область Khmelnytskyi"),
            Map.entry("UA-71", "Черкаська область Cherkasy"), Map.entry("UA-74", "Чернігівська область Chernihiv"),
            Map.entry("UA-77", "Чернівецька область Chernivtsi"));

    private ReferenceSearch() {
    }

    /** @return lower case (Ukrainian rules), every apostrophe as ', runs of white space as one space */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return APOSTROPHES.matcher(text.toLowerCase(UK)).replaceAll("'").replaceAll("\\s+", " ").strip();
    }

    /** @return the words of a query, normalized, each cut to its stem */
    static List<String> words(String query) {
        List<String> words = new ArrayList<>();
        for (String w : SPLIT.split(normalize(query))) {
            String t = w.replaceAll("^['-]+|['-]+$", "");
            if (!t.isEmpty()) {
                words.add(stem(t));
            }
        }
        return words;
    }

    /** @return the word without one common Ukrainian ending (or English plural s), if a stem of 4 letters is left */
    static String stem(String word) {
        if (!word.chars().allMatch(Character::isLetter) && !word.contains("'")) {
            return word;
        }
        for (String ending : ENDINGS) {
            if (word.endsWith(ending) && word.length() - ending.length() >= MIN_STEM) {
                return word.substring(0, word.length() - ending.length());
            }
        }
        if (word.length() > MIN_STEM && word.endsWith("s") && word.chars().allMatch(c -> c < 128)) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /**
     * @param all the entries to search
     * @param query the words; blank: all
     * @param type only this type, or null
     * @param english order equal matches by the English name
     * @return the entries found, best first, then by name
     */
    static List<ReferenceEntry> search(List<ReferenceEntry> all, String query, ReferenceEntryType type,
            boolean english) {
        List<String> words = words(query);
        String phrase = normalize(query);
        record Hit(ReferenceEntry entry, int score) {
        }
        List<Hit> hits = new ArrayList<>();
        for (ReferenceEntry e : all) {
            if (type != null && e.type() != type) {
                continue;
            }
            int score = score(e, words);
            if (score < 0) {
                continue;
            }
            if (!phrase.isEmpty() && (normalize(e.nameUk()).contains(phrase) || normalize(e.nameEn())
                    .contains(phrase))) {
                score += 5;
            }
            hits.add(new Hit(e, score));
        }
        Collator collator = Collator.getInstance(english ? Locale.ENGLISH : UK);
        collator.setStrength(Collator.SECONDARY);
        Comparator<Hit> order = Comparator.comparingInt((Hit h) -> -h.score())
                .thenComparing(h -> nullToEmpty(english ? h.entry().nameEn() : h.entry().nameUk()), collator)
                .thenComparing(h -> nullToEmpty(h.entry().code()));
        hits.sort(order);
        return hits.stream().map(Hit::entry).toList();
    }

    /** @return the entry's score, or -1 if a word is not found in it */
    private static int score(ReferenceEntry e, List<String> words) {
        String names = normalize(e.nameUk()) + " " + normalize(e.nameEn());
        String code = normalize(e.code());
        String region = e.region() == null ? "" : normalize(e.region() + " " + REGION_NAMES.getOrDefault(e.region(),
                ""));
        String phone = e.phone() == null ? "" : e.phone().replaceAll("\\D", "");
        String descriptions = normalize(e.descriptionUk()) + " " + normalize(e.descriptionEn());
        int total = 0;
        for (String w : words) {
            int s = 0;
            if (atWordStart(names, w)) {
                s += 10;
            } else if (names.contains(w)) {
                s += 6;
            }
            if (DIGITS.matcher(w).matches() && !phone.isEmpty() && phone.contains(w)) {
                s += phone.equals(w) ? 12 : 8;
            }
            if (code.equals(w)) {
                s += 10;
            } else if (atWordStart(code, w)) {
                s += 3;
            }
            if (!region.isEmpty() && atWordStart(region, w)) {
                s += 4;
            }
            if (descriptions.contains(w)) {
                s += 2;
            }
            if (s == 0) {
                return -1;
            }
            total += s;
        }
        return total;
    }

    private static boolean atWordStart(String text, String word) {
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            if (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) {
                return true;
            }
        }
        return false;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
