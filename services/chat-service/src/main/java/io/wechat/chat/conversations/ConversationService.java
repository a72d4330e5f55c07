package io.wechat.chat.conversations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import io.wechat.chat.events.EventPublisher;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.UserDirectory;
import io.wechat.chat.users.UserProfile;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.redis.Quota;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Paging;
import io.wechat.kit.web.Times;

/** Conversations and their members: who may see and change what, and the events it causes. */
public final class ConversationService {
    public static final int MAX_MEMBERS = 500;
    private static final int LOOKUP_PARALLELISM = 8;
    private final ConversationStore store;
    private final UserDirectory users;
    private final BlockStore blocks;
    private final Quota groupsPerUser;
    private final EventPublisher events;
    private final Clock clock;

    public ConversationService(ConversationStore store, UserDirectory users, BlockStore blocks, Quota groupsPerUser,
                               EventPublisher events, Clock clock) {
        this.store = store;
        this.users = users;
        this.blocks = blocks;
        this.groupsPerUser = groupsPerUser;
        this.events = events;
        this.clock = clock;
    }

    /** The result of a create: {@code created} is false when an existing direct conversation is returned. */
    public record Created(ConversationView conversation, boolean created) {
    }

    /** The caller's membership of the conversation, or the 404 that hides the conversation from outsiders. */
    public Member requireMember(String userId, String conversationId) {
        if (!Keys.isValidId(conversationId)) {
            throw Conversation.notFound();
        }
        return store.member(conversationId, userId).orElseThrow(Conversation::notFound);
    }

    public Conversation requireConversation(String conversationId) {
        return store.find(conversationId).orElseThrow(Conversation::notFound);
    }

    Created create(Caller caller, ConversationRequestBodies.CreateConversation request) {
        List<String> others = request.memberIds().stream().filter(id -> !id.equals(caller.userId())).toList();
        return request.kind() == ConversationType.DIRECT ? createDirect(caller, others) : createGroup(caller, others, request.title());
    }

    private Created createDirect(Caller caller, List<String> others) {
        if (others.size() != 1) {
            throw ApiException.badRequest("invalid_member_ids", "A direct conversation has exactly one other member");
        }
        String me = caller.userId();
        String other = others.getFirst();
        var existing = store.directConversation(me, other);
        if (existing.isPresent()) {
            return new Created(view(existing.get(), me), false);
        }
        users.require(other, caller);
        if (!blocks.blockersAmong(me, List.of(other)).isEmpty()) {
            throw userNotFound(other);
        }
        String now = Times.format(clock.instant());
        String id = UUID.randomUUID().toString();
        var conversation = new Conversation(id, ConversationType.DIRECT, null, me, now, 2, 0, now, null);
        String activity = Keys.activityKey(now, id);
        var mine = new Member(id, me, Role.MEMBER, now, 0, null, activity, other);
        var theirs = new Member(id, other, Role.MEMBER, now, 0, null, activity, me);
        if (!store.createDirect(conversation, mine, theirs)) {
            String winner = store.directConversation(me, other).orElseThrow(Conversation::notFound);
            return new Created(view(winner, me), false);
        }
        events.publish("conversation.created", id, createdPayload(conversation, List.of(me, other)));
        return new Created(ConversationView.of(conversation, mine, null), true);
    }

    private Created createGroup(Caller caller, List<String> others, String title) {
        if (others.isEmpty()) {
            throw ApiException.badRequest("invalid_member_ids", "A group needs at least one other member");
        }
        if (others.size() + 1 > MAX_MEMBERS) {
            throw ApiException.badRequest("too_many_members", "A group has at most " + MAX_MEMBERS + " members");
        }
        requireAddable(others, caller);
        groupsPerUser.take(caller.userId());
        String me = caller.userId();
        String now = Times.format(clock.instant());
        String id = UUID.randomUUID().toString();
        var conversation = new Conversation(id, ConversationType.GROUP, title, me, now, others.size() + 1, 0, now, null);
        String activity = Keys.activityKey(now, id);
        List<Member> members = new ArrayList<>();
        var creator = new Member(id, me, Role.ADMIN, now, 0, null, activity, null);
        members.add(creator);
        others.forEach(userId -> members.add(new Member(id, userId, Role.MEMBER, now, 0, null, activity, null)));
        store.createGroup(conversation, members);
        List<String> memberIds = members.stream().map(Member::userId).toList();
        events.publish("conversation.created", id, createdPayload(conversation, memberIds));
        return new Created(ConversationView.of(conversation, creator, null), true);
    }

