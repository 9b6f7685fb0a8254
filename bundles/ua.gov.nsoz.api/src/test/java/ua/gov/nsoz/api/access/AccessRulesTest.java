package ua.gov.nsoz.api.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AppealKind;
import ua.gov.nsoz.api.AppealQuery;
import ua.gov.nsoz.api.AppealStatus;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.ApplicantType;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.Channel;
import ua.gov.nsoz.api.Processing;
import ua.gov.nsoz.api.ValidationException;

/**
 * The scope rules, cell by cell: who sees which appeal, who sees its applicant (Law Art. 10 for a confidential one),
 * who may do which action. Callers log in at the center "ucc"; the appeal is registered at "ucc" (own center) or
 * "lviv" (another), forwarded to MOZ (own body of the clerks) or MON (another) or to none yet.
 */
class AccessRulesTest {

    static final Instant T = Instant.parse("2026-11-02T09:00:00Z");

    static Appeal appeal(String node, String body, boolean confidential) {
        Processing p = body == null ? Processing.NONE : Processing.NONE.toBuilder().body(body, T).build();
        return new Appeal("a-1", "UCC-2026-000001", node, "UA-46", AppealKind.COMPLAINT, Channel.PHONE,
                new Applicant(ApplicantType.CITIZEN, "Петренко Петро", "Львів, вул. Тестова 1", "p@example.org",
                        "+380501112233"),
                "Текст звернення", "01.01", null, false, null, confidential, true,
                List.of(new Attachment("скан-петренко.pdf", "application/pdf", 10, "ab")), Set.of(),
                AppealStatus.REGISTERED, 1, T, T, T, p);
    }

    static AccessRules.Caller caller(String roles) {
        return new AccessRules.Caller(new Actor("u", new HashSet<>(Arrays.asList(roles.split("\\+")))), "ucc");
    }

    @ParameterizedTest(name = "{0} / appeal of {1}, body {2}, confidential {3}: scope {4}, personal data {5}")
    @CsvSource({
        // roles,                              node, body, conf,  inScope, seesPersonalData
        "nsoz-operator,                        ucc,  ,     false, true,  true",
        "nsoz-operator,                        ucc,  MOZ,  false, true,  true",
        "nsoz-operator,                        ucc,  ,     true,  true,  true",   // Art. 10: not yet forwarded
        "nsoz-operator,                        ucc,  MOZ,  true,  true,  false",  // Art. 10: forwarded, masked
        "nsoz-operator,                        lviv, ,     false, false, false",
        "nsoz-supervisor,                      ucc,  MOZ,  false, true,  true",
        "nsoz-supervisor,                      lviv, MOZ,  false, false, false",
        "nsoz-clerk+nsoz-body-MOZ,             lviv, MOZ,  false, true,  true",
        "nsoz-clerk+nsoz-body-MOZ,             lviv, MOZ,  true,  true,  true",   // resolving it
        "nsoz-clerk+nsoz-body-MOZ,             lviv, MON,  false, false, false",
        "nsoz-clerk+nsoz-body-MOZ,             ucc,  ,     false, false, false",
        "nsoz-clerk,                           lviv, MOZ,  false, false, false",  // no body role: nothing
        "nsoz-head+nsoz-clerk+nsoz-body-MOZ,   lviv, MOZ,  true,  true,  true",
        "nsoz-body-MOZ,                        lviv, MOZ,  false, false, false",  // a body without the role
        "nsoz-analyst,                         lviv, MOZ,  false, true,  false",
        "nsoz-analyst,                         ucc,  ,     false, true,  false",
        "nsoz-analyst+nsoz-personal-data,      lviv, MOZ,  false, true,  true",
        "nsoz-analyst+nsoz-personal-data,      lviv, MOZ,  true,  true,  false",  // Art. 10 beats the grant
        "nsoz-auditor,                         ucc,  ,     false, false, false",
        "nsoz-admin,                           ucc,  ,     false, false, false",
        "admin,                                ucc,  ,     false, false, false",  // Karaf's admin is not NSOZ's
    })
    void scopeAndMasking(String roles, String node, String body, boolean confidential, boolean inScope,
            boolean personal) {
        AccessRules.Caller c = caller(roles.strip());
        Appeal a = appeal(node, body, confidential);
        assertEquals(inScope, AccessRules.inScope(c, a), "in scope");
        assertEquals(personal, AccessRules.seesPersonalData(c, a), "sees personal data");
        Appeal shown = AccessRules.view(c, a);
        assertEquals(personal, shown.applicant().fullName().equals("Петренко Петро"), "name shown");
        assertEquals(personal || !confidential, shown.text().equals("Текст звернення"), "text shown");
    }

