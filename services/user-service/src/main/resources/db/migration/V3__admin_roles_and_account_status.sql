-- Roles beyond every user's own: 'admin' runs the admin console. Granted only by an operator command
-- (make admin locally, a function invocation in AWS), never through the public API.
create table user_roles (
    user_id    uuid        not null references users (id) on delete cascade,
    role       text        not null check (role in ('admin')),
    granted_at timestamptz not null default now(),
    primary key (user_id, role)
);

-- A disabled account cannot log in; disabled_at is null while the account is active.
-- last_active_at: the last login or token refresh, written at most once per few minutes per user.
alter table users
    add column disabled_at     timestamptz,
    add column disabled_reason varchar(500),
    add column last_active_at  timestamptz;
create index users_disabled on users (username) where disabled_at is not null;
