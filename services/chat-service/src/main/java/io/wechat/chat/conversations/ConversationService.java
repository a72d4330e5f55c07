package io.wechat.chat.conversations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
import java.util.stream.Collectors;

import io.wechat.chat.media.MediaDirectory;
import io.wechat.chat.storage.Keys;
import io.wechat.chat.users.BlockStore;
import io.wechat.chat.users.UserDirectory;
import io.wechat.chat.users.UserProfile;
import io.wechat.kit.auth.Caller;
import io.wechat.kit.redis.Quota;
import io.wechat.kit.web.ApiException;
import io.wechat.kit.web.Paging.Page;
import io.wechat.kit.web.Paging;
import io.wechat.kit.storage.Items;
import io.wechat.kit.web.Times;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Conversations and their members: who may see and change what, and the events it causes. */
public final class ConversationService {
    public static final int MAX_MEMBERS = 500;
    private static final int LOOKUP_PARALLELISM = 8;
    private static final int NAMES_IN_A_LINE = 5;
    static final int MAX_PINNED = 10;
    private final ConversationStore store;
    private final UserDirectory users;
    private final BlockStore blocks;
    private final Quota groupsPerUser;
    private final MediaDirectory media;
    private final Clock clock;

    /**
     * Publishes nothing itself: a conversation's creation and a group's changes are committed with the event they cause
     * ({@link CreationRecord}, {@link SystemMessage}), which the messages table's stream publishes ({@link CommittedChanges}).
     */
    public ConversationService(ConversationStore store, UserDirectory users, BlockStore blocks, Quota groupsPerUser,
                               MediaDirectory media, Clock clock) {
        this.store = store;
        this.users = users;
        this.blocks = blocks;
        this.groupsPerUser = groupsPerUser;
        this.media = media;
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
        var creation = CreationRecord.toItem(id, now, createdPayload(conversation, List.of(me, other)));
        if (!store.createDirect(conversation, mine, theirs, creation)) {
            String winner = store.directConversation(me, other).orElseThrow(Conversation::notFound);
            return new Created(view(winner, me), false);
        }
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
        String activity = Keys.activityKey(now, id);
        List<String> memberIds = new ArrayList<>(List.of(me));
        memberIds.addAll(others);
        var draft = new Conversation(id, ConversationType.GROUP, title, me, now, memberIds.size(), 1, now, null);
        String text = name(me, caller) + (title == null ? " created the group" : " created the group \"" + title + "\"")
                + " with " + names(others, caller);
        SystemMessage created = SystemMessage.of(id, me, text, now, "conversation.created", createdPayload(draft, memberIds));
        var conversation = new Conversation(id, ConversationType.GROUP, title, me, now, memberIds.size(), 1, now,
                created.last(1));
        List<Member> members = new ArrayList<>();
        // The creator has read the line that says they created it; the others have it unread.
        var creator = new Member(id, me, Role.OWNER, now, 1, created.messageId(), activity, null);
        members.add(creator);
        others.forEach(userId -> members.add(new Member(id, userId, Role.MEMBER, now, 0, null, activity, null)));
        store.createGroup(conversation, members, created);
        return new Created(ConversationView.of(conversation, creator, null), true);
    }

    /**
     * {@code GET /conversations}: without {@code archived}, the pinned ones first (on the first page, by activity),
     * then the others that are not archived; with it, the archived ones only.
     */
    Page<ConversationView> list(Caller caller, Paging paging, boolean archived) {
        List<Member> shown = new ArrayList<>();
        Page<Member> memberships;
        if (archived) {
            memberships = store.memberships(caller.userId(), paging, ConversationStore.Shown.ARCHIVED);
        } else {
            if (paging.cursor().isEmpty()) {
                store.membershipsOf(caller.userId(), store.pinnedIds(caller.userId())).stream()
                        .filter(m -> m.settings().pinned() && !m.settings().archived())
                        .sorted(Comparator.comparing(Member::lastActivityKey).reversed())
                        .forEach(shown::add);
            }
            memberships = store.memberships(caller.userId(), paging, ConversationStore.Shown.UNPINNED_UNARCHIVED);
        }
        shown.addAll(memberships.items());
        Map<String, Conversation> conversations = store.findAll(shown.stream().map(Member::conversationId).toList());
        List<ConversationView> views = new ArrayList<>();
        for (Member membership : shown) {
            Conversation conversation = conversations.get(membership.conversationId());
            if (conversation != null) {
                views.add(ConversationView.of(conversation, membership, null));
            }
        }
        return new Page<>(views, memberships.nextCursor());
    }

