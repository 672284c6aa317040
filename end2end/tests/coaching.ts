import { expect, type Browser, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";

/** Helpers for walks that need a coaching under way with the demo coach. */

export const group = (page: Page, name: string | RegExp) => page.getByRole("group", { name });

export async function signInAs(page: Page, email: string) {
	await page.goto("/sign-in");
	await page.getByLabel("Email address").fill(email);
	await page.getByLabel("Password").fill("cascade-demo");
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** A leader's request to the demo coach, accepted by her: the leader's email address. */
export async function coachingStarts(page: Page, browser: Browser): Promise<string> {
	const email = uniqueEmail("questionnaire");
	// Room for this leader whatever other tests have accepted.
	await query("UPDATE coaches SET capacity = 20 WHERE slug = 'amara-okafor'");
	await page.goto("/coaches/amara-okafor/ask");
	await page.getByLabel("Your name").fill("Jo Bloggs");
	await page.getByLabel("Email address").fill(email);
	await page.getByLabel("Your role").fill("Director");
	await page.getByLabel("Organisation name").fill("Hollowmere Carers");
	await group(page, "Type of organisation").getByLabel("Registered charity").check();
	await group(page, "Does your organisation work in health and wellbeing?").getByLabel("Yes").check();
	await page.getByLabel("Annual income").fill("90k");
	await page.getByLabel("Region").selectOption({ label: "North East" });
	await page.getByLabel("Postcode").fill("NE1 4ST");
	await group(page, /ethnic-minority communities/).getByLabel("No").check();
	await page.getByLabel("What would you like from coaching?").fill("I would like to think about our strategy.");
	await group(page, /leadership development support before/).getByLabel("Yes").check();
	await group(page, "How will your coaching be paid for?").getByLabel("My organisation will pay").check();
	await page.getByLabel(/I have read the/).check();
	await page.getByRole("button", { name: "Send request" }).click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
	const [{ reference }] = await query<{ reference: string }>(
		"SELECT reference FROM expressions_of_interest WHERE email = $1",
		[email],
	);
	const context = await browser.newContext();
	const coach = await context.newPage();
	await signInAs(coach, "coach@example.org");
	await coach.goto(`/me/requests/${reference}`);
	await coach.getByLabel("Message to the leader").fill("I would be glad to coach you.");
	await coach.getByRole("button", { name: "Accept request" }).click();
	await expect(coach.getByText("You accepted the request.")).toBeVisible();
	await context.close();
	return email;
}

