import { expect, test, type Page } from "@playwright/test";
import { release, waitForChecker, watchConsole } from "./support";

type Answers = {
	type?: string;
	health?: "Yes" | "No";
	income?: string;
	communities?: "Yes" | "No";
	support?: "Yes" | "No";
};

const questions = {
	health: "Does your organisation work in health and wellbeing?",
	communities:
		"Does your organisation work with ethnic-minority communities or other under-represented groups?",
	support: "Have you had leadership development support before?",
};

async function answer(page: Page, answers: Answers) {
	if (answers.type) {
		await page.getByRole("group", { name: "Type of organisation" }).getByLabel(answers.type, { exact: true }).check();
	}
	for (const key of ["health", "communities", "support"] as const) {
		const choice = answers[key];
		if (choice) {
			await page.getByRole("group", { name: questions[key] }).getByLabel(choice, { exact: true }).check();
		}
	}
	if (answers.income !== undefined) {
		await page.getByLabel("Annual income").fill(answers.income);
	}
}

const result = (page: Page) => page.getByTestId("eligibility-result");

test.describe("with WebAssembly", () => {
	test("answers as the leader types, without asking the server", release, async ({ page }) => {
		const console = watchConsole(page);
		await page.goto("/eligibility");
		await waitForChecker(page);
		const requests: string[] = [];
		page.on("request", (request) => requests.push(request.url()));

		await answer(page, { type: "Registered charity", health: "Yes", communities: "No", support: "Yes" });
		await expect(result(page)).toHaveCount(0);
		await page.getByLabel("Annual income").pressSequentially("120k");
		await expect(result(page)).toHaveAttribute("data-eligible", "true");
		await expect(result(page)).toHaveAttribute("data-bursary", "true");
		await expect(result(page)).toContainText("Your annual income of £120,000 is under the £500,000 limit.");
		await expect(result(page)).toContainText("£800");
		await expect(result(page).getByRole("link", { name: "Find a coach" })).toHaveAttribute("href", "/coaches");
		// The answer lives in a live region, so screen readers hear it change.
		await expect(page.locator("[aria-live=polite]").getByTestId("eligibility-result")).toBeVisible();

		await page.getByLabel("Annual income").fill("£499,999");
		await expect(result(page)).toHaveAttribute("data-bursary", "false");
		await expect(result(page)).toHaveAttribute("data-eligible", "true");

		expect(requests).toEqual([]);
		expect(console.problems).toEqual([]);
	});

	for (const [income, eligible, bursary] of [
		["149,999", "true", "true"],
		["150000", "true", "false"],
		["499999", "true", "false"],
		["£500,000", "false", "false"],
		["1.2m", "false", "false"],
	] as const) {
		test(`an income of ${income} is eligible=${eligible}, bursary=${bursary}`, async ({ page }) => {
			await page.goto("/eligibility");
			await waitForChecker(page);
			await answer(page, { type: "Community interest company (CIC)", health: "Yes", communities: "No", support: "Yes", income });
			await expect(result(page)).toHaveAttribute("data-eligible", eligible);
			await expect(result(page)).toHaveAttribute("data-bursary", bursary);
		});
	}

	test("the checker takes the programme's limits and fee from its page, not from its build", async ({ page }) => {
		// Another organisation's numbers, as the server would put them on the page from its
		// settings: the WebAssembly is the same.
		await page.route("**/eligibility", async (route) => {
			const response = await route.fetch();
			const html = (await response.text())
				.replace("&quot;eligibility_income_limit&quot;:50000000", "&quot;eligibility_income_limit&quot;:60000000")
				.replace("&quot;bursary_income_limit&quot;:15000000", "&quot;bursary_income_limit&quot;:20000000")
				.replace("&quot;fee&quot;:80000", "&quot;fee&quot;:95000");
			await route.fulfill({ response, body: html });
		});
		await page.goto("/eligibility");
		await waitForChecker(page);
		await answer(page, { type: "Registered charity", health: "Yes", communities: "No", support: "Yes", income: "550k" });
		await expect(result(page)).toHaveAttribute("data-eligible", "true");
		await expect(result(page)).toContainText("Your annual income of £550,000 is under the £600,000 limit.");
		await expect(result(page)).toContainText("The programme costs £950");
		await page.getByLabel("Annual income").fill("180k");
		await expect(result(page)).toHaveAttribute("data-bursary", "true");
		await expect(result(page)).toContainText("Your annual income of £180,000 is under £200,000.");
		await page.getByLabel("Annual income").fill("600k");
		await expect(result(page)).toHaveAttribute("data-eligible", "false");
	});

	test("a public body is told why it is not eligible", async ({ page }) => {
		await page.goto("/eligibility");
		await waitForChecker(page);
		await answer(page, { type: "Public body", health: "Yes", communities: "Yes", support: "No", income: "20k" });
		await expect(result(page)).toHaveAttribute("data-eligible", "false");
		await expect(result(page)).toHaveAttribute("data-bursary", "false");
		await expect(result(page)).toContainText("Public bodies are not eligible");
		await expect(result(page).getByRole("link", { name: "Find a coach" })).toHaveCount(0);
	});

	test("a bad income gets a message next to the field, and no verdict", async ({ page }) => {
		await page.goto("/eligibility");
		await waitForChecker(page);
		await answer(page, { type: "Social enterprise", health: "Yes", communities: "Yes", support: "No", income: "lots" });
		const income = page.getByLabel("Annual income");
		await income.blur();
		await expect(income).toHaveAttribute("aria-invalid", "true");
		await expect(income).toHaveAccessibleDescription(/Enter annual income as an amount, like £120,000, 120k or 1.2m/);
		await expect(page.locator("#income-error")).toHaveText(/Enter annual income as an amount/);
		await expect(result(page)).toHaveCount(0);
		// Everything else is as the leader left it.
		await expect(page.getByRole("group", { name: "Type of organisation" }).getByLabel("Social enterprise")).toBeChecked();
		await expect(income).toHaveValue("lots");

		await income.fill("-5");
		await expect(page.locator("#income-error")).toHaveText(/Annual income cannot be negative/);
		await income.fill("45,000");
		await expect(income).not.toHaveAttribute("aria-invalid", "true");
		await expect(result(page)).toHaveAttribute("data-bursary", "true");
	});

	test("submitting shows every missing answer, focuses the first, and records answers in the address", async ({ page }) => {
		await page.goto("/eligibility");
		await waitForChecker(page);
		await page.getByRole("button", { name: "Check eligibility" }).click();
		await expect(page.locator(".error-message")).toHaveCount(5);
		await expect(page.getByRole("group", { name: "Type of organisation" }).getByRole("radio").first()).toBeFocused();

		await answer(page, { type: "Registered charity", health: "Yes", communities: "No", support: "No", income: "90,000" });
		await page.getByRole("button", { name: "Check eligibility" }).click();
		await expect(page.locator(".error-message")).toHaveCount(0);
		await expect(page).toHaveURL(/income=90%2C000/);
		await expect(page.locator("#eligibility-result-heading")).toBeFocused();
	});

	test("what was typed before the WebAssembly loaded is not lost", async ({ page }) => {
		// Hold the WASM back, answer everything, then let it load.
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route("**/pkg/**/cascade_bg.wasm", async (route) => {
			await held;
			await route.continue();
		});
		await page.goto("/eligibility");
		await answer(page, { type: "Registered charity", health: "Yes", communities: "No", support: "Yes", income: "100k" });
		release();
		await waitForChecker(page);
		await expect(result(page)).toHaveAttribute("data-bursary", "true");
	});
});

