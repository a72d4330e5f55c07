package io.wechat.chat.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.wechat.chat.conversations.Conversation;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.conversations.Member;
import io.wechat.chat.messages.Message;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Cursor;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Paging.Page;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code GET /messages/search}: the caller's messages that hold every piece of the query, newest first. The postings
 * of the query's longest term are read newest first; each one of a conversation the caller is a member of now is
 * kept when the other terms have a posting of the same message too (point reads), then its message is read: a
 * recalled, removed or system message, one the caller deleted for themselves, or one whose text does not hold each
 * piece whole, is left out.
 */
public final class SearchService {
    static final int MAX_QUERY = 200;
    /** The most postings one request reads before it answers what it found, with a cursor to go on. */
    static final int MAX_SCANNED = 600;
    private static final int POSTINGS_PAGE = 100;
    private static final String CURSOR_KIND = "search";
    private final SearchIndex index;
    private final ConversationService conversations;
    private final ConversationStore conversationStore;

    public SearchService(SearchIndex index, ConversationService conversations, ConversationStore conversationStore) {
        this.index = index;
        this.conversations = conversations;
        this.conversationStore = conversationStore;
    }

    /** A hit: the message, its conversation, and the snippet of its text with the matches marked. */
    public record Hit(String conversationId, String conversationType, String conversationTitle, String peerId,
                      Message message, Snippet snippet) {
    }

    Page<Hit> search(Caller caller, String query, Optional<String> conversationId, Paging paging) {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY) {
            throw ApiException.badRequest("invalid_query", "query must be 1 to " + MAX_QUERY + " characters");
        }
        List<Tokens.Piece> pieces = Tokens.forQuery(query);
        if (pieces.isEmpty()) {
            throw ApiException.badRequest("invalid_query",
                    "query needs a word of at least 2 letters or digits, or a Chinese, Japanese or Korean character");
        }
        Map<String, Member> memberships = new HashMap<>();
        if (conversationId.isPresent()) {
            memberships.put(conversationId.get(), conversations.requireMember(caller.userId(), conversationId.get()));
        } else {
            allMemberships(caller.userId()).forEach(m -> memberships.put(m.conversationId(), m));
        }
        List<String> terms = pieces.stream().flatMap(p -> p.terms().stream()).distinct()
                .sorted(Comparator.comparingInt((String t) -> t.codePointCount(0, t.length())).reversed()).toList();
        String driver = terms.getFirst();
        List<String> others = terms.subList(1, terms.size());

        Optional<String> after = paging.cursor().map(c -> Cursor.decode(c, CURSOR_KIND, "s").get("s"));
        List<Hit> hits = new ArrayList<>();
        int scanned = 0;
        while (true) {
            List<SearchIndex.Posting> page = index.postings(driver, after, POSTINGS_PAGE);
            scanned += page.size();
            List<SearchIndex.Posting> mine = page.stream().filter(p -> memberships.containsKey(p.conversationId())).toList();
            Set<String> complete = others.isEmpty() ? null
                    : index.havingAll(others, mine.stream().map(SearchIndex.Posting::sortKey).toList());
            List<SearchIndex.Posting> candidates = mine.stream()
                    .filter(p -> complete == null || complete.contains(p.sortKey())).toList();
            Map<String, Map<String, AttributeValue>> items = candidates.isEmpty() ? Map.of() : index.messages(candidates);
            Map<String, Conversation> titles = conversationStore.findAll(
                    candidates.stream().map(SearchIndex.Posting::conversationId).toList());
            for (SearchIndex.Posting posting : candidates) {
                var item = items.get(posting.conversationId() + "/" + posting.seq());
                SearchHits.hit(item, pieces, memberships.get(posting.conversationId()), titles.get(posting.conversationId()))
                        .ifPresent(hit -> hits.add(hit));
                if (hits.size() == paging.limit()) {
                    return new Page<>(hits, cursor(posting.sortKey()));
                }
            }
            if (page.size() < POSTINGS_PAGE) {
                return new Page<>(hits, null);
            }
            after = Optional.of(page.getLast().sortKey());
            if (scanned >= MAX_SCANNED) {
                return new Page<>(hits, cursor(after.get()));
            }
        }
    }

    private List<Member> allMemberships(String userId) {
        List<Member> all = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Member> page = conversationStore.memberships(userId, new Paging(Paging.MAX_LIMIT, cursor));
            all.addAll(page.items());
            cursor = Optional.ofNullable(page.nextCursor());
        } while (cursor.isPresent());
        return all;
    }

    private static String cursor(String sortKey) {
        return Cursor.encode(CURSOR_KIND, Map.of("s", sortKey));
    }
}
