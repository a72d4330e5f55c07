import { expect, test, type Locator } from "@playwright/test";
import { acceptGroupInvitesByApi, awaitSearchable, registerByApi, sendByApi } from "./support/admin";
import { control, conversation, conversations, message, messages, newPerson, pick, send, signIn, type Person } from "./support/people";

// A group made in the web app, its roles and system lines seen live by a member, pin and archive, and search, in the
// web app the edge serves; the people are registered through the public API.
test.describe.configure({ mode: "serial" });

let alice: Person;
let bob: Person;
let carol: Person;
let bobToken: string;
let groupId: string;
const title = `Climbing club ${Math.random().toString(36).slice(2, 6)}`;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, "Alice");
  bob = await newPerson(browser, "Bob");
  carol = await newPerson(browser, "Carol");
  await registerByApi(alice);
  bobToken = (await registerByApi(bob)).token;
  const carolToken = (await registerByApi(carol)).token;
  await acceptGroupInvitesByApi(bobToken);
  await acceptGroupInvitesByApi(carolToken);
  await signIn(alice);
  await signIn(bob);
});

test.afterAll(async () => {
  for (const person of [alice, bob, carol]) await person?.context.close();
});

function systemLine(person: Person, text: string) {
  return messages(person.page).getByRole("listitem").filter({ hasText: text });
}

async function openDetails(person: Person) {
  await person.page.getByRole("button", { name: "Chat info" }).click();
  return person.page.getByRole("dialog", { name: "Chat info" });
}

test("the owner creates a group and adds a member: the other member sees the lines live", async () => {
  const { page } = alice;
  await control(page, "New chat").click();
  await page.getByRole("textbox", { name: "Group name" }).fill(title);
  await pick(page, bob);
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page).toHaveURL(/\/chats\/[^/?]+/);
  groupId = decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
  await expect(systemLine(alice, `Alice created the group "${title}"`)).toBeVisible();

  await conversation(bob.page, title).click();
  await expect(systemLine(bob, `Alice created the group "${title}"`)).toBeVisible();

  const details = await openDetails(alice);
  await details.getByRole("button", { name: "Add members" }).click();
  await pick(page, carol);
  await expect(details.getByRole("listitem").filter({ hasText: `@${carol.username}` })).toBeVisible();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(systemLine(bob, "Alice added Carol")).toBeVisible();
  await expect(bob.page.getByRole("heading", { level: 2, name: `${title} (3)` })).toBeVisible();
});

test("the owner makes a member an admin, then hands the group over: the timeline says so, live", async () => {
  const { page } = alice;
  let details = await openDetails(alice);
  await details.getByRole("button", { name: `Make admin ${bob.displayName}` }).click();
  await expect(details.getByRole("button", { name: `Remove admin ${bob.displayName}` })).toBeVisible();
  await expect(systemLine(bob, "Alice made Bob an admin")).toBeVisible();
  await details.getByRole("button", { name: `Make owner ${bob.displayName}` }).click();
  // No longer the owner: the owner's controls are gone.
  await expect(details.getByRole("button", { name: `Make owner ${bob.displayName}` })).toBeHidden();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(systemLine(alice, "Alice made Bob an admin")).toBeVisible();
  await expect(systemLine(alice, "Alice made Bob the owner")).toBeVisible();
  await expect(systemLine(bob, "Alice made Bob the owner")).toBeVisible();

  // The new owner has the owner's controls over Alice, now an admin.
  details = await openDetails(bob);
  await expect(details.getByRole("button", { name: `Remove admin ${alice.displayName}` })).toBeVisible();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(page.getByRole("button", { name: "Chat info" })).toBeVisible();
});

/** A real PNG, drawn by the browser: what a person would pick as the group's photo. */
async function groupPhoto(person: Person): Promise<Buffer> {
  const canvas = await person.context.newPage();
  await canvas.setViewportSize({ width: 200, height: 200 });
  await canvas.setContent(`<body style="margin:0"><svg width="200" height="200" xmlns="http://www.w3.org/2000/svg">
    <rect width="200" height="200" fill="#7ec8f0"/><path d="M0 180 L70 60 L120 130 L160 80 L200 150 L200 200 L0 200 Z" fill="#4f8a5b"/></svg></body>`);
  const png = await canvas.screenshot();
  await canvas.close();
  return png;
}

/** Whether the picture inside has been loaded and decoded (not just that an <img> exists). */
async function pictureLoaded(picture: Locator): Promise<boolean> {
  const image = picture.locator("img");
  if ((await image.count()) === 0) return false;
  return image.first().evaluate((element) => (element as HTMLImageElement).complete && (element as HTMLImageElement).naturalWidth > 0);
}

