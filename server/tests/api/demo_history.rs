//! The demo history: eighteen months of requests, coaching and questionnaires, the same for the
//! same `now`, added once, and leaving the background worker nothing to do.

use crate::helpers::{TestApp, at, count, spawn_app};
use chrono::{DateTime, Utc};

/// Wednesday 10 February 2027, mid-morning in London.
const NOW: &str = "2027-02-10T10:30:00Z";

/// An app with demo coaches (Amara Okafor among them) and the history up to `now`.
async fn with_history(now: DateTime<Utc>) -> (TestApp, usize) {
    let app = spawn_app().await;
    app.clock.set(now);
    app.add_coaches(&app::coaches::demo::coaches(24, app::clock::uk_date(now)))
        .await;
    let added = app::reporting::demo::insert(&app.pool, now)
        .await
        .expect("the history");
    (app, added)
}

#[tokio::test]
async fn the_history_is_added_once() {
    let (app, added) = with_history(at(NOW)).await;
    assert!((400..=520).contains(&added), "{added} requests");
    assert_eq!(
        count(&app, "SELECT count(*) FROM leader_requests").await,
        added as i64
    );
    let rows = count(&app, "SELECT count(*) FROM expressions_of_interest").await;
    let again = app::reporting::demo::insert(&app.pool, at(NOW))
        .await
        .expect("again");
    assert_eq!(again, 0);
    assert_eq!(
        count(&app, "SELECT count(*) FROM leader_requests").await,
        added as i64
    );
    assert_eq!(
        count(&app, "SELECT count(*) FROM expressions_of_interest").await,
        rows
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
             WHERE c.slug = 'amara-okafor'"
        )
        .await,
        0,
        "the demo coach's requests are the demo's own"
    );
}

/// What the overview would count, month by month.
#[derive(Debug, PartialEq)]
struct Figures {
    requests_by_month: Vec<(String, i64)>,
    accepted_by_month: Vec<(String, i64)>,
    gse_sum: f64,
    current_leaders: Vec<(String, i32)>,
}

async fn figures(app: &TestApp) -> Figures {
    let by_month = |sql: &'static str| async move {
        sqlx::query_as::<_, (String, i64)>(sql)
            .fetch_all(&app.pool)
            .await
            .expect(sql)
    };
    Figures {
        requests_by_month: by_month(
            "SELECT to_char(created_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)
             FROM leader_requests GROUP BY month ORDER BY month",
        )
        .await,
        accepted_by_month: by_month(
            "SELECT to_char(created_at AT TIME ZONE 'Europe/London', 'YYYY-MM') AS month, count(*)
             FROM expressions_of_interest WHERE status = 'accepted' GROUP BY month ORDER BY month",
        )
        .await,
        gse_sum: sqlx::query_scalar(
            "SELECT coalesce(sum(general_self_efficacy), 0) FROM questionnaires",
        )
        .fetch_one(&app.pool)
        .await
        .expect("the sum"),
        current_leaders: sqlx::query_as("SELECT slug, current_leaders FROM coaches ORDER BY slug")
            .fetch_all(&app.pool)
            .await
            .expect("coaches"),
    }
}

#[tokio::test]
async fn the_same_now_gives_the_same_history() {
    let (one, _) = with_history(at(NOW)).await;
    let (two, _) = with_history(at(NOW)).await;
    let (first, second) = (figures(&one).await, figures(&two).await);
    // Eighteen months back from the 10th: the first and the last calendar months in part.
    let months = &first.requests_by_month;
    assert_eq!(months.len(), 19, "{first:?}");
    assert!(
        months[1..18].iter().all(|(_, n)| (17..=36).contains(n)),
        "{first:?}"
    );
    assert!(first.gse_sum > 0.0);
    assert!(
        (first.gse_sum - second.gse_sum).abs() < 1e-6,
        "{} and {}",
        first.gse_sum,
        second.gse_sum
    );
    assert_eq!(
        Figures {
            gse_sum: 0.0,
            ..first
        },
        Figures {
            gse_sum: 0.0,
            ..second
        }
    );
}

