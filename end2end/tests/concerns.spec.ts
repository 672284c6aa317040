import { expect, test, type Page } from "@playwright/test";
import { coachingStarts, signInAs } from "./coaching";
import { query } from "./db";
import { expectAccessible, watchConsole } from "./support";

/** The leader's own request page, from the email confirming their request. */
async function leaderPage(email: string): Promise<string> {
	const rows = await query<{ body: string }>(
		"SELECT body FROM outbox WHERE to_address = $1 AND kind = 'request_received' ORDER BY created_at DESC LIMIT 1",
		[email],
	);
	const link = rows[0]?.body.match(/https?:\/\/\S+\/requests\/\S+/)?.[0] ?? "";
	expect(link).not.toBe("");
	return new URL(link).pathname;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a leader raises a concern; staff note it and close it, and both are told", async ({ page, browser }) => {
			test.setTimeout(90_000);
			const console = watchConsole(page);
			const checkAccessible = async (p: Page) => {
				if (javaScriptEnabled) await expectAccessible(p);
			};
			const email = await coachingStarts(page, browser);
			await page.goto(await leaderPage(email));
			await page.getByText("Raise a concern about your coaching with Amara Okafor").click();
			await checkAccessible(page);
			await page.getByRole("button", { name: "Send your concern to Cascade staff" }).click();
			await expect(page.getByLabel("Your concern")).toHaveAccessibleDescription(/Write your concern/);
			await page.getByLabel("Your concern").fill("Our sessions keep moving at short notice.");
			await page.getByRole("button", { name: "Send your concern to Cascade staff" }).click();
			await expect(page.getByText("Your concern is sent to Cascade staff")).toBeVisible();

			await signInAs(page, "staff@example.org");
			await page.goto("/staff/concerns");
			await checkAccessible(page);
			// This walk's own (the other runs side by side).
			const [{ reference }] = await query<{ reference: string }>(
				"SELECT reference FROM expressions_of_interest WHERE email = $1",
				[email],
			);
			const row = page.getByTestId("concern").filter({ hasText: reference });
			await row.getByRole("link").click();
			await expect(page.getByTestId("concern-body")).toHaveText("Our sessions keep moving at short notice.");
			await checkAccessible(page);
			await page.getByLabel("Add a note").fill("Spoke to the leader.");
			await page.getByRole("button", { name: "Add note" }).click();
			await expect(page.getByText("Note added.")).toBeVisible();
			await page.getByLabel("What was decided").fill("Fixed session times were agreed.");
			await page.getByRole("button", { name: "Close and tell them both" }).click();
			await expect(page.getByText("Closed. The leader and the coach have been emailed")).toBeVisible();
			const told = await query<{ to_address: string }>(
				"SELECT to_address FROM outbox WHERE kind = 'concern_closed' AND body LIKE '%Fixed session times were agreed.%'",
			);
			expect(told.map((r) => r.to_address)).toContain(email);
			expect(told.map((r) => r.to_address)).toContain("amara.okafor@example.org");
			expect(console.problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
		});
	});
}