test.describe("without JavaScript", () => {
	test.use({ javaScriptEnabled: false });

	test("the server answers the submitted form", async ({ page }) => {
		await page.goto("/eligibility");
		await answer(page, { type: "Charitable incorporated organisation (CIO)", health: "Yes", communities: "Yes", support: "Yes", income: "£320,000" });
		await page.getByRole("button", { name: "Check eligibility" }).click();
		await expect(page).toHaveURL(/\/eligibility\?.*income=%C2%A3320%2C000/);
		await expect(result(page)).toHaveAttribute("data-eligible", "true");
		await expect(result(page)).toHaveAttribute("data-bursary", "true");
		await expect(result(page)).toContainText("works with ethnic-minority communities");
	});

	test("a bad income is refused with a message and the other answers kept", async ({ page }) => {
		await page.goto("/eligibility");
		await answer(page, { type: "Registered charity", health: "No", communities: "No", support: "Yes", income: "a hundred grand" });
		await page.getByRole("button", { name: "Check eligibility" }).click();
		const income = page.getByLabel("Annual income");
		await expect(income).toHaveAttribute("aria-invalid", "true");
		await expect(income).toHaveAccessibleDescription(/Enter annual income as an amount/);
		await expect(income).toHaveValue("a hundred grand");
		await expect(result(page)).toHaveCount(0);
		await expect(page.getByRole("group", { name: "Type of organisation" }).getByLabel("Registered charity")).toBeChecked();
		await expect(page.getByRole("group", { name: questions.health }).getByLabel("No")).toBeChecked();
		await expect(page.getByRole("group", { name: questions.support }).getByLabel("Yes")).toBeChecked();
	});

	test("an empty form lists every question still to answer", async ({ page }) => {
		await page.goto("/eligibility");
		await page.getByRole("button", { name: "Check eligibility" }).click();
		await expect(page.locator(".error-message")).toHaveCount(5);
		await expect(result(page)).toHaveCount(0);
	});
});
