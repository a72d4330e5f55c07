import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, test, type Locator } from "@playwright/test";
import {
  control, conversation, conversations, eventually, home, message, messages, newPerson, pick, restartEdge, send, signUp,
  type Person,
} from "./support/people";

// Two people (and a third for the group) in browser windows of their own, through the web app the edge serves:
// every request goes through the public API, every update arrives over the app's WebSocket.
test.describe.configure({ mode: "serial" });

// UPDATE_SCREENSHOTS=1 writes the README's screenshots (docs/screenshots); otherwise they go to test-results.
const screenshots = process.env.UPDATE_SCREENSHOTS === "1"
  ? fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url))
  : fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));

let alice: Person;
let bob: Person;
let carol: Person;

test.beforeAll(async ({ browser }) => {
  alice = await newPerson(browser, "Alice");
  bob = await newPerson(browser, "Bob");
  carol = await newPerson(browser, "Carol");
});

test.afterAll(async () => {
  for (const person of [alice, bob, carol]) await person?.context.close();
});

async function openContacts(person: Person) {
  await control(person.page, "Contacts").click();
  await expect(person.page.getByRole("searchbox", { name: "Search people" })).toBeVisible();
}

async function befriend(from: Person, to: Person) {
  await openContacts(from);
  await from.page.getByRole("searchbox", { name: "Search people" }).fill(to.username);
  await from.page.getByRole("button", { name: "Add contact", exact: true }).click();
  await openContacts(to);
  const accept = to.page.getByRole("button", { name: "Accept", exact: true });
  await eventually(to.page, accept, () => openContacts(to));
  await accept.click();
  await expect(accept).toBeHidden();
}

async function openConversation(person: Person, title: string) {
  const item = conversation(person.page, title);
  await expect(item).toBeVisible();
  await item.click();
  await expect(messages(person.page)).toBeVisible();
}

test("two people sign up", async () => {
  await signUp(alice);
  await signUp(bob);
  await expect(conversations(alice.page)).toBeVisible();
  await expect(alice.page.getByRole("button", { name: "New chat" })).toBeVisible();
});

test("a friend request is sent and accepted", async () => {
  await befriend(alice, bob);
});

test("a direct chat works both ways in real time", async () => {
  await home(alice);
  await home(bob);
  await control(alice.page, "New chat").click();
  // Her contacts are there before she types.
  await expect(alice.page.getByRole("list", { name: "Contacts" }).getByRole("button", { name: new RegExp(bob.username) }))
    .toContainText(bob.displayName);
  await pick(alice.page, bob);
  await send(alice.page, "Hi Bob, it's Alice");
  await expect(message(alice.page, "Hi Bob, it's Alice")).toBeVisible();

  // Bob's list shows the chat under Alice's name, without a reload.
  await openConversation(bob, "Alice");
  await expect(message(bob.page, "Hi Bob, it's Alice")).toBeVisible();

  await send(bob.page, "Hello Alice!");
  await expect(message(alice.page, "Hello Alice!")).toBeVisible();
});

test("the other side sees who is typing", async () => {
  const status = alice.page.getByRole("status").filter({ hasText: /typing/ });
  // Typing is announced at most every 3 s (by the app and by chat-service), and Bob's last message ended his
  // previous announcement: he types for longer than that, as a person writing a sentence does.
  await Promise.all([
    expect(status).toBeVisible({ timeout: 30_000 }),
    bob.page.getByRole("textbox", { name: "Message" })
      .pressSequentially("I am typing something a little longer", { delay: 120 }),
  ]);
  await bob.page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(message(alice.page, "I am typing something a little longer")).toBeVisible();
});

test("a message read by the other side gets its read mark", async () => {
  await send(alice.page, "Did you get this?");
  await expect(message(bob.page, "Did you get this?")).toBeVisible();
  await expect(message(alice.page, "Did you get this?")).toContainText("Read");
});