test("an admin sets the group photo: the members see it in the header and the list", async () => {
  const png = await groupPhoto(alice);
  const details = await openDetails(alice);
  const chooser = alice.page.waitForEvent("filechooser");
  await details.getByRole("button", { name: "Change group photo" }).click();
  await (await chooser).setFiles({ name: "crag.png", mimeType: "image/png", buffer: png });
  await expect(details.getByRole("img", { name: "Group photo" })).toBeVisible({ timeout: 60_000 });
  await details.getByRole("button", { name: "Close" }).click();
  await expect(systemLine(alice, "Alice changed the group photo")).toBeVisible();

  await expect(systemLine(bob, "Alice changed the group photo")).toBeVisible();
  const headerPhoto = bob.page.getByRole("img", { name: "Group photo" });
  await expect(headerPhoto).toBeVisible();
  await expect.poll(() => pictureLoaded(headerPhoto)).toBe(true);
  await expect.poll(() => pictureLoaded(conversation(bob.page, title))).toBe(true);
});

test("a pinned chat is marked; an archived one moves to the archived view", async () => {
  const { page } = alice;
  let details = await openDetails(alice);
  await details.getByRole("button", { name: "Pin", exact: true }).click();
  await expect(details.getByRole("button", { name: "Unpin", exact: true })).toBeVisible();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(conversation(page, title)).toContainText("Pinned");
  await expect(conversations(page).getByRole("listitem").first()).toContainText(title);

  details = await openDetails(alice);
  await details.getByRole("button", { name: "Archive", exact: true }).click();
  await expect(details.getByRole("button", { name: "Unarchive", exact: true })).toBeVisible();
  await details.getByRole("button", { name: "Close" }).click();
  await expect(conversation(page, title)).toBeHidden();
  await page.getByRole("button", { name: "Archived chats" }).click();
  await expect(page.getByRole("list", { name: "Archived chats" }).getByRole("listitem").filter({ hasText: title })).toBeVisible();
  await page.getByRole("button", { name: "Back to chats" }).click();
  await expect(conversations(page)).toBeVisible();
  await expect(conversation(page, title)).toBeHidden();
});

test("search finds English and Chinese, highlighted, and opens the conversation at the message", async () => {
  const { page } = bob;
  await send(page, "Climbing on Saturday?");
  await expect(message(page, "Climbing on Saturday?")).toBeVisible();
  await sendByApi(bobToken, groupId, "我们明天去爬山吧");
  await expect(message(page, "我们明天去爬山吧")).toBeVisible();
  await awaitSearchable(bobToken, "climb", "Climbing on Saturday?");
  await awaitSearchable(bobToken, "爬山", "我们明天去爬山吧");
  await page.goto("/chats");

  const search = page.getByRole("searchbox", { name: "Search messages" });
  const results = page.getByRole("list", { name: "Search results" });
  await search.fill("climb");
  const english = results.getByRole("listitem").filter({ hasText: "on Saturday?" });
  await expect(english).toBeVisible();
  await expect(english.locator("mark")).toHaveText("Climb");
  await search.fill("爬山");
  const chinese = results.getByRole("listitem").filter({ hasText: "我们明天去爬山吧" });
  await expect(chinese).toBeVisible();
  await expect(chinese.locator("mark")).toHaveText("爬山");
  await chinese.click();
  await expect(page.getByRole("heading", { level: 2, name: `${title} (3)` })).toBeVisible();
  await expect(message(page, "我们明天去爬山吧")).toBeVisible();
  await expect(message(page, "我们明天去爬山吧")).toHaveAttribute("aria-current", "true");
});

test("a hit older than the newest page of history: older pages load until it is shown, highlighted", async () => {
  const { page } = bob;
  // More messages after it than one page of history holds (30).
  for (let i = 1; i <= 35; i += 1) await sendByApi(bobToken, groupId, `Filler message ${i}`);
  await page.goto("/chats");
  await page.getByRole("searchbox", { name: "Search messages" }).fill("saturday");
  const hit = page.getByRole("list", { name: "Search results" }).getByRole("listitem").filter({ hasText: "Climbing on" });
  await expect(hit).toBeVisible();
  await hit.click();
  const found = message(page, "Climbing on Saturday?");
  await expect(found).toBeVisible();
  await expect(found).toHaveAttribute("aria-current", "true");
  await expect(found).toBeInViewport();
});

test("delete for me in one tab hides the message in the person's other tab too", async () => {
  const first = bob.page;
  const second = await bob.context.newPage();
  await second.goto(first.url().replace(/\?.*$/, ""));
  await expect(messages(second).getByRole("listitem").filter({ hasText: "Filler message 35" })).toBeVisible();
  await control(message(first, "Filler message 35"), "Delete for me").click();
  await expect(message(first, "Filler message 35")).toHaveCount(0);
  await expect(messages(second).getByRole("listitem").filter({ hasText: "Filler message 35" })).toHaveCount(0);
  await expect(message(alice.page, "Filler message 35")).toBeVisible();
  await second.close();
});
