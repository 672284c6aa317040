import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { query } from "./db";
import { expectAccessible, watchConsole } from "./support";

async function signIn(page: Page, email: string) {
	await page.goto("/sign-in");
	await page.getByLabel("Email address").fill(email);
	await page.getByLabel("Password").fill("cascade-demo");
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** A link to confirm the demo coach's availability, as the worker would email it. */
async function confirmationLink(): Promise<string> {
	const token = randomBytes(32).toString("base64url");
	const hash = createHash("sha256").update(token).digest();
	await query(
		`INSERT INTO account_links (token_hash, account_id, purpose, created_at, expires_at)
		 SELECT $1, id, 'confirm_availability', now(), now() + interval '30 days'
		 FROM accounts WHERE email = 'coach@example.org'`,
		[hash],
	);
	return `/me/confirm-availability?token=${token}`;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });
		// axe runs in the page, so only where JavaScript does.
		const accessible = (page: Page) => (javaScriptEnabled ? expectAccessible(page) : Promise.resolve());

		test("the demo coach sees each request's deadline and the one passed on to them", async ({ page }) => {
			await signIn(page, "coach@example.org");
			await page.goto("/me");
			const rosa = page.getByTestId("my-request").filter({ hasText: "Rosa Delgado" });
			await expect(rosa).toContainText("Waiting for your answer");
			await expect(rosa).toContainText(/Answer by \d+ \w+ \d{4}/);
			const tom = page.getByTestId("my-request").filter({ hasText: "Tom Whitlock" });
			await expect(tom).toContainText("Passed on to you: the leader named you");
			await accessible(page);
		});

		test("a coach confirms their availability with one click on their emailed link", async ({ page }) => {
			const console = watchConsole(page);
			const link = await confirmationLink();
			await page.goto(link);
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your availability");
			await expect(page.getByTestId("availability-confirmed")).toHaveText(
				"Thank you, Amara Okafor: your availability is confirmed.",
			);
			await expect(page.getByText(/^The directory says: /)).toBeVisible();
			await accessible(page);
			if (javaScriptEnabled) expect(console.problems).toEqual([]);
			const [{ confirmed }] = await query<{ confirmed: boolean }>(
				`SELECT c.availability_confirmed_at > now() - interval '1 minute' AS confirmed
				 FROM coaches c JOIN accounts a ON a.coach_id = c.id WHERE a.email = 'coach@example.org'`,
			);
			expect(confirmed).toBe(true);

			await page.goto(link);
			await expect(page.getByTestId("availability-confirmed")).toContainText("This link was used on");
		});

		test("staff add a bank holiday, with a problem put right by its field, and remove it", async ({ page }) => {
			const date = javaScriptEnabled ? "2028-10-11" : "2028-10-12";
			await signIn(page, "staff@example.org");
			await page.goto("/staff");
			await page.getByRole("link", { name: "Bank holidays" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bank holidays");
			await accessible(page);

			await page.getByLabel("Nation").selectOption({ label: "Northern Ireland" });
			await page.getByLabel("Name").fill("Test holiday");
			await page.getByRole("button", { name: "Add bank holiday" }).click();
			await expect(page.locator("#on_date-error")).toContainText("Enter the date of the bank holiday");
			await expect(page.getByLabel("Date")).toHaveAttribute("aria-invalid", "true");
			await expect(page.getByLabel("Name")).toHaveValue("Test holiday");
			await expect(page.getByLabel("Nation")).toHaveValue("northern-ireland");
			await accessible(page);

			await page.getByLabel("Date").fill(date);
			await page.getByRole("button", { name: "Add bank holiday" }).click();
			await expect(page.getByText("Bank holiday added.")).toBeVisible();
			const row = page.locator(`[data-testid="bank-holiday"][data-date="${date}"]`);
			await expect(row).toHaveCount(1);
			await expect(row).toContainText("Northern Ireland");

			await row.getByRole("button", { name: /^Remove Test holiday/ }).click();
			await expect(page.getByText("Bank holiday removed.")).toBeVisible();
			await expect(page.locator(`[data-testid="bank-holiday"][data-date="${date}"]`)).toHaveCount(0);
			const audit = await query<{ action: string }>(
				"SELECT action FROM audit_log WHERE subject = $1 ORDER BY at",
				[`bank holiday northern-ireland ${date}`],
			);
			expect(audit.map((a) => a.action)).toEqual(["add bank holiday", "remove bank holiday"]);
		});
	});
}

test("staff see requests waiting for an answer, oldest first, with their history", async ({ page }) => {
	await signIn(page, "staff@example.org");
	await page.goto("/staff");
	await page.getByRole("link", { name: /waiting for a coach's answer/ }).click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Waiting for a coach's answer");
	const tom = page.getByTestId("waiting-request").filter({ hasText: "Tom Whitlock" });
	await expect(tom.getByRole("heading", { level: 2 })).toContainText("to Amara Okafor");
	await expect(tom).toContainText("No answer in time");
	await expect(tom).toContainText("Passed on to Amara Okafor");
	await expect(tom).toContainText("Other coaches the leader named: Amara Okafor");
	// Tom asked before Rosa: his request comes first.
	const leaders = await page.getByTestId("waiting-request").getByRole("heading", { level: 2 }).allTextContents();
	const tomAt = leaders.findIndex((h) => h.includes("Tom Whitlock"));
	const rosaAt = leaders.findIndex((h) => h.includes("Rosa Delgado"));
	expect(tomAt).toBeGreaterThanOrEqual(0);
	expect(tomAt).toBeLessThan(rosaAt);
	await expectAccessible(page);
});

test("staff see every engagement with its sessions, start and last activity", async ({ page }) => {
	await signIn(page, "staff@example.org");
	await page.goto("/staff");
	await page.getByRole("link", { name: "Coaching", exact: true }).click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coaching");
	const table = page.getByRole("table", { name: "Every engagement, open ones first" });
	for (const column of ["Reference", "Coach", "Leader", "State", "Sessions held", "Started", "Last activity"]) {
		await expect(table.getByRole("columnheader", { name: column })).toBeVisible();
	}
	await expectAccessible(page);
});
