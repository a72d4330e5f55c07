-- Per-user settings; a user without a row has the defaults.
-- group_invites: who may add the user to a group: 'contacts' (default) or 'everyone'.
create table user_settings (
    user_id       uuid        primary key references users (id) on delete cascade,
    group_invites text        not null default 'contacts' check (group_invites in ('contacts', 'everyone')),
    updated_at    timestamptz not null default now()
);
