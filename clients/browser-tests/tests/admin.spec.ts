import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import {
  adminAppUrl, directChatByApi, grantAdmin, openAdminPage, registerByApi, sendByApi, signInToAdmin,
} from "./support/admin";
import { conversation, message, messages, newPerson, signIn, type Person } from "./support/people";

// The admin console on its own origin, moderating people who have the web app open: a removal and a disable reach
// their screens live. Accounts are set up through the public API; everything checked is seen in a browser.
test.describe.configure({ mode: "serial" });

const screenshots = process.env.UPDATE_SCREENSHOTS === "1"
  ? fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url))
  : fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));

const spam = "Buy cheap followers at spam.example";
let admin: Person;
let bob: Person;
let carol: Person;
let carolToken: string;
let carolId: string;
let chatId: string;

test.beforeAll(async ({ browser }) => {
  admin = await newPerson(browser, "Moderator");
  bob = await newPerson(browser, "Bob");
  carol = await newPerson(browser, "Carol");
  await registerByApi(admin);
  const bobAccount = await registerByApi(bob);
  const carolAccount = await registerByApi(carol);
  carolToken = carolAccount.token;
  carolId = carolAccount.userId;
  chatId = await directChatByApi(carolToken, bobAccount.userId);
});

test.afterAll(async () => {
  for (const person of [admin, bob, carol]) await person?.context.close();
});

async function openChatWith(person: Person, title: string) {
  await signIn(person);
  await conversation(person.page, title).click();
  await expect(messages(person.page)).toBeVisible();
}

test("an account without the admin role is told so", async () => {
  await signInToAdmin(admin.page, admin);
  await expect(admin.page.getByRole("alert")).toContainText("no admin role");
  await expect(admin.page.getByRole("navigation", { name: "Admin" })).toBeHidden();
});

test("an admin signs in and sees every page", async () => {
  await grantAdmin(admin);
  await signInToAdmin(admin.page, admin);
  await expect(admin.page.getByRole("table", { name: "Users" })).toBeVisible();
  await admin.page.getByRole("searchbox", { name: "Search users" }).fill(carol.username);
  await expect(admin.page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: carol.username })).toBeVisible();

  await openAdminPage(admin.page, "Statistics");
  await expect(admin.page.getByRole("figure", { name: "Daily active users" }).locator("canvas")).toBeVisible();
  await expect(admin.page.getByRole("figure", { name: "Messages per day" }).locator("canvas")).toBeVisible();
  await admin.page.screenshot({ path: `${screenshots}admin-stats.png` });

  await openAdminPage(admin.page, "Audit log");
  await expect(admin.page.getByRole("table", { name: "Audit log" })).toBeVisible();
});

test("a reported message removed by the admin shows as removed in the other member's open conversation", async () => {
  await sendByApi(carolToken, chatId, spam);
  await openChatWith(bob, carol.displayName);
  const reported = message(bob.page, spam);
  await expect(reported).toBeVisible();
  await reported.hover();
  await reported.getByRole("button", { name: "Report message" }).click();
  const reportDialog = bob.page.getByRole("dialog", { name: "Report this message" });
  await reportDialog.getByRole("textbox", { name: "Reason" }).fill("spam");
  await reportDialog.getByRole("button", { name: "Send report" }).click();
  await expect(reportDialog.getByRole("status")).toContainText("moderator");
  await reportDialog.getByRole("button", { name: "Close" }).first().click();

  await openAdminPage(admin.page, "Reports");
  const row = admin.page.getByRole("table", { name: "Reports" }).getByRole("row").filter({ hasText: spam });
  await expect(row).toBeVisible();
  await admin.page.screenshot({ path: `${screenshots}admin-reports.png` });
  await row.getByRole("button", { name: "Remove message" }).click();
  const confirm = admin.page.getByRole("dialog", { name: "Remove this message?" });
  await expect(confirm).toContainText(spam);
  await confirm.getByRole("button", { name: "Remove message" }).click();
  await expect(row).toBeHidden();

  await expect(messages(bob.page).getByText("This message was removed by a moderator")).toBeVisible();
  await expect(message(bob.page, spam)).toBeHidden();
});

test("a user disabled by the admin is signed out of the web app they have open", async () => {
  await openChatWith(carol, bob.displayName);

  await openAdminPage(admin.page, "Users");
  await admin.page.getByRole("searchbox", { name: "Search users" }).fill(carol.username);
  const row = admin.page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: carol.username });
  await row.getByRole("button", { name: `Disable ${carol.username}` }).click();
  const dialog = admin.page.getByRole("dialog", { name: `Disable ${carol.displayName}` });
  await dialog.getByRole("textbox", { name: "Reason" }).fill("spam");
  await dialog.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(row.getByRole("button", { name: `Enable ${carol.username}` })).toBeVisible();
  await admin.page.screenshot({ path: `${screenshots}admin-users.png` });

  await expect(carol.page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(carol.page.getByRole("alert")).toContainText("disabled");

  await openAdminPage(admin.page, "Audit log");
  // The target by the name to show, its id on hover.
  const entry = admin.page.getByRole("table", { name: "Audit log" }).getByRole("row")
    .filter({ hasText: "user.disable" }).filter({ has: admin.page.getByTitle(carolId, { exact: true }) });
  await expect(entry).toContainText(carol.displayName);
  await admin.page.screenshot({ path: `${screenshots}admin-audit.png` });
});

test("the admin app is its own origin", async () => {
  expect(new URL(adminAppUrl).origin).not.toBe(new URL(bob.page.url()).origin);
});
