import createClient from "openapi-fetch";
import type { components as ChatComponents, paths as ChatPaths } from "./generated/chat";
import type { components as MediaComponents, paths as MediaPaths } from "./generated/media";
import type { components as NotificationComponents, paths as NotificationPaths } from "./generated/notification";
import type { components as UserComponents, paths as UserPaths } from "./generated/user";

export type { ChatPaths, MediaPaths, NotificationPaths, UserPaths };
export * from "./realtime";

/**
 * The services' schemas leave `required` out of their responses although every field is always sent (nullable
 * ones as null): `Complete` makes them required so the app need not guard against absent fields, while a field
 * renamed or removed in a service still disappears from the type and breaks the build.
 */
export type Complete<T> = T extends (infer Item)[]
  ? Complete<Item>[]
  : T extends object
    ? { [Key in keyof T]-?: Complete<T[Key]> }
    : T;

type UserSchemas = UserComponents["schemas"];
type ChatSchemas = ChatComponents["schemas"];
type MediaSchemas = MediaComponents["schemas"];
type NotificationSchemas = NotificationComponents["schemas"];

export type TokenPair = Complete<UserSchemas["TokenPair"]>;
export type Registered = Complete<UserSchemas["Registered"]>;
export type PublicProfile = Complete<UserSchemas["PublicProfile"]>;
export type OwnProfile = Complete<UserSchemas["OwnProfile"]>;
export type ProfileUpdate = UserSchemas["ProfileUpdate"];
export type ContactRequest = Complete<UserSchemas["ContactRequest"]>;
export type Contact = Complete<UserSchemas["Contact"]>;
export type Block = Complete<UserSchemas["Block"]>;
export type AdminUser = Complete<UserSchemas["AdminUser"]>;

export type Conversation = Complete<ChatSchemas["Conversation"]>;
export type LastMessage = Complete<ChatSchemas["LastMessage"]>;
export type Member = Complete<ChatSchemas["Member"]>;
export type Message = Complete<ChatSchemas["Message"]>;
export type SearchHit = Complete<ChatSchemas["SearchHit"]>;
export type MessageType = Message["type"];
export type SendMessage = ChatSchemas["SendMessage"];
export type CreateReport = ChatSchemas["CreateReport"];
export type Report = Complete<ChatSchemas["Report"]>;
export type Stats = Complete<ChatSchemas["Stats"]>;
export type AuditEntry = Complete<ChatSchemas["AuditEntry"]>;

export type Upload = Complete<MediaSchemas["Upload"]>;
export type UploadRequest = MediaSchemas["UploadRequest"];
export type Media = Complete<MediaSchemas["Media"]>;
export type MediaContentType = UploadRequest["contentType"];

export type Device = Complete<NotificationSchemas["Device"]>;
export type MuteState = Complete<NotificationSchemas["MuteState"]>;

/** A page of a list route: `items` and the opaque `nextCursor` of the next page (null on the last). */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}

export interface ApiOptions {
  /** Origin the API is served from; the web app passes its own (the API shares the app's origin). */
  baseUrl: string;
  /** The fetch every request goes through (the web app's adds the access token and refreshes it). */
  fetch?: (request: Request) => Promise<Response>;
}

/** One typed client per service, all on the same origin, as API Gateway and CloudFront route them. */
export function createApi(options: ApiOptions) {
  const clientOptions = { baseUrl: options.baseUrl, fetch: options.fetch };
  return {
    user: createClient<UserPaths>(clientOptions),
    chat: createClient<ChatPaths>(clientOptions),
    media: createClient<MediaPaths>(clientOptions),
    notification: createClient<NotificationPaths>(clientOptions),
  };
}

export type Api = ReturnType<typeof createApi>;

/**
 * An error answer of the API: the HTTP status, the body's `{"error": {"code", "message"}}` and, for a 429 or 503 that
 * said so, how many seconds to wait before asking again (`Retry-After`).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Seconds to wait from a `Retry-After` header (a number of seconds or an HTTP date); null without a usable one. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  if (!/^[A-Za-z]{3}, /.test(header.trim())) return null; // an HTTP date starts with its day: "Wed, 02 Dec 2026 …"
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

interface FetchResult<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/**
 * The body of a successful answer typed as `Complete`, or an `ApiError` thrown for an error answer, so that
 * query and mutation functions read as plain async code.
 */
export async function unwrap<Data>(call: Promise<FetchResult<Data>>): Promise<Complete<Data>> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = (error ?? {}) as { error?: { code?: string; message?: string } };
    throw new ApiError(
      response.status,
      body.error?.code ?? `http_${response.status}`,
      body.error?.message ?? (response.statusText || `HTTP ${response.status}`),
      parseRetryAfter(response.headers.get("Retry-After")),
    );
  }
  return data as Complete<Data>;
}
