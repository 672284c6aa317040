import { createHmac } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Signs in on /sign-in and waits until signed in. Tests run in parallel from one address, and
 * several signing in to the demo staff account at once can be told to wait a few seconds (each
 * attempt counts until its password is found right: see accounts/throttle.rs): then it waits as
 * told and tries again, as a person would. */
export async function signIn(page: Page, email: string, password: string) {
	await page.goto("/sign-in");
	for (let attempt = 1; ; attempt++) {
		await page.getByLabel("Email address").fill(email);
		await page.getByLabel("Password").fill(password);
		await page.getByRole("button", { name: "Sign in" }).click();
		const slowed = page.getByRole("alert").filter({ hasText: "Too many wrong passwords" });
		await Promise.race([
			page.waitForURL((url) => !url.pathname.startsWith("/sign-in")),
			slowed.waitFor(),
		]);
		if (!page.url().includes("/sign-in") || attempt === 3) break;
		const seconds = Number((await slowed.textContent())?.match(/Wait (\d+) second/)?.[1] ?? "15");
		await page.waitForTimeout((seconds + 1) * 1000);
		await page.goto("/sign-in");
	}
	await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
	await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Marks a test that `make test` runs a second time against the release front end: the islands
 * as people get them, after wasm-opt (`--grep @release`). */
export const release = { tag: "@release" };

/** Collects console errors and warnings (Leptos reports hydration problems there) and uncaught
 * exceptions, so a test can require that a page produced none. */
export function watchConsole(page: Page, options: { expectNotFound?: boolean } = {}): { problems: string[] } {
	const problems: string[] = [];
	page.on("console", (message) => {
		if (message.type() !== "error" && message.type() !== "warning") return;
		// Chromium logs a page's own 404 status as an error: expected on the not-found page.
		const ownStatus =
			options.expectNotFound &&
			message.text().includes("status of 404") &&
			message.location().url === page.url();
		if (!ownStatus) problems.push(`${message.type()}: ${message.text()} (${message.location().url})`);
	});
	page.on("pageerror", (error) => problems.push(`exception: ${error.message}`));
	return { problems };
}

/** Runs axe-core's WCAG 2.0–2.2 A and AA rules on the page as it is now. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
	);
	expect(summary).toEqual([]);
}

/** Fails when the page scrolls sideways: content must reflow at 320 CSS pixels. */
export async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth,
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

/** Waits until the eligibility checker's island has hydrated. */
export async function waitForChecker(page: Page) {
	await expect(page.locator("form.eligibility-form")).toHaveAttribute("data-ready", "true");
}

/** What an authenticator app shows now for a base32 key (RFC 6238: SHA-1, 6 digits, 30 s). */
export function appCode(key: string, at = Date.now()): string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
	let bits = "";
	for (const char of key.replace(/\s+/g, "").toUpperCase()) {
		bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
	}
	const bytes = Buffer.from(bits.match(/.{8}/g)?.map((b) => parseInt(b, 2)) ?? []);
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
	const mac = createHmac("sha1", bytes).update(counter).digest();
	const offset = mac[mac.length - 1] & 0xf;
	return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, "0");
}


/** A staff member who has signed in with their password and is on the two-step page for the
 * first time sets up an app, as a person with an authenticator app would, and continues. */
export async function setUpTwoStep(page: Page): Promise<string[]> {
	await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-step sign-in");
	const key = (await page.getByTestId("setup-key").textContent()) ?? "";
	await page.getByLabel("Code from your app").fill(appCode(key));
	await page.getByRole("button", { name: "Set up and sign in" }).click();
	const codes = (await page.getByTestId("recovery-codes").locator("code").allTextContents()).map((c) => c.trim());
	await page.getByRole("link", { name: "I have kept them: continue" }).click();
	return codes;
}
