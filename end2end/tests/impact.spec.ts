import { expect, test } from "@playwright/test";
import { coachingStarts, group, signInAs } from "./coaching";
import { query } from "./db";
import { expectAccessible, watchConsole } from "./support";

/** The questionnaire's path, from the email sent to `email` as the coaching started. */
async function questionnaireLink(email: string): Promise<string> {
	const rows = await query<{ body: string }>(
		"SELECT body FROM outbox WHERE to_address = $1 AND kind = 'questionnaire'",
		[email],
	);
	expect(rows).toHaveLength(1);
	const link = rows[0].body.match(/https?:\/\/\S+\/questionnaires\/\S+/)?.[0] ?? "";
	expect(link).not.toBe("");
	return new URL(link).pathname;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a leader answers their first questionnaire part by part, stops, and comes back", async ({ page, browser }) => {
			const console = watchConsole(page);
			const email = await coachingStarts(page, browser);
			const link = await questionnaireLink(email);

			await page.goto(link);
			await expect(page.getByRole("heading", { level: 2 })).toContainText("Part 1 of 4");
			if (javaScriptEnabled) await expectAccessible(page);
			// Three of ten skipped: still scored, from the seven answered.
			for (const item of [
				"I can always manage to solve difficult problems if I try hard enough.",
				"It is easy for me to stick to my aims and accomplish my goals.",
				"I am confident that I could deal efficiently with unexpected events.",
				"Thanks to my resourcefulness, I know how to handle unforeseen situations.",
				"I can solve most problems if I invest the necessary effort.",
				"When I am confronted with a problem, I can usually find several solutions.",
				"I can usually handle whatever comes my way.",
			]) {
				await group(page, item).getByLabel("Moderately true").check();
			}
			await page.getByRole("button", { name: "Save and continue" }).click();
			await expect(page.getByRole("heading", { level: 2 })).toContainText("Part 2 of 4");

			await group(page, "How often do you feel that you lack companionship?").getByLabel("Some of the time").check();
			await group(page, "How often do you feel lonely?").getByLabel("Occasionally").check();
			await page.getByRole("button", { name: "Save and finish later" }).click();
			await expect(page.getByTestId("questionnaire-saved")).toBeVisible();

			// Back later with the same link: the next part not yet saved.
			await page.goto(link);
			await expect(page.getByRole("heading", { level: 2 })).toContainText("Part 3 of 4");
			await page.getByRole("link", { name: /Part 2 of 4/ }).click();
			await expect(
				group(page, "How often do you feel that you lack companionship?").getByLabel("Some of the time"),
			).toBeChecked();
			await page.goto(link);
			await group(page, "Overall, how satisfied are you with your life nowadays?").getByLabel("7", { exact: true }).check();
			await page.getByRole("button", { name: "Save and continue" }).click();
			await expect(page.getByRole("heading", { level: 2 })).toContainText("Part 4 of 4");
			if (javaScriptEnabled) await expectAccessible(page);
			await group(page, "I have someone to think things through with.").getByLabel("Agree", { exact: true }).check();
			await page.getByRole("button", { name: "Send my answers" }).click();
			await expect(page.getByTestId("questionnaire-sent")).toBeVisible();
			if (javaScriptEnabled) await expectAccessible(page);

			const [scores] = await query<{ gse: number; ucla: number | null; life: number; someone: number }>(
				`SELECT q.general_self_efficacy AS gse, q.ucla_loneliness AS ucla, q.life_satisfaction AS life,
				        q.someone_to_think_with AS someone
				 FROM questionnaires q JOIN engagements g ON g.id = q.engagement_id
				 JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id WHERE e.email = $1`,
				[email],
			);
			expect(scores).toEqual({ gse: 30, ucla: null, life: 7, someone: 4 });
			if (javaScriptEnabled) expect(console.problems).toEqual([]);
		});

		test("staff read the overview, filter it in the address, and download a table", async ({ page }) => {
			const console = watchConsole(page);
			await signInAs(page, "staff@example.org");
			await page.goto("/staff");
			await page.getByRole("link", { name: "Take-up and outcomes" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Take-up and outcomes");
			const requests = page.locator('[data-testid="overview-metric"][data-metric="requests"]');
			await expect(requests).toHaveAttribute("data-value", /^(\d+|fewer than 5)$/);
			const all = Number(await requests.getAttribute("data-value"));
			expect(all).toBeGreaterThan(100);
			await expect(page.locator('[data-metric="gse-mean-change"]')).toHaveAttribute("data-value", /^-?\d+\.\d\d$/);
			await expect(page.getByRole("img", { name: /Requests and acceptances by month/ })).toBeVisible();
			if (javaScriptEnabled) await expectAccessible(page);

			await page.getByLabel("Leader's region").selectOption({ label: "Wales" });
			await page.getByRole("button", { name: "Show" }).click();
			await expect(page).toHaveURL(/region=wales/);
			await expect(page.getByTestId("overview-period")).toContainText("leaders in Wales");
			const wales = await page.locator('[data-testid="overview-metric"][data-metric="requests"]').getAttribute("data-value");
			expect(wales === "fewer than 5" || Number(wales) < all).toBe(true);
			await expect(page.getByLabel("Leader's region")).toHaveValue("wales");

			const downloads = async () =>
				Number(
					(
						await query<{ n: string }>(
							"SELECT count(*) AS n FROM audit_log WHERE action = 'overview_downloaded' AND subject = 'funnel.csv'",
						)
					)[0].n,
				);
			const before = await downloads();
			const csv = await page.request.get("/staff/overview/funnel.csv?region=wales");
			expect(csv.status()).toBe(200);
			expect(await csv.text()).toContain("Stage,Leaders,Of those who asked,Of the stage before");
			// This download, recorded (the other run of this test may add its own beside it).
			expect(await downloads()).toBeGreaterThan(before);

			// Dates the wrong way round: told by the field, what was typed kept, with or without JavaScript.
			await page.getByLabel("Requests made from").fill("2026-10-01");
			await page.getByLabel("Up to and including").fill("2026-03-01");
			await page.getByRole("button", { name: "Show" }).click();
			await expect(page.locator("#to-error")).toContainText("Enter an end date on or after the start date");
			await expect(page.getByLabel("Up to and including")).toHaveValue("2026-03-01");
			await expect(page.getByLabel("Leader's region")).toHaveValue("wales");
			if (javaScriptEnabled) expect(console.problems).toEqual([]);
		});

		test("anyone can read the programme's impact, with small numbers hidden", async ({ page }) => {
			await page.goto("/");
			await page.getByRole("link", { name: "Our impact" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Our impact");
			await expect(page.locator('[data-testid="impact-metric"][data-metric="requests"]')).toHaveAttribute(
				"data-value",
				/^\d+$/,
			);
			await expect(page.getByRole("heading", { name: "How we measure" })).toBeVisible();
			if (javaScriptEnabled) await expectAccessible(page);
		});
	});
}