    Page<ConversationView> list(Caller caller, Paging paging) {
        Page<Member> memberships = store.memberships(caller.userId(), paging);
        Map<String, Conversation> conversations = store.findAll(
                memberships.items().stream().map(Member::conversationId).toList());
        List<ConversationView> views = new ArrayList<>();
        for (Member membership : memberships.items()) {
            Conversation conversation = conversations.get(membership.conversationId());
            if (conversation != null) {
                views.add(ConversationView.of(conversation, membership, null));
            }
        }
        return new Page<>(views, memberships.nextCursor());
    }

    ConversationView get(Caller caller, String conversationId) {
        Member me = requireMember(caller.userId(), conversationId);
        Conversation conversation = requireConversation(conversationId);
        return ConversationView.of(conversation, me, store.allMembers(conversationId));
    }

    Page<ConversationView.MemberView> members(Caller caller, String conversationId, Paging paging) {
        requireMember(caller.userId(), conversationId);
        Page<Member> page = store.members(conversationId, paging);
        return new Page<>(page.items().stream().map(ConversationView.MemberView::of).toList(), page.nextCursor());
    }

    ConversationView rename(Caller caller, String conversationId, ConversationRequestBodies.Rename request) {
        Member me = requireMember(caller.userId(), conversationId);
        requireGroup(requireConversation(conversationId));
        store.rename(conversationId, request.title());
        Conversation renamed = requireConversation(conversationId);
        events.publish("conversation.updated", conversationId, Map.of(
                "conversationId", conversationId, "title", request.title(), "updatedBy", caller.userId(),
                "memberIds", memberIds(conversationId)));
        return ConversationView.of(renamed, me, null);
    }

    Page<ConversationView.MemberView> addMembers(Caller caller, String conversationId, ConversationRequestBodies.AddMembers request) {
        Member me = requireMember(caller.userId(), conversationId);
        Conversation conversation = requireConversation(conversationId);
        requireGroup(conversation);
        if (me.role() != Role.ADMIN) {
            throw ApiException.forbidden("not_admin", "Only a group admin adds members");
        }
        Set<String> current = Set.copyOf(memberIds(conversationId));
        List<String> joining = request.userIds().stream().filter(id -> !current.contains(id)).toList();
        if (joining.isEmpty()) {
            throw ApiException.conflict("already_member", "These users are members already");
        }
        requireAddable(joining, caller);
        String now = Times.format(clock.instant());
        String activity = Keys.activityKey(now, conversationId);
        // New members start with everything so far read: history is visible, but not unread.
        List<Member> added = joining.stream()
                .map(id -> new Member(conversationId, id, Role.MEMBER, now, conversation.lastSeq(), null, activity, null))
                .toList();
        store.addMembers(conversationId, added, MAX_MEMBERS);
        List<String> all = memberIds(conversationId);
        events.publish("member.added", conversationId, Map.of(
                "conversationId", conversationId, "userIds", joining, "addedBy", caller.userId(), "memberIds", all));
        return new Page<>(added.stream().map(ConversationView.MemberView::of).toList(), null);
    }

    void removeMember(Caller caller, String conversationId, String userId) {
        Member me = requireMember(caller.userId(), conversationId);
        requireGroup(requireConversation(conversationId));
        boolean leaving = caller.userId().equals(userId);
        if (!leaving && me.role() != Role.ADMIN) {
            throw ApiException.forbidden("not_admin", "Only a group admin removes other members");
        }
        if (!Keys.isValidId(userId) || !store.removeMember(conversationId, userId)) {
            throw ApiException.notFound("member_not_found", "No such member");
        }
        List<Member> remaining = store.allMembers(conversationId);
        if (leaving && me.role() == Role.ADMIN && !remaining.isEmpty()
                && remaining.stream().noneMatch(m -> m.role() == Role.ADMIN)) {
            // The last admin left: the longest-standing member takes over, so the group stays manageable.
            Member heir = remaining.stream().min((a, b) -> a.joinedAt().compareTo(b.joinedAt())).orElseThrow();
            store.setRole(conversationId, heir.userId(), Role.ADMIN);
        }
        List<String> memberIds = remaining.stream().map(Member::userId).toList();
        events.publish("member.removed", conversationId, Map.of(
                "conversationId", conversationId, "userId", userId, "removedBy", caller.userId(), "memberIds", memberIds));
    }

