import { expect, test, type Page } from "@playwright/test";
import { coachingStarts, signInAs } from "./coaching";
import { query } from "./db";
import { expectAccessible, watchConsole } from "./support";

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a leader offers to train as their coaching closes; staff invite them and see the cascade", async ({ page, browser }) => {
			test.setTimeout(90_000);
			const console = watchConsole(page);
			const checkAccessible = async (p: Page) => {
				if (javaScriptEnabled) await expectAccessible(p);
			};
			const email = await coachingStarts(page, browser);
			const [{ id }] = await query<{ id: string }>(
				`SELECT g.id FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
				 WHERE e.email = $1`,
				[email],
			);
			await signInAs(page, "coach@example.org");
			await page.goto(`/me/engagements/${id}`);
			await page.getByRole("group", { name: "How did it end?" }).getByLabel("Completed").check();
			await page.getByRole("button", { name: "Close coaching" }).click();
			await expect(page.getByText("The coaching is closed")).toBeVisible();
			await page.getByRole("button", { name: "Sign out" }).click();
			const [{ body }] = await query<{ body: string }>(
				"SELECT body FROM outbox WHERE to_address = $1 AND kind = 'questionnaire' ORDER BY created_at DESC, seq DESC LIMIT 1",
				[email],
			);
			const questionnaire = new URL(body.match(/https?:\/\/\S+\/questionnaires\/\S+/)?.[0] ?? "").pathname;

			await page.goto(`${questionnaire}/feedback`);
			await page.getByRole("button", { name: "Yes, I would like to train as a coach" }).click();
			await expect(page.getByTestId("offer-made")).toBeVisible();

			await signInAs(page, "staff@example.org");
			await page.goto("/staff");
			await page.getByRole("link", { name: "The cascade" }).click();
			await expect(page.getByTestId("cascade-summary")).toContainText("3 generations");
			await expect(page.getByRole("img", { name: /The cascade: who coached whom/ })).toBeVisible();
			await expect(page.getByRole("table", { name: "The cascade, as a table" })).toBeVisible();
			await checkAccessible(page);
			const offer = page.getByTestId("training-offer").filter({ hasText: email });
			await offer.getByRole("button", { name: "Invite to coach: Jo Bloggs" }).click();
			await expect(page.getByText("Invitation sent.")).toBeVisible();
			await expect(page.getByTestId("training-offer").filter({ hasText: email })).toContainText("Invited");
			expect(console.problems).toEqual([]);
		});
	});
}
