import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/**
 * A person using the messenger in a browser window of their own. Every element is found by its role and accessible
 * name (the web app's contract with screen readers and with these tests), never by CSS class or test id.
 */
export interface Person {
  displayName: string;
  username: string;
  password: string;
  context: BrowserContext;
  page: Page;
}

const run = randomBytes(3).toString("hex");
/** Spec files share this module in one worker, and two may both have a "Bob": each person gets a name of their own. */
let people = 0;
const repositoryRoot = fileURLToPath(new URL("../../../../", import.meta.url));

export async function newPerson(browser: Browser, displayName: string): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return {
    displayName,
    username: `${displayName.toLowerCase()}_${run}_${++people}`,
    password: `correct horse ${run}`,
    context,
    page,
  };
}

/** A link or a button of that name: the contract allows either for navigation-like controls. */
export function control(page: Page | Locator, name: string): Locator {
  return page.getByRole("link", { name, exact: true }).or(page.getByRole("button", { name, exact: true })).first();
}

export async function signUp(person: Person): Promise<void> {
  const { page } = person;
  await page.goto("/");
  await control(page, "Create an account").click();
  await page.getByRole("textbox", { name: "Username" }).fill(person.username);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("textbox", { name: "Display name" }).fill(person.displayName);
  await page.getByRole("button", { name: "Create account" }).click();
  // Signed in at once, or sent to the sign-in form: both are fine, the person ends up signed in.
  const navigation = page.getByRole("navigation").first();
  const signInButton = page.getByRole("button", { name: "Sign in", exact: true });
  await expect(navigation.or(signInButton).first()).toBeVisible();
  if (await signInButton.isVisible()) {
    await signIn(person);
  }
  await expect(page.getByRole("list", { name: "Conversations" })).toBeVisible();
}

export async function signIn(person: Person): Promise<void> {
  const { page } = person;
  const signInButton = page.getByRole("button", { name: "Sign in", exact: true });
  if (!(await signInButton.isVisible())) {
    await page.goto("/");
  }
  await page.getByRole("textbox", { name: "Username" }).fill(person.username);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await signInButton.click();
  await expect(page.getByRole("navigation").first()).toBeVisible();
}

/** Back to the conversation list ("Conversations" and "New chat"), by opening the app's address as a person would. */
export async function home(person: Person): Promise<void> {
  if (!(await person.page.getByRole("button", { name: "New chat" }).isVisible())) {
    await person.page.goto("/");
  }
  await expect(conversations(person.page)).toBeVisible();
}

export function conversations(page: Page): Locator {
  return page.getByRole("list", { name: "Conversations" });
}

export function conversation(page: Page, title: string): Locator {
  return conversations(page).getByRole("listitem").filter({ hasText: title });
}

/** The timeline: a log or a list named "Messages" (the app may nest one in the other). */
export function messages(page: Page): Locator {
  return page.getByRole("log", { name: "Messages" }).or(page.getByRole("list", { name: "Messages" })).first();
}

export function message(page: Page, text: string): Locator {
  return messages(page).getByRole("listitem").filter({ hasText: text });
}

export async function send(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

/** Finds someone by username with "Search people" and clicks their result (a button or an option). */
export async function pick(page: Page, person: Person): Promise<void> {
  await page.getByRole("searchbox", { name: "Search people" }).fill(person.username);
  const result = page.getByRole("button", { name: new RegExp(person.username) })
    .or(page.getByRole("option", { name: new RegExp(person.username) })).first();
  await expect(result).toContainText(person.displayName);
  await result.click();
}

/** Waits for what only a fresh fetch may show (a friend request arriving), reloading between tries. */
export async function eventually(page: Page, target: Locator, reopen: () => Promise<void>): Promise<void> {
  await expect(async () => {
    if (!(await target.isVisible())) {
      await page.reload();
      await reopen();
    }
    await expect(target).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
}

/** Stops and starts the local edge of this stack (the ports come from the environment, as make test sets them). */
export async function restartEdge(whileDown: () => Promise<void>): Promise<void> {
  const cloud = `${repositoryRoot}localstack/bin/cloud`;
  // Not recorded as started by the test run: an edge that `make up` started keeps running afterwards.
  const env = { ...process.env, STARTED_FILE: "" };
  await promisify(execFile)(cloud, ["down", "edge"], { cwd: repositoryRoot, env });
  try {
    await whileDown();
  } finally {
    await promisify(execFile)(cloud, ["up", "--no-web"], { cwd: repositoryRoot, env, maxBuffer: 10 * 1024 * 1024 });
  }
}
