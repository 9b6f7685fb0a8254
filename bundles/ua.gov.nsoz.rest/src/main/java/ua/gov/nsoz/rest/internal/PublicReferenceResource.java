package ua.gov.nsoz.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.api.reference.ReferenceBase;
import ua.gov.nsoz.api.reference.ReferenceData;
import ua.gov.nsoz.api.reference.ReferenceEntry;
import ua.gov.nsoz.api.reference.ReferenceEntryType;
import ua.gov.nsoz.rest.RestResource;
import ua.gov.nsoz.rest.internal.Analysis.Format;
import ua.gov.nsoz.rest.internal.OpenDataResource.ColumnJson;

/**
 * {@code /api/v1/public/reference}: the published reference base (R17) searched without login: contact centers,
 * hotlines, executive bodies and administrative service procedures. Its siblings, each a root resource of its own
 * (CXF keeps one root per path): {@link Topics} at {@code /public/topics} (the classifier's topics for the appeal
 * form) and {@link OpenData} at {@code /open-data/reference} (the whole base as open data, JSON or CSV, with its
 * data dictionary).
 */
@Component(service = RestResource.class)
@Path("/public/reference")
@Produces(MediaType.APPLICATION_JSON)
public class PublicReferenceResource implements RestResource {

    /** The default and the largest page of a search. */
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    /** One entry of the reference base; absent fields left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EntryJson(ReferenceEntryType type, String code, String nameUk, String nameEn, String region, String phone,
            String email, String address, String scheduleUk, String scheduleEn, String url, String descriptionUk,
            String descriptionEn, String bodyCode, boolean example) {
        static EntryJson of(ReferenceEntry e) {
            return new EntryJson(e.type(), e.code(), e.nameUk(), e.nameEn(), e.region(), e.phone(), e.email(),
                    e.address(), e.scheduleUk(), e.scheduleEn(), e.url(), e.descriptionUk(), e.descriptionEn(),
                    e.bodyCode(), e.example());
        }
    }

    /** A page of the search. */
    record SearchJson(List<EntryJson> items, int total) {
    }

    private final ReferenceBase base;

    /** @param base the reference base */
    @Activate
    public PublicReferenceResource(@Reference ReferenceBase base) {
        this.base = base;
    }

    /**
     * @param q the words to find in names, descriptions, region, phone; all entries if absent
     * @param type CONTACT_CENTER, HOTLINE, BODY or SERVICE; all if absent
     * @param lang uk (default) or en: which name equal matches are ordered by
     * @param limit page size, 1..{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}
     * @param offset entries to skip
     * @return the page, the best match first, and how many were found in all
     */
    @GET
    @Allowed(Operation.PUBLIC)
    public SearchJson search(@QueryParam("q") String q, @QueryParam("type") String type,
            @QueryParam("lang") String lang, @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        List<FieldError> errors = new ArrayList<>();
        ReferenceEntryType t = Params.parseEnum(errors, "type", type, ReferenceEntryType::valueOf,
                ReferenceEntryType.values());
        boolean english = english(errors, lang);
        int l = Params.parseLimit(errors, "limit", limit, DEFAULT_LIMIT, MAX_LIMIT);
        int o = Params.parseOffset(errors, "offset", offset);
        if (q != null && q.length() > 200) {
            errors.add(new FieldError("q", "Не довше 200 символів / At most 200 characters"));
        }
        Analysis.check(errors);
        List<ReferenceEntry> found = base.search(q, t, english);
        List<EntryJson> page = found.stream().skip(o).limit(l).map(EntryJson::of).toList();
        return new SearchJson(page, found.size());
    }

    static boolean english(List<FieldError> errors, String lang) {
        String v = Params.blankToNull(lang);
        if (v == null || v.equalsIgnoreCase("uk")) {
            return false;
        }
        if (v.equalsIgnoreCase("en")) {
            return true;
        }
        errors.add(new FieldError("lang", "Очікується uk або en / Expected uk or en"));
        return false;
    }

    /** {@code /api/v1/public/topics}: the classifier's topics, for the select of the public appeal form. */
    @Component(service = RestResource.class)
    @Path("/public/topics")
    @Produces(MediaType.APPLICATION_JSON)
    public static class Topics implements RestResource {

        /** One topic. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record TopicJson(String code, String nameUk, String nameEn, String parentCode) {
        }

        /** The list. */
        record TopicsJson(List<TopicJson> items) {
        }

        private final ReferenceData data;

        /** @param data the reference data */
        @Activate
        public Topics(@Reference ReferenceData data) {
            this.data = data;
        }

        /** @return every topic of the classifier, in the order of the data */
        @GET
        @Allowed(Operation.PUBLIC)
        public TopicsJson topics() {
            return new TopicsJson(data.topics().stream().map(t -> new TopicJson(t.code(), t.nameUk(), t.nameEn(),
                    t.parentCode())).toList());
        }
    }

    /**
     * {@code /api/v1/open-data/reference}: the reference base as open data (R17, R18), without login: every entry,
     * JSON or CSV (UTF-8 with a BOM), with its data dictionary at {@code /open-data/reference/dictionary}.
     */
    @Component(service = RestResource.class)
    @Path("/open-data/reference")
    @Produces({MediaType.APPLICATION_JSON, Analysis.TEXT_CSV})
    public static class OpenData implements RestResource {

        static final String DICTIONARY_PATH = "/api/v1/open-data/reference/dictionary";

        /** The data set. */
        record ReferenceSetJson(String version, String dictionary, List<EntryJson> items) {
        }