    /** The caller's own settings of a conversation, as {@code PUT /conversations/{id}/settings} answers them. */
    public record SettingsView(String conversationId, boolean pinned, boolean archived, boolean muted) {
    }

    /** {@code PUT /conversations/{id}/settings}: pin, archive, mute (for the list: a muted one stays archived). */
    SettingsView changeSettings(Caller caller, String conversationId, ConversationRequestBodies.ChangeSettings request) {
        Member me = requireMember(caller.userId(), conversationId);
        Member.Settings after = request.applyTo(me.settings());
        if (!store.updateSettings(conversationId, caller.userId(), me.settings(), after, MAX_PINNED)) {
            throw Conversation.notFound();
        }
        return new SettingsView(conversationId, after.pinned(), after.archived(), after.muted());
    }

    ConversationView get(Caller caller, String conversationId) {
        Member me = requireMember(caller.userId(), conversationId);
        Conversation conversation = requireConversation(conversationId);
        return ConversationView.of(conversation, me, store.allMembers(conversationId));
    }

    Page<ConversationView.MemberView> members(Caller caller, String conversationId, Paging paging) {
        requireMember(caller.userId(), conversationId);
        Page<Member> page = store.members(conversationId, paging);
        String ownerId = Role.owner(store.allMembers(conversationId)).map(Member::userId).orElse(null);
        return new Page<>(page.items().stream().map(m -> ConversationView.MemberView.of(m, ownerId)).toList(),
                page.nextCursor());
    }

