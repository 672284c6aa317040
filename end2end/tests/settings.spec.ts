import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./support";

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("an admin sets the fee from a later day", async ({ page }) => {
			await signIn(page, "staff@example.org", "cascade-demo");
			await page.goto("/staff");
			await page.getByRole("link", { name: "Programme settings" }).click();
			await expect(page.getByTestId("fee-now")).toHaveText("In effect today: £800.00.");
			if (javaScriptEnabled) await expectAccessible(page);
			await page.getByLabel("New fee").fill("lots");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByLabel("New fee")).toHaveAccessibleDescription(/Enter the amount as a number/);
			// Far enough ahead that no other walk's coaching starts under it.
			await page.getByLabel("New fee").fill("£850");
			await page.getByLabel("From").fill("2031-04-01");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByText("The change is saved, from the day you gave.")).toBeVisible();
			await expect(page.getByRole("table", { name: "The fee over time" })).toContainText("1 April 2031");
			await expect(page.getByTestId("fee-now")).toHaveText("In effect today: £800.00.");
		});
	});
}
