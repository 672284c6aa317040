import { expect, test, type Page } from "@playwright/test";
import { uniqueEmail } from "./db";
import { appCode, expectAccessible, signIn, watchConsole } from "./support";

const ADMIN = { email: "staff@example.org", password: "cascade-demo" };

/** The link to set a password from the newest invitation to `email` in the outbox. */
async function invitationLink(admin: Page, email: string): Promise<string> {
	await admin.goto("/staff/outbox");
	const message = admin.getByTestId("outbox-message").filter({ hasText: email }).first();
	await expect(message).toContainText("staff account");
	const body = (await message.locator("pre").textContent()) ?? "";
	const url = new URL(body.match(/https?:\/\/\S+\/account\/welcome\?token=\S+/)?.[0] ?? "");
	return url.pathname + url.search;
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("an admin invites staff, who set up two-step sign-in; the admin disables and enables them", async ({ page, browser }) => {
			test.setTimeout(120_000);
			const console = watchConsole(page);
			// Axe runs in the page, so only where scripts may; the pages are the same HTML either way.
			const checkAccessible = async (p: Page) => {
				if (javaScriptEnabled) await expectAccessible(p);
			};
			const email = uniqueEmail("staff");
			const name = `Dafydd Evans ${Date.now() % 100000}`;

			await test.step("the admin invites a member of staff from the staff team page", async () => {
				await signIn(page, ADMIN.email, ADMIN.password);
				await page.goto("/staff");
				await page.getByRole("link", { name: "Staff team" }).click();
				await expect(page.getByRole("heading", { level: 1 })).toHaveText("Staff team");
				await page.getByRole("button", { name: "Send invitation" }).click();
				await expect(page.getByLabel("Their name")).toHaveAccessibleDescription(/Enter their name/);
				await page.getByLabel("Their name").fill(name);
				await page.getByLabel("Their email address").fill(email);
				await page.getByRole("radio", { name: "Staff", exact: true }).check();
				await page.getByRole("button", { name: "Send invitation" }).click();
				await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
				await expect(page.getByTestId("team-member").filter({ hasText: email })).toContainText("Invited: no password yet");
				await checkAccessible(page);
			});

			const link = await invitationLink(page, email);
			const context = await browser.newContext({ javaScriptEnabled });
			const staff = await context.newPage();
			let recoveryCodes: string[] = [];

			await test.step("they set a password, then set up an authenticator app", async () => {
				await staff.goto(link);
				await expect(staff.getByText("invited to join Cascade's staff")).toBeVisible();
				await staff.getByLabel("Password").fill("heron lantern copper vale");
				await staff.getByRole("button", { name: "Set password and continue" }).click();
				await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Two-step sign-in");
				await expect(staff.getByRole("img", { name: "QR code to set up your authenticator app" })).toBeVisible();
				await checkAccessible(staff);
				const key = (await staff.getByTestId("setup-key").textContent()) ?? "";
				expect(key.replace(/\s+/g, "")).toMatch(/^[A-Z2-7]{32}$/);

				await staff.getByLabel("Code from your app").fill("12");
				await staff.getByRole("button", { name: "Set up and sign in" }).click();
				await expect(staff.getByLabel("Code from your app")).toHaveAccessibleDescription(/Enter the 6-digit code/);

				await staff.getByLabel("Code from your app").fill(appCode(key));
				await staff.getByRole("button", { name: "Set up and sign in" }).click();
				await expect(staff.getByText("Two-step sign-in is set up, and you are signed in.")).toBeVisible();
				recoveryCodes = (await staff.getByTestId("recovery-codes").locator("code").allTextContents()).map((c) => c.trim());
				expect(recoveryCodes).toHaveLength(10);
				await checkAccessible(staff);
				await staff.getByRole("link", { name: "I have kept them: continue" }).click();
				await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Staff");
				await expect(staff.getByRole("link", { name: "Staff team" })).toHaveCount(0);
			});

			await test.step("the admin disables them: they are signed out and cannot sign in", async () => {
				await page.goto("/staff/team");
				await page.getByRole("button", { name: `Disable: ${name}` }).click();
				await expect(page.getByText(`${name} is disabled and signed out everywhere.`)).toBeVisible();
				await staff.goto("/staff");
				await expect(staff).toHaveURL(/\/sign-in/);
				await staff.getByLabel("Email address").fill(email);
				await staff.getByLabel("Password").fill("heron lantern copper vale");
				await staff.getByRole("button", { name: "Sign in" }).click();
				await expect(staff.getByRole("alert")).toContainText("This account has been disabled");
			});

			await test.step("enabled again, they sign in with a recovery code", async () => {
				await page.getByRole("button", { name: `Enable: ${name}` }).click();
				await expect(page.getByText(`${name} is enabled and can sign in again.`)).toBeVisible();
				await staff.goto("/sign-in");
				await staff.getByLabel("Email address").fill(email);
				await staff.getByLabel("Password").fill("heron lantern copper vale");
				await staff.getByRole("button", { name: "Sign in" }).click();
				await expect(staff.getByLabel("Code")).toBeVisible();
				await checkAccessible(staff);
				await staff.getByLabel("Code").fill(recoveryCodes[0]);
				await staff.getByRole("button", { name: "Sign in" }).click();
				await expect(staff.getByRole("heading", { level: 1 })).toHaveText("Staff");
				await staff.goto("/account");
				await expect(staff.getByText("9 of your 10 recovery codes are unused.")).toBeVisible();
			});

			await context.close();
			// The empty invitation was answered 422 on purpose; nothing else may be logged.
			expect(console.problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
		});
	});
}
