package io.wechat.chat.realtime;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.wechat.chat.conversations.ConversationService;
import io.wechat.chat.conversations.ConversationStore;
import io.wechat.chat.storage.Keys;
import io.wechat.kit.auth.Authenticator;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Responses;

/**
 * {@code GET /presence?userIds=a,b[&conversationId=c]}: online and lastSeenAt of users who share a
 * conversation with the caller: a direct conversation with them, or the group named by {@code conversationId}
 * (the caller must be a member; 404 otherwise). Anyone else is answered as offline and never seen, so the
 * route tells nothing about strangers, not even whether they exist.
 */
public final class PresenceHttp implements HttpService {
    public static final int MAX_USERS = 50;
    private final Authenticator auth;
    private final ConversationService conversations;
    private final ConversationStore store;
    private final ConnectionRegistry registry;

    public PresenceHttp(Authenticator auth, ConversationService conversations, ConversationStore store,
                        ConnectionRegistry registry) {
        this.auth = auth;
        this.conversations = conversations;
        this.store = store;
        this.registry = registry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/presence", this::presence);
    }

    private void presence(ServerRequest req, ServerResponse res) {
        Caller caller = auth.caller(req);
        List<String> userIds = userIds(req.query().first("userIds").orElse(""));
        Optional<String> conversationId = req.query().first("conversationId").asOptional().filter(s -> !s.isBlank());
        Set<String> groupMembers = conversationId.map(id -> {
            conversations.requireMember(caller.userId(), id);
            return Set.copyOf(conversations.memberIds(id));
        }).orElse(Set.of());
        List<String> visible = userIds.stream()
                .filter(id -> id.equals(caller.userId()) || groupMembers.contains(id)
                        || store.directConversation(caller.userId(), id).isPresent())
                .toList();
        Map<String, ConnectionRegistry.Presence> known = new java.util.HashMap<>();
        registry.presence(visible).forEach(p -> known.put(p.userId(), p));
        List<ConnectionRegistry.Presence> items = new ArrayList<>();
        for (String id : userIds) {
            items.add(known.getOrDefault(id, new ConnectionRegistry.Presence(id, false, null)));
        }
        Responses.json(res, Status.OK_200, Map.of("items", items));
    }

    static List<String> userIds(String raw) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : raw.split(",")) {
            String trimmed = id.trim();
            if (!trimmed.isEmpty()) {
                if (!Keys.isValidId(trimmed)) {
                    throw ApiException.badRequest("invalid_user_ids", "userIds: comma separated user ids");
                }
                ids.add(trimmed);
            }
        }
        if (ids.isEmpty() || ids.size() > MAX_USERS) {
            throw ApiException.badRequest("invalid_user_ids", "userIds: 1 to " + MAX_USERS + " comma separated user ids");
        }
        return List.copyOf(ids);
    }
}
