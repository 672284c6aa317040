import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, expectNoSidewaysScroll, release, watchConsole } from "./support";

const cards = (page: Page) => page.getByTestId("coach-card");
const count = (page: Page) => page.getByTestId("result-count");

async function markWindow(page: Page) {
	await page.evaluate(() => ((window as unknown as { marker: string }).marker = "no reload"));
}
async function expectNoReload(page: Page) {
	expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe("no reload");
}

test.describe("with JavaScript", () => {
	test("filters update the results in place, and live in the address", release, async ({ page }) => {
		const console = watchConsole(page);
		await page.goto("/coaches");
		await page.waitForLoadState("networkidle");
		await expect(cards(page)).toHaveCount(12);
		const total = Number(await count(page).getAttribute("data-count"));
		expect(total).toBeGreaterThanOrEqual(60);
		await markWindow(page);

		await page.getByLabel("Region").selectOption({ label: "Wales" });
		await expect(page).toHaveURL(/\/coaches\?region=wales$/);
		await expect(count(page)).not.toHaveAttribute("data-count", String(total));
		const wales = Number(await count(page).getAttribute("data-count"));
		expect(wales).toBeGreaterThan(0);
		for (const card of await cards(page).all()) {
			await expect(card).toContainText("Wales");
		}

		await page.getByLabel("Only coaches accepting new leaders now").check();
		await expect(page).toHaveURL(/region=wales&accepting=yes/);
		for (const card of await cards(page).all()) {
			await expect(card).toHaveAttribute("data-accepting", "true");
		}
		// The count is a live region, so screen readers hear each new total.
		await expect(count(page)).toHaveAttribute("aria-live", "polite");

		// Back and Forward walk the searches.
		await page.goBack();
		await expect(page).toHaveURL(/\/coaches\?region=wales$/);
		await expect(count(page)).toHaveAttribute("data-count", String(wales));
		await expect(page.getByLabel("Only coaches accepting new leaders now")).not.toBeChecked();
		await page.goBack();
		await expect(count(page)).toHaveAttribute("data-count", String(total));
		await page.goForward();
		await expect(page.getByLabel("Region")).toHaveValue("wales");

		await expectNoReload(page);
		expect(console.problems).toEqual([]);
	});

	test("typing a search finds the coach, typos and all, without a reload", release, async ({ page }) => {
		await page.goto("/coaches");
		await page.waitForLoadState("networkidle");
		await markWindow(page);

		const search = page.getByLabel("Search");
		await search.pressSequentially("Oka", { delay: 30 });
		await expect(page).toHaveURL(/q=Oka$/);
		await search.pressSequentially("fr", { delay: 30 });
		await expect(page).toHaveURL(/q=Okafr/);
		await expect(cards(page).first()).toContainText("Okafor");
		// Focus stays where the leader is typing.
		await expect(search).toBeFocused();
		// One history entry for the whole run of typing: Back goes to before it.
		await page.goBack();
		await expect(page).toHaveURL(/\/coaches$/);
		await expect(search).toHaveValue("");
		await expectNoReload(page);
	});

	test("a page without islands loads no WASM, and the browser still works when reached from it", release, async ({ page }) => {
		const wasm: string[] = [];
		page.on("request", (request) => {
			if (request.url().endsWith(".wasm")) wasm.push(request.url());
		});
		await page.goto("/");
		await page.waitForLoadState("networkidle");
		expect(wasm).toEqual([]);
		await markWindow(page);
		await page.getByRole("link", { name: "Find a coach" }).first().click();
		await expect(page.locator(".directory")).toHaveAttribute("data-ready", "true");
		expect(wasm.length).toBe(1);
		const total = await count(page).getAttribute("data-count");
		await page.getByLabel("Language").selectOption({ label: "Welsh" });
		await expect(page).toHaveURL(/\/coaches\?language=welsh$/);
		await expect(count(page)).not.toHaveAttribute("data-count", total ?? "");
		for (const card of await cards(page).all()) {
			await expect(card).toContainText("Welsh");
		}
		await page.goBack();
		await expect(page).toHaveURL(/\/coaches$/);
		await page.goBack();
		await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Find a coach");
		await expectNoReload(page);
	});

	test("a leader browses, opens a profile and reaches the form", async ({ page }) => {
		await page.goto("/coaches?accepting=yes");
		const first = cards(page).first();
		const name = (await first.getByRole("heading").getByRole("link").textContent()) ?? "";
		await first.getByRole("link", { name }).click();
		await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
		await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
		await page.getByRole("link", { name: "Ask this coach" }).click();
		await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Ask ${name} to coach you`);
	});

	test("a coach who is not accepting offers similar coaches instead", async ({ page }) => {
		// Coaches who are not accepting come last: the last page of the demo has only them.
		const closed = page.locator('[data-testid="coach-card"][data-accepting="false"]').first();
		await page.goto("/coaches?page=6");
		await expect(closed).toBeVisible();
		await closed.getByRole("heading").getByRole("link").click();
		await expect(page.getByText("Not accepting new leaders now").first()).toBeVisible();
		await expect(page.getByRole("link", { name: "Ask this coach" })).toHaveCount(0);
		await expect(page.getByRole("heading", { name: "Similar coaches accepting new leaders now" })).toBeVisible();
		await expect(cards(page).first()).toHaveAttribute("data-accepting", "true");
	});

	test("the directory and a profile are accessible and reflow", async ({ page }) => {
		for (const path of ["/coaches", "/coaches/amara-okafor", "/coaches/amara-okafor/ask"]) {
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(path);
			await expectAccessible(page);
			await page.setViewportSize({ width: 320, height: 800 });
			await expectNoSidewaysScroll(page);
		}
	});
});

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "forgiving search, with JavaScript" : "forgiving search, without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("a name, an organisation or a theme one letter out finds the coach", async ({ page }) => {
			await page.goto("/coaches");
			if (javaScriptEnabled) await expect(page.locator(".directory")).toHaveAttribute("data-ready", "true");
			for (const [typed, slug] of [
				["Maik", "alex-malik"], // a letter missing
				["Kestrelbrun", "chloe-kowalski"], // two letters swapped, in an organisation
				["Calderhome Social", "niamh-lewandowski"], // a letter missing, in an organisation
			]) {
				const search = page.getByLabel("Search");
				await search.fill(typed);
				if (javaScriptEnabled) {
					await expect(page).toHaveURL(new RegExp(`q=${typed.replace(" ", "\\+")}$`));
					await expect(search).toBeFocused();
				} else {
					await page.getByRole("button", { name: "Search" }).click();
				}
				await expect(page.locator(`[data-testid="coach-card"][data-slug="${slug}"]`)).toBeVisible();
			}
			// A theme, misspelt: its coaches, and no others.
			await page.getByLabel("Search").fill("govrnance");
			if (!javaScriptEnabled) await page.getByRole("button", { name: "Search" }).click();
			await expect(page).toHaveURL(/q=govrnance/);
			await expect(count(page)).toContainText("govrnance");
			await expect(count(page)).not.toHaveAttribute("data-count", "0");
			for (const card of await cards(page).all()) {
				await expect(card).toContainText("Board and governance");
			}
		});

		test("on a phone the filters fold behind a button that counts them", async ({ page }) => {
			await page.setViewportSize({ width: 390, height: 844 });
			await page.goto("/coaches?region=london&accepting=yes");
			const toggle = page.getByRole("button", { name: /Filter coaches/ });
			await expect(toggle).toBeVisible();
			await expect(toggle).toHaveText("Filter coaches (2 active)");
			await expect(page.getByLabel("Region")).toBeHidden();
			// The first result is on the first screen.
			const first = await cards(page).first().boundingBox();
			expect(first && first.y + 40).toBeLessThan(844);
			await expectNoSidewaysScroll(page);

			await toggle.click();
			await expect(page.getByLabel("Region")).toBeVisible();
			await expect(page.getByLabel("Region")).toHaveValue("london");
			await page.getByLabel("Theme").selectOption({ label: "Board and governance" });
			if (!javaScriptEnabled) await page.getByRole("button", { name: "Search" }).click();
			await expect(page).toHaveURL(/theme=board-and-governance/);
			await expect(page.getByRole("button", { name: /Filter coaches/ })).toHaveText("Filter coaches (3 active)");

			// Wide, the filters are open and the button is gone.
			await page.setViewportSize({ width: 1280, height: 900 });
			await expect(page.getByLabel("Region")).toBeVisible();
			await expect(page.getByRole("button", { name: /Filter coaches/ })).toBeHidden();
		});
	});
}

test.describe("without JavaScript", () => {
	test.use({ javaScriptEnabled: false });

	test("the filter form and pagination work as plain HTML", async ({ page }) => {
		await page.goto("/coaches");
		await expect(cards(page)).toHaveCount(12);
		await page.getByRole("link", { name: "Next page" }).click();
		await expect(page).toHaveURL(/page=2/);
		await expect(page.getByText(/Page 2 of/)).toBeVisible();

		await page.getByLabel("Theme").selectOption({ label: "Board and governance" });
		await page.getByLabel("Sessions by").selectOption({ label: "Phone call" });
		await page.getByRole("button", { name: "Search" }).click();
		await expect(page).toHaveURL(/theme=board-and-governance/);
		await expect(page).toHaveURL(/format=phone/);
		await expect(page.getByLabel("Theme")).toHaveValue("board-and-governance");
		const found = await cards(page).count();
		expect(found).toBeGreaterThan(0);
		for (const card of await cards(page).all()) {
			await expect(card).toContainText("Board and governance");
			await expect(card).toContainText("phone call");
		}
	});

	test("search and profiles work as plain HTML", async ({ page }) => {
		await page.goto("/coaches");
		await page.getByLabel("Search").fill("okafor");
		await page.getByRole("button", { name: "Search" }).click();
		await expect(cards(page).first()).toContainText("Okafor");
		await cards(page).first().getByRole("heading").getByRole("link").click();
		await expect(page.getByRole("heading", { level: 1 })).toContainText("Okafor");
	});

	test("an unknown coach is a helpful 404", async ({ page }) => {
		const response = await page.goto("/coaches/nobody-by-this-name");
		expect(response?.status()).toBe(404);
		await expect(page.getByRole("heading", { level: 1 })).toHaveText("Coach not found");
		await expect(page.getByRole("link", { name: "Browse all coaches" })).toBeVisible();
	});
});
