//! The checker answered by the server, as it is when JavaScript is off.

use crate::helpers::spawn_app;

const COMPLETE: &str = "organisation_type=registered-charity&health_and_wellbeing=yes\
    &under_represented_communities=no&leadership_support_before=yes";

#[tokio::test]
async fn a_fresh_checker_shows_no_messages_and_no_verdict() {
    let app = spawn_app().await;

    let page = app.get_page("/eligibility").await;

    assert_eq!(page.status, 200);
    assert!(
        page.html
            .contains(r#"<label for="income">Annual income</label>"#)
    );
    assert!(page.html.contains("<legend>Type of organisation</legend>"));
    assert!(!page.html.contains("error-message"));
    assert!(!page.html.contains(r#"data-testid="eligibility-result""#));
    assert!(
        page.html
            .contains("Answer every question to see whether you are eligible.")
    );
}

#[tokio::test]
async fn submitted_answers_get_a_verdict_with_reasons() {
    let app = spawn_app().await;

    for (income, eligible, bursary) in [
        ("149999", true, true),
        ("150000", true, false),
        ("499999", true, false),
        ("500000", false, false),
    ] {
        let page = app
            .get_page(&format!("/eligibility?{COMPLETE}&income={income}"))
            .await;
        assert_eq!(page.status, 200);
        assert!(
            page.html.contains(&format!(
                r#"data-testid="eligibility-result" data-eligible="{eligible}" data-bursary="{bursary}""#
            )),
            "£{income}"
        );
    }
}

#[tokio::test]
async fn the_verdict_explains_the_cost_and_links_on_when_eligible() {
    let app = spawn_app().await;

    let page = app
        .get_page(&format!("/eligibility?{COMPLETE}&income=%C2%A3120%2C000"))
        .await;

    assert!(
        page.html
            .contains("Your annual income of £120,000 is under the £500,000 limit.")
    );
    assert!(page.html.contains("£800"));
    assert!(page.html.contains("not to Cascade"));
    assert!(
        page.html
            .contains(r#"<a class="button" href="/coaches">Find a coach</a>"#)
    );
}

#[tokio::test]
async fn a_bad_income_is_refused_next_to_the_field_keeping_the_other_answers() {
    let app = spawn_app().await;

    let page = app
        .get_page(&format!("/eligibility?{COMPLETE}&income=lots"))
        .await;

    assert!(page.html.contains(r#"id="income-error""#));
    assert!(
        page.html
            .contains("Enter annual income as an amount, like £120,000, 120k or 1.2m")
    );
    assert!(
        page.html
            .contains(r#"aria-invalid="true" aria-describedby="income-hint income-error""#)
    );
    assert!(page.html.contains(r#"value="lots""#));
    assert!(!page.html.contains(r#"data-testid="eligibility-result""#));
    // The radios keep what was chosen.
    assert!(page.html.contains(r#"value="registered-charity" checked"#));
}

#[tokio::test]
async fn an_empty_submission_asks_for_every_answer() {
    let app = spawn_app().await;

    let page = app.get_page("/eligibility?income=").await;

    assert_eq!(page.html.matches(r#"class="error-message""#).count(), 5);
    assert!(page.html.contains("Choose the type of organisation"));
    assert!(
        page.html
            .contains("Enter your organisation's annual income, like £120,000")
    );
}

#[tokio::test]
async fn unknown_and_malformed_parameters_are_ignored() {
    let app = spawn_app().await;

    let page = app
        .get_page(&format!(
            "/eligibility?{COMPLETE}&income=10k&utm_source=x&organisation_type=&%ZZ"
        ))
        .await;

    assert_eq!(page.status, 200);
}
