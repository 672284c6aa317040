//! Readiness's SQL: training, supervisors, supervision sessions and caseloads.

use super::{
    CoachReadiness, CurrentLeader, ReadinessRow, Supervisee, Supervision, SupervisionFormat,
    Training, supervision_lapses_on,
};
use crate::access::Account;
use crate::audit;
use crate::coaches::draft::CoachStatus;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// The UK date a coach's profile was first made (or, for one made before Cascade recorded
/// supervision, the day it began to), their last supervision and their latest training, per
/// coach (the inputs of [`supervision_lapses_on`]).
const DATES: &str = "greatest((c.created_at AT TIME ZONE 'Europe/London')::date,
         c.supervision_counted_from) AS made_on,
     (SELECT max(s.held_on) FROM supervision_sessions s WHERE s.coach_id = c.id) AS last_supervision,
     (SELECT max(t.completed_on) FROM coach_training t WHERE t.coach_id = c.id) AS trained_on";

/// Whether the coach has training recorded (a profile is published only then).
pub async fn is_trained(tx: &mut PgConnection, coach_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM coach_training WHERE coach_id = $1)")
        .bind(coach_id)
        .fetch_one(&mut *tx)
        .await
}

/// Every coach who has not closed their account, by name.
/// `lapse_months`: the supervision period in effect.
pub async fn list(pool: &PgPool, lapse_months: u32) -> Result<Vec<ReadinessRow>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        name: String,
        status: CoachStatus,
        accepting: bool,
        supervisor: Option<String>,
        made_on: NaiveDate,
        last_supervision: Option<NaiveDate>,
        trained_on: Option<NaiveDate>,
    }
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT c.id, c.name, c.status, c.accepting_new_leaders AS accepting,
                sup.name AS supervisor, {DATES}
         FROM coaches c LEFT JOIN accounts sup ON sup.id = c.supervisor_account_id
         WHERE c.status <> 'closed'
         ORDER BY lower(c.name)"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ReadinessRow {
            coach_id: r.id,
            name: r.name,
            status: r.status,
            trained_on: r.trained_on,
            supervisor: r.supervisor,
            last_supervision: r.last_supervision,
            lapses_on: supervision_lapses_on(
                r.last_supervision,
                r.trained_on,
                r.made_on,
                lapse_months,
            ),
            accepting: r.accepting,
        })
        .collect())
}

async fn training(pool: &PgPool, coach_id: Uuid) -> Result<Vec<Training>, sqlx::Error> {
    let rows: Vec<(NaiveDate, String, String)> = sqlx::query_as(
        "SELECT completed_on, cohort, trainer FROM coach_training
         WHERE coach_id = $1 ORDER BY completed_on DESC, recorded_at DESC",
    )
    .bind(coach_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(completed_on, cohort, trainer)| Training {
            completed_on,
            cohort,
            trainer,
        })
        .collect())
}

async fn supervision(pool: &PgPool, coach_id: Uuid) -> Result<Vec<Supervision>, sqlx::Error> {
    let rows: Vec<(NaiveDate, SupervisionFormat, String)> = sqlx::query_as(
        "SELECT held_on, format, supervisor FROM supervision_sessions
         WHERE coach_id = $1 ORDER BY held_on DESC, recorded_at DESC",
    )
    .bind(coach_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(held_on, format, supervisor)| Supervision {
            held_on,
            format,
            supervisor,
        })
        .collect())
}

/// One coach's readiness, and who could supervise them.
pub async fn coach(
    pool: &PgPool,
    coach_id: Uuid,
    lapse_months: u32,
) -> Result<Option<CoachReadiness>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        name: String,
        status: CoachStatus,
        supervisor_id: Option<Uuid>,
        supervisor_name: Option<String>,
        paused_for_supervision: bool,
        made_on: NaiveDate,
        last_supervision: Option<NaiveDate>,
        trained_on: Option<NaiveDate>,
    }
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT c.name, c.status, sup.id AS supervisor_id, sup.name AS supervisor_name,
                coalesce(c.paused_reason = 'supervision_lapsed' AND NOT c.accepting_new_leaders, false)
                    AS paused_for_supervision,
                {DATES}
         FROM coaches c LEFT JOIN accounts sup ON sup.id = c.supervisor_account_id
         WHERE c.id = $1 AND c.status <> 'closed'"
    ))
    .bind(coach_id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let possible_supervisors: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT a.id, a.name || ' (' || CASE WHEN a.staff THEN 'staff' ELSE 'coach' END || ', '
                || a.email || ')'
         FROM accounts a
         WHERE (a.staff OR a.coach) AND a.disabled_at IS NULL AND a.password_hash IS NOT NULL
           AND a.coach_id IS DISTINCT FROM $1
         ORDER BY lower(a.name), lower(a.email)",
    )
    .bind(coach_id)
    .fetch_all(pool)
    .await?;
    Ok(Some(CoachReadiness {
        coach_id,
        name: row.name,
        status: row.status,
        training: training(pool, coach_id).await?,
        supervisor: row.supervisor_id.zip(row.supervisor_name),
        supervision: supervision(pool, coach_id).await?,
        lapses_on: supervision_lapses_on(
            row.last_supervision,
            row.trained_on,
            row.made_on,
            lapse_months,
        ),
        paused_for_supervision: row.paused_for_supervision,
        possible_supervisors,
    }))
}