    /**
     * A deleted account leaves every group it is a member of, as if it left itself (the group's members see it go and
     * the group keeps an admin); its direct conversations stay, so the other person keeps the history. Idempotent:
     * a group already left is skipped. Answers how many groups it left.
     */
    public int leaveAllGroups(String userId) {
        Caller self = new Caller(userId, "", Set.of(), null);
        List<String> groups = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<Member> page = store.memberships(userId, new Paging(100, cursor));
            Map<String, Conversation> conversations = store.findAll(
                    page.items().stream().map(Member::conversationId).toList());
            page.items().stream().map(Member::conversationId)
                    .filter(id -> conversations.containsKey(id)
                            && conversations.get(id).type() == ConversationType.GROUP)
                    .forEach(groups::add);
            cursor = Optional.ofNullable(page.nextCursor());
        } while (cursor.isPresent());
        int left = 0;
        for (String conversationId : groups) {
            try {
                removeMember(self, conversationId, userId);
                left++;
            } catch (ApiException e) {
                // Already gone from this group (a redelivery): nothing left to do there.
            }
        }
        return left;
    }

    public List<String> memberIds(String conversationId) {
        return store.allMembers(conversationId).stream().map(Member::userId).toList();
    }

    private ConversationView view(String conversationId, String userId) {
        Member me = store.member(conversationId, userId).orElseThrow(Conversation::notFound);
        return ConversationView.of(requireConversation(conversationId), me, null);
    }

    private static void requireGroup(Conversation conversation) {
        if (conversation.type() != ConversationType.GROUP) {
            throw ApiException.badRequest("not_a_group", "A direct conversation has fixed members and no title");
        }
    }

    /**
     * Checks that the caller may put every one of these users in a group: each exists and does not block the caller
     * (404, as user-service answers, also from chat-service's own block store, which a block reaches sooner than the
     * cache of profiles expires), and each accepts being added by the caller (user-service's {@code canAddToGroups}:
     * by default only by contacts), else 403.
     */
    private void requireAddable(List<String> userIds, Caller caller) {
        List<UserProfile> profiles = requireUsers(userIds, caller);
        Set<String> blockers = blocks.blockersAmong(caller.userId(), userIds);
        if (!blockers.isEmpty()) {
            throw userNotFound(blockers.iterator().next());
        }
        List<String> refusing = profiles.stream().filter(profile -> !profile.mayBeAddedToGroupsByCaller())
                .map(UserProfile::userId).toList();
        if (!refusing.isEmpty()) {
            throw ApiException.forbidden("group_invite_not_allowed",
                    "These users accept being added to groups by their contacts only: " + String.join(", ", refusing));
        }
    }

    private static ApiException userNotFound(String userId) {
        return ApiException.notFound("user_not_found", "No such user: " + userId);
    }

    /** Checks that every user exists, a few lookups at a time. */
    private List<UserProfile> requireUsers(List<String> userIds, Caller caller) {
        Semaphore permits = new Semaphore(LOOKUP_PARALLELISM);
        List<Future<UserProfile>> lookups = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String userId : userIds) {
                lookups.add(executor.submit(() -> {
                    permits.acquireUninterruptibly();
                    try {
                        return users.require(userId, caller);
                    } finally {
                        permits.release();
                    }
                }));
            }
            List<UserProfile> profiles = new ArrayList<>();
            for (Future<UserProfile> lookup : lookups) {
                profiles.add(lookup.get());
            }
            return profiles;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", "Interrupted, retry");
        }
    }

    private static Map<String, Object> createdPayload(Conversation conversation, List<String> memberIds) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("conversationId", conversation.conversationId());
        payload.put("type", conversation.type().wire());
        payload.put("title", conversation.title());
        payload.put("createdBy", conversation.createdBy());
        payload.put("createdAt", conversation.createdAt());
        payload.put("memberIds", memberIds);
        return payload;
    }
}