    @ParameterizedTest(name = "{0} {2} on an appeal of {1}, body {3}: {4}")
    @CsvSource({
        "nsoz-operator,                      ucc,  FORWARD,    ,    true",
        "nsoz-operator,                      ucc,  CLASSIFY,   ,    true",
        "nsoz-operator,                      lviv, FORWARD,    ,    false",   // another center's
        "nsoz-operator,                      ucc,  ACCEPT,     MOZ, false",   // a body's action
        "nsoz-operator,                      ucc,  EXTEND,     MOZ, false",
        "nsoz-operator,                      ucc,  REMIND,     MOZ, false",   // the watch's only
        "nsoz-supervisor,                    ucc,  NOT_CONSIDER, ,  true",
        "nsoz-clerk+nsoz-body-MOZ,           lviv, ACCEPT,     MOZ, true",
        "nsoz-clerk+nsoz-body-MOZ,           lviv, ANSWER,     MOZ, true",
        "nsoz-clerk+nsoz-body-MOZ,           lviv, REDIRECT,   MOZ, true",
        "nsoz-clerk+nsoz-body-MOZ,           lviv, EXTEND,     MOZ, false",   // Art. 20: the head
        "nsoz-clerk+nsoz-body-MOZ,           lviv, ACCEPT,     MON, false",   // another body's
        "nsoz-clerk+nsoz-body-MOZ,           lviv, FORWARD,    MOZ, false",
        "nsoz-head+nsoz-clerk+nsoz-body-MOZ, lviv, EXTEND,     MOZ, true",
        "nsoz-head+nsoz-body-MON,            lviv, EXTEND,     MOZ, false",   // head of another body
        "nsoz-head+nsoz-clerk+nsoz-body-MOZ, lviv, ESCALATE,   MOZ, false",
        "nsoz-analyst,                       lviv, NOTE,       MOZ, false",
        "nsoz-admin,                         ucc,  NOTE,       ,    false",
        "nsoz-auditor,                       ucc,  NOTE,       ,    false",
        "nsoz-operator+nsoz-clerk+nsoz-body-MOZ, lviv, ACCEPT, MOZ, true",    // the role whose scope fits
        "nsoz-operator,                      ucc,  SHORTEN,    ,    true",    // Art. 20: the applicant's request
        "nsoz-clerk+nsoz-body-MOZ,           lviv, SHORTEN,    MOZ, true",
        "nsoz-operator,                      ucc,  RESTORE_TERM, ,  false",   // Art. 17: the body restores
        "nsoz-clerk+nsoz-body-MOZ,           lviv, RESTORE_TERM, MOZ, true",
        "nsoz-analyst,                       lviv, SHORTEN,    MOZ, false",
    })
    void actions(String roles, String node, AppealAction action, String body, boolean allowed) {
        assertEquals(allowed, AccessRules.mayAct(caller(roles.strip()), appeal(node, body, false), action));
    }

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @CsvSource({
        "'',                 PUBLIC,          true",
        "'',                 APPEAL_READ,     false",
        "nsoz-operator,      APPEAL_REGISTER, true",
        "nsoz-clerk,         APPEAL_REGISTER, false",
        "nsoz-analyst,       APPEAL_REGISTER, false",
        "nsoz-analyst,       APPEAL_SEARCH,   true",
        "nsoz-analyst,       APPEAL_ACT,      false",
        "nsoz-operator,      REPORT_READ,     false",
        "nsoz-supervisor,    REPORT_READ,     true",
        "nsoz-head,          REPORT_READ,     true",
        "nsoz-auditor,       AUDIT_READ,      true",
        "nsoz-auditor,       APPEAL_SEARCH,   false",
        "nsoz-admin,         AUDIT_READ,      false",
        "nsoz-admin,         REFERENCE_EDIT,  true",
        "nsoz-admin,         APPEAL_READ,     false",
        "nsoz-admin,         RETENTION_RUN,   true",
        "nsoz-admin,         TERMS_RECOMPUTE, true",
        "nsoz-supervisor,    TERMS_RECOMPUTE, false",
        "nsoz-analyst,       TERMS_RECOMPUTE, false",
        "nsoz-supervisor,    SYNC_READ,       true",
        "nsoz-supervisor,    SYNC_MANAGE,     false",
        "nsoz-clerk,         REFERENCE_READ,  true",
        "viewer,             REFERENCE_READ,  false",
    })
    void operations(String roles, Operation op, boolean allowed) {
        assertEquals(allowed, AccessRules.may(caller(roles.strip()), op));
    }

