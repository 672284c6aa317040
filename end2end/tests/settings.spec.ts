import { expect, test } from "@playwright/test";
import { expectAccessible, signIn } from "./support";

// Changes are set far enough ahead that no other walk's day falls under them.
for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
		test.use({ javaScriptEnabled });

		test("an admin sees every programme setting and sets the fee from a later day", async ({ page }) => {
			await signIn(page, "staff@example.org", "cascade-demo");
			await page.goto("/staff");
			await page.getByRole("link", { name: "Programme settings" }).click();
			const settings = page.getByRole("table", { name: "The programme's settings" });
			for (const [name, today] of [
				["Eligibility income limit", "£500,000"],
				["Bursary income limit", "£150,000"],
				["The fee for a coaching", "£800"],
				["Sessions expected", "5 sessions"],
				["Shortest coaching expected", "5 months"],
				["Longest coaching expected", "8 months"],
				["Answer deadline", "10 working days"],
				["Availability confirmation", "60 days"],
				["Availability pause", "90 days"],
				["Supervision period", "4 months"],
			]) {
				await expect(settings.getByRole("row", { name: new RegExp(`^${name}`) })).toContainText(today);
			}
			if (javaScriptEnabled) await expectAccessible(page);

			await settings.getByRole("link", { name: "The fee for a coaching" }).click();
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("The fee for a coaching");
			await expect(page.getByTestId("setting-now")).toHaveText("In effect today: £800.");
			if (javaScriptEnabled) await expectAccessible(page);
			await page.getByLabel("New value").fill("lots");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByLabel("New value")).toHaveAccessibleDescription(/Enter the amount as a number/);
			await expect(page.getByLabel("New value")).toHaveValue("lots");
			await page.getByLabel("New value").fill("£850");
			await page.getByLabel("From").fill("2031-04-01");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByText("The change is saved, from the day you gave.")).toBeVisible();
			await expect(page.getByRole("table", { name: "The fee for a coaching over time" })).toContainText("1 April 2031");
			await expect(page.getByTestId("setting-now")).toHaveText("In effect today: £800.");
			await page.getByRole("link", { name: "Programme settings" }).click();
			await expect(
				page.getByRole("table", { name: "The programme's settings" }).getByRole("row", { name: /^The fee for a coaching/ }),
			).toContainText("£850 from 1 April 2031");
		});

		test("an admin cannot set periods that disagree, and sets the answer deadline from a later day", async ({ page }) => {
			await signIn(page, "staff@example.org", "cascade-demo");
			await page.goto("/staff/settings/availability_pause_days");
			await expect(page.getByRole("heading", { level: 1 })).toHaveText("Availability pause");
			await page.getByLabel("New value").fill("50");
			await page.getByLabel("From").fill("2031-05-01");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByLabel("New value")).toHaveAccessibleDescription(/the pause must come at least 14 days after the confirmation/);
			await expect(page.getByLabel("New value")).toHaveValue("50");
			await expect(page.getByLabel("From")).toHaveValue("2031-05-01");
			if (javaScriptEnabled) await expectAccessible(page);

			await page.goto("/staff/settings/answer_working_days");
			await page.getByLabel("New value").fill("1");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByLabel("New value")).toHaveAccessibleDescription(/Enter a number of working days from 2 to 30/);
			await page.getByLabel("New value").fill("7");
			await page.getByLabel("From").fill("2031-05-01");
			await page.getByRole("button", { name: "Save the change" }).click();
			await expect(page.getByText("The change is saved, from the day you gave.")).toBeVisible();
			await expect(page.getByRole("table", { name: "Answer deadline over time" })).toContainText("7 working days");
			await expect(page.getByTestId("setting-now")).toHaveText("In effect today: 10 working days.");
		});
	});
}
