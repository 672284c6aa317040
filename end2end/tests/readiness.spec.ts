import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, watchConsole } from "./support";

const STAFF = { email: "staff@example.org", password: "cascade-demo" };
const COACH = { email: "coach@example.org", password: "cascade-demo" };

function isoDaysAgo(days: number): string {
	const date = new Date(Date.now() - days * 86_400_000);
	return date.toISOString().slice(0, 10);
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("staff see every coach's training and supervision, and record a session", async ({ page }) => {
			test.setTimeout(60_000);
			const console = watchConsole(page);
			const checkAccessible = async (p: Page) => {
				if (javaScriptEnabled) await expectAccessible(p);
			};
			await signIn(page, STAFF.email, STAFF.password);
			await page.goto("/staff");
			await page.getByRole("link", { name: "Training and supervision" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Training and supervision");
			const rows = page.getByTestId("readiness-row");
			expect(await rows.count()).toBeGreaterThan(10);
			await checkAccessible(page);

			// The last coach in the list, whom the other tests do not touch.
			const row = rows.last();
			const name = ((await row.getByRole("link").textContent()) ?? "").trim();
			await row.getByRole("link").click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}: training and supervision`);
			await checkAccessible(page);

			// A mistake is said by its field, and what was typed is kept.
			await page.getByLabel("Date held").fill("");
			await page.getByLabel("Supervisor", { exact: true }).fill("Ruth <b>Levy</b>");
			await page.getByRole("button", { name: "Record supervision" }).click();
			await expect(page.getByLabel("Date held")).toHaveAccessibleDescription(/Enter the date the supervision was held/);
			await expect(page.getByLabel("Supervisor", { exact: true })).toHaveValue("Ruth <b>Levy</b>");

			const held = isoDaysAgo(2);
			await page.getByLabel("Date held").fill(held);
			await page.getByRole("radio", { name: "Group" }).check();
			await page.getByLabel("Supervisor", { exact: true }).fill("Ruth Levy");
			await page.getByRole("button", { name: "Record supervision" }).click();
			await expect(page.getByText("Supervision session recorded.")).toBeVisible();
			await expect(page.getByRole("table", { name: "Supervision sessions" })).toContainText("Ruth Levy");
			expect(console.problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
		});

		test("a coach who supervises sees their caseload and records supervision there", async ({ page }) => {
			test.setTimeout(60_000);
			const checkAccessible = async (p: Page) => {
				if (javaScriptEnabled) await expectAccessible(p);
			};
			await signIn(page, COACH.email, COACH.password);
			await page.goto("/me");
			await page.getByRole("link", { name: "Your supervision caseload" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your supervision caseload");
			const coaches = page.getByTestId("supervisee");
			await expect(coaches).toHaveCount(3);
			await checkAccessible(page);

			const first = coaches.first();
			const name = ((await first.getByRole("heading", { level: 2 }).textContent()) ?? "").trim();
			await first.getByText(`Record supervision for ${name}`).click();
			await first.getByLabel("Date held").fill(isoDaysAgo(1));
			await first.getByRole("radio", { name: "One to one" }).check();
			await first.getByRole("button", { name: "Record supervision" }).click();
			await expect(page.getByText("Supervision session recorded.")).toBeVisible();
			await expect(page.getByRole("table", { name: "Supervision sessions" }).first()).toContainText("Amara Okafor");
		});
	});
}
