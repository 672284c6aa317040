import { expect, test, type Browser, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";
import { expectAccessible, watchConsole } from "./support";

const group = (page: Page, name: string | RegExp) => page.getByRole("group", { name });

/** A leader asks the demo coach, naming another coach they would accept: their email. */
async function ask(page: Page): Promise<string> {
	const email = uniqueEmail("leader");
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
	await page.getByLabel("Another coach you would accept (optional)").selectOption({ index: 1 });
	await page.getByLabel(/I have read the/).check();
	await page.getByRole("button", { name: "Send request" }).click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
	return email;
}

/** The path of the leader's own page, from their acknowledgement email. */
async function ownPage(email: string): Promise<string> {
	const [{ body }] = await query<{ body: string }>(
		"SELECT body FROM outbox WHERE to_address = $1 AND kind = 'request_received'",
		[email],
	);
	const link = body.match(/https?:\/\/\S+\/requests\/\S+/)?.[0] ?? "";
	expect(link).not.toBe("");
	return new URL(link).pathname;
}

async function reference(email: string): Promise<string> {
	const [{ reference }] = await query<{ reference: string }>(
		"SELECT reference FROM expressions_of_interest WHERE email = $1 ORDER BY position LIMIT 1",
		[email],
	);
	return reference;
}

/** The demo coach, signed in, answers the request `ref`. */
async function coachAnswers(browser: Browser, ref: string, decision: "accept" | "decline") {
	const context = await browser.newContext();
	const coach = await context.newPage();
	await coach.goto("/sign-in");
	await coach.getByLabel("Email address").fill("coach@example.org");
	await coach.getByLabel("Password").fill("cascade-demo");
	await coach.getByRole("button", { name: "Sign in" }).click();
	await coach.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
	await coach.goto(`/me/requests/${ref}`);
	await expect(coach.getByTestId("contact-hidden")).toBeVisible();
	if (decision === "accept") {
		await coach.getByLabel("Message to the leader").fill("I would be glad to coach you.");
		await coach.getByRole("button", { name: "Accept request" }).click();
		await expect(coach.getByText("You accepted the request.")).toBeVisible();
	} else {
		await coach.getByLabel("Reason for declining").fill("I am full until the spring.");
		await coach.getByRole("button", { name: "Decline request" }).click();
		await expect(coach.getByText("You declined this request.")).toBeVisible();
	}
	await context.close();
}

const state = (page: Page) => page.getByTestId("leader-request-status");

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a leader follows their request on its own page and withdraws it", async ({ page }) => {
			const console = watchConsole(page);
			const email = await ask(page);
			await page.goto(await ownPage(email));
			await expect(state(page)).toHaveAttribute("data-status", "waiting");
			await expect(page.getByTestId("leader-ask")).toHaveCount(1);
			await expect(page.getByTestId("leader-ask")).toContainText("Amara Okafor");

			await page.getByLabel("Your reason (optional)").fill("I have found support nearer home.");
			await page.getByRole("button", { name: "Withdraw request" }).click();
			await expect(page.getByText("Your request is withdrawn. We have told the coach.")).toBeVisible();
			await expect(state(page)).toHaveAttribute("data-status", "withdrawn");
			const rows = await query<{ status: string }>("SELECT status FROM expressions_of_interest WHERE email = $1", [email]);
			expect(rows).toEqual([{ status: "withdrawn" }]);
			if (javaScriptEnabled) expect(console.problems).toEqual([]);
		});

		test("a leader corrects their details, with a message by a field left empty", async ({ page }) => {
			const email = await ask(page);
			await page.goto(await ownPage(email));
			const details = page.locator("form", { has: page.getByRole("button", { name: "Save your details" }) });
			await details.getByLabel("Your role").fill("");
			await details.getByLabel("Organisation name").fill("Hollowmere Carers Network");
			await page.getByRole("button", { name: "Save your details" }).click();
			await expect(page.locator("#role-error")).toContainText("Enter your role");
			await expect(details.getByLabel("Organisation name")).toHaveValue("Hollowmere Carers Network");
			await details.getByLabel("Your role").fill("Chair");
			await page.getByRole("button", { name: "Save your details" }).click();
			await expect(page.getByText("Your details are saved.")).toBeVisible();
			const rows = await query<{ role: string; organisation_name: string }>(
				"SELECT role, organisation_name FROM expressions_of_interest WHERE email = $1",
				[email],
			);
			expect(rows).toEqual([{ role: "Chair", organisation_name: "Hollowmere Carers Network" }]);
		});

		test("a leader sees everything held about them, and can download it", async ({ page }) => {
			const email = await ask(page);
			await page.goto(await ownPage(email));
			await page.getByRole("link", { name: "See everything we hold about you" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("What we hold about you");
			await expect(page.getByTestId("your-data")).toContainText(email);
			await expect(page.getByTestId("your-data")).toContainText("I would like to think about our strategy.");
			if (javaScriptEnabled) await expectAccessible(page);
			const file = await page.request.get(
				(await page.getByRole("link", { name: "Download it as a file (JSON)" }).getAttribute("href")) ?? "",
			);
			expect(file.status()).toBe(200);
			expect((await file.json()).email_address).toBe(email.toLowerCase());
		});

		test("a leader erases their details, after a message by the box if they forget to tick it", async ({ page }) => {
			const email = await ask(page);
			const own = await ownPage(email);
			await page.goto(own);
			await page.getByRole("button", { name: "Erase my details" }).click();
			await expect(page.locator("#confirm-error")).toContainText("Tick the box to confirm you want your details erased");
			if (javaScriptEnabled) await expectAccessible(page);
			await page.getByLabel("I understand: erase my details").check();
			await page.getByRole("button", { name: "Erase my details" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your details are erased");
			if (javaScriptEnabled) await expectAccessible(page);
			const left = await query<{ n: string }>(
				"SELECT count(*) AS n FROM expressions_of_interest WHERE lower(email) = lower($1)",
				[email],
			);
			expect(Number(left[0].n)).toBe(0);
			const gone = await page.request.get(own);
			expect(gone.status()).toBe(404);
		});

		test("after a decline, a leader asks another coach with their answers filled in", async ({ page, browser }) => {
			const email = await ask(page);
			const own = await ownPage(email);
			await coachAnswers(browser, await reference(email), "decline");

			await page.goto(own);
			await expect(state(page)).toHaveAttribute("data-status", "declined");
			await expect(page.getByTestId("leader-ask")).toContainText("I am full until the spring.");
			await page.getByRole("link", { name: /^Ask / }).first().click();
			await expect(page.getByLabel("Your name")).toHaveValue("Jo Bloggs");
			await expect(page.getByLabel("What would you like from coaching?")).toHaveValue(/our strategy/);
			await page.getByLabel(/I have read the/).check();
			await page.getByRole("button", { name: "Send request" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");

			await page.goto(own);
			await expect(state(page)).toHaveAttribute("data-status", "waiting");
			await expect(page.getByTestId("leader-ask")).toHaveCount(2);
		});

		test("once the coach accepts, the leader's page shows how to reach them", async ({ page, browser }) => {
			const email = await ask(page);
			const own = await ownPage(email);
			await page.goto(own);
			await expect(page.getByTestId("coach-contact")).toHaveCount(0);
			if (javaScriptEnabled) await expectAccessible(page);

			await coachAnswers(browser, await reference(email), "accept");

			await page.goto(own);
			await expect(state(page)).toHaveAttribute("data-status", "accepted");
			await expect(page.getByTestId("coach-contact")).toContainText("@example.org");
			if (javaScriptEnabled) await expectAccessible(page);
			const emails = await query<{ kind: string }>(
				"SELECT kind FROM outbox WHERE to_address = $1 ORDER BY created_at, seq",
				[email],
			);
			// The first questionnaire goes as the coaching starts.
			expect(emails.map((e) => e.kind)).toEqual(["request_received", "request_accepted", "questionnaire"]);
		});
	});
}

