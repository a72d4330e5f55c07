import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";
import type { Person } from "./people";

/** The admin console's own origin, as the edge serves it beside the web app. */
export const adminAppUrl = process.env.ADMIN_APP_URL ?? `http://localhost:${process.env.ADMIN_PORT ?? "8090"}`;
const apiUrl = process.env.WEB_APP_URL ?? `http://localhost:${process.env.EDGE_PORT ?? "8080"}`;
const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));

async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Registers the person through the public API and answers an access token (what the scenario sets up, not tests). */
export async function registerByApi(person: Person): Promise<{ userId: string; token: string }> {
  const registered = await call<{ userId: string }>("POST", "/auth/register", {
    username: person.username, password: person.password, displayName: person.displayName,
  });
  const pair = await call<{ accessToken: string }>("POST", "/auth/login", { username: person.username, password: person.password });
  return { userId: registered.userId, token: pair.accessToken };
}

export async function directChatByApi(token: string, otherUserId: string): Promise<string> {
  const conversation = await call<{ conversationId: string }>("POST", "/conversations", { type: "direct", memberIds: [otherUserId] }, token);
  return conversation.conversationId;
}

export async function sendByApi(token: string, conversationId: string, text: string): Promise<void> {
  await call("POST", `/conversations/${conversationId}/messages`, {
    clientMessageId: `browser-test-${Math.random().toString(36).slice(2)}`, type: "text", text,
  }, token);
}

/**
 * Waits until the person's own search finds the message `text` for `query`: the search index is written from the
 * messages stream, after the send has answered, so a search typed at once may come before it.
 */
export async function awaitSearchable(token: string, query: string, text: string): Promise<void> {
  await expect.poll(async () => {
    const found = await call<{ items: { message: { text?: string } }[] }>(
      "GET", `/messages/search?query=${encodeURIComponent(query)}`, undefined, token);
    return found.items.some((hit) => hit.message.text === text);
  }, { message: `search for "${query}" finds "${text}"` }).toBe(true);
}

/** `make admin U=<username>`: the local way an operator grants the admin role (the stack's ports from the environment). */
export async function grantAdmin(person: Person): Promise<void> {
  await promisify(execFile)("make", ["--no-print-directory", "admin", `U=${person.username}`], { cwd: repositoryRoot, env: process.env });
}

export async function signInToAdmin(page: Page, person: Person): Promise<void> {
  await page.goto(`${adminAppUrl}/`);
  await page.getByRole("textbox", { name: "Username" }).fill(person.username);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export async function openAdminPage(page: Page, name: "Users" | "Reports" | "Statistics" | "Audit log"): Promise<void> {
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** Lets anyone add the person to groups (by default only contacts may): what `PATCH /users/me` sets. */
export async function acceptGroupInvitesByApi(token: string): Promise<void> {
  await call("PATCH", "/users/me", { groupInvites: "everyone" }, token);
}

export async function groupByApi(token: string, title: string, memberIds: string[]): Promise<string> {
  const conversation = await call<{ conversationId: string }>("POST", "/conversations", { type: "group", title, memberIds }, token);
  return conversation.conversationId;
}
