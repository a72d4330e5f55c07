import { expect, test } from "@playwright/test";
import { acceptGroupInvitesByApi, groupByApi, registerByApi, sendByApi } from "./support/admin";
import { conversation, conversations, messages, newPerson, signIn, type Person } from "./support/people";

// Group roles, pin and archive, and search, in the web app the edge serves; the setup goes through the public API.
test.describe.configure({ mode: "serial" });

let alice: Person;
let bob: Person;
const title = `Climbing club ${Math.random().toString(36).slice(2, 6)}`;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, "Alice");
  bob = await newPerson(browser, "Bob");
  const a = await registerByApi(alice);
  const b = await registerByApi(bob);
  await acceptGroupInvitesByApi(b.token);
  const group = await groupByApi(a.token, title, [b.userId]);
  await sendByApi(a.token, group, "Climbing on Saturday?");
  await sendByApi(b.token, group, "我们明天去爬山吧");
  await signIn(alice);
});

test.afterAll(async () => {
  for (const person of [alice, bob]) await person?.context.close();
});

async function openDetails() {
  const { page } = alice;
  await conversation(page, title).click();
  await expect(messages(page)).toBeVisible();
  await page.getByRole("button", { name: "Chat info" }).click();
}

test("the owner makes a member an admin, then hands the group over: the timeline says so", async () => {
  const { page } = alice;
  await openDetails();
  await page.getByRole("button", { name: `Make admin ${bob.displayName}` }).click();
  await expect(page.getByRole("button", { name: `Remove admin ${bob.displayName}` })).toBeVisible();
  await page.getByRole("button", { name: `Make owner ${bob.displayName}` }).click();
  // No longer the owner: the owner's controls are gone.
  await expect(page.getByRole("button", { name: `Make owner ${bob.displayName}` })).toBeHidden();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(messages(page).getByRole("listitem").filter({ hasText: "Alice made Bob an admin" })).toBeVisible();
  await expect(messages(page).getByRole("listitem").filter({ hasText: "Alice made Bob the owner" })).toBeVisible();
});

test("a pinned chat is marked; an archived one moves to the archived view", async () => {
  const { page } = alice;
  await page.getByRole("button", { name: "Chat info" }).click();
  await page.getByRole("button", { name: "Pin", exact: true }).click();
  await expect(page.getByRole("button", { name: "Unpin", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(conversation(page, title)).toContainText("Pinned");

  await page.getByRole("button", { name: "Chat info" }).click();
  await page.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(page.getByRole("button", { name: "Unarchive", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(conversation(page, title)).toBeHidden();
  await page.getByRole("button", { name: "Archived chats" }).click();
  await expect(page.getByRole("list", { name: "Archived chats" }).getByRole("listitem").filter({ hasText: title })).toBeVisible();
  await page.getByRole("button", { name: "Back to chats" }).click();
  await expect(conversations(page)).toBeVisible();
});

test("search finds English and Chinese, highlighted, and opens the conversation at the message", async () => {
  const { page } = alice;
  const search = page.getByRole("searchbox", { name: "Search messages" });
  const results = page.getByRole("list", { name: "Search results" });
  await search.fill("climb");
  const english = results.getByRole("listitem").filter({ hasText: "on Saturday?" });
  await expect(english).toBeVisible({ timeout: 15_000 });
  await expect(english.locator("mark")).toHaveText("Climb");
  await search.fill("爬山");
  const chinese = results.getByRole("listitem").filter({ hasText: "我们明天去爬山吧" });
  await expect(chinese).toBeVisible({ timeout: 15_000 });
  await expect(chinese.locator("mark")).toHaveText("爬山");
  await chinese.click();
  await expect(messages(page).getByRole("listitem").filter({ hasText: "我们明天去爬山吧" })).toBeVisible();
});