test("an own message is edited and another recalled, live on the other side", async () => {
  await send(alice.page, "See you at 7");
  await expect(message(bob.page, "See you at 7")).toBeVisible();
  await control(message(alice.page, "See you at 7"), "Edit").click();
  await alice.page.getByRole("textbox", { name: "Message" }).fill("See you at 8");
  await alice.page.getByRole("button", { name: "Send", exact: true }).click();
  await expect(message(bob.page, "See you at 8")).toBeVisible();
  await expect(message(bob.page, "See you at 7")).toHaveCount(0);

  await send(alice.page, "Oops, wrong chat");
  await expect(message(bob.page, "Oops, wrong chat")).toBeVisible();
  await control(message(alice.page, "Oops, wrong chat"), "Recall").or(
    alice.page.getByRole("menuitem", { name: "Recall" })).first().click();
  await expect(message(bob.page, "Oops, wrong chat")).toHaveCount(0);
  await expect(messages(bob.page)).toContainText("recalled");
});

test("an uploaded image shows its thumbnail to the other side", async () => {
  // Images Bob's browser has loaded and decoded in the timeline (avatars included, hence the count before).
  const decodedImages = () => messages(bob.page).locator("img").evaluateAll(
    (images) => images.filter((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0).length);
  const before = await decodedImages();
  // A real PNG, drawn by the browser: a landscape in SVG, captured from a scratch page.
  const canvas = await alice.context.newPage();
  await canvas.setViewportSize({ width: 480, height: 300 });
  await canvas.setContent(`<body style="margin:0"><svg width="480" height="300" xmlns="http://www.w3.org/2000/svg">
    <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#7ec8f0"/><stop offset="1" stop-color="#fde8c8"/></linearGradient></defs>
    <rect width="480" height="300" fill="url(#sky)"/><circle cx="380" cy="80" r="36" fill="#ffd35c"/>
    <path d="M0 240 L110 120 L190 200 L280 90 L400 230 L480 180 L480 300 L0 300 Z" fill="#4f8a5b"/>
    <path d="M0 270 L140 200 L260 260 L360 210 L480 260 L480 300 L0 300 Z" fill="#2f6b44"/></svg></body>`);
  const png = await canvas.screenshot();
  await canvas.close();
  const chooser = alice.page.waitForEvent("filechooser");
  await alice.page.getByRole("button", { name: "Attach image" }).click();
  await (await chooser).setFiles({ name: "window.png", mimeType: "image/png", buffer: png });
  await expect.poll(decodedImages, { timeout: 60_000 }).toBeGreaterThan(before);
});

test("screenshots of a conversation on a desktop and a phone", async () => {
  await mkdir(screenshots, { recursive: true });
  await send(bob.page, "Looks great!");
  await expect(message(alice.page, "Looks great")).toBeVisible();
  await alice.page.screenshot({ path: `${screenshots}conversation-desktop.png` });
  // On a desktop a message's actions show beside its bubble on hover, taking no room from it.
  const looksGreat = message(alice.page, "Looks great");
  const reply = looksGreat.getByRole("button", { name: "Reply", exact: true });
  expect(await linesOf(message(alice.page, "a little longer").locator(".message-text"))).toBe(1);
  await looksGreat.locator(".message-text").hover();
  await expect(reply).toBeVisible();
  const [bubble, action] = [await looksGreat.locator(".bubble").boundingBox(), await reply.boundingBox()];
  expect(action!.x).toBeGreaterThanOrEqual(bubble!.x + bubble!.width);
  await alice.page.setViewportSize({ width: 390, height: 844 });
  await expect(messages(alice.page)).toBeVisible();
  await alice.page.mouse.move(0, 0);
  // On a phone they take no room beside a bubble: a short message stays on one line ...
  await expect(reply).toBeHidden();
  expect(await linesOf(looksGreat.locator(".message-text"))).toBe(1);
  await alice.page.screenshot({ path: `${screenshots}conversation-phone.png` });
  // ... and a tap on the bubble shows them, below it.
  await looksGreat.locator(".message-text").click();
  await expect(reply).toBeVisible();
  expect(await linesOf(looksGreat.locator(".message-text"))).toBe(1);
  await looksGreat.locator(".message-text").click();
  await alice.page.mouse.move(0, 0); // a mouse over the message shows them too
  await expect(reply).toBeHidden();
  await alice.page.setViewportSize({ width: 1280, height: 800 });
});

/** How many lines an element's text takes: the distinct tops of its text's boxes. */
async function linesOf(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  });
}

