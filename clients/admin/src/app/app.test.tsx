import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { accessToken, adminUser, fakeAdminApi, report } from "@/testing/fake-api";
import { renderApp } from "@/testing/render-app";

// jsdom has no canvas: the chart is replaced by its props, the figure's table is the console's own.
vi.mock("@/features/stats/components/bar-chart", () => ({
  default: ({ seriesLabel }: { seriesLabel: string }) => <div data-testid="chart">{seriesLabel}</div>,
}));

function signedInAsAdmin() {
  localStorage.setItem("wechat.session", JSON.stringify({
    accessToken: accessToken("u-1", "user admin"), refreshToken: "refresh-1", expiresAt: Date.now() + 900_000, userId: "u-1",
  }));
}

async function signIn() {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByRole("textbox", { name: "Username" }), "alice");
  await user.type(screen.getByLabelText("Password"), "correct horse battery");
  await user.click(screen.getByRole("button", { name: "Sign in" }));
  return user;
}

describe("sign in", () => {
  it("lets an admin in, to the users page", async () => {
    renderApp("/sign-in", fakeAdminApi().fetch);
    await signIn();
    const table = await screen.findByRole("table", { name: "Users" });
    await within(table).findByText("Bob");
    const navigation = screen.getByRole("navigation", { name: "Admin" });
    for (const page of ["Users", "Reports", "Statistics", "Audit log"]) {
      expect(within(navigation).getByRole("link", { name: page })).toBeInTheDocument();
    }
  });

  it("refuses an account without the admin role with a clear message, and ends the session it got", async () => {
    const api = fakeAdminApi({ scope: "user" });
    renderApp("/sign-in", api.fetch);
    await signIn();
    expect(await screen.findByRole("alert")).toHaveTextContent("This account has no admin role.");
    expect(api.calls.find((call) => call.path === "POST /auth/logout")?.body).toEqual({ refreshToken: "refresh-1" });
    expect(localStorage.getItem("wechat.session")).toBeNull();
    expect(screen.queryByRole("navigation")).not.toBeInTheDocument();
  });
});

describe("users", () => {
  it("disables a user with a reason, and enables them again", async () => {
    signedInAsAdmin();
    const api = fakeAdminApi({ users: [adminUser()] });
    renderApp("/users", api.fetch);
    const table = await screen.findByRole("table", { name: "Users" });
    await within(table).findByText("Bob");
    const user = userEvent.setup({ delay: null });

    await user.click(within(table).getByRole("button", { name: "Disable bob" }));
    const dialog = screen.getByRole("dialog", { name: "Disable Bob" });
    expect(within(dialog).getByRole("button", { name: "Disable" })).toBeDisabled();
    await user.type(within(dialog).getByRole("textbox", { name: "Reason" }), "spam");
    await user.click(within(dialog).getByRole("button", { name: "Disable" }));

    await within(table).findByText("Disabled: spam");
    expect(api.calls.find((call) => call.path === "POST /admin/users/u-2/disable")?.body).toEqual({ reason: "spam" });
    await user.click(within(table).getByRole("button", { name: "Enable bob" }));
    await within(table).findByRole("button", { name: "Disable bob" });
  });

  it("filters by status", async () => {
    signedInAsAdmin();
    const api = fakeAdminApi({ users: [adminUser(), adminUser({ userId: "u-4", username: "dan", displayName: "Dan", status: "disabled" })] });
    renderApp("/users", api.fetch);
    const table = await screen.findByRole("table", { name: "Users" });
    await within(table).findByText("Dan");
    await userEvent.setup({ delay: null }).selectOptions(screen.getByRole("combobox", { name: "Status" }), "disabled");
    await waitFor(() => expect(within(table).queryByText("Bob")).not.toBeInTheDocument());
    expect(api.calls.some((call) => call.path.startsWith("GET /admin/users?status=disabled"))).toBe(true);
  });
});

describe("reports", () => {
  it("removes a reported message after showing its text, and lists the report as resolved", async () => {
    signedInAsAdmin();
    const api = fakeAdminApi({ reports: [report()] });
    renderApp("/reports", api.fetch);
    const table = await screen.findByRole("table", { name: "Reports" });
    await within(table).findByText("Buy cheap followers");
    const user = userEvent.setup({ delay: null });

    await user.click(within(table).getByRole("button", { name: "Remove message" }));
    const dialog = screen.getByRole("dialog", { name: "Remove this message?" });
    expect(dialog).toHaveTextContent("Buy cheap followers");
    await user.type(within(dialog).getByRole("textbox", { name: "Note" }), "advertising");
    await user.click(within(dialog).getByRole("button", { name: "Remove message" }));

    await waitFor(() => expect(screen.getByText("No reports here.")).toBeInTheDocument());
    expect(api.calls.find((call) => call.path === "POST /admin/reports/r-1/resolve")?.body).toEqual({ action: "remove_message", note: "advertising" });
    await user.click(screen.getByRole("button", { name: "Resolved" }));
    expect(await within(table).findByText("Message removed")).toBeInTheDocument();
  });
});

describe("statistics", () => {
  it("shows the figures and both charts with their numbers", async () => {
    signedInAsAdmin();
    renderApp("/stats", fakeAdminApi().fetch);
    const active = await screen.findByRole("figure", { name: "Daily active users" });
    expect(screen.getByRole("figure", { name: "Messages per day" })).toBeInTheDocument();
    expect(within(active).getAllByRole("row")).toHaveLength(15);
    expect(screen.getByText("Users", { selector: "dt" }).nextElementSibling).toHaveTextContent("42");
    expect(screen.getByText("Pushes failed in 24 h", { selector: "dt" }).nextElementSibling).toHaveTextContent("—");
    expect(within(screen.getByRole("table", { name: "Queues" })).getByText("wechat-local-chat-events")).toBeInTheDocument();
  });
});
