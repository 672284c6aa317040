import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, watchConsole } from "./support";

const STAFF = { email: "staff@example.org", password: "cascade-demo" };

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("staff follow the fee ledger: totals, a fee invoiced and paid, and the download", async ({ page }) => {
			test.setTimeout(60_000);
			const console = watchConsole(page);
			const checkAccessible = async (p: Page) => {
				if (javaScriptEnabled) await expectAccessible(p);
			};
			await signIn(page, STAFF.email, STAFF.password);
			await page.goto("/staff");
			await page.getByRole("link", { name: "Fees" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fees");
			await expect(page.getByRole("table", { name: "Fees by status" })).toContainText("Paid");
			await expect(page.getByRole("table", { name: "Fees paid by funders" })).toContainText("Wellbeing Trust Wales");
			await checkAccessible(page);

			await page.getByLabel("Fees to show").selectOption({ label: "Due" });
			await page.getByRole("button", { name: "Show" }).click();
			await expect(page).toHaveURL(/status=due/);
			const fees = page.getByTestId("fee");
			// Each run takes a different due fee: the other runs may have moved the first.
			const index = javaScriptEnabled ? 0 : 1;
			const reference = ((await fees.nth(index).getByRole("link").textContent()) ?? "").trim();
			await fees.nth(index).getByRole("link").click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Fee for ${reference}`);
			await checkAccessible(page);

			await page.getByLabel("Invoice reference").fill("");
			await page.getByRole("button", { name: "Record invoice" }).click();
			await expect(page.getByLabel("Invoice reference")).toHaveAccessibleDescription(/Enter the invoice's reference/);
			await page.getByLabel("Invoice reference").fill(`INV-E2E-${index}`);
			await page.getByRole("button", { name: "Record invoice" }).click();
			await expect(page.getByText("The fee is updated.")).toBeVisible();
			await expect(page.getByTestId("fee-summary")).toContainText(`INV-E2E-${index}`);
			await page.getByRole("button", { name: "Record payment" }).click();
			await expect(page.getByTestId("fee-summary")).toContainText("Paid");

			const download = await page.request.get("/staff/fees.csv?status=paid");
			expect(download.status()).toBe(200);
			expect(await download.text()).toContain(reference);
			expect(console.problems.filter((p) => !p.includes("status of 422"))).toEqual([]);
		});
	});
}
