package io.wechat.user.contacts;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

import io.wechat.kit.redis.Quota;
import io.wechat.kit.web.ApiException;
import io.wechat.user.contacts.ContactStore.Direction;
import io.wechat.user.contacts.ContactStore.PersonRow;
import io.wechat.user.contacts.ContactStore.RequestRef;
import io.wechat.user.contacts.ContactStore.RequestRow;
import io.wechat.user.contacts.ContactViews.BlockView;
import io.wechat.user.contacts.ContactViews.ContactRequestView;
import io.wechat.user.contacts.ContactViews.ContactView;
import io.wechat.user.events.Transactor;
import io.wechat.user.events.UserEvents;
import io.wechat.user.users.User;
import io.wechat.user.users.UserStore;
import io.wechat.user.web.Cursor;
import io.wechat.user.web.Page;
import io.wechat.user.web.PageRequest;
import io.wechat.kit.web.Times;
import org.jdbi.v3.core.Handle;

/**
 * Friend requests, contacts and blocks. A block removes the pair's contact and pending requests. While it lasts,
 * the blocker is invisible to the blocked user (404, as for an unknown user, so the block does not leak), and the
 * blocker must unblock before sending a request (403).
 */
public final class ContactBook {
    static final String PENDING = "pending";
    static final String ACCEPTED = "accepted";
    static final String DECLINED = "declined";
    static final String CANCELLED = "cancelled";

    private final Transactor db;
    private final ContactStore contacts;
    private final UserStore users;
    private final Quota requestsPerUser;
    private final Clock clock;

    public ContactBook(Transactor db, UserStore users, Quota requestsPerUser, Clock clock) {
        this.db = db;
        this.requestsPerUser = requestsPerUser;
        this.contacts = new ContactStore();
        this.users = users;
        this.clock = clock;
    }

    /**
     * Sends a request. When the other user already asked {@code me}, both requests are accepted at once and the
     * answer has status {@code accepted}.
     */
    ContactRequestView sendRequest(UUID me, SendRequest request) {
        UUID target = request.userId();
        if (target.equals(me)) {
            throw ApiException.badRequest("cannot_add_self", "you cannot send a contact request to yourself");
        }
        requestsPerUser.take(me.toString());
        UUID requestId = UUID.randomUUID();
        db.inTransaction(tx -> {
            Handle h = tx.handle();
            User other = users.findVisible(h, target, me).orElseThrow(ContactBook::userNotFound);
            if (contacts.blockedEitherWay(h, me, other.id())) {
                throw ApiException.forbidden("contact_request_not_allowed",
                                             "a contact request to this user is not allowed");
            }
            if (contacts.areContacts(h, me, other.id())) {
                throw ApiException.conflict("already_contacts", "you are already contacts");
            }
            if (contacts.findPending(h, me, other.id()).isPresent()) {
                throw ApiException.conflict("request_pending", "a request to this user is already pending");
            }
            var reverse = contacts.findPending(h, other.id(), me);
            if (reverse.isPresent()) {
                Instant now = clock.instant();
                contacts.respond(h, reverse.get(), ACCEPTED);
                contacts.insertRequest(h, requestId, me, other.id(), request.message(), ACCEPTED, now);
                contacts.addContactPair(h, me, other.id());
            } else {
                contacts.insertRequest(h, requestId, me, other.id(), request.message(), PENDING, null);
            }
            return requestId;
        });
        return view(me, db.read(h -> contacts.findRequest(h, requestId)).orElseThrow());
    }

    Page<ContactRequestView> pendingRequests(UUID me, Direction direction, PageRequest page) {
        var cursor = page.decodedCursor(2);
        Instant beforeTime = cursor.map(c -> parseInstant(c.part(0))).orElse(null);
        UUID beforeId = cursor.map(c -> parseUuid(c.part(1))).orElse(null);
        var rows = db.read(h -> contacts.pendingRequests(h, me, direction, beforeTime, beforeId, page.limit() + 1));
        return Page.of(rows, page.limit(), row -> Cursor.of(row.createdAt().toString(), row.id().toString()))
                .map(row -> view(me, row));
    }

    /** Only the recipient may accept; to anyone else the request does not exist. */
    ContactRequestView accept(UUID me, UUID requestId) {
        return answer(me, requestId, ACCEPTED);
    }

    ContactRequestView decline(UUID me, UUID requestId) {
        return answer(me, requestId, DECLINED);
    }

    /** Only the sender may cancel a pending request. */
    void cancel(UUID me, UUID requestId) {
        db.inTransaction(tx -> {
            RequestRef ref = contacts.lockRequest(tx.handle(), requestId)
                    .filter(r -> r.from().equals(me))
                    .orElseThrow(ContactBook::requestNotFound);
            requirePending(ref);
            contacts.respond(tx.handle(), requestId, CANCELLED);
            return ref;
        });
    }

