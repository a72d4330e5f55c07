// The WebSocket frames of `ws(s)://<host>/ws?token=<accessToken>`, written by hand from chat-service's
// OpenAPI description (an OpenAPI file has no place for WebSocket frames). Message bodies reuse the
// generated `Message` schema, so a renamed message field still breaks the build.
import type { components } from "./generated/chat";
import type { Complete } from "./index";

type Message = Complete<components["schemas"]["Message"]>;
type SendMessageBody = components["schemas"]["SendMessage"];

/** Frames a client sends; API Gateway selects the route on `action`. */
export type ClientFrame =
  | ({ action: "sendMessage"; conversationId: string } & SendMessageBody)
  | { action: "typing"; conversationId: string }
  | { action: "ping" };

export interface MessageNewFrame {
  type: "message.new";
  conversationId: string;
  message: Message;
}

export interface MessageEditedFrame {
  type: "message.edited";
  conversationId: string;
  message: Message;
}

export interface MessageRecalledFrame {
  type: "message.recalled";
  conversationId: string;
  messageId: string;
  senderId: string;
  seq: number;
}

/** A message removed by a moderator: it becomes a tombstone for every member. */
export interface MessageRemovedFrame {
  type: "message.removed";
  conversationId: string;
  messageId: string;
  senderId: string;
  seq: number;
}

/** I deleted a message for myself (on this or another device or tab): sent to my own connections only. */
export interface MessageHiddenFrame {
  type: "message.hidden";
  conversationId: string;
  messageId: string;
}

/** A member added or took back a reaction: every reaction's count now, and who changed which. */
export interface ReactionUpdatedFrame {
  type: "reaction.updated";
  conversationId: string;
  messageId: string;
  userId: string;
  reaction: string;
  added: boolean;
  reactions: { reaction: string; count: number }[];
}

/** The connection's session ended (signed out, or the account disabled); the server closes the connection next. */
export interface SessionEndedFrame {
  type: "session.ended";
  reason: "signed_out" | "account_disabled" | "account_deleted";
}

export interface ReceiptReadFrame {
  type: "receipt.read";
  conversationId: string;
  userId: string;
  messageId: string;
  seq: number;
  readAt: string;
}

export interface TypingFrame {
  type: "typing";
  conversationId: string;
  userId: string;
  at: string;
}

export interface ConversationUpdatedFrame {
  type: "conversation.updated";
  conversationId: string;
  change: "created" | "renamed" | "members_added" | "member_removed" | "role_changed" | "owner_changed";
  title?: string | null;
  memberIds: string[];
  /** members_added: who was added. */
  userIds?: string[];
  /** member_removed: who was removed (or left); role_changed: whose role changed. */
  userId?: string;
  /** role_changed: the new role. */
  role?: "admin" | "member";
  /** owner_changed (and member_removed when the owner left): the owner now. */
  ownerId?: string;
  by: string;
  /** A group's change: the system message that tells it, for the timeline. */
  message?: Message;
}

export interface NotificationFrame {
  type: "notification";
  [field: string]: unknown;
}

export interface ErrorFrame {
  type: "error";
  error: { code: string; message: string };
  action?: string;
  clientMessageId?: string;
}

export interface PongFrame {
  type: "pong";
}

/** Frames the server pushes; told apart by `type`. */
export type ServerFrame =
  | MessageNewFrame
  | MessageEditedFrame
  | MessageRecalledFrame
  | MessageRemovedFrame
  | MessageHiddenFrame
  | ReactionUpdatedFrame
  | SessionEndedFrame
  | ReceiptReadFrame
  | TypingFrame
  | ConversationUpdatedFrame
  | NotificationFrame
  | ErrorFrame
  | PongFrame;

const serverFrameTypes: ReadonlySet<string> = new Set([
  "message.new",
  "message.edited",
  "message.recalled",
  "message.removed",
  "message.hidden",
  "reaction.updated",
  "session.ended",
  "receipt.read",
  "typing",
  "conversation.updated",
  "notification",
  "error",
  "pong",
]);

/** The frame in a WebSocket text message, or null for anything that is not a known server frame. */
export function parseServerFrame(data: unknown): ServerFrame | null {
  if (typeof data !== "string") return null;
  let frame: unknown;
  try {
    frame = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof frame !== "object" || frame === null) return null;
  const fields = frame as { type?: unknown; change?: unknown };
  if (typeof fields.type === "string" && serverFrameTypes.has(fields.type)) return frame as ServerFrame;
  // chat-service copies the conversation's own `type` (direct/group) over the frame's on `created`: such a frame
  // is still a conversation change, recognisable by its `change`.
  if (typeof fields.change === "string") return { ...(frame as object), type: "conversation.updated" } as ServerFrame;
  return null;
}