#[tokio::test]
async fn the_worker_finds_nothing_to_do_in_the_history() {
    // Winter and summer time, just after midnight (when expiries fall), and the real now.
    for now in [
        at(NOW),
        at("2027-07-01T08:15:00Z"),
        at("2026-03-30T00:20:00Z"),
        Utc::now(),
    ] {
        let (app, _) = with_history(now).await;
        let done = app::interest::due::run(&app.pool, &app.clock, "http://test", false)
            .await
            .expect("the worker runs");
        let emails: Vec<(String, String)> =
            sqlx::query_as("SELECT kind, subject FROM outbox ORDER BY created_at, seq")
                .fetch_all(&app.pool)
                .await
                .expect("the outbox");
        assert!(emails.is_empty(), "at {now}: {done:?} {emails:?}");
        assert_eq!(
            count(
                &app,
                "SELECT count(*) FROM coaches WHERE paused_at IS NOT NULL"
            )
            .await,
            0,
            "at {now}"
        );
    }
}

#[tokio::test]
async fn coaches_keep_within_capacity_and_most_leaders_answer_at_the_start() {
    let now = at(NOW);
    let (app, _) = with_history(now).await;
    let coaches: Vec<(String, i32, i32, i64)> = sqlx::query_as(
        "SELECT c.slug, c.current_leaders, c.capacity,
                (SELECT count(*) FROM engagements g WHERE g.coach_id = c.id AND g.status = 'active')
         FROM coaches c ORDER BY c.slug",
    )
    .fetch_all(&app.pool)
    .await
    .expect("coaches");
    let before = app::coaches::demo::coaches(24, app::clock::uk_date(now));
    for (slug, current, capacity, active) in &coaches {
        assert!(current <= capacity, "{slug}: {current} of {capacity}");
        let was = before
            .iter()
            .find(|c| &c.slug == slug)
            .expect("a demo coach")
            .current_leaders;
        assert_eq!(i64::from(current - was), *active, "{slug}");
    }
    assert!(
        coaches.iter().map(|c| c.3).sum::<i64>() > 0,
        "some coaching is open"
    );

    let (sent, answered): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(submitted_at) FROM questionnaires WHERE kind = 'leader_baseline'",
    )
    .fetch_one(&app.pool)
    .await
    .expect("baselines");
    let rate = answered as f64 / sent as f64;
    assert!((0.6..=0.9).contains(&rate), "{answered} of {sent}");
    assert_eq!(
        sent,
        count(&app, "SELECT count(*) FROM engagements").await,
        "a baseline for every coaching"
    );
    for (what, sql) in [
        (
            "no request waits for an answer",
            "SELECT count(*) FROM expressions_of_interest WHERE status = 'pending'",
        ),
        (
            "each closed coaching has its end questionnaires",
            "SELECT count(*) FROM engagements g WHERE g.closed_at IS NOT NULL
             AND (SELECT count(*) FROM questionnaires q WHERE q.engagement_id = g.id
                  AND q.kind IN ('leader_end', 'coach_end')) <> 2",
        ),
        (
            "open coaching has a session and started under eight months ago",
            "SELECT count(*) FROM engagements g WHERE g.status = 'active'
             AND (g.started_at <= timestamptz '2027-02-10T10:30:00Z' - interval '8 months'
                  OR NOT EXISTS (SELECT 1 FROM coaching_sessions s WHERE s.engagement_id = g.id))",
        ),
        (
            "sessions come between the start and the close",
            "SELECT count(*) FROM coaching_sessions s JOIN engagements g ON g.id = s.engagement_id
             WHERE s.held_on < (g.started_at AT TIME ZONE 'Europe/London')::date
                OR s.held_on > (coalesce(g.closed_at, '2027-02-10T10:30:00Z') AT TIME ZONE 'Europe/London')::date
                OR s.minutes NOT BETWEEN 45 AND 90",
        ),
        (
            "bursaries only for leaders the rules allow",
            "SELECT count(*) FROM expressions_of_interest
             WHERE funding_route = 'bursary' AND NOT bursary_eligible",
        ),
        (
            "every bursary still to decide is decided",
            "SELECT count(*) FROM expressions_of_interest
             WHERE funding_route = 'bursary' AND bursary_decision IS NULL
               AND status NOT IN ('declined', 'withdrawn')",
        ),
        (
            "a request passed on came from the one before it",
            "SELECT count(*) FROM expressions_of_interest e
             WHERE e.position = 2 AND NOT EXISTS (SELECT 1 FROM expressions_of_interest f
                 WHERE f.id = e.passed_on_from AND f.leader_request_id = e.leader_request_id
                   AND f.position = 1 AND f.status IN ('declined', 'expired'))",
        ),
    ] {
        assert_eq!(count(&app, sql).await, 0, "{what}");
    }
    // Leaders feel a little more able by the close; coaches mostly confident.
    let (start, close, coaches): (f64, f64, f64) = sqlx::query_as(
        "SELECT avg(general_self_efficacy) FILTER (WHERE kind = 'leader_baseline'),
                avg(general_self_efficacy) FILTER (WHERE kind = 'leader_end'),
                avg(coach_confidence) FILTER (WHERE kind = 'coach_end')
         FROM questionnaires",
    )
    .fetch_one(&app.pool)
    .await
    .expect("averages");
    assert!(
        start > 20.0 && close > start && close < start + 6.0,
        "{start} to {close}"
    );
    assert!((3.0..=4.7).contains(&coaches), "{coaches}");
    let approved: Vec<(i32, i64)> = sqlx::query_as(
        "SELECT p.year, (SELECT count(*) FROM expressions_of_interest e
                         WHERE e.bursary_decision = 'approved'
                           AND extract(year FROM e.bursary_decided_at AT TIME ZONE 'Europe/London') = p.year)
         FROM bursary_places p ORDER BY p.year",
    )
    .fetch_all(&app.pool)
    .await
    .expect("bursaries");
    assert_eq!(
        approved.iter().map(|(year, _)| *year).collect::<Vec<_>>(),
        [2025, 2026, 2027]
    );
    assert!(approved.iter().all(|(_, n)| *n <= 60), "{approved:?}");
}

