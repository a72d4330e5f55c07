import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { conversation, fakeApi } from "@/testing/fake-api";
import { FakeSocket } from "@/testing/fake-socket";
import { message } from "@/testing/messages";
import { renderApp } from "@/testing/render-app";
import { tokenPair } from "@/testing/tokens";

beforeEach(() => {
  FakeSocket.instances = [];
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("crypto", { ...crypto, randomUUID: () => `uuid-${Math.random().toString(36).slice(2)}` });
});
afterEach(() => vi.unstubAllGlobals());

function signedInAs(userId: string) {
  localStorage.setItem("wechat.session", JSON.stringify({ ...tokenPair(userId), expiresAt: Date.now() + 900_000, userId }));
}

describe("sign in", () => {
  it("signs in with username and password and shows the conversations", async () => {
    const api = fakeApi({ me: "u-1", conversations: [conversation({ unreadCount: 3, lastMessage: { messageId: "m-1", seq: 1, senderId: "u-2", type: "text", preview: "Lunch?", createdAt: "2026-12-01T10:00:00.000Z", recalled: false } })] });
    renderApp("/sign-in", api.fetch);
    const user = userEvent.setup({ delay: null });

    await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const list = await screen.findByRole("list", { name: "Conversations" });
    const row = await within(list).findByRole("listitem");
    await waitFor(() => expect(row).toHaveTextContent("Bob"));
    expect(row).toHaveTextContent("3");
    expect(row).toHaveTextContent("Lunch?");
    expect(screen.getByRole("navigation")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "New chat" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Contacts" })).toBeInTheDocument();
    expect(api.posted.find((call) => call.path === "POST /devices")?.body).toMatchObject({ platform: "web" });
  });

  it("says so when the username or password is wrong", async () => {
    const api = fakeApi({ me: "u-1" });
    api.refuseLogin();
    renderApp("/sign-in", api.fetch);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await user.type(screen.getByLabelText("Password"), "wrong password");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong username or password.");
  });

  it("says how long to wait when the server is too busy to check the password", async () => {
    const api = fakeApi({ me: "u-1" });
    api.busyLogin();
    renderApp("/sign-in", api.fetch);
    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
    await user.type(screen.getByLabelText("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The server is busy. Try again in 10 s.");
  });

  it("lands on the sign-in form with a clear message when the session was revoked", async () => {
    signedInAs("u-1");
    renderApp("/chats", fakeApi({ me: "u-1", revoked: true }).fetch);
    expect(await screen.findByRole("alert")).toHaveTextContent("Your session has ended. Please sign in again.");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeInTheDocument();
    expect(localStorage.getItem("wechat.session")).toBeNull();
  });

  it("switches to the sign-up form", async () => {
    renderApp("/sign-in", fakeApi({ me: "u-1" }).fetch);
    await userEvent.click(screen.getByRole("link", { name: "Create an account" }));
    expect(screen.getByRole("textbox", { name: "Display name" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create account" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "I have an account" })).toBeInTheDocument();
  });
});

describe("new chat", () => {
  it("opens a direct chat by clicking a person, or picks members once a group name is typed", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()] });
    const search = async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/users" && url.searchParams.get("search")) {
        return new Response(JSON.stringify({
          items: [{ userId: "u-2", username: "bob", displayName: "Bob", avatarMediaId: null, statusMessage: null },
            { userId: "u-3", username: "carol", displayName: "Carol", avatarMediaId: null, statusMessage: null }],
          nextCursor: null,
        }), { headers: { "Content-Type": "application/json" } });
      }
      if (url.pathname === "/conversations" && request.method === "POST") {
        return new Response(JSON.stringify(conversation({ conversationId: "group-1", type: "group", title: "Trip", peerId: null })), { status: 201, headers: { "Content-Type": "application/json" } });
      }
      return api.fetch(request);
    };
    const posted: unknown[] = [];
    renderApp("/chats", async (request) => {
      if (request.method === "POST" && new URL(request.url).pathname === "/conversations") posted.push(await request.clone().json());
      return search(request);
    });
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole("button", { name: "New chat" }));
    const dialog = screen.getByRole("dialog", { name: "New chat" });
    await user.type(within(dialog).getByRole("textbox", { name: "Group name" }), "Trip");
    await user.type(within(dialog).getByRole("searchbox", { name: "Search people" }), "b");
    await user.click(await within(dialog).findByRole("button", { name: /Bob.*@bob/ }));
    await user.click(within(dialog).getByRole("button", { name: /Carol.*@carol/ }));
    expect(within(dialog).getByRole("button", { name: /Bob.*@bob/ })).toHaveAttribute("aria-pressed", "true");
    await user.click(within(dialog).getByRole("button", { name: "Create group" }));

    await waitFor(() => expect(posted).toEqual([{ type: "group", memberIds: ["u-2", "u-3"], title: "Trip" }]));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    await user.click(screen.getByRole("button", { name: "New chat" }));
    await user.type(screen.getByRole("searchbox", { name: "Search people" }), "b");
    await user.click(await screen.findByRole("button", { name: /Bob.*@bob/ }));
    await waitFor(() => expect(posted).toContainEqual({ type: "direct", memberIds: ["u-2"] }));
  });

  it("closes with Esc", async () => {
    signedInAs("u-1");
    renderApp("/chats", fakeApi({ me: "u-1" }).fetch);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole("button", { name: "New chat" }));
    expect(screen.getByRole("dialog", { name: "New chat" })).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});

