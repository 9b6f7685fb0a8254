package ua.gov.nsoz.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.knowledge.Article;

/** Issue #16: articleUpdate (a knowledge article's version) and the optional article of an answer at first contact. */
class ArticleUpdateExchangeTest {

    static final Article PENSION = new Article("PENSION-RECALC", "Перерахунок пенсії",
            "Пенсія перераховується автоматично з 1 березня; <звертатися> & не потрібно.", List.of("01.02", "TOPIC-1"),
            3, Instant.parse("2026-12-01T10:00:00.123Z"), "supervisor", false);

    private static ArticleUpdateMessage update(Article a) {
        return new ArticleUpdateMessage(new Header("01a20d71-e750-736f-8580-28d6099950f2", "ucc", 1203,
                Instant.parse("2026-12-01T10:00:01Z")), a);
    }

    @Test
    void anArticleRoundTrips() throws Exception {
        String xml = ExchangeCodec.write(update(PENSION));
        assertTrue(xml.contains("<articleUpdate xmlns=\"urn:ua:gov:nsoz:exchange:1\">"), xml);
        assertTrue(xml.contains("<topic>01.02</topic>"), xml);
        ArticleUpdateMessage back = assertInstanceOf(ArticleUpdateMessage.class, ExchangeCodec.read(xml));
        assertEquals(PENSION, back.article());
        assertEquals(xml, ExchangeCodec.write(back));
    }

    @Test
    void aWithdrawalWithoutTopicsRoundTrips() throws Exception {
        Article withdrawn = new Article("X1", "Назва", "Текст", List.of(), 4, Instant.parse("2026-12-01T11:00:00Z"),
                "supervisor", true);
        String xml = ExchangeCodec.write(update(withdrawn));
        assertFalse(xml.contains("<topic>"), xml);
        assertEquals(withdrawn, ((ArticleUpdateMessage) ExchangeCodec.read(xml)).article());
    }

    @Test
    void anInvalidCodeIsRefusedByTheSchema() throws Exception {
        Article bad = new Article("lower-case", "Назва", "Текст", List.of(), 1, Instant.parse("2026-12-01T11:00:00Z"),
                "supervisor", false);
        assertThrows(IllegalArgumentException.class, () -> ExchangeCodec.write(update(bad)));
        String xml = ExchangeCodec.write(update(PENSION)).replace("<code>PENSION-RECALC</code>",
                "<code>pension</code>");
        InvalidMessageException e = assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
        assertTrue(e.getMessage().contains("pension"), e.getMessage());
    }

    @Test
    void anUnknownElementIsRefused() throws Exception {
        String xml = ExchangeCodec.write(update(PENSION)).replace("<title>", "<extra>x</extra><title>");
        assertThrows(InvalidMessageException.class, () -> ExchangeCodec.read(xml));
    }

    @Test
    void aChangeRequestCarriesTheArticleAndOneWithoutIsWrittenAsBefore() throws Exception {
        ChangeRequestMessage m = new ChangeRequestMessage(Samples.header(9), "01a20d71-e750-736f-8580-28d6099950f3",
                Samples.APPEAL_ID, new ActionRequest(AppealAction.ANSWER_AT_FIRST_CONTACT, null, null, null, null, null,
                        null, "Відповідь за статтею", null, null, null, "PENSION-RECALC"), "operator",
                java.util.Set.of("nsoz-operator"), Instant.parse("2026-12-01T10:00:00Z"));
        String xml = ExchangeCodec.write(m);
        assertTrue(xml.contains("<article>PENSION-RECALC</article>"), xml);
        assertEquals("PENSION-RECALC", ((ChangeRequestMessage) ExchangeCodec.read(xml)).request().article());
        ChangeRequestMessage without = new ChangeRequestMessage(m.header(), m.requestId(), m.appealId(),
                ActionRequest.of(AppealAction.NOTE, "Примітка"), "operator", m.roles(), m.requestedAt());
        String plain = ExchangeCodec.write(without);
        assertFalse(plain.contains("article"), plain);
        assertNull(((ChangeRequestMessage) ExchangeCodec.read(plain)).request().article());
    }

    @Test
    void anAppealEventCarriesTheArticle() throws Exception {
        AppealEventMessage e = Samples.event(Samples.appeal());
        AppealEventMessage with = new AppealEventMessage(e.header(), e.eventId(), e.type(), e.occurredAt(),
                e.actorNode(), e.actor(), e.requestId(), e.comment(), e.appeal(), "PENSION-RECALC");
        String xml = ExchangeCodec.write(with);
        assertTrue(xml.contains("<article>PENSION-RECALC</article>"), xml);
        assertEquals(with, ExchangeCodec.read(xml));
        assertFalse(ExchangeCodec.write(e).contains("<article>"));
    }
}
