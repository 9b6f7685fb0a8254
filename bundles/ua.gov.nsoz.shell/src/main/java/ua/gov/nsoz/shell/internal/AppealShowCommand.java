package ua.gov.nsoz.shell.internal;

import java.time.LocalDate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import ua.gov.nsoz.api.Appeal;
import ua.gov.nsoz.api.AppealEvent;
import ua.gov.nsoz.api.AppealService;
import ua.gov.nsoz.api.Applicant;
import ua.gov.nsoz.api.Attachment;
import ua.gov.nsoz.api.ContestedDecision;
import ua.gov.nsoz.api.Deadline;
import ua.gov.nsoz.api.LegalMark;
import ua.gov.nsoz.api.NodeIdentity;
import ua.gov.nsoz.api.access.AccessRules;
import ua.gov.nsoz.api.access.Operation;
import ua.gov.nsoz.store.AppealStore;

/**
 * {@code nsoz:appeal-show ID}: one appeal in full, with its history. For a caller who may not see the applicant
 * ({@link AccessRules#seesPersonalData}) the applicant's data are masked as {@link AccessRules#masked} does, and so
 * are the applicant's category and their reason for a shortened term (also where the deadline's explanation quotes
 * it); the contested decision's dates, priority and the terms show to every caller in scope.
 */
@Service
@Command(scope = "nsoz", name = "appeal-show", description = "Показати звернення / Show one appeal and its history")
public class AppealShowCommand implements Action {

    @Reference
    NodeIdentity nsozNode;

    @Reference
    AppealService appeals;

    @Reference
    AppealStore store;

    @Reference
    ua.gov.nsoz.api.audit.AuditLog audit;

    @Argument(index = 0, name = "id", required = true,
            description = "Id або реєстраційний номер / Appeal id or registration number")
    @Completion(Completers.AppealIdCompleter.class)
    String id;

