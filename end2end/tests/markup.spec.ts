import { expect, test } from "@playwright/test";
import { query, uniqueEmail } from "./db";

/** Closes the title, adds an element, and would send the page elsewhere a second later. */
const NAME = "Lee</title><h1 id=injected>x</h1><meta http-equiv=refresh content=1;url=/privacy>";

test("a leader's name stays text in the title of the coach's engagement page", async ({ page }) => {
	// A request from a leader with markup in their name, accepted by the demo coach: stored
	// directly, so that the demo coach's places stay free for the other tests.
	const email = uniqueEmail("markup");
	const [{ id }] = await query<{ id: string }>(
		`WITH coach AS (SELECT id FROM coaches WHERE slug = 'amara-okafor'),
		 request AS (
		   INSERT INTO expressions_of_interest (
		     reference, submission_id, coach_id, status, leader_name, email, role, organisation_name,
		     organisation_type, works_in_health_and_wellbeing, annual_income_pence,
		     works_with_under_represented_communities, region, postcode, goals, funding_route,
		     had_leadership_support_before, bursary_eligible, consented_at)
		   SELECT 'CL-2026-' || lpad(nextval('expression_of_interest_number')::text, 6, '0'),
		     gen_random_uuid(), coach.id, 'accepted', $1, $2, 'Director', 'Hollowmere Carers',
		     'registered-charity', true, 9000000, false, 'wales', 'CF10 1EP',
		     'I would like to think about our strategy.', 'organisation', true, true, now()
		   FROM coach RETURNING id, coach_id)
		 INSERT INTO engagements (expression_of_interest_id, coach_id)
		 SELECT id, coach_id FROM request RETURNING id`,
		[NAME, email],
	);

	await page.goto("/sign-in");
	await page.getByLabel("Email address").fill("coach@example.org");
	await page.getByLabel("Password").fill("cascade-demo");
	await page.getByRole("button", { name: "Sign in" }).click();
	await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
	await page.goto(`/me/engagements/${id}`);

	await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Coaching ${NAME}`);
	expect(await page.title()).toBe(`Coaching ${NAME} – Cascade`);
	await expect(page.locator("#injected")).toHaveCount(0);
	await expect(page.locator("meta[http-equiv]")).toHaveCount(0);
	// The refresh, had it been markup, would have left by now.
	await page.waitForTimeout(1_500);
	expect(new URL(page.url()).pathname).toBe(`/me/engagements/${id}`);
});