describe("a conversation", () => {
  it("shows history and live messages, typing, and sends with Enter (Shift+Enter is a new line)", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()], messages: [message(1, { senderId: "u-2", text: "Hi Alice" })] });
    renderApp("/chats/conv", api.fetch);
    const log = await screen.findByRole("list", { name: "Messages" });
    await within(log).findByText("Hi Alice");
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    FakeSocket.last().open();

    FakeSocket.last().receive({ type: "typing", conversationId: "conv", userId: "u-2", at: new Date().toISOString() });
    await waitFor(() => expect(screen.getByRole("status")).toHaveTextContent("Bob is typing"));
    FakeSocket.last().receive({ type: "message.new", conversationId: "conv", message: message(2, { senderId: "u-2", text: "Are you there?" }) });
    await within(log).findByText("Are you there?");
    expect(screen.getByRole("status")).toHaveTextContent("");

    const user = userEvent.setup({ delay: null });
    const box = screen.getByRole("textbox", { name: "Message" });
    await user.type(box, "Yes{Shift>}{Enter}{/Shift}here");
    expect(box).toHaveValue("Yes\nhere");
    await user.keyboard("{Enter}");

    await waitFor(() => expect(within(log).getByText((_, element) => element?.textContent === "Yes\nhere" && element.tagName === "P")).toBeInTheDocument());
    const send = api.posted.find((call) => call.path === "POST /conversations/conv/messages");
    expect(send?.body).toMatchObject({ type: "text", text: "Yes\nhere", clientMessageId: expect.stringMatching(/^web-/) });
    expect(box).toHaveValue("");
    const mine = within(log).getAllByRole("listitem").at(-1)!;
    expect(within(mine).getByRole("button", { name: "Edit" })).toBeInTheDocument();
    expect(within(mine).getByRole("button", { name: "Recall" })).toBeInTheDocument();
  });

  it("shows the offline banner while disconnected and sends what was written meanwhile on reconnect, once", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()], messages: [message(1, { senderId: "u-2", text: "Hi" })] });
    renderApp("/chats/conv", api.fetch);
    const log = await screen.findByRole("list", { name: "Messages" });
    await within(log).findByText("Hi");
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    FakeSocket.last().open();
    FakeSocket.last().drop();
    expect(await screen.findByRole("alert")).toHaveTextContent("offline");

    const user = userEvent.setup({ delay: null });
    await user.type(screen.getByRole("textbox", { name: "Message" }), "written offline{Enter}");
    await within(log).findByText("written offline");
    expect(within(log).getByText("Waiting for connection")).toBeInTheDocument();
    expect(api.posted.filter((call) => call.path.endsWith("/messages"))).toHaveLength(0);

    await waitFor(() => expect(FakeSocket.instances).toHaveLength(2), { timeout: 3_000 });
    FakeSocket.last().open();
    await waitFor(() => expect(screen.queryByRole("alert")).not.toBeInTheDocument());
    await waitFor(() => expect(api.posted.filter((call) => call.path.endsWith("/messages"))).toHaveLength(1));
    const sent = api.messages.at(-1)!;
    FakeSocket.last().receive({ type: "message.new", conversationId: "conv", message: sent });
    await waitFor(() => expect(within(log).getAllByText("written offline")).toHaveLength(1));
    expect(within(log).queryByText("Waiting for connection")).not.toBeInTheDocument();
  });

  it("shows a message removed by a moderator as such, in history and live", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()], messages: [
      message(1, { senderId: "u-2", text: null, removed: true }),
      message(2, { senderId: "u-2", text: "Buy cheap followers" }),
    ] });
    renderApp("/chats/conv", api.fetch);
    const log = await screen.findByRole("list", { name: "Messages" });
    await within(log).findByText("Buy cheap followers");
    expect(within(log).getAllByText("This message was removed by a moderator")).toHaveLength(1);
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    FakeSocket.last().open();

    FakeSocket.last().receive({ type: "message.removed", conversationId: "conv", messageId: "m-2", senderId: "u-2", seq: 2 });
    await waitFor(() => expect(within(log).queryByText("Buy cheap followers")).not.toBeInTheDocument());
    expect(within(log).getAllByText("This message was removed by a moderator")).toHaveLength(2);
  });

  it("hides a message deleted for me on another device or tab, live", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()], messages: [
      message(1, { senderId: "u-2", text: "Keep this" }),
      message(2, { senderId: "u-2", text: "Hide this" }),
    ] });
    renderApp("/chats/conv", api.fetch);
    const log = await screen.findByRole("list", { name: "Messages" });
    await within(log).findByText("Hide this");
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    FakeSocket.last().open();

    FakeSocket.last().receive({ type: "message.hidden", conversationId: "conv", messageId: "m-2" });
    await waitFor(() => expect(within(log).queryByText("Hide this")).not.toBeInTheDocument());
    expect(within(log).getByText("Keep this")).toBeInTheDocument();
  });

  it("reports another person's message with a reason", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()], messages: [message(1, { senderId: "u-2", text: "Buy cheap followers" })] });
    renderApp("/chats/conv", api.fetch);
    const log = await screen.findByRole("list", { name: "Messages" });
    await within(log).findByText("Buy cheap followers");
    const user = userEvent.setup({ delay: null });

    await user.click(within(log).getByRole("button", { name: "Report message" }));
    const dialog = screen.getByRole("dialog", { name: "Report this message" });
    expect(dialog).toHaveTextContent("Buy cheap followers");
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "spam");
    await user.click(within(dialog).getByRole("button", { name: "Send report" }));

    expect(await within(dialog).findByRole("status")).toHaveTextContent("A moderator will look at it.");
    expect(api.posted.find((call) => call.path === "POST /reports")?.body).toEqual({ conversationId: "conv", messageId: "m-1", reason: "spam" });
  });
});