    @Override
    public Object execute() {
        AccessRules.Caller caller = ShellAccess.require(nsozNode, Operation.APPEAL_READ);
        Appeal found = Format.found(appeals, id);
        Appeal a = ShellAccess.read(caller, found, audit, "nsoz:appeal-show");
        ShellTable t = new ShellTable();
        t.column("Поле / Field");
        t.column("Значення / Value").maxSize(100).wrap();
        t.addRow().addContent("Id", a.id());
        t.addRow().addContent("Реєстр. № / Number", a.registrationNumber());
        t.addRow().addContent("Статус / Status", a.status() + " (" + a.status().labelUk() + ")");
        t.addRow().addContent("Версія / Version", a.version());
        t.addRow().addContent("Вид / Kind", a.kind() + " (" + a.kind().labelUk() + ")");
        t.addRow().addContent("Канал / Channel", a.channel() + " (" + a.channel().labelUk() + ")");
        t.addRow().addContent("Вузол / Node", a.node() + (a.region() == null ? "" : " " + a.region()));
        t.addRow().addContent("Надійшло / Received", Format.time(a.receivedAt()));
        t.addRow().addContent("Зареєстровано / Registered", Format.time(a.registeredAt()));
        Applicant ap = a.applicant();
        if (ap != null) {
            t.addRow().addContent("Заявник / Applicant", (ap.type() == null ? "" : ap.type() + " ")
                    + nullToDash(ap.fullName()));
            t.addRow().addContent("Адреса / Address", nullToDash(ap.address()));
            t.addRow().addContent("Контакти / Contacts", nullToDash(ap.email()) + " " + nullToDash(ap.phone()));
            if (ap.category() != null) {
                // Masked by AccessRules like the name: the category (a veteran, a disability) tells about the person.
                t.addRow().addContent("Категорія заявника / Applicant category", ap.category());
            }
        } else {
            t.addRow().addContent("Заявник / Applicant", "— (невідомий / unknown)");
        }
        t.addRow().addContent("Конфіденційно / Confidential", a.confidential() ? "так / yes (ст. 10)" : "ні / no");
        t.addRow().addContent("Колективне / Collective", a.collective() ? "так / yes, " + a.coSigners() : "ні / no");
        t.addRow().addContent("Адресат / Addressee", nullToDash(a.addressee()));
        t.addRow().addContent("Тема / Topic", nullToDash(a.topic()));
        t.addRow().addContent("Текст / Text", a.text());
        for (Attachment at : a.attachments()) {
            t.addRow().addContent("Вкладення / Attachment", at.fileName() + " (" + at.sizeBytes() + " B)");
        }
        for (LegalMark m : a.marks()) {
            t.addRow().addContent("Позначка / Mark", m + ", ст. " + m.article() + ": " + m.messageUk());
        }
        ContestedDecision contested = a.contested();
        if (contested != null) {
            t.addRow().addContent("Оскаржуване рішення / Contested decision", "ухвалено / decided "
                    + dateOrDash(contested.decidedOn()) + "; заявник дізнався / applicant learned "
                    + dateOrDash(contested.learnedOn()) + " (ст. 17)");
        }
        ua.gov.nsoz.api.Processing p = a.processing();
        if (p.priority()) {
            t.addRow().addContent("Черговість / Order", Format.PRIORITY);
        }
        if (p.shortenedDays() != null) {
            t.addRow().addContent("Скорочений строк / Shortened term", p.shortenedDays() + " дн. / days (ст. 20)"
                    + (p.shortenedReason() == null ? "" : ", обґрунтування заявника / applicant's reason: "
                            + p.shortenedReason()));
        }
        if (p.termRestored()) {
            t.addRow().addContent("Строк оскарження / Term to complain", "поновлено / restored (ст. 17)");
        }
        t.addRow().addContent("Класифікація / Classification", p.classification() + " ("
                + p.classification().labelUk() + ")" + (p.relatedTo() == null ? "" : ", пов'язане / related: "
                        + p.relatedTo()));
        if (p.body() != null) {
            t.addRow().addContent("Орган / Body", p.body() + " з / since " + Format.time(p.forwardedAt()));
        }
        if (p.ground() != null) {
            t.addRow().addContent("Не розглядається / Not considered", p.ground() + ", ст. " + p.ground().article()
                    + ": " + p.ground().labelUk());
        }
        if (p.answeredAt() != null) {
            t.addRow().addContent("Відповідь / Answer", (p.result() == null ? "" : p.result() + " ("
                    + p.result().labelUk() + "), ") + Format.time(p.answeredAt()));
            t.addRow().addContent("  текст / text", nullToDash(p.answer()));
            for (Attachment at : p.answerDocuments()) {
                t.addRow().addContent("  документ / document", at.fileName() + " (" + at.sizeBytes() + " B)");
            }
        }
        if (p.rating() != null) {
            t.addRow().addContent("Оцінка / Rating", p.rating() + " / 5");
        }
        if (p.escalatedAt() != null) {
            t.addRow().addContent("Передано до центру / Escalated", Format.time(p.escalatedAt()));
        }
        // From the appeal as the caller may see it: the explanation quotes the applicant's reason, masked there too.
        Deadline d = appeals.deadline(a);
        t.addRow().addContent("Строк / Deadline", d.dueDate() + " (" + d.kind().labelUk() + ", "
                + d.kind().articleUk() + "; " + d.totalDays() + " дн. / days"
                + (a.status().isOpen() ? "" : "; розгляд завершено / consideration ended") + ")");
        if (d.ruleSet() != null) {
            t.addRow().addContent("  правила строків / rule set", d.ruleSet());
        }
        for (String step : d.explanation()) {
            t.addRow().addContent("  як обчислено / how", step);
        }
        t.print(System.out);
        ShellTable h = new ShellTable();
        h.column("Версія / Ver");
        h.column("Подія / Event");
        h.column("Коли / When");
        h.column("Вузол / Node");
        h.column("Хто / Actor");
        for (AppealEvent e : store.events(a.id())) {
            h.addRow().addContent(e.version(), e.type(), Format.time(e.occurredAt()), e.node(), e.actor());
        }
        System.out.println();
        System.out.println("Історія / History");
        h.print(System.out);
        return null;
    }

    private static String nullToDash(String s) {
        return s == null ? "—" : s;
    }

    private static String dateOrDash(LocalDate d) {
        return d == null ? "—" : d.toString();
    }
}