/// Records a coach's training, audited. `false` if the coach has closed their account or does
/// not exist.
pub async fn record_training(
    pool: &PgPool,
    actor: &Account,
    coach_id: Uuid,
    training: &Training,
    submission_id: Option<Uuid>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    if let Some(submission_id) = submission_id {
        let recorded_already: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM coach_training WHERE submission_id = $1 AND coach_id = $2)",
        )
        .bind(submission_id)
        .bind(coach_id)
        .fetch_one(&mut *tx)
        .await?;
        if recorded_already {
            return Ok(true);
        }
    }
    let recorded = sqlx::query(
        "INSERT INTO coach_training (coach_id, completed_on, cohort, trainer, recorded_by, submission_id)
         SELECT id, $2, $3, $4, $5, $6 FROM coaches WHERE id = $1 AND status <> 'closed'
         ON CONFLICT (submission_id) DO NOTHING",
    )
    .bind(coach_id)
    .bind(training.completed_on)
    .bind(&training.cohort)
    .bind(&training.trainer)
    .bind(actor.id)
    .bind(submission_id)
    .execute(&mut *tx)
    .await?;
    if recorded.rows_affected() != 1 {
        return Ok(false);
    }
    audit::record(
        &mut tx,
        actor,
        "record training",
        audit::Subject::Coach(coach_id),
        None,
        Some(json!({ "completed_on": training.completed_on, "cohort": training.cohort })),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Gives a coach a supervisor (or none), audited. `false` if the coach or the supervisor is
/// not one that may be chosen.
pub async fn set_supervisor(
    pool: &PgPool,
    actor: &Account,
    coach_id: Uuid,
    supervisor: Option<Uuid>,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let before: Option<Option<Uuid>> = sqlx::query_scalar(
        "SELECT supervisor_account_id FROM coaches WHERE id = $1 AND status <> 'closed' FOR UPDATE",
    )
    .bind(coach_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(before) = before else {
        return Ok(false);
    };
    if let Some(supervisor) = supervisor {
        let may: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = $1 AND (staff OR coach)
                 AND disabled_at IS NULL AND coach_id IS DISTINCT FROM $2)",
        )
        .bind(supervisor)
        .bind(coach_id)
        .fetch_one(&mut *tx)
        .await?;
        if !may {
            return Ok(false);
        }
    }
    sqlx::query("UPDATE coaches SET supervisor_account_id = $2 WHERE id = $1")
        .bind(coach_id)
        .bind(supervisor)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        "set supervisor",
        audit::Subject::Coach(coach_id),
        Some(json!({ "supervisor_account": before })),
        Some(json!({ "supervisor_account": supervisor })),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Who may record a coach's supervision: staff, or the coach's own supervisor.
pub async fn may_record_supervision(
    pool: &PgPool,
    caller: &Account,
    coach_id: Uuid,
) -> Result<bool, sqlx::Error> {
    if caller.staff {
        return Ok(true);
    }
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM coaches WHERE id = $1 AND supervisor_account_id = $2
             AND status <> 'closed')",
    )
    .bind(coach_id)
    .bind(caller.id)
    .fetch_one(pool)
    .await
}

/// What recording a supervision session did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    Recorded,
    /// The same form, sent again: recorded once already.
    AlreadyRecorded,
    NoSuchCoach,
}

/// Records a supervision session, audited; a coach paused because supervision lapsed may
/// accept again (they choose to, on their page: nothing changes for them here).
pub async fn record_supervision(
    pool: &PgPool,
    actor: &Account,
    coach_id: Uuid,
    session: &Supervision,
    submission_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Recorded, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO supervision_sessions
             (coach_id, held_on, format, supervisor, recorded_by, recorded_at, submission_id)
         SELECT id, $2, $3, $4, $5, $6, $7 FROM coaches WHERE id = $1 AND status <> 'closed'
         ON CONFLICT (submission_id) DO NOTHING",
    )
    .bind(coach_id)
    .bind(session.held_on)
    .bind(session.format)
    .bind(&session.supervisor)
    .bind(actor.id)
    .bind(now)
    .bind(submission_id)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM coaches WHERE id = $1)")
                .bind(coach_id)
                .fetch_one(&mut *tx)
                .await?;
        return Ok(if exists {
            Recorded::AlreadyRecorded
        } else {
            Recorded::NoSuchCoach
        });
    }
    audit::record(
        &mut tx,
        actor,
        "record supervision",
        audit::Subject::Coach(coach_id),
        None,
        Some(json!({ "held_on": session.held_on, "format": session.format })),
    )
    .await?;
    tx.commit().await?;
    Ok(Recorded::Recorded)
}