describe("a session ended by the server", () => {
  it("signs out with a clear message when the account is disabled", async () => {
    signedInAs("u-1");
    renderApp("/chats", fakeApi({ me: "u-1", conversations: [conversation()] }).fetch);
    await screen.findByRole("list", { name: "Conversations" });
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    FakeSocket.last().open();

    FakeSocket.last().receive({ type: "session.ended", reason: "account_disabled" });
    FakeSocket.last().closeByServer();
    expect(await screen.findByRole("alert")).toHaveTextContent("This account has been disabled by an administrator.");
    expect(screen.getByRole("button", { name: "Sign in" })).toBeInTheDocument();
    expect(localStorage.getItem("wechat.session")).toBeNull();
  });

  it("signs out when the server closed the socket and the refresh token is refused", async () => {
    signedInAs("u-1");
    const api = fakeApi({ me: "u-1", conversations: [conversation()] });
    renderApp("/chats", api.fetch);
    await screen.findByRole("list", { name: "Conversations" });
    await waitFor(() => expect(FakeSocket.instances).toHaveLength(1));
    FakeSocket.last().open();

    api.revoke();
    FakeSocket.last().closeByServer();
    expect(await screen.findByRole("alert")).toHaveTextContent("Your session has ended. Please sign in again.");
  });
});