    /** {@code PATCH /conversations/{id}}: the owner and admins change the title, avatar and announcement. */
    ConversationView update(Caller caller, String conversationId, ConversationRequestBodies.UpdateGroup request) {
        requireMember(caller.userId(), conversationId);
        if (request.avatarMediaId() != null && !request.avatarMediaId().isEmpty()) {
            media.requireSendable(request.avatarMediaId(), caller);
        }
        String now = Times.format(clock.instant());
        store.commit(conversationId, conversation -> {
            requireGroup(conversation);
            List<Member> members = store.allMembers(conversationId);
            requireManager(members, caller);
            List<String> set = new ArrayList<>();
            List<String> remove = new ArrayList<>();
            Map<String, AttributeValue> values = new HashMap<>();
            List<String> told = new ArrayList<>();
            String title = conversation.title();
            if (request.title() != null) {
                set.add("title = :title");
                values.put(":title", AttributeValue.fromS(request.title()));
                told.add("changed the group name to \"" + request.title() + "\"");
                title = request.title();
            }
            String avatar = clearable("avatar_media_id", ":avatar", request.avatarMediaId(), conversation.avatarMediaId(),
                    set, remove, values);
            if (request.avatarMediaId() != null) {
                told.add(avatar == null ? "removed the group photo" : "changed the group photo");
            }
            String announcement = clearable("announcement", ":announcement", request.announcement(),
                    conversation.announcement(), set, remove, values);
            if (request.announcement() != null) {
                told.add(announcement == null ? "removed the group announcement"
                        : "updated the group announcement: " + announcement);
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("conversationId", conversationId);
            payload.put("title", title);
            payload.put("avatarMediaId", avatar);
            payload.put("announcement", announcement);
            payload.put("updatedBy", caller.userId());
            payload.put("memberIds", members.stream().map(Member::userId).toList());
            var message = SystemMessage.of(conversationId, caller.userId(),
                    name(caller.userId(), caller) + " " + String.join(", ", told), now, "conversation.updated", payload);
            var meta = new ConversationStore.MetaChange(set.isEmpty() ? null : String.join(", ", set), null,
                    remove.isEmpty() ? null : String.join(", ", remove), null, values, Map.of());
            return new ConversationStore.Plan(message, meta, seq -> List.of(), failed -> busy());
        });
        markRead(caller.userId(), conversationId);
        return get(caller, conversationId);
    }

    /** Sets or clears ("") an optional attribute of the conversation item; answers its value after the change. */
    private static String clearable(String attribute, String placeholder, String requested, String current,
                                    List<String> set, List<String> remove,
                                    Map<String, AttributeValue> values) {
        if (requested == null) {
            return current;
        }
        if (requested.isEmpty()) {
            remove.add(attribute);
            return null;
        }
        set.add(attribute + " = " + placeholder);
        values.put(placeholder, AttributeValue.fromS(requested));
        return requested;
    }

    Page<ConversationView.MemberView> addMembers(Caller caller, String conversationId, ConversationRequestBodies.AddMembers request) {
        requireMember(caller.userId(), conversationId);
        requireGroup(requireConversation(conversationId));
        String now = Times.format(clock.instant());
        List<Member> added = new ArrayList<>();
        store.commit(conversationId, conversation -> {
            requireGroup(conversation);
            List<Member> members = store.allMembers(conversationId);
            requireManager(members, caller);
            Set<String> current = members.stream().map(Member::userId).collect(Collectors.toSet());
            List<String> joining = request.userIds().stream().filter(id -> !current.contains(id)).toList();
            if (joining.isEmpty()) {
                throw ApiException.conflict("already_member", "These users are members already");
            }
            requireAddable(joining, caller);
            List<String> all = new ArrayList<>(members.stream().map(Member::userId).toList());
            all.addAll(joining);
            var message = SystemMessage.of(conversationId, caller.userId(),
                    name(caller.userId(), caller) + " added " + names(joining, caller), now, "member.added",
                    Map.of("conversationId", conversationId, "userIds", joining, "addedBy", caller.userId(),
                            "memberIds", all));
            var meta = new ConversationStore.MetaChange(null, "member_count :n", null, "member_count <= :limit",
                    Map.of(":n", Items.n(joining.size()), ":limit", Items.n(MAX_MEMBERS - joining.size())), Map.of());
            String activity = Keys.activityKey(now, conversationId);
            return new ConversationStore.Plan(message, meta, seq -> {
                // New members see the history, with nothing of it unread (the line that says they joined included).
                added.clear();
                joining.forEach(id -> added.add(new Member(conversationId, id, Role.MEMBER, now, seq, message.messageId(),
                        activity, null)));
                return added.stream().map(store::putMember).toList();
            }, failed -> failed < 0
                    ? ApiException.conflict("too_many_members", "A group has at most " + MAX_MEMBERS + " members")
                    : ApiException.conflict("already_member", "Some of these users joined meanwhile; retry"));
        });
        markRead(caller.userId(), conversationId);
        return new Page<>(added.stream().map(m -> ConversationView.MemberView.of(m, null)).toList(), null);
    }

    /**
     * Removes a member, or the caller leaves. The owner and admins remove members; only the owner removes an admin;
     * nobody removes the owner. When the owner leaves, ownership passes to the longest-standing admin, else member,
     * in the same transaction.
     */
    void removeMember(Caller caller, String conversationId, String userId) {
        requireMember(caller.userId(), conversationId);
        requireGroup(requireConversation(conversationId));
        if (!Keys.isValidId(userId)) {
            throw memberNotFound();
        }
        boolean leaving = caller.userId().equals(userId);
        String now = Times.format(clock.instant());
        store.commit(conversationId, conversation -> {
            List<Member> members = store.allMembers(conversationId);
            Member me = find(members, caller.userId()).orElseThrow(Conversation::notFound);
            Member target = find(members, userId).orElseThrow(ConversationService::memberNotFound);
            String ownerId = Role.owner(members).map(Member::userId).orElse(null);
            if (!leaving) {
                requireManager(members, caller);
                if (userId.equals(ownerId)) {
                    throw ApiException.forbidden("not_owner", "Nobody removes the group's owner");
                }
                if (target.role() == Role.ADMIN && !caller.userId().equals(ownerId)) {
                    throw ApiException.forbidden("not_owner", "Only the group's owner removes an admin");
                }
            }
            List<Member> remaining = members.stream().filter(m -> !m.userId().equals(userId)).toList();
            Optional<Member> heir = leaving && me.userId().equals(ownerId) ? Role.heir(remaining) : Optional.empty();
            String text = leaving ? name(userId, caller) + " left the group"
                    : name(caller.userId(), caller) + " removed " + name(userId, caller);
            if (heir.isPresent()) {
                text += "; " + name(heir.get().userId(), caller) + " is now the owner";
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("conversationId", conversationId);
            payload.put("userId", userId);
            payload.put("removedBy", caller.userId());
            payload.put("memberIds", remaining.stream().map(Member::userId).toList());
            heir.ifPresent(h -> payload.put("ownerId", h.userId()));
            var message = SystemMessage.of(conversationId, caller.userId(), text, now, "member.removed", payload);
            var meta = new ConversationStore.MetaChange(null, "member_count :minus", null, null,
                    Map.of(":minus", Items.n(-1)), Map.of());
            return new ConversationStore.Plan(message, meta, seq -> {
                List<TransactWriteItem> changes = new ArrayList<>();
                changes.add(store.deleteMember(conversationId, userId));
                heir.ifPresent(h -> changes.add(store.setRole(conversationId, h.userId(), Role.OWNER)));
                return changes;
            }, failed -> failed == 0 ? memberNotFound() : busy());
        });
        if (!leaving) {
            markRead(caller.userId(), conversationId);
        }
    }

    /** {@code PATCH /conversations/{id}/members/{userId}}: the owner makes a member an admin, or an admin a member. */
    ConversationView.MemberView changeRole(Caller caller, String conversationId, String userId, Role role) {
        requireMember(caller.userId(), conversationId);
        requireGroup(requireConversation(conversationId));
        if (!Keys.isValidId(userId)) {
            throw memberNotFound();
        }
        String now = Times.format(clock.instant());
        List<Member> before = store.allMembers(conversationId);
        Member target = find(before, userId).orElseThrow(ConversationService::memberNotFound);
        if (target.role() == role && !userId.equals(Role.owner(before).map(Member::userId).orElse(null))) {
            return ConversationView.MemberView.of(target, null);
        }
        store.commit(conversationId, conversation -> {
            List<Member> members = store.allMembers(conversationId);
            requireOwner(members, caller);
            Member current = find(members, userId).orElseThrow(ConversationService::memberNotFound);
            if (userId.equals(caller.userId())) {
                throw ApiException.badRequest("invalid_role", "The owner hands the group over with POST /conversations/{id}/owner");
            }
            String text = name(caller.userId(), caller) + " made " + name(userId, caller)
                    + (role == Role.ADMIN ? " an admin" : " a member");
            var message = SystemMessage.of(conversationId, caller.userId(), text, now, "member.role-changed",
                    Map.of("conversationId", conversationId, "userId", current.userId(), "role", role.wire(),
                            "changedBy", caller.userId(), "memberIds", members.stream().map(Member::userId).toList()));
            return new ConversationStore.Plan(message, ConversationStore.MetaChange.NONE,
                    seq -> List.of(store.setRole(conversationId, userId, role)), failed -> memberNotFound());
        });
        markRead(caller.userId(), conversationId);
        return ConversationView.MemberView.of(store.member(conversationId, userId).orElseThrow(ConversationService::memberNotFound),
                null);
    }

    /** {@code POST /conversations/{id}/owner}: the owner hands the group over to another member and becomes an admin. */
    ConversationView transferOwnership(Caller caller, String conversationId, String userId) {
        requireMember(caller.userId(), conversationId);
        requireGroup(requireConversation(conversationId));
        String now = Times.format(clock.instant());
        store.commit(conversationId, conversation -> {
            List<Member> members = store.allMembers(conversationId);
            requireOwner(members, caller);
            find(members, userId).orElseThrow(ConversationService::memberNotFound);
            if (userId.equals(caller.userId())) {
                throw ApiException.badRequest("invalid_user_id", "You own this group already");
            }
            String text = name(caller.userId(), caller) + " made " + name(userId, caller) + " the owner";
            var message = SystemMessage.of(conversationId, caller.userId(), text, now, "conversation.owner-changed",
                    Map.of("conversationId", conversationId, "ownerId", userId, "previousOwnerId", caller.userId(),
                            "changedBy", caller.userId(), "memberIds", members.stream().map(Member::userId).toList()));
            return new ConversationStore.Plan(message, ConversationStore.MetaChange.NONE, seq -> List.of(
                    store.setRole(conversationId, caller.userId(), Role.ADMIN),
                    store.setRole(conversationId, userId, Role.OWNER)), failed -> memberNotFound());
        });
        markRead(caller.userId(), conversationId);
        return get(caller, conversationId);
    }

    /** The actor has read the line that tells their own change (as a sender has read their own message). */
    private void markRead(String userId, String conversationId) {
        Conversation conversation = requireConversation(conversationId);
        if (conversation.lastMessage() != null) {
            store.markRead(conversationId, userId, conversation.lastMessage().seq(), conversation.lastMessage().messageId());
        }
    }

    private static Optional<Member> find(List<Member> members, String userId) {
        return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
    }

    private static void requireManager(List<Member> members, Caller caller) {
        Member me = find(members, caller.userId()).orElseThrow(Conversation::notFound);
        boolean owner = Role.owner(members).map(Member::userId).filter(caller.userId()::equals).isPresent();
        if (!owner && !me.role().manages()) {
            throw ApiException.forbidden("not_admin", "Only the group's owner and admins do this");
        }
    }

    private static void requireOwner(List<Member> members, Caller caller) {
        find(members, caller.userId()).orElseThrow(Conversation::notFound);
        if (Role.owner(members).map(Member::userId).filter(caller.userId()::equals).isEmpty()) {
            throw ApiException.forbidden("not_owner", "Only the group's owner does this");
        }
    }

    private static ApiException memberNotFound() {
        return ApiException.notFound("member_not_found", "No such member");
    }

    private static ApiException busy() {
        return ApiException.unavailable("busy", "The conversation is busy, retry");
    }

    /** A user's name as the timeline shows it. */
    private String name(String userId, Caller caller) {
        return users.shownName(userId, caller);
    }

    /** "Bob, Carol and Dave", or the first few and how many more. */
    private String names(List<String> userIds, Caller caller) {
        List<String> shown = userIds.stream().limit(NAMES_IN_A_LINE).map(id -> name(id, caller)).toList();
        if (userIds.size() > NAMES_IN_A_LINE) {
            return String.join(", ", shown) + " and " + (userIds.size() - NAMES_IN_A_LINE) + " others";
        }
        if (shown.size() == 1) {
            return shown.getFirst();
        }
        return String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.getLast();
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

    /** The conversations of these ids that exist, by id: one batch read. */
    public Map<String, Conversation> findAll(Collection<String> conversationIds) {
        return conversationIds.isEmpty() ? Map.of() : store.findAll(conversationIds);
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
