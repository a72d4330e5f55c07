import { expect, test } from "@playwright/test";
import { control, newPerson, signIn, signUp, type Person } from "./support/people";

// Account control in the web app: one person signed in in two windows (a laptop and a phone) signs the phone out from
// the laptop's session list, changes the password, and deletes the account.
test.describe.configure({ mode: "serial" });

let laptop: Person;
let phone: Person;

test.beforeAll(async ({ browser }) => {
  laptop = await newPerson(browser, "Dana");
  const context = await browser.newContext();
  phone = { ...laptop, context, page: await context.newPage() };
});

test.afterAll(async () => {
  for (const person of [laptop, phone]) await person?.context.close();
});

async function openSettings(person: Person) {
  await control(person.page, "Account settings").click();
  await expect(person.page.getByRole("heading", { name: "Account settings" })).toBeVisible();
}

test("a session is signed out from another one's list", async () => {
  await signUp(laptop);
  await signIn(phone);
  await openSettings(laptop);
  const sessions = laptop.page.getByRole("list", { name: "Signed-in sessions" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await laptop.page.getByRole("button", { name: /^Sign out / }).click();
  await expect(sessions.getByRole("listitem")).toHaveCount(1);
  // The phone's socket is closed and its refresh token refused: it lands on the sign-in page.
  await expect(phone.page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible({ timeout: 30_000 });
});

test("the password is changed with the current one", async () => {
  const { page } = laptop;
  await page.getByLabel("Current password").fill("not the password");
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.getByLabel("Current password").fill(laptop.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed");
  laptop.password = "a brand new passphrase";
});

test("the account is deleted after the password confirms it", async () => {
  const { page } = laptop;
  await page.getByLabel("Confirm with your password").fill(laptop.password);
  await page.getByRole("button", { name: "Delete account" }).click();
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await page.getByRole("textbox", { name: "Username" }).fill(laptop.username);
  await page.getByLabel("Password", { exact: true }).fill(laptop.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toBeVisible();
});
