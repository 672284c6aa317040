import { expect, test, type Page } from "@playwright/test";
import { query, uniqueEmail } from "./db";
import { expectAccessible, setUpTwoStep, watchConsole } from "./support";

async function signInAsStaff(page: Page) {
	await page.goto("/sign-in");
	await page.getByLabel("Email address").fill("staff@example.org");
	await page.getByLabel("Password").fill("cascade-demo");
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

/** A request from a leader at `email`, as the ask form stores one. */
async function askAs(page: Page, email: string) {
	await page.goto("/coaches/amara-okafor/ask");
	await page.getByLabel("Your name").fill("Morgan Rees");
	await page.getByLabel("Email address").fill(email);
	await page.getByLabel("Your role").fill("Chair");
	await page.getByLabel("Organisation name").fill("Tydfil Wellbeing Circle");
	await page.getByRole("group", { name: "Type of organisation" }).getByLabel("Registered charity").check();
	await page.getByRole("group", { name: "Does your organisation work in health and wellbeing?" }).getByLabel("Yes").check();
	await page.getByLabel("Annual income").fill("£45,000");
	await page.getByLabel("Region").selectOption({ label: "Wales" });
	await page.getByLabel("Postcode").fill("CF47 8AA");
	await page.getByRole("group", { name: /ethnic-minority communities/ }).getByLabel("No").check();
	await page.getByLabel("What would you like from coaching?").fill("Help with growing our volunteer team sustainably.");
	await page.getByRole("group", { name: /leadership development support before/ }).getByLabel("No").check();
	await page.getByRole("group", { name: "How will your coaching be paid for?" }).getByLabel("My organisation will pay").check();
	await page.getByLabel(/I have read the/).check();
	await page.getByRole("button", { name: "Send request" }).click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("staff find what is held about an address, and erase it with a reason", async ({ page, browser }) => {
			const email = uniqueEmail(javaScriptEnabled ? "people-js" : "people-nojs");
			const leader = await browser.newPage({ javaScriptEnabled });
			await askAs(leader, email);
			await leader.close();

			const console = watchConsole(page);
			await signInAsStaff(page);
			await page.goto("/staff");
			await page.getByRole("link", { name: "People's data" }).click();
			await page.getByLabel("Email address").fill("not an address");
			await page.getByRole("button", { name: "Find what we hold" }).click();
			await expect(page.locator("#email-error")).toContainText("Enter an email address in the correct format");

			await page.getByLabel("Email address").fill(email);
			await page.getByRole("button", { name: "Find what we hold" }).click();
			await expect(page.getByTestId("your-data")).toContainText("Tydfil Wellbeing Circle");
			await expect(page.getByRole("link", { name: "Download it as a file (JSON)" })).toBeVisible();
			if (javaScriptEnabled) await expectAccessible(page);
			// Before the refusal below, whose 422 status Chromium reports as an error.
			if (javaScriptEnabled) expect(console.problems).toEqual([]);

			await page.getByRole("button", { name: "Erase their data" }).click();
			await expect(page.locator("#reason-error")).toContainText("Say why you are erasing it");
			await expect(page.locator("#confirm-error")).toContainText("Tick the box to confirm the erasure");
			await page.getByLabel("Why").fill("Asked by email.");
			await page.getByLabel("I understand: erase everything held about this address").check();
			await page.getByRole("button", { name: "Erase their data" }).click();
			await expect(page.getByTestId("person-erased")).toBeVisible();
			const left = await query<{ n: string }>(
				"SELECT count(*) AS n FROM expressions_of_interest WHERE lower(email) = lower($1)",
				[email],
			);
			expect(left[0].n).toBe("0");
			const audited = await query<{ n: string }>(
				`SELECT count(*) AS n FROM audit_log l JOIN audit_details d ON d.audit_id = l.id
				 WHERE l.action = 'erase personal data' AND d.details ->> 'reason' = 'Asked by email.'`,
			);
			expect(Number(audited[0].n)).toBeGreaterThan(0);
		});
	});
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a member of staff corrects their own name", async ({ page }) => {
			const email = uniqueEmail(javaScriptEnabled ? "staff-js" : "staff-nojs");
			await query(
				`INSERT INTO accounts (email, name, password_hash, staff)
				 SELECT $1, 'Robin Test', password_hash, true FROM accounts WHERE email = 'staff@example.org'`,
				[email],
			);
			await page.goto("/sign-in");
			await page.getByLabel("Email address").fill(email);
			await page.getByLabel("Password").fill("cascade-demo");
			await page.getByRole("button", { name: "Sign in" }).click();
			// Staff other than the demo's give a second factor: set up at the first sign-in.
			await setUpTwoStep(page);
			await page.goto("/staff");
			await page.getByRole("link", { name: "Your account" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
			await expect(page.getByLabel("Your name")).toHaveValue("Robin Test");
			if (javaScriptEnabled) await expectAccessible(page);
			await page.getByLabel("Your name").fill("");
			await page.getByRole("button", { name: "Save your name" }).click();
			await expect(page.locator("#name-error")).toContainText("Enter your name");
			await page.getByLabel("Your name").fill("Robin Test-Evans");
			await page.getByRole("button", { name: "Save your name" }).click();
			await expect(page.getByText("Your name is saved.")).toBeVisible();
			const [row] = await query<{ name: string }>("SELECT name FROM accounts WHERE email = $1", [email]);
			expect(row.name).toBe("Robin Test-Evans");
		});
	});
}
