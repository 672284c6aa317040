import { expect, test } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, release, watchConsole } from "./support";

const pages = [
	{ path: "/", heading: "Leadership coaching from leaders who have been there" },
	{ path: "/eligibility", heading: "Check if you are eligible" },
	{ path: "/privacy", heading: "Privacy notice" },
	{ path: "/no-such-page", heading: "Page not found" },
];

for (const { path, heading } of pages) {
	test(`${path} is accessible, with no console errors or hydration warnings`, async ({ page }) => {
		const console = watchConsole(page, { expectNotFound: path === "/no-such-page" });
		await page.goto(path);
		await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
		await page.waitForLoadState("networkidle");
		await expectAccessible(page);
		expect(console.problems).toEqual([]);
	});

	for (const width of [320, 640]) {
		// 320 CSS pixels is a phone, and a 1280-pixel screen at 400% zoom; 640 is 200% zoom.
		test(`${path} reflows at ${width} pixels wide`, async ({ page }) => {
			await page.setViewportSize({ width, height: 800 });
			await page.goto(path);
			await expectNoSidewaysScroll(page);
		});
	}
}

test("unknown addresses answer 404 with a helpful page", async ({ page }) => {
	const response = await page.goto("/no-such-page");
	expect(response?.status()).toBe(404);
	await expect(page.getByRole("link", { name: "Check if you are eligible" })).toBeVisible();
});

test("the home page leads to the eligibility checker", async ({ page }) => {
	await page.goto("/");
	await page.getByRole("link", { name: "Check if you are eligible" }).click();
	await expect(page).toHaveURL("/eligibility");
	await expect(page.getByLabel("Annual income")).toBeVisible();
});

test("navigation happens without reloading the page, and focus moves to the new heading", release, async ({ page }) => {
	const console = watchConsole(page);
	await page.goto("/");
	await page.waitForLoadState("networkidle");
	await page.evaluate(() => ((window as unknown as { marker: string }).marker = "still here"));
	const nav = page.getByRole("navigation", { name: "Main" });

	await nav.getByRole("link", { name: "Check eligibility" }).click();
	await expect(page).toHaveURL("/eligibility");
	await expect(page).toHaveTitle("Check if you are eligible – Cascade");
	await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
	await expect(nav.getByRole("link", { name: "Check eligibility" })).toHaveAttribute("aria-current", "page");
	await expect(nav.getByRole("link", { name: "Home" })).not.toHaveAttribute("aria-current", "page");

	await page.getByRole("link", { name: "Privacy notice" }).click();
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Privacy notice");

	await page.goBack();
	await expect(page).toHaveURL("/eligibility");
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check if you are eligible");
	await page.goBack();
	await expect(page).toHaveURL("/");

	expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("still here");
	expect(console.problems).toEqual([]);
});

test("the islands work after a client-side navigation", release, async ({ page }) => {
	await page.goto("/privacy");
	await page.waitForLoadState("networkidle");
	await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Check eligibility" }).click();
	await expect(page.locator("form.eligibility-form")).toHaveAttribute("data-ready", "true");
	await page.getByRole("group", { name: "Type of organisation" }).getByLabel("Registered charity").check();
	await page.getByRole("group", { name: "Does your organisation work in health and wellbeing?" }).getByLabel("No").check();
	await page.getByRole("group", { name: /ethnic-minority/ }).getByLabel("No").check();
	await page.getByRole("group", { name: /leadership development/ }).getByLabel("No").check();
	await page.getByLabel("Annual income").fill("10k");
	await expect(page.getByTestId("eligibility-result")).toHaveAttribute("data-eligible", "false");
});

test("keyboard users can skip straight to the content", async ({ page }) => {
	await page.goto("/");
	await page.keyboard.press("Tab");
	const skip = page.getByRole("link", { name: "Skip to main content" });
	await expect(skip).toBeFocused();
	await page.keyboard.press("Enter");
	await expect(page.locator("main")).toBeFocused();
});

test("every response carries the security headers", async ({ request }) => {
	const response = await request.get("/");
	const headers = response.headers();
	expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
	expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+'/);
	expect(headers["x-content-type-options"]).toBe("nosniff");
	expect(headers["referrer-policy"]).toBe("same-origin");
	expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