        /** The data dictionary. */
        record DictionaryJson(String title, String titleEn, List<ColumnJson> columns, String notesUk, String notesEn,
                String formatsUk, String formatsEn) {
        }

        static final List<ColumnJson> COLUMNS = List.of(
                new ColumnJson("type", "string", "Тип запису: CONTACT_CENTER (контактний центр), HOTLINE (гаряча "
                        + "лінія), BODY (орган виконавчої влади), SERVICE (адміністративна послуга)",
                        "Entry type: CONTACT_CENTER, HOTLINE, BODY (executive body), SERVICE (administrative service)"),
                new ColumnJson("code", "string", "Стабільний код запису (для органу — код органу)",
                        "Stable code of the entry (for a body, the body's code)"),
                new ColumnJson("nameUk", "string", "Назва українською", "Name in Ukrainian"),
                new ColumnJson("nameEn", "string", "Назва англійською", "Name in English"),
                new ColumnJson("region", "string or empty", "Код регіону ISO 3166-2:UA; порожньо — уся країна",
                        "ISO 3166-2:UA region code; empty for the whole country"),
                new ColumnJson("phone", "string or empty", "Телефон", "Phone"),
                new ColumnJson("email", "string or empty", "Електронна пошта", "E-mail"),
                new ColumnJson("address", "string or empty", "Адреса", "Address"),
                new ColumnJson("scheduleUk", "string or empty", "Графік роботи українською",
                        "Working hours in Ukrainian"),
                new ColumnJson("scheduleEn", "string or empty", "Графік роботи англійською",
                        "Working hours in English"),
                new ColumnJson("url", "string or empty", "Вебсторінка", "Web page"),
                new ColumnJson("descriptionUk", "string or empty", "Опис українською; для послуги — процедура: "
                        + "кроки, потрібні документи, строк, плата", "Description in Ukrainian; for a service, the "
                                + "procedure: steps, documents needed, term, fee"),
                new ColumnJson("descriptionEn", "string or empty", "Опис англійською", "Description in English"),
                new ColumnJson("bodyCode", "string or empty", "Код органу, до якого належить запис (для органу — "
                        + "орган, якому він підпорядкований)", "Code of the body the entry belongs to (for a body, "
                                + "the body it reports to)"),
                new ColumnJson("example", "boolean", "true — контакти вигадані для прикладу, не телефонуйте й не "
                        + "пишіть за ними", "true: the contacts are made-up examples; do not call or write to them"));

        private final ReferenceBase base;
        private final ReferenceData data;

        /**
         * @param base the reference base
         * @param data the reference data, for its version
         */
        @Activate
        public OpenData(@Reference ReferenceBase base, @Reference ReferenceData data) {
            this.base = base;
            this.data = data;
        }

        /**
         * @param format json or csv (else the Accept header decides)
         * @param accept the Accept header
         * @return every entry of the reference base
         */
        @GET
        @Allowed(Operation.PUBLIC)
        public Response get(@QueryParam("format") String format, @HeaderParam("Accept") String accept) {
            List<FieldError> errors = new ArrayList<>();
            Format out = Analysis.format(errors, format, accept, Format.JSON, Format.CSV);
            Analysis.check(errors);
            List<EntryJson> items = base.entries().stream().map(EntryJson::of).toList();
            if (out == Format.CSV) {
                return Analysis.csvAnswer(csv(items), "nsoz-reference-base.csv");
            }
            return Response.ok(new ReferenceSetJson(data.version(), DICTIONARY_PATH, items),
                    MediaType.APPLICATION_JSON_TYPE).build();
        }

        /** @return the CSV: the dictionary's columns, an absent value empty */
        static byte[] csv(List<EntryJson> items) {
            return Analysis.csv(COLUMNS.stream().map(ColumnJson::name).toList(), out -> {
                for (EntryJson e : items) {
                    out.printRecord(e.type().name(), e.code(), e.nameUk(), e.nameEn(), empty(e.region()),
                            empty(e.phone()), empty(e.email()), empty(e.address()), empty(e.scheduleUk()),
                            empty(e.scheduleEn()), empty(e.url()), empty(e.descriptionUk()),
                            empty(e.descriptionEn()), empty(e.bodyCode()), e.example());
                }
            });
        }

        private static String empty(String s) {
            return s == null ? "" : s;
        }

        /** @return what each column means, in Ukrainian and English */
        @GET
        @Path("/dictionary")
        @Produces(MediaType.APPLICATION_JSON)
        @Allowed(Operation.PUBLIC)
        public DictionaryJson dictionary() {
            return new DictionaryJson("Довідкова база НСОЗ: контактні центри, гарячі лінії, органи виконавчої влади, "
                    + "адміністративні послуги", "NSOZ reference base: contact centers, hotlines, executive bodies, "
                            + "administrative services", COLUMNS,
                    "Дані демонстраційні: справжній лише номер урядової гарячої лінії 1545; решта контактів — "
                            + "приклади (example = true). Записи редагує Урядовий контактний центр; регіони отримують "
                            + "зміни автоматично.",
                    "Demonstration data: only the Government hotline 1545 is a real number; the other contacts are "
                            + "examples (example = true). The Government Contact Center edits the entries; the "
                            + "regions receive the edits automatically.",
                    "JSON (format=json або Accept: application/json) і CSV (format=csv або Accept: text/csv; UTF-8 з "
                            + "BOM)",
                    "JSON (format=json or Accept: application/json) and CSV (format=csv or Accept: text/csv; UTF-8 "
                            + "with a BOM)");
        }
    }
}
