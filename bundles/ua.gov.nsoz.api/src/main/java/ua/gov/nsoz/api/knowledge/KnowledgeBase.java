package ua.gov.nsoz.api.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * The node's knowledge base (OSGi service): the articles in the node's database, searched in any Ukrainian word form
 * (a search for «пенсії» finds «пенсія» and «пенсійний»). Only the center writes ({@link #put}, {@link #withdraw});
 * a region receives the center's versions over the link ({@link #apply}).
 */
public interface KnowledgeBase {

    /**
     * Searches the articles in force (not withdrawn).
     *
     * @param query words in any form; blank lists the articles by title
     * @param topic a topic code the article must name, or null
     * @param limit at most this many hits (1 to 100)
     * @return the hits, best first
     */
    List<ArticleHit> search(String query, String topic, int limit);

    /**
     * @param code an article code
     * @return the article, withdrawn or not
     */
    Optional<Article> get(String code);

    /**
     * Writes an article at the center: a new one (version 1) or a new version of an existing one (a withdrawn one comes
     * back in force). The change goes to every region.
     *
     * @param code the code ({@link Article#CODE})
     * @param draft the new text
     * @param actor the supervisor
     * @return the article as stored
     * @throws ua.gov.nsoz.api.ValidationException if the code or the draft is not valid
     * @throws CenterEditsException at a region
     */
    Article put(String code, ArticleDraft draft, String actor);

    /**
     * Withdraws an article at the center (a new version, withdrawn); withdrawing a withdrawn article changes nothing.
     *
     * @param code the code
     * @param actor the supervisor
     * @return the article as stored
     * @throws java.util.NoSuchElementException if there is no such article
     * @throws CenterEditsException at a region
     */
    Article withdraw(String code, String actor);

    /**
     * Takes a version the center sent: stored if it is later than the node's own version of the article; the same or
     * an earlier version changes nothing (a repeated or late message is harmless).
     *
     * @param article the center's version
     * @return true if it was stored
     */
    boolean apply(Article article);

    /** @return every article, withdrawn ones too, by code (what the center sends a region at start) */
    List<Article> all();

    /**
     * Told of every article the center writes (a DS whiteboard: the link's publisher is one), after it is stored.
     */
    interface Listener {

        /** @param article the new version */
        void changed(Article article);
    }
}
