import { expect, test, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";
import { expectAccessible, signIn, watchConsole } from "./support";

const COACH = { email: "coach@example.org", password: "cascade-demo" };
const STAFF = { email: "staff@example.org", password: "cascade-demo" };

const suggested = (page: Page) => page.getByTestId("suggested-coach");
const group = (page: Page, name: string | RegExp) => page.getByRole("group", { name });

async function slugsOf(page: Page): Promise<string[]> {
	return suggested(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-slug") ?? ""));
}

// Both modes change the demo coach's declarations: one at a time.
test.describe.configure({ mode: "serial" });

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("after the eligibility check, a leader sees coaches who may suit them, with reasons", async ({ page }) => {
			const console = watchConsole(page);
			await page.goto("/eligibility");
			await expect(page.getByRole("heading", { name: "Coaches who may suit you" })).toBeVisible();
			await expect(suggested(page).first()).toBeVisible();

			await page.getByRole("link", { name: "Tell us what you would like help with" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coaches who may suit you");
			await group(page, "What would you like help with?").getByLabel("Board and governance").check();
			await page.getByLabel("Your organisation's postcode").fill("CF10 1AA");
			await page.getByLabel("Language").selectOption({ label: "Welsh" });
			await page.getByLabel("You as a leader").selectOption({ label: "I am new to leading, or emerging" });
			await page.getByRole("button", { name: "Show coaches who may suit me" }).click();
			await expect(page).toHaveURL(/theme=board-and-governance/);

			const first = suggested(page).first();
			await expect(first).toHaveAttribute("data-slug", /.+/);
			await expect(first.getByTestId("suggestion-reasons")).toContainText("coaches on board and governance");
			// The order itself is checked in the integration tests: here, that the best fit says why.
			await expect(suggested(page).nth(1).getByTestId("suggestion-reasons")).toContainText(/\w/);
			// The leader chooses: each card leads to the coach, and to asking them.
			await expect(first.getByRole("link", { name: "Ask this coach" })).toBeVisible();
			// What was asked stays in the form.
			await expect(page.getByLabel("Your organisation's postcode")).toHaveValue("CF10 1AA");
			if (javaScriptEnabled) await expectAccessible(page);
			expect(console.problems).toEqual([]);
		});

		test("a coach's declared conflict is never suggested, warned on the ask form, and flagged to staff", async ({ browser }) => {
			const organisation = `Quillfield Trust ${javaScriptEnabled ? "JS" : "Plain"} ${Date.now()}`;
			const coach = await (await browser.newContext({ javaScriptEnabled })).newPage();
			await signIn(coach, COACH.email, COACH.password);
			await coach.goto("/me");
			await coach.getByRole("link", { name: "say whom you coach" }).click();
			await group(coach, "Which leaders do you coach?").getByLabel("New or emerging leaders").check();
			await coach.getByLabel("Organisations whose leaders you must not coach").fill(`The ${organisation} Ltd\nKestrelburn Recovery Collective`);
			await coach.getByLabel(/Postcode districts/).fill("nowhere");
			await coach.getByRole("button", { name: "Save" }).click();
			await expect(coach.locator("#districts-error")).toContainText("is not a postcode district");
			await expect(coach.getByLabel("Organisations whose leaders you must not coach")).toHaveValue(new RegExp(organisation));
			await coach.getByLabel(/Postcode districts/).fill("");
			await coach.getByRole("button", { name: "Save" }).click();
			await expect(coach.getByText("Whom you coach has been saved.")).toBeVisible();

			const leader = await (await browser.newContext({ javaScriptEnabled })).newPage();
			// Suggestions for this organisation never include the coach.
			const params = `theme=board-and-governance&stage=new&organisation=${encodeURIComponent(organisation.toLowerCase())}`;
			await leader.goto(`/suggested-coaches?${params}`);
			await expect(suggested(leader).first()).toBeVisible();
			expect(await slugsOf(leader)).not.toContain("amara-okafor");

			// Asking the coach anyway: a plain warning first, and nothing sent.
			const email = uniqueEmail("conflict");
			await leader.goto("/coaches/amara-okafor/ask");
			await leader.getByLabel("Your name").fill("Jo <b>Bloggs</b>");
			await leader.getByLabel("Email address").fill(email);
			await leader.getByLabel("Your role").fill("Director");
			await leader.getByLabel("Organisation name").fill(organisation.toUpperCase());
			await group(leader, "Type of organisation").getByLabel("Registered charity").check();
			await group(leader, "Does your organisation work in health and wellbeing?").getByLabel("Yes").check();
			await leader.getByLabel("Annual income").fill("90k");
			await leader.getByLabel("Region").selectOption({ label: "North East" });
			await leader.getByLabel("Postcode").fill("NE1 4ST");
			await group(leader, /ethnic-minority communities/).getByLabel("No").check();
			await leader.getByLabel("What would you like from coaching?").fill("I would like to think about our strategy.");
			await group(leader, /leadership development support before/).getByLabel("Yes").check();
			await group(leader, "How will your coaching be paid for?").getByLabel("My organisation will pay").check();
			await leader.getByLabel(/I have read the/).check();
			await leader.getByRole("button", { name: "Send request" }).click();
			const warning = leader.getByTestId("conflict-warning");
			await expect(warning).toContainText("Amara has said they cannot coach anyone from your organisation");
			await expect(leader.getByLabel("Your name")).toHaveValue("Jo <b>Bloggs</b>");
			expect(await query("SELECT 1 FROM expressions_of_interest WHERE email = $1", [email])).toHaveLength(0);
			// The coaches suggested beside the form leave the coach out too.
			expect(await slugsOf(leader)).not.toContain("amara-okafor");

			await leader.getByRole("button", { name: "Send my request anyway" }).click();
			await expect(leader.getByRole("heading", { level: 1 })).toHaveText("Request sent");
			const [row] = await query<{ reference: string; conflict: string }>(
				"SELECT reference, conflict FROM expressions_of_interest WHERE email = $1",
				[email],
			);
			expect(row.conflict).toBe("declared-organisation");

			const staff = await (await browser.newContext({ javaScriptEnabled })).newPage();
			await signIn(staff, STAFF.email, STAFF.password);
			await staff.goto("/staff/requests");
			const flagged = staff.locator('[data-testid="staff-request"]', { hasText: row.reference });
			await expect(flagged.getByTestId("conflict-flag")).toContainText("Conflict of interest");
		});
	});
}
