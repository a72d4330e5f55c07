-- Bumped by every password change, never by a re-hash: a login that read the account before a change and
-- records its session after it sees the version move and ends that session.
alter table users add column password_version integer not null default 0;

-- The usernames of deleted accounts, held until released_at so nobody can pose as the deleted person at once.
-- Only the name and the release time are kept: nothing else of the account survives its deletion.
create table username_tombstones (
    username    varchar(32) collate "C" primary key,
    released_at timestamptz not null
);