    Page<ContactView> contacts(UUID me, PageRequest page) {
        String after = page.decodedCursor(1).map(c -> c.part(0)).orElse("");
        return Page.of(db.read(h -> contacts.contacts(h, me, after, page.limit() + 1)), page.limit(),
                       row -> Cursor.of(row.user().username()))
                .map(ContactBook::contactView);
    }

    void removeContact(UUID me, UUID other) {
        boolean removed = db.inTransaction(tx -> contacts.removeContactPair(tx.handle(), me, other));
        if (!removed) {
            throw ApiException.notFound("contact_not_found", "not a contact");
        }
    }

    /** Idempotent; the event is emitted only when the block is new. */
    void block(UUID me, UUID other) {
        if (other.equals(me)) {
            throw ApiException.badRequest("cannot_block_self", "you cannot block yourself");
        }
        db.inTransaction(tx -> {
            Handle h = tx.handle();
            users.findById(h, other).orElseThrow(ContactBook::userNotFound);
            if (contacts.addBlock(h, me, other)) {
                contacts.removeContactPair(h, me, other);
                contacts.deletePendingBetween(h, me, other);
                tx.emit(UserEvents.blocked(me, other));
            }
            return other;
        });
    }

    /** Idempotent; the event is emitted only when a block was removed. */
    void unblock(UUID me, UUID other) {
        db.inTransaction(tx -> {
            if (contacts.removeBlock(tx.handle(), me, other)) {
                tx.emit(UserEvents.unblocked(me, other));
            }
            return other;
        });
    }

    Page<BlockView> blocks(UUID me, PageRequest page) {
        String after = page.decodedCursor(1).map(c -> c.part(0)).orElse("");
        return Page.of(db.read(h -> contacts.blocks(h, me, after, page.limit() + 1)), page.limit(),
                       row -> Cursor.of(row.user().username()))
                .map(row -> new BlockView(row.user().id(), row.user().username(), row.user().displayName(),
                                          row.user().avatarMediaId(), Times.format(row.since())));
    }

    static Direction direction(String raw) {
        if (raw == null) {
            return Direction.ALL;
        }
        try {
            return Direction.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_direction", "direction must be incoming, outgoing or all");
        }
    }

    private ContactRequestView answer(UUID me, UUID requestId, String status) {
        db.inTransaction(tx -> {
            Handle h = tx.handle();
            RequestRef ref = contacts.lockRequest(h, requestId)
                    .filter(r -> r.to().equals(me))
                    .orElseThrow(ContactBook::requestNotFound);
            requirePending(ref);
            contacts.respond(h, requestId, status);
            if (ACCEPTED.equals(status)) {
                contacts.addContactPair(h, ref.from(), ref.to());
            }
            return ref;
        });
        return view(me, db.read(h -> contacts.findRequest(h, requestId)).orElseThrow(ContactBook::requestNotFound));
    }

    private static void requirePending(RequestRef ref) {
        if (!PENDING.equals(ref.status())) {
            throw ApiException.conflict("request_not_pending", "the request was already " + ref.status());
        }
    }

    private static ContactRequestView view(UUID me, RequestRow row) {
        String direction = row.to().userId().equals(me) ? "incoming" : "outgoing";
        return new ContactRequestView(row.id(), direction, row.from(), row.to(), row.message(), row.status(),
                                      Times.format(row.createdAt()));
    }

    private static ContactView contactView(PersonRow row) {
        User u = row.user();
        return new ContactView(u.id(), u.username(), u.displayName(), u.avatarMediaId(), u.statusMessage(),
                               Times.format(row.since()));
    }

    private static Instant parseInstant(String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid_cursor", "the cursor is not valid");
        }
    }

    private static UUID parseUuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_cursor", "the cursor is not valid");
        }
    }

    private static ApiException userNotFound() {
        return ApiException.notFound("user_not_found", "user not found");
    }

    private static ApiException requestNotFound() {
        return ApiException.notFound("request_not_found", "contact request not found");
    }

    /** Body of {@code POST /contacts/requests}. */
    record SendRequest(UUID userId, String message) {
        private static final int MAX_MESSAGE = 256;

        SendRequest {
            if (userId == null) {
                throw ApiException.badRequest("invalid_request", "userId is required");
            }
            message = message == null || message.isBlank() ? null : message.strip();
            if (message != null && message.codePointCount(0, message.length()) > MAX_MESSAGE) {
                throw ApiException.badRequest("invalid_message", "message must be at most " + MAX_MESSAGE
                        + " characters");
            }
        }
    }
}
