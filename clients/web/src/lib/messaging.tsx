import { createContext, useContext, useSyncExternalStore } from "react";
import type { Outbox, OutgoingMessage } from "./outbox";
import type { ConnectionStatus, RealtimeConnection } from "./realtime";

/** The signed-in user's live connection and outbox, created once per session by the app. */
export interface Messaging {
  userId: string;
  connection: RealtimeConnection;
  outbox: Outbox;
  status: ConnectionStatus;
}

export const MessagingContext = createContext<Messaging | null>(null);

export function useMessaging(): Messaging {
  const messaging = useContext(MessagingContext);
  if (!messaging) throw new Error("useMessaging outside MessagingContext");
  return messaging;
}

/** The outgoing messages, re-rendering when they change. */
export function useOutbox(): readonly OutgoingMessage[] {
  const { outbox } = useMessaging();
  return useSyncExternalStore((listener) => outbox.subscribe(listener), () => outbox.list());
}
