//! Prometheus metrics at `GET /metrics`, served on an address of their own
//! (`CASCADE_METRICS_ADDRESS`), never on the public one:
//!
//! - `cascade_http_request_duration_seconds`: a latency histogram by method, route (the route's
//!   pattern, as `/coaches/{slug}`, so that no one's link or search is a label) and status;
//! - `cascade_db_pool_*`: the database pool's connections in use, idle and at most;
//! - `cascade_directory_*`: the directory kept in memory (`app::coaches::cache`);
//! - `cascade_outbox_*`: emails waiting, failing, and how late the oldest due one is;
//! - `cascade_emails_sent_total`, `cascade_emails_failed_total`: the mail server's answers;
//! - `cascade_jobs_*`: seconds since the background work last ran, and requests past their
//!   answer deadline that it has not yet dealt with (its lag).

use app::state::AppState;
use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const LATENCY: &str = "cascade_http_request_duration_seconds";
/// From half a millisecond (a page from memory) to ten seconds (a request given up on).
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];
/// The database has this long to give the outbox and job figures; without it they are left out.
const DATABASE_DEADLINE: Duration = Duration::from_millis(800);

/// The process's recorder, installed once (tests start many servers in one process).
pub fn recorder() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new();
            let builder = builder
                .set_buckets_for_metric(Matcher::Full(LATENCY.to_string()), LATENCY_BUCKETS)
                .unwrap_or_else(|_| PrometheusBuilder::new());
            let recorder = builder.build_recorder();
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::warn!("another metrics recorder was installed first");
            }
            handle
        })
        .clone()
}

/// Times every request, by its route's pattern.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |path| path.as_str().to_string());
    let method = request.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!(LATENCY, "method" => method, "route" => route, "status" => status)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`, for the metrics address only.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(state)
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let handle = recorder();
    let pool = &state.pool;
    let size = pool.size();
    let idle = u32::try_from(pool.num_idle()).unwrap_or(u32::MAX);
    metrics::gauge!("cascade_db_pool_connections_in_use").set(f64::from(size.saturating_sub(idle)));
    metrics::gauge!("cascade_db_pool_connections_idle").set(f64::from(idle));
    metrics::gauge!("cascade_db_pool_connections_max")
        .set(f64::from(pool.options().get_max_connections()));
    let directory = &state.directory;
    metrics::gauge!("cascade_directory_pages_kept").set(directory.pages_kept() as f64);
    metrics::gauge!("cascade_directory_listening").set(if directory.is_listening() {
        1.0
    } else {
        0.0
    });
    if let Some(last_run) = app::interest::due::last_run() {
        metrics::gauge!("cascade_jobs_seconds_since_last_run")
            .set(last_run.elapsed().as_secs_f64());
    }
    let today = state.clock.today();
    match tokio::time::timeout(DATABASE_DEADLINE, from_the_database(pool, today)).await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => tracing::warn!(%error, "metrics: database figures left out"),
        Err(_) => tracing::warn!("metrics: database figures left out: no answer in time"),
    }
    handle.run_upkeep();
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle.render(),
    )
}

async fn from_the_database(
    pool: &sqlx::PgPool,
    today: chrono::NaiveDate,
) -> Result<(), sqlx::Error> {
    let (waiting, failing, late): (i64, i64, f64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE sent_at IS NULL),
                count(*) FILTER (WHERE sent_at IS NULL AND last_error IS NOT NULL),
                coalesce(extract(epoch FROM now() - min(next_attempt_at)
                    FILTER (WHERE sent_at IS NULL AND next_attempt_at <= now())), 0)::float8
         FROM outbox",
    )
    .fetch_one(pool)
    .await?;
    metrics::gauge!("cascade_outbox_waiting").set(waiting as f64);
    metrics::gauge!("cascade_outbox_failing").set(failing as f64);
    metrics::gauge!("cascade_outbox_oldest_due_seconds").set(late);
    let overdue: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM expressions_of_interest
         WHERE status = 'pending' AND answer_due_on < $1",
    )
    .bind(today)
    .fetch_one(pool)
    .await?;
    metrics::gauge!("cascade_jobs_overdue_requests").set(overdue as f64);
    Ok(())
}
