import { expect, test, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";
import { expectAccessible, watchConsole } from "./support";

type Stored = {
	reference: string;
	leader_name: string;
	email: string;
	funding_route: string;
	bursary_eligible: boolean;
	annual_income_pence: string;
	postcode: string;
	coach: string;
	communities_served: string[];
	communities_sealed: boolean;
};

async function stored(email: string): Promise<Stored[]> {
	return query<Stored>(
		`SELECT e.reference, e.leader_name, e.email, e.funding_route, e.bursary_eligible,
		        e.annual_income_pence, e.postcode, c.slug AS coach, e.communities_served,
		        e.communities_served_sealed IS NOT NULL AS communities_sealed
		 FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id WHERE e.email = $1`,
		[email],
	);
}

const group = (page: Page, name: string | RegExp) => page.getByRole("group", { name });

async function fillRequest(page: Page, email: string) {
	await page.getByLabel("Your name").fill("Jo Bloggs");
	await page.getByLabel("Email address").fill(email);
	await page.getByLabel("Your role").fill("Chief executive");
	await page.getByLabel("Organisation name").fill("Hollowmere Carers Network");
	await group(page, "Type of organisation").getByLabel("Registered charity").check();
	await group(page, "Does your organisation work in health and wellbeing?").getByLabel("Yes").check();
	await page.getByLabel("Annual income").fill("£95,000");
	await page.getByLabel("Region").selectOption({ label: "South East" });
	await page.getByLabel("Postcode").fill("bn1 1aa");
	await group(page, /ethnic-minority communities/).getByLabel("No").check();
	await group(page, /Communities your organisation serves/).getByLabel("Unpaid carers").check();
	await page.getByLabel("What would you like from coaching?").fill(
		"I want to plan the next three years, and to look after myself while doing it.",
	);
	await group(page, /leadership development support before/).getByLabel("Yes").check();
	await group(page, "How will your coaching be paid for?").getByLabel("I would like to ask for a bursary").check();
	await page.getByLabel(/I have read the/).check();
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a leader asks a coach, is emailed the reference, and one request is stored", async ({ page }) => {
			const console = watchConsole(page);
			const email = uniqueEmail(javaScriptEnabled ? "js" : "nojs");
			await page.goto("/coaches/amara-okafor");
			await page.getByRole("link", { name: "Ask this coach" }).click();
			await fillRequest(page, email);
			await page.getByLabel("Another coach you would accept (optional)").selectOption({ index: 1 });
			await page.getByRole("button", { name: "Send request" }).click();

			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
			await expect(page).toHaveURL(/\/coaches\/amara-okafor\/ask\/sent$/);
			await expect(page.getByText(/emailed a confirmation, with your reference/)).toBeVisible();
			await expect(page.getByRole("heading", { name: "What happens next" })).toBeVisible();

			const rows = await stored(email);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({
				leader_name: "Jo Bloggs",
				coach: "amara-okafor",
				funding_route: "bursary",
				bursary_eligible: true,
				annual_income_pence: "9500000",
				postcode: "BN1 1AA",
				// Special-category data: sealed at rest, never in the clear.
				communities_served: [],
				communities_sealed: true,
			});
			const [acknowledgement] = await query<{ body: string }>(
				"SELECT body FROM outbox WHERE to_address = $1 AND kind = 'request_received'",
				[email],
			);
			expect(acknowledgement.body).toContain(`Your reference is ${rows[0].reference}`);

			// Back to the form and sending it again does not make a second request, and the page
			// is the same confirmation (it tells nobody whether the address had asked before).
			await page.goBack();
			await expect(page.getByRole("button", { name: "Send request" })).toBeVisible();
			if ((await page.getByLabel("Your name").inputValue()) === "") {
				await fillRequest(page, email);
			}
			await page.getByRole("button", { name: "Send request" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
			await expect(page.getByText(/CL-\d{4}-\d{6}/)).toHaveCount(0);
			expect(await stored(email)).toHaveLength(1);
			if (javaScriptEnabled) expect(console.problems).toEqual([]);
		});

		test("mistakes are shown next to their fields, with everything typed kept", async ({ page }) => {
			const email = uniqueEmail("mistakes");
			await page.goto("/coaches/amara-okafor/ask");
			await fillRequest(page, email);
			await page.getByLabel("Annual income").fill("lots");
			await page.getByLabel("Postcode").fill("nowhere");
			await page.getByRole("button", { name: "Send request" }).click();

			const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
			await expect(summary).toBeVisible();
			await expect(summary.getByRole("link")).toHaveCount(2);
			if (javaScriptEnabled) await expect(summary).toBeFocused();
			const income = page.getByLabel("Annual income");
			await expect(income).toHaveAttribute("aria-invalid", "true");
			await expect(income).toHaveAccessibleDescription(/Enter annual income as an amount/);
			await expect(page.getByLabel("Postcode")).toHaveAccessibleDescription(/Enter a full UK postcode/);
			// The rest is as the leader left it.
			await expect(income).toHaveValue("lots");
			await expect(page.getByLabel("Your name")).toHaveValue("Jo Bloggs");
			await expect(page.getByLabel("What would you like from coaching?")).toHaveValue(/plan the next three years/);
			await expect(group(page, "Type of organisation").getByLabel("Registered charity")).toBeChecked();
			await expect(group(page, /Communities your organisation serves/).getByLabel("Unpaid carers")).toBeChecked();
			await expect(page.getByLabel(/I have read the/)).toBeChecked();
			expect(await stored(email)).toHaveLength(0);

			await summary.getByRole("link", { name: /Enter annual income/ }).click();
			await income.fill("95k");
			await page.getByLabel("Postcode").fill("BN1 1AA");
			await page.getByRole("button", { name: "Send request" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
			expect(await stored(email)).toHaveLength(1);
		});

		test("an organisation that may not have a bursary is told, with the other routes", async ({ page }) => {
			const email = uniqueEmail("nobursary");
			await page.goto("/coaches/amara-okafor/ask");
			await fillRequest(page, email);
			await page.getByLabel("Annual income").fill("£300,000");
			await page.getByRole("button", { name: "Send request" }).click();
			const route = group(page, "How will your coaching be paid for?");
			await expect(route).toContainText("Your answers do not meet the bursary criteria");
			await expect(route).toContainText("Choose your organisation or a funder");
			await route.getByLabel("A funder will pay").check();
			await page.getByRole("button", { name: "Send request" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
			const rows = await stored(email);
			expect(rows[0]).toMatchObject({ funding_route: "funder", bursary_eligible: false });
		});
	});
}

test("the form is accessible, with and without its messages", async ({ page }) => {
	await page.goto("/coaches/amara-okafor/ask");
	await expectAccessible(page);
	await page.getByRole("button", { name: "Send request" }).click();
	await expect(page.getByText("There is a problem")).toBeVisible();
	await expectAccessible(page);
});