test("a group of three talks", async () => {
  await signUp(carol);
  await befriend(carol, alice);
  for (const person of [alice, bob, carol]) await home(person);
  await control(alice.page, "New chat").click();
  await alice.page.getByRole("textbox", { name: "Group name" }).fill("Weekend plans");
  await pick(alice.page, bob);
  await pick(alice.page, carol);
  await alice.page.getByRole("button", { name: "Create group" }).click();
  await send(alice.page, "Hiking on Saturday?");

  await openConversation(bob, "Weekend plans");
  await openConversation(carol, "Weekend plans");
  await expect(message(bob.page, "Hiking on Saturday?")).toBeVisible();
  await expect(message(carol.page, "Hiking on Saturday?")).toBeVisible();
  await send(carol.page, "Count me in");
  await expect(message(alice.page, "Count me in")).toBeVisible();
  await expect(message(bob.page, "Count me in")).toBeVisible();
});

test("a reply quotes its message, a reaction counts live, a mention calls, a forward arrives, delete for me hides", async () => {
  // In "Weekend plans" (Alice, Bob, Carol), each has it open.
  await control(message(bob.page, "Hiking on Saturday?").first(), "Reply").click();
  await send(bob.page, "Yes, early start");
  const reply = message(alice.page, "Yes, early start");
  await expect(reply.locator("blockquote")).toContainText("Hiking on Saturday?");

  await control(message(alice.page, "Count me in"), "React").click();
  await alice.page.getByRole("menuitem", { name: "React with 👍" }).click();
  await expect(message(bob.page, "Count me in").getByRole("button", { name: "👍 1" })).toBeVisible();
  await expect(message(alice.page, "Count me in").getByRole("button", { name: "👍 1" })).toHaveAttribute("aria-pressed", "true");

  await alice.page.getByRole("textbox", { name: "Message" }).fill("@Car");
  await alice.page.getByRole("listbox", { name: "Mention someone" }).getByRole("button", { name: "@Carol" }).click();
  await alice.page.getByRole("textbox", { name: "Message" }).pressSequentially("bring the map");
  await alice.page.getByRole("button", { name: "Send", exact: true }).click();
  const mention = message(carol.page, "bring the map");
  await expect(mention.locator("mark.mention")).toHaveText("@Carol");
  await expect(mention.locator(".bubble.mentions-me")).toBeVisible();

  await control(message(alice.page, "Count me in"), "Forward").click();
  await alice.page.getByRole("dialog", { name: "Forward to…" }).getByRole("button", { name: /^Forward to Bob/ }).click();
  // Bob's chat with Alice: the one whose preview is the forwarded message (the group's preview names Alice too).
  await home(bob);
  await conversation(bob.page, "Count me in").click();
  await expect(message(bob.page, "Count me in")).toContainText("Forwarded");

  await openConversation(bob, "Weekend plans");
  await control(message(bob.page, "Yes, early start"), "Delete for me").click();
  await expect(message(bob.page, "Yes, early start")).toHaveCount(0);
  await expect(message(alice.page, "Yes, early start")).toBeVisible();
});

test("messages sent while the edge restarts arrive once, after the reconnect", async () => {
  // `cloud up` checks every component before it starts the edge again: slow on a busy machine.
  test.setTimeout(240_000);
  await restartEdge(async () => {
    // The app notices the dropped WebSocket; what is sent now waits in its outbox.
    await send(alice.page, "Sent while the edge was down");
    await send(bob.page, "Me too, while it was down");
  });
  for (const person of [alice, bob]) {
    await expect(message(person.page, "Sent while the edge was down")).toHaveCount(1, { timeout: 60_000 });
    await expect(message(person.page, "Me too, while it was down")).toHaveCount(1, { timeout: 60_000 });
  }
  // The live stream works again after the reconnect.
  await send(carol.page, "Welcome back");
  await expect(message(alice.page, "Welcome back")).toHaveCount(1);
  await expect(message(bob.page, "Welcome back")).toHaveCount(1);
});

test("signing out leads back to the sign-in form", async () => {
  for (const person of [alice, bob, carol]) {
    await person.page.getByRole("button", { name: "Sign out" }).click();
    await expect(person.page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expect(conversations(person.page)).toHaveCount(0);
  }
});
