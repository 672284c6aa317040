import { expect, test, type Page } from "@playwright/test";
import { coachingStarts, signInAs } from "./coaching";
import { query } from "./db";
import { expectAccessible, watchConsole } from "./support";

/** The coach closes the leader's coaching from her area: the leader's closing questionnaire's path. */
async function coachingCloses(page: Page, email: string): Promise<string> {
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
	const rows = await query<{ body: string }>(
		"SELECT body FROM outbox WHERE to_address = $1 AND kind = 'questionnaire' ORDER BY created_at DESC, seq DESC LIMIT 1",
		[email],
	);
	const link = rows[0]?.body.match(/https?:\/\/\S+\/questionnaires\/\S+/)?.[0] ?? "";
	expect(link).not.toBe("");
	return new URL(link).pathname;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a leader rates their coaching anonymously when it closes, once", async ({ page, browser }) => {
			test.setTimeout(90_000);
			const console = watchConsole(page);
			const email = await coachingStarts(page, browser);
			const questionnaire = await coachingCloses(page, email);

			await page.goto(questionnaire);
			await page.getByTestId("feedback-invitation").getByRole("link", { name: "Rate it, anonymously" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Feedback on your coaching");
			await expect(page.getByText("How was your coaching with Amara Okafor?")).toBeVisible();
			if (javaScriptEnabled) await expectAccessible(page);

			await page.getByLabel("Your comment (optional)").fill("Kind <b>and</b> practical.");
			await page.getByRole("button", { name: "Send feedback" }).click();
			await expect(page.getByRole("group", { name: "Your rating" })).toHaveAccessibleDescription(/Choose a rating from 1 to 5/);
			await expect(page.getByLabel("Your comment (optional)")).toHaveValue("Kind <b>and</b> practical.");
			await page.getByRole("group", { name: "Your rating" }).getByLabel("5: excellent").check();
			await page.getByRole("button", { name: "Send feedback" }).click();
			await expect(page.getByTestId("feedback-given")).toBeVisible();

			await page.goto(questionnaire);
			await expect(page.getByTestId("feedback-invitation")).toHaveCount(0);
			expect(console.problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
		});
	});
}
