-- Accounts. Usernames are stored lower-cased (the check enforces it), so the unique constraint is
-- case-insensitive; the "C" collation makes one btree serve both equality, prefix LIKE and ORDER BY.
create table users (
    id              uuid         primary key,
    username        varchar(32)  collate "C" not null,
    display_name    varchar(64)  not null,
    password_hash   text         not null,
    avatar_media_id varchar(128),
    status_message  varchar(140),
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now(),
    constraint users_username_key unique (username),
    constraint users_username_format check (username ~ '^[a-z0-9_.]{3,32}$')
);
create index users_display_name_prefix on users (lower(display_name) text_pattern_ops);

-- Friend requests. At most one pending request per direction; answered ones stay as history.
create table contact_requests (
    id           uuid         primary key,
    from_user_id uuid         not null references users (id) on delete cascade,
    to_user_id   uuid         not null references users (id) on delete cascade,
    message      varchar(256),
    status       varchar(16)  not null default 'pending',
    created_at   timestamptz  not null default now(),
    responded_at timestamptz,
    constraint contact_requests_not_self check (from_user_id <> to_user_id),
    constraint contact_requests_status check (status in ('pending', 'accepted', 'declined', 'cancelled'))
);
create unique index contact_requests_one_pending on contact_requests (from_user_id, to_user_id)
    where status = 'pending';
create index contact_requests_incoming on contact_requests (to_user_id, created_at desc, id desc)
    where status = 'pending';
create index contact_requests_outgoing on contact_requests (from_user_id, created_at desc, id desc)
    where status = 'pending';

-- Contacts are symmetric: one row per direction, written and deleted together. Listing a user's contacts is
-- one range scan of the primary key, and per-side data (remark, pinned, muted) has a natural home later.
create table contacts (
    user_id    uuid        not null references users (id) on delete cascade,
    contact_id uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (user_id, contact_id),
    constraint contacts_not_self check (user_id <> contact_id)
);

create table blocks (
    blocker_id uuid        not null references users (id) on delete cascade,
    blocked_id uuid        not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    constraint blocks_not_self check (blocker_id <> blocked_id)
);
create index blocks_blocked on blocks (blocked_id);

-- Transactional outbox: id is the event's eventId, body the exact envelope published to SNS.
create table outbox (
    id           uuid        primary key,
    type         varchar(64) not null,
    body         text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0
);
create index outbox_unpublished on outbox (created_at) where published_at is null;
