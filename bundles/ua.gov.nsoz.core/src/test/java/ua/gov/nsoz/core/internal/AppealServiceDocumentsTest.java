package ua.gov.nsoz.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ua.gov.nsoz.api.ActionRequest;
import ua.gov.nsoz.api.Actor;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealAction;
import ua.gov.nsoz.api.AnswerResult;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.FieldError;
import ua.gov.nsoz.api.NewAppeal;
import ua.gov.nsoz.api.ValidationException;
import ua.gov.nsoz.documents.DocumentLimits;
import ua.gov.nsoz.documents.DocumentNotHeldException;
import ua.gov.nsoz.documents.DocumentStore;
import ua.gov.nsoz.documents.StoredDocument;

/** Issue 15: an attachment with a sha256 names a document this node holds, in a registration and in an answer. */
@DisplayName("AppealService: attachments with a sha256 must name documents the node holds (422 naming the field)")
class AppealServiceDocumentsTest {

    static final String HELD = "a".repeat(64);
    static final String UNKNOWN = "b".repeat(64);

    AppealServiceImpl service;

    /** A store holding one document. */
    static DocumentStore holding(String sha, int maxPerAppeal) {
        Map<String, StoredDocument> held = Map.of(sha, new StoredDocument(sha, "application/pdf", 10, Instant.EPOCH));
        return new DocumentStore() {
            @Override
            public StoredDocument put(InputStream content, String fileName) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<StoredDocument> find(String s) {
                return Optional.ofNullable(held.get(s));
            }

            @Override
            public InputStream open(String s) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DocumentLimits limits() {
                return new DocumentLimits(1024, maxPerAppeal, List.of("application/pdf"));
            }
        };
    }

    @BeforeEach
    void setUp() {
        service = new AppealServiceImpl(new AppealServiceImplTest.FakeStore(), AppealServiceImplTest.LVIV,
                new AppealServiceImplTest.TestClock(AppealServiceImplTest.T0));
        service.documents(holding(HELD, 2));
    }

    static NewAppeal with(List<Attachment> attachments) {
        NewAppeal in = AppealServiceImplTest.appeal();
        return new NewAppeal(in.kind(), in.channel(), in.applicant(), in.text(), in.topic(), in.addressee(), false,
                null, false, null, null, attachments);
    }

    @Test
    @DisplayName("Held document and a paper one (no sha256): registered; an unknown sha256: 422 naming its field")
    void registration() {
        Appeal a = service.register(with(List.of(new Attachment("akt.pdf", "application/pdf", 10, HELD.toUpperCase()),
                new Attachment("papir.pdf", null, 0, null))), "op");
        assertEquals(2, a.attachments().size());
        DocumentNotHeldException e = assertThrows(DocumentNotHeldException.class, () -> service.register(
                with(List.of(new Attachment("a.pdf", "application/pdf", 10, HELD),
                        new Attachment("b.pdf", "application/pdf", 10, UNKNOWN))), "op"));
        assertEquals(List.of("attachments[1].sha256"), e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    @DisplayName("More documents with content than maxPerAppeal: 400 on attachments")
    void tooMany() {
        ValidationException e = assertThrows(ValidationException.class, () -> service.register(with(List.of(
                new Attachment("1.pdf", null, 1, HELD), new Attachment("2.pdf", null, 1, HELD),
                new Attachment("3.pdf", null, 1, HELD))), "op"));
        assertEquals("attachments", e.errors().get(0).field());
    }

    @Test
    @DisplayName("An answer naming an unknown document: 422 on documents[0].sha256, nothing changed")
    void answer() {
        Appeal a = service.register(with(List.of()), "op");
        ActionRequest answer = new ActionRequest(AppealAction.ANSWER, null, null, null, null, null,
                AnswerResult.SATISFIED, "Відповідь", null, null,
                List.of(new Attachment("vidpovid.pdf", "application/pdf", 10, UNKNOWN)));
        DocumentNotHeldException e = assertThrows(DocumentNotHeldException.class,
                () -> service.act(a.id(), answer, new Actor("clerk", java.util.Set.of("nsoz-clerk"))));
        assertEquals("documents[0].sha256", e.errors().get(0).field());
        assertEquals(1, service.get(a.id()).orElseThrow().version());
    }

    @Test
    @DisplayName("Without a document store nothing is checked (a node without the documents bundle)")
    void withoutStore() {
        service.documents(null);
        assertEquals(1, service.register(with(List.of(new Attachment("a.pdf", null, 1, UNKNOWN))), "op")
                .attachments().size());
    }
}