    @Test
    void searchesAreLimitedToTheScope() {
        AppealQuery all = AppealQuery.all();
        assertNull(AccessRules.scoped(caller("nsoz-analyst"), all).node());
        assertEquals("ucc", AccessRules.scoped(caller("nsoz-operator"), all).node());
        assertEquals("MOZ", AccessRules.scoped(caller("nsoz-clerk+nsoz-body-MOZ"), all).body());
        assertEquals("MOZ", AccessRules.scoped(caller("nsoz-clerk+nsoz-body-MOZ+nsoz-body-MON"), all.withBody("moz"))
                .body());
        assertThrows(SecurityException.class,
                () -> AccessRules.scoped(caller("nsoz-clerk+nsoz-body-MOZ"), all.withBody("MON")));
        assertThrows(SecurityException.class, () -> AccessRules.scoped(caller("nsoz-clerk"), all));
        assertThrows(ValidationException.class,
                () -> AccessRules.scoped(caller("nsoz-clerk+nsoz-body-MOZ+nsoz-body-MON"), all));
    }

    @Test
    void maskingKeepsWhatStatisticsNeed() {
        Appeal a = appeal("lviv", "MOZ", true);
        Appeal m = AccessRules.masked(a);
        assertEquals(AccessRules.MASK, m.applicant().fullName());
        assertEquals(AccessRules.MASK, m.applicant().phone());
        assertEquals(ApplicantType.CITIZEN, m.applicant().type());
        assertEquals(AccessRules.CONFIDENTIAL_TEXT, m.text());
        assertEquals("document-1", m.attachments().get(0).fileName());
        assertEquals("ab", m.attachments().get(0).sha256());
        assertTrue(m.toString().indexOf("Петренко") < 0, "no trace of the name: " + m);
        assertEquals(List.of(a.kind(), a.status(), a.topic(), a.region(), a.processing().body()),
                List.of(m.kind(), m.status(), m.topic(), m.region(), m.processing().body()));
    }

    @Test
    void maskingHidesTheCategoryAndTheApplicantsReasonButKeepsPriority() {
        Appeal base = appeal("lviv", "MOZ", false);
        Appeal a = base.withProcessing(base.processing().toBuilder().priority(true)
                .shortened(10, "Лікування в госпіталі з 01.04").build());
        a = new Appeal(a.id(), a.registrationNumber(), a.node(), a.region(), a.kind(), a.channel(),
                a.applicant().withCategory("7.5"), a.text(), a.topic(), a.addressee(), a.collective(), a.coSigners(),
                a.confidential(), a.signed(), a.attachments(), a.marks(), a.status(), a.version(), a.receivedAt(),
                a.registeredAt(), a.updatedAt(), a.processing(),
                new ua.gov.nsoz.api.ContestedDecision(java.time.LocalDate.parse("2025-01-10"), null));
        Appeal m = AccessRules.masked(a);
        assertEquals(a.contested(), m.contested(), "the contested decision's dates are no one's personal data");
        assertEquals(AccessRules.MASK, m.applicant().category());
        assertEquals(AccessRules.MASK, m.processing().shortenedReason());
        assertEquals(10, m.processing().shortenedDays());
        assertTrue(m.processing().priority(), "priority stays visible (Art. 20)");
        assertTrue(m.toString().indexOf("госпітал") < 0, m.toString());
    }
}