#[tokio::test]
async fn the_demo_requests_play_out_as_before_after_the_history() {
    // As `cascade seed` does it: every demo coach, the history, then the demo accounts.
    let now = Utc::now();
    let app = spawn_app().await;
    app.clock.set(now);
    app.add_coaches(&app::coaches::demo::coaches(
        app::coaches::demo::DEMO_COACHES,
        app::clock::uk_date(now),
    ))
    .await;
    let added = app::reporting::demo::insert(&app.pool, now)
        .await
        .expect("the history");
    assert!(added > 0);
    app::accounts::demo::insert(&app.pool, "http://test", false, now)
        .await
        .expect("the demo accounts and requests");
    let waiting: Vec<String> = sqlx::query_scalar(
        "SELECT e.leader_name FROM expressions_of_interest e JOIN coaches c ON c.id = e.coach_id
         WHERE c.slug = 'amara-okafor' AND e.status = 'pending' ORDER BY e.created_at",
    )
    .fetch_all(&app.pool)
    .await
    .expect("Amara's requests");
    assert_eq!(waiting, ["Rosa Delgado", "Tom Whitlock"]);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM coaches WHERE paused_at IS NOT NULL"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM outbox WHERE to_address LIKE '%@history.example.org'
             OR kind IN ('questionnaire', 'questionnaire_reminder', 'availability_paused')"
        )
        .await,
        0
    );
}