/// Whether the coach's supervision has lapsed on `today`, after `lapse_months` (they may not
/// accept new leaders).
pub async fn supervision_lapsed(
    executor: impl sqlx::PgExecutor<'_>,
    coach_id: Uuid,
    today: NaiveDate,
    lapse_months: u32,
) -> Result<bool, sqlx::Error> {
    let dates: Option<(NaiveDate, Option<NaiveDate>, Option<NaiveDate>)> =
        sqlx::query_as(&format!("SELECT {DATES} FROM coaches c WHERE c.id = $1"))
            .bind(coach_id)
            .fetch_optional(executor)
            .await?;
    Ok(dates.is_some_and(|(made_on, last, trained)| {
        today >= supervision_lapses_on(last, trained, made_on, lapse_months)
    }))
}

/// The SQL condition, on `coaches c`, for a coach whose supervision has lapsed on `$3` (a UK
/// date from the one clock) after `$2` months: for the due work.
pub const LAPSED: &str = "$3::date >= (greatest(
        (SELECT max(s.held_on) FROM supervision_sessions s WHERE s.coach_id = c.id),
        (SELECT max(t.completed_on) FROM coach_training t WHERE t.coach_id = c.id),
        (c.created_at AT TIME ZONE 'Europe/London')::date,
        c.supervision_counted_from
    ) + make_interval(months => $2))::date";

/// The coaches `supervisor` supervises, with each one's current leaders, recent coaching and
/// supervision.
pub async fn caseload(
    pool: &PgPool,
    supervisor: Uuid,
    today: NaiveDate,
    lapse_months: u32,
) -> Result<Vec<Supervisee>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: Uuid,
        name: String,
        accepting: bool,
        made_on: NaiveDate,
        last_supervision: Option<NaiveDate>,
        trained_on: Option<NaiveDate>,
    }
    let coaches: Vec<Row> = sqlx::query_as(&format!(
        "SELECT c.id, c.name, c.accepting_new_leaders AS accepting, {DATES}
         FROM coaches c WHERE c.supervisor_account_id = $1 AND c.status <> 'closed'
         ORDER BY lower(c.name)"
    ))
    .bind(supervisor)
    .fetch_all(pool)
    .await?;
    let first_month = today
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(5)))
        .unwrap_or(today);
    let mut caseload = Vec::with_capacity(coaches.len());
    for coach in coaches {
        let leaders: Vec<(String, String, DateTime<Utc>, i64)> = sqlx::query_as(
            "SELECT e.leader_name, e.organisation_name, g.started_at,
                    (SELECT count(*) FROM coaching_sessions s WHERE s.engagement_id = g.id)
             FROM engagements g JOIN expressions_of_interest e ON e.id = g.expression_of_interest_id
             WHERE g.coach_id = $1 AND g.status = 'active'
             ORDER BY g.started_at",
        )
        .bind(coach.id)
        .fetch_all(pool)
        .await?;
        let held: Vec<(NaiveDate, i64)> = sqlx::query_as(
            "SELECT date_trunc('month', s.held_on)::date, count(*)
             FROM coaching_sessions s JOIN engagements g ON g.id = s.engagement_id
             WHERE g.coach_id = $1 AND s.held_on >= $2
             GROUP BY 1",
        )
        .bind(coach.id)
        .bind(first_month)
        .fetch_all(pool)
        .await?;
        let sessions_by_month = (0..6)
            .filter_map(|i| first_month.checked_add_months(Months::new(i)))
            .map(|month| {
                let count = held
                    .iter()
                    .find(|(m, _)| *m == month)
                    .map_or(0, |(_, n)| *n);
                (month, count)
            })
            .collect();
        caseload.push(Supervisee {
            coach_id: coach.id,
            name: coach.name,
            accepting: coach.accepting,
            current_leaders: leaders
                .into_iter()
                .map(
                    |(leader_name, organisation_name, started, sessions)| CurrentLeader {
                        leader_name,
                        organisation_name,
                        started_on: crate::clock::uk_date(started),
                        sessions,
                    },
                )
                .collect(),
            sessions_by_month,
            supervision: supervision(pool, coach.id).await?,
            lapses_on: supervision_lapses_on(
                coach.last_supervision,
                coach.trained_on,
                coach.made_on,
                lapse_months,
            ),
        });
    }
    Ok(caseload)
}

/// Whether `account` supervises anyone (for a link to their caseload).
pub async fn supervises(pool: &PgPool, account: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM coaches WHERE supervisor_account_id = $1 AND status <> 'closed')",
    )
    .bind(account)
    .fetch_one(pool)
    .await
}
