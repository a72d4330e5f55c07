import { useEffect, useState, useSyncExternalStore } from "react";

/** How long a `typing` frame keeps "… is typing" on screen; typists send one at most every 3 s. */
const showForMs = 5_000;

const typists = new Map<string, Map<string, number>>();
const listeners = new Set<() => void>();
let version = 0;

function changed() {
  version += 1;
  for (const listener of listeners) listener();
}

export function noteTyping(conversationId: string, userId: string, now = Date.now()): void {
  const users = typists.get(conversationId) ?? new Map<string, number>();
  users.set(userId, now + showForMs);
  typists.set(conversationId, users);
  changed();
}

/** A message from someone ends their typing at once. */
export function stopTyping(conversationId: string, userId: string): void {
  if (typists.get(conversationId)?.delete(userId)) changed();
}

/** Who is typing in a conversation now. */
export function useTypists(conversationId: string): string[] {
  useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, () => version);
  const [now, setNow] = useState(Date.now());
  const users = typists.get(conversationId);
  const active = users ? [...users].filter(([, until]) => until > now).map(([userId]) => userId) : [];
  useEffect(() => {
    if (active.length === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [active.length]);
  useEffect(() => setNow(Date.now()), [users?.size, version]);
  return active;
}
