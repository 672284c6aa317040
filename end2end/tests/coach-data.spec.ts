import { expect, test, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";
import { expectAccessible, watchConsole } from "./support";

/** A coach's account with no profile yet, with the demo password. */
async function newCoach(prefix: string): Promise<string> {
	const email = uniqueEmail(prefix);
	await query(
		`INSERT INTO accounts (email, name, password_hash, coach)
		 SELECT $1, 'Rowan Test', password_hash, true FROM accounts WHERE email = 'coach@example.org'`,
		[email],
	);
	return email;
}

async function signIn(page: Page, email: string) {
	await page.goto("/sign-in");
	await page.getByLabel("Email address").fill(email);
	await page.getByLabel("Password").fill("cascade-demo");
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a coach sees what is held about them, then closes their account", async ({ page }) => {
			const console = watchConsole(page);
			const email = await newCoach(javaScriptEnabled ? "coach-js" : "coach-nojs");
			await signIn(page, email);
			await page.goto("/me");
			await page.getByRole("link", { name: "What we hold about you" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("What we hold about you");
			await expect(page.getByTestId("your-data")).toContainText(email);
			await expect(page.getByRole("link", { name: "Download it as a file (JSON)" })).toHaveAttribute(
				"href",
				"/me/your-data.json",
			);
			if (javaScriptEnabled) await expectAccessible(page);

			await page.getByRole("link", { name: "close your account" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Close your account");
			if (javaScriptEnabled) await expectAccessible(page);
			// Before the refusal below, whose 422 status Chromium reports as an error.
			if (javaScriptEnabled) expect(console.problems).toEqual([]);
			await page.getByRole("button", { name: "Close my account" }).click();
			await expect(page.locator("#confirm-error")).toContainText("Tick the box to confirm you want your account closed");
			expect(await query("SELECT 1 FROM accounts WHERE email = $1", [email])).toHaveLength(1);

			await page.getByLabel("I understand: close my account and erase my profile").check();
			await page.getByRole("button", { name: "Close my account" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account is closed");
			expect(await query("SELECT 1 FROM accounts WHERE email = $1", [email])).toHaveLength(0);

			await page.goto("/sign-in");
			await page.getByLabel("Email address").fill(email);
			await page.getByLabel("Password").fill("cascade-demo");
			await page.getByRole("button", { name: "Sign in" }).click();
			await expect(page).toHaveURL(/\/sign-in/);
		});
	});
}
