import { expect, test, type Browser, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";
import { expectAccessible, signIn, watchConsole } from "./support";

const STAFF = { email: "staff@example.org", password: "cascade-demo" };

async function newPage(browser: Browser): Promise<Page> {
	const context = await browser.newContext();
	return context.newPage();
}

test("from invitation to closed coaching: staff, a new coach and a leader", async ({ page, browser }) => {
	test.setTimeout(120_000);
	const console = watchConsole(page);
	const coachEmail = uniqueEmail("coach");
	const name = `Nia Evans ${Date.now() % 100000}`;
	let coach: Page;
	let slug = "";

	await test.step("staff invite a coach", async () => {
		await signIn(page, STAFF.email, STAFF.password);
		await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff" }).click();
		await page.getByRole("link", { name: "Invite a coach" }).click();
		await page.getByLabel("Coach's name").fill(name);
		await page.getByLabel("Coach's email address").fill(coachEmail);
		await page.getByRole("button", { name: "Send invitation" }).click();
		await expect(page.getByText(`Invitation sent to ${coachEmail}`)).toBeVisible();
	});

	let link = "";
	await test.step("the invitation waits in the outbox (no mail server here)", async () => {
		await page.goto("/staff/outbox");
		const message = page.getByTestId("outbox-message").filter({ hasText: coachEmail }).first();
		await expect(message).toContainText("You are invited to coach with Cascade");
		const body = (await message.locator("pre").textContent()) ?? "";
		const invitation = new URL(body.match(/https?:\/\/\S+\/account\/welcome\?token=\S+/)?.[0] ?? "");
		link = invitation.pathname + invitation.search;
		expect(link).toContain("/account/welcome?token=");
	});

	await test.step("the coach sets a password and writes a profile", async () => {
		coach = await newPage(browser);
		await coach.goto(link);
		await expect(coach.getByRole("heading", { level: 1 })).toHaveText("Welcome to Cascade");
		await coach.getByLabel("Password").fill("password1");
		await coach.getByRole("button", { name: "Set password and continue" }).click();
		await expect(coach.getByLabel("Password")).toHaveAccessibleDescription(/too common/);
		await coach.getByLabel("Password").fill("tulip kettle orbit lantern");
		await coach.getByRole("button", { name: "Set password and continue" }).click();
		await expect(coach.getByRole("heading", { level: 1 })).toHaveText("Your profile");

		await coach.getByLabel("Your name").fill(name);
		await coach.getByLabel("Your role").fill("Director");
		await coach.getByLabel("The organisation you lead").fill("Aberllyn Wellbeing Forum");
		await coach.getByLabel("Region").selectOption({ label: "Wales" });
		await coach.getByLabel("Postcode area").fill("SA");
		await coach.getByLabel("About you").fill("I have led a small wellbeing charity in west Wales for nine years, through thick and thin.");
		await coach.getByLabel("How you coach").fill("I listen first, ask good questions, and we finish every session with a next step.");
		await coach.getByRole("group", { name: "What you coach on" }).getByLabel("Leading through change").check();
		await coach.getByRole("group", { name: "Sessions by" }).getByLabel("Video call").check();
		await coach.getByRole("button", { name: "Send for approval" }).click();
		await expect(coach.getByText("Your profile has been saved and sent to Cascade staff for approval.")).toBeVisible();
		await expect(coach.getByTestId("profile-status")).toHaveText("Waiting for approval");
	});

	await test.step("staff approve it, and it is public", async () => {
		await page.goto("/staff/moderation");
		const item = page.getByTestId("moderation-item").filter({ hasText: name });
		await expect(item).toContainText("Aberllyn Wellbeing Forum");
		slug = (await item.getAttribute("data-coach")) ?? "";
		// Not before their training is recorded: the queue says so, with the way to record it.
		await item.getByRole("link", { name: `Record ${name}'s training` }).click();
		await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${name}: training and supervision`);
		await page.getByLabel("Date completed").fill("2026-10-01");
		await page.getByLabel("Cohort").fill("Wales, autumn 2026");
		await page.getByLabel("Trained by").fill("Gwen Pritchard");
		await page.getByRole("button", { name: "Record training" }).click();
		await expect(page.getByText("Training recorded.")).toBeVisible();
		await page.goto("/staff/moderation");
		await expect(item.getByTestId("not-trained")).toHaveCount(0);
		await item.getByRole("button", { name: "Approve and publish" }).click();
		await expect(page.getByText("Approved. The coach has been emailed.")).toBeVisible();

		const leader = await newPage(browser);
		await leader.goto(`/coaches/${slug}`);
		await expect(leader.getByRole("heading", { level: 1 })).toContainText(name);
		await leader.context().close();
	});

	await test.step("the coach stops accepting, and the directory shows it", async () => {
		await coach.goto("/me");
		await coach.getByRole("group", { name: "Are you accepting new leaders?" }).getByLabel("No").check();
		await coach.getByRole("button", { name: "Save availability" }).click();
		await expect(coach.getByTestId("availability-summary")).toHaveText("Not accepting new leaders now");

		const leader = await newPage(browser);
		await leader.goto(`/coaches?q=${encodeURIComponent(name)}`);
		const card = leader.locator(`[data-testid="coach-card"][data-slug="${slug}"]`);
		await expect(card).toHaveAttribute("data-accepting", "false");
		await expect(card).toContainText("Not accepting new leaders now");
		await leader.context().close();

		// Back to accepting, with room for one leader only.
		await coach.getByRole("group", { name: "Are you accepting new leaders?" }).getByLabel("Yes").check();
		await coach.getByLabel("How many leaders can you coach at once?").fill("1");
		await coach.getByRole("button", { name: "Save availability" }).click();
		await expect(coach.getByTestId("availability-summary")).toHaveText("Accepting new leaders now");
	});

	const leaderEmail = uniqueEmail("leader");
	await test.step("a leader asks the coach", async () => {
		const leader = await newPage(browser);
		await leader.goto(`/coaches/${slug}/ask`);
		await leader.getByLabel("Your name").fill("Jo Bloggs");
		await leader.getByLabel("Email address").fill(leaderEmail);
		await leader.getByLabel("Your role").fill("Coordinator");
		await leader.getByLabel("Organisation name").fill("Hollowmere Carers");
		await leader.getByRole("group", { name: "Type of organisation" }).getByLabel("Registered charity").check();
		await leader.getByRole("group", { name: "Does your organisation work in health and wellbeing?" }).getByLabel("Yes").check();
		await leader.getByLabel("Annual income").fill("80k");
		await leader.getByLabel("Region").selectOption({ label: "Wales" });
		await leader.getByLabel("Postcode").fill("SA1 1AA");
		await leader.getByRole("group", { name: /ethnic-minority/ }).getByLabel("No").check();
		await leader.getByLabel("What would you like from coaching?").fill("I would like help to lead my team through a merger.");
		await leader.getByRole("group", { name: /leadership development support before/ }).getByLabel("No").check();
		await leader.getByRole("group", { name: "How will your coaching be paid for?" }).getByLabel("A funder will pay").check();
		await leader.getByLabel(/I have read the/).check();
		await leader.getByRole("button", { name: "Send request" }).click();
		await expect(leader.getByRole("heading", { level: 1 })).toHaveText("Request sent");
		await leader.context().close();
	});

	await test.step("the coach accepts: the engagement starts and the place is taken", async () => {
		await coach.goto("/me");
		await coach.getByRole("row", { name: /Jo Bloggs/ }).getByRole("link").click();
		await expect(coach.getByText("I would like help to lead my team through a merger.")).toBeVisible();
		await coach.getByLabel("Message to the leader").fill("I would be glad to. I will email you some dates.");
		await coach.getByRole("button", { name: "Accept request" }).click();
		await expect(coach.getByText("You accepted the request.")).toBeVisible();
		await expect(coach.getByTestId("engagement-status")).toHaveText("Active");

		const rows = await query<{ accepting_now: boolean; current_leaders: number }>(
			"SELECT accepting_now, current_leaders FROM coaches WHERE slug = $1",
			[slug],
		);
		expect(rows[0]).toEqual({ accepting_now: false, current_leaders: 1 });
		const emails = await query<{ body: string }>("SELECT body FROM outbox WHERE to_address = $1 AND kind = 'request_accepted'", [leaderEmail]);
		expect(emails[0].body).toContain("I will email you some dates.");

		const leader = await newPage(browser);
		await leader.goto(`/coaches/${slug}`);
		await expect(leader.getByText("Not accepting new leaders now").first()).toBeVisible();
		await leader.context().close();
	});

	await test.step("sessions are recorded and the engagement closes, freeing the place", async () => {
		await coach.getByLabel("Length in minutes").fill("75");
		await coach.getByRole("button", { name: "Record session" }).click();
		await expect(coach.getByTestId("sessions-held")).toContainText("1 session recorded");
		await coach.getByRole("button", { name: "Record session" }).click();
		await expect(coach.getByTestId("sessions-held")).toContainText("2 sessions recorded");
		await coach.getByRole("group", { name: "How did it end?" }).getByLabel("Completed").check();
		await coach.getByRole("button", { name: "Close coaching" }).click();
		await expect(coach.getByTestId("engagement-status")).toHaveText("Completed");
		const rows = await query<{ accepting_now: boolean }>("SELECT accepting_now FROM coaches WHERE slug = $1", [slug]);
		expect(rows[0].accepting_now).toBe(true);
	});

	await test.step("every staff action is in the audit log", async () => {
		await page.goto("/staff/audit");
		await expect(page.getByTestId("audit-entry").filter({ hasText: `invite coach: account ${coachEmail}` })).toHaveCount(1);
		await expect(page.getByTestId("audit-entry").filter({ hasText: `approve profile: coach ${slug}` })).toHaveCount(1);
	});

	await coach.context().close();
	expect(console.problems).toEqual([]);
});

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("signing out ends the session", async ({ page, context }) => {
			await signIn(page, STAFF.email, STAFF.password);
			const token = (await context.cookies()).find((c) => c.name === "cascade_session")?.value ?? "";
			expect(token).not.toBe("");
			await page.getByRole("button", { name: "Sign out" }).click();
			await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
			// The old token, presented again, is not a session any more.
			const response = await page.request.get("/staff", {
				headers: { cookie: `cascade_session=${token}` },
				maxRedirects: 0,
			});
			expect(response.status()).toBe(303);
			expect(response.headers().location).toBe("/sign-in?next=%2Fstaff");
		});

		test("a session id from before sign-in is not valid after it", async ({ page, context, baseURL }) => {
			await signIn(page, STAFF.email, STAFF.password);
			const before = (await context.cookies()).find((c) => c.name === "cascade_session")?.value ?? "";
			// Signing in again in the same browser (as someone might after a planted cookie).
			await signIn(page, STAFF.email, STAFF.password);
			const after = (await context.cookies()).find((c) => c.name === "cascade_session")?.value ?? "";
			expect(after).not.toBe(before);
			const old = await page.request.get(`${baseURL}/staff`, { headers: { cookie: `cascade_session=${before}` }, maxRedirects: 0 });
			expect(old.status()).toBe(303);
			const current = await page.request.get(`${baseURL}/staff`, { headers: { cookie: `cascade_session=${after}` }, maxRedirects: 0 });
			expect(current.status()).toBe(200);
		});

		test("a wrong password gets one plain message and keeps the email address", async ({ page }) => {
			// An account of its own: wrong passwords slow down the account they were tried on,
			// and other tests sign in as staff at the same time.
			const email = uniqueEmail("nobody");
			await page.goto("/sign-in");
			await page.getByLabel("Email address").fill(email);
			await page.getByLabel("Password").fill("not the password");
			await page.getByRole("button", { name: "Sign in" }).click();
			await expect(page.getByRole("alert")).toContainText("The email address or password is not right");
			await expect(page.getByLabel("Email address")).toHaveValue(email);
		});
	});
}

test("a form answered with a message keeps the page's address, so reloading works", async ({ page }) => {
	await signIn(page, STAFF.email, STAFF.password);
	await page.goto("/staff/moderation");
	// The demo has a profile waiting; sending it back without a reason is refused.
	const item = page.getByTestId("moderation-item").first();
	await item.getByRole("button", { name: /^Send back/ }).click();
	await expect(item.getByText("Give the coach a reason, so they know what to change")).toBeVisible();
	await expect(page).toHaveURL(/\/staff\/moderation$/);
	await page.reload();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Moderation queue");
});

test("the signed-in areas are accessible", async ({ page, browser }) => {
	// Axe on sixteen pages: more than the default 30 s when the machine is busy.
	test.setTimeout(120_000);
	await signIn(page, STAFF.email, STAFF.password);
	for (const path of ["/staff", "/staff/moderation", "/staff/requests", "/staff/bursaries", "/staff/coaches", "/staff/outbox", "/staff/audit", "/staff/invite", "/staff/people", "/staff/people?email=coach%40example.org", "/staff/feedback", "/account/recovery-codes", "/account"]) {
		await page.goto(path);
		await expectAccessible(page);
	}
	const coach = await newPage(browser);
	await signIn(coach, "coach@example.org", "cascade-demo");
	for (const path of ["/me", "/me/profile", "/me/your-data", "/me/close-account", "/supervision"]) {
		await coach.goto(path);
		await expectAccessible(coach);
	}
	await coach.goto("/me");
	await coach.getByRole("link", { name: /CL-\d{4}-\d{6}/ }).first().click();
	await expectAccessible(coach);
	await coach.context().close();
});
