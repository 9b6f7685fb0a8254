package ua.gov.nsoz.exchange;

/**
 * One message of the exchange format: one XML document, one JMS text message. The kinds are
 * closed; a switch over them needs no default branch.
 */
public sealed interface ExchangeMessage
        permits AppealEventMessage, ChangeRequestMessage, ChangeRefusedMessage, AckMessage,
        ReferenceUpdateMessage, DocumentContentMessage, ArticleUpdateMessage {

    /** @return the header every message carries */
    Header header();
}
