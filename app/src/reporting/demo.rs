//! Demo history: eighteen months of the programme as it might have run, so that the take-up
//! overview and the evidence of impact have something to show on a fresh `make run`. Leaders ask
//! the demo coaches (all but Amara Okafor, whose requests `interest::demo` plays out on the real
//! rules), coaches answer, coaching runs its course and questionnaires come back at the rates
//! such programmes see.
//!
//! Made up, but never leaving the background worker anything to do: no request waits for an
//! answer, coaching still open started recently, has a session and a coach with a place for it,
//! every questionnaire due was sent (and reminded when a week passed), and no coach's answers
//! end in two expiries, which would pause them. The same `now` and the same coaches give the
//! same history: a seeded generator of our own, and every date counted back from `now`.

use crate::calendar::{Nation, working_days_after};
use crate::clock::{uk_date, uk_time};
use crate::eligibility::OrganisationType;
use crate::eligibility::rules::{EligibilityQuestions, assess};
use crate::interest::due::{Deadline, holidays};
use crate::interest::form::FundingRoute;
use crate::interest::{BursaryDecision, EngagementStatus, RequestStatus};
use crate::money::Money;
use crate::outcomes::measures::{
    self, Answers, GSE_ITEMS, Item, Measure, ONS_LONELY_ITEM, ONS4_ITEMS, OffTheScale,
    PROGRAMME_ITEMS, UCLA_ITEMS,
};
use crate::outcomes::{CoachGain, FOLLOW_UP_MONTHS, QuestionnaireKind, REMINDER_AFTER_DAYS};
use crate::vocabulary::{Community, Region};
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc, Weekday};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder};
use std::collections::BTreeSet;
use uuid::Uuid;

/// Every history leader's email address is at this domain: how a second run knows it was done.
pub const EMAIL_DOMAIN: &str = "history.example.org";
/// The demo coach whose own requests the demo shows as they happen (`accounts::demo`): their
/// page should show those, not a history.
const DEMO_COACH_SLUG: &str = "amara-okafor";
/// How far back the history goes.
const MONTHS_OF_HISTORY: u32 = 18;
/// Bursaries staff may approve in each year the history covers.
const BURSARY_PLACES: i32 = 60;
/// Coaching still open now started no longer ago than this: the worker flags it at eight.
const OPEN_AT_MOST_MONTHS: u32 = 7;
const SEED: u64 = 0x0CA5_CADE_2026_0010;

/// Adds the history up to `now`, in one transaction, unless it was added before: how many
/// leader requests it added (0 when it had been, or when there is no coach to ask).
pub async fn insert(pool: &PgPool, now: DateTime<Utc>) -> Result<usize, String> {
    let mut tx = pool.begin().await.map_err(|e| e.to_string())?;
    let added = add(&mut tx, now).await?;
    crate::readiness::demo::supervise(&mut tx, crate::clock::uk_date(now))
        .await
        .map_err(|e| format!("could not add the demo supervision: {e}"))?;
    crate::fees::demo::insert(&mut tx, now, EMAIL_DOMAIN)
        .await
        .map_err(|e| format!("could not add the demo ledger: {e}"))?;
    crate::feedback::demo::insert(&mut tx, now, EMAIL_DOMAIN)
        .await
        .map_err(|e| format!("could not add the demo feedback: {e}"))?;
    crate::cascade::demo::insert(&mut tx)
        .await
        .map_err(|e| format!("could not add the demo cascade: {e}"))?;
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(added)
}

async fn add(tx: &mut PgConnection, now: DateTime<Utc>) -> Result<usize, String> {
    let failed = |e: sqlx::Error| format!("could not add the demo history: {e}");
    // Locked first, so that a second run waits for this one and then sees its leaders.
    let coaches: Vec<CoachRow> = sqlx::query_as(
        "SELECT id, region, capacity, current_leaders, accepting_new_leaders FROM coaches
         WHERE status = 'published' AND slug <> $1 ORDER BY slug FOR UPDATE",
    )
    .bind(DEMO_COACH_SLUG)
    .fetch_all(&mut *tx)
    .await
    .map_err(failed)?;
    let done: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM expressions_of_interest WHERE email LIKE '%@' || $1)",
    )
    .bind(EMAIL_DOMAIN)
    .fetch_one(&mut *tx)
    .await
    .map_err(failed)?;
    if done || coaches.is_empty() {
        return Ok(0);
    }
    let holidays = Holidays {
        england_and_wales: holidays(&mut *tx, Nation::EnglandAndWales)
            .await
            .map_err(failed)?,
        scotland: holidays(&mut *tx, Nation::Scotland).await.map_err(failed)?,
        northern_ireland: holidays(&mut *tx, Nation::NorthernIreland)
            .await
            .map_err(failed)?,
    };
    let coaches: Vec<Coach> = coaches.into_iter().map(Coach::from).collect();
    let history = History::made_up(now, &coaches, &holidays)
        .map_err(|e| format!("could not make up the demo history: {e}"))?;
    history.store(tx, &coaches, now).await.map_err(failed)?;
    Ok(history.requests.len())
}

#[derive(sqlx::FromRow)]
struct CoachRow {
    id: Uuid,
    region: Region,
    capacity: i32,
    current_leaders: i32,
    accepting_new_leaders: bool,
}

struct Coach {
    id: Uuid,
    region: Region,
    /// Places coaching still open may take. A coach accepting new leaders keeps one free, so
    /// that the directory still has coaches to ask.
    places: i32,
}

impl From<CoachRow> for Coach {
    fn from(row: CoachRow) -> Coach {
        let free = row.capacity - row.current_leaders;
        let kept = i32::from(row.accepting_new_leaders && free > 0);
        Coach {
            id: row.id,
            region: row.region,
            places: (free - kept).max(0),
        }
    }
}

struct Holidays {
    england_and_wales: BTreeSet<NaiveDate>,
    scotland: BTreeSet<NaiveDate>,
    northern_ireland: BTreeSet<NaiveDate>,
}

impl Holidays {
    fn of(&self, region: Region) -> &BTreeSet<NaiveDate> {
        match Nation::of(region) {
            Nation::EnglandAndWales => &self.england_and_wales,
            Nation::Scotland => &self.scotland,
            Nation::NorthernIreland => &self.northern_ireland,
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): small and plenty for made-up data, and ours, so
/// the history stays the same whatever a crate changes.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// From 0 up to (not including) 1.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// From 0 up to (not including) `n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    /// From `low` to `high`, both included.
    fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            low
        } else {
            low + (self.next() % (high - low + 1) as u64) as i64
        }
    }

    fn one_of<T: Copy, const N: usize>(&mut self, items: &[T; N]) -> T {
        items[self.below(N)]
    }

    fn weighted<T: Copy, const N: usize>(&mut self, items: &[(T, u32); N]) -> T {
        let total: u32 = items.iter().map(|(_, weight)| weight).sum();
        let mut roll = self.below(total as usize) as u32;
        for &(item, weight) in items {
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        items[0].0
    }

    /// An integer near `value`, up or down at random so that the mean stays `value`.
    fn round(&mut self, value: f64) -> i64 {
        (value + self.unit()).floor() as i64
    }
}

fn minutes(n: i64) -> TimeDelta {
    TimeDelta::minutes(n)
}

fn later(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(days.max(0) as u64))
        .unwrap_or(date)
}

/// Sessions are on weekdays: a weekend moves to the Monday.
fn weekday_from(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => later(date, 2),
        Weekday::Sun => later(date, 1),
        _ => date,
    }
}

/// A moment between `from` and `to`, the fraction `share` of the way.
fn part_way(from: DateTime<Utc>, to: DateTime<Utc>, share: f64) -> DateTime<Utc> {
    let seconds = (to - from).num_seconds().max(0) as f64 * share;
    from + TimeDelta::seconds(seconds as i64)
}

/// One leader's request as a whole: who they are, and each coach asked in turn.
struct Request {
    id: Uuid,
    leader: Leader,
    pass_on_consented: bool,
    withdrawal: Option<(DateTime<Utc>, Option<&'static str>)>,
    asks: Vec<Ask>,
}

impl Request {
    fn created_at(&self) -> DateTime<Utc> {
        self.asks
            .first()
            .map(|ask| ask.created_at)
            .unwrap_or_default()
    }

    /// When nobody was considering or coaching the leader any more.
    fn ended_at(&self) -> Option<DateTime<Utc>> {
        if let Some((at, _)) = self.withdrawal {
            return Some(at);
        }
        let last = self.asks.last()?;
        match &last.coaching {
            Some(coaching) => coaching.closed_at,
            None => Some(last.responded_at),
        }
    }

    /// The coaches already asked, apart from ask `except`.
    fn coaches_asked(&self, except: usize) -> Vec<usize> {
        self.asks
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != except)
            .filter_map(|(_, ask)| ask.coach)
            .collect()
    }
}

struct Leader {
    name: String,
    email: String,
    phone: Option<String>,
    role: &'static str,
    organisation_name: String,
    organisation_type: OrganisationType,
    registration_number: Option<String>,
    annual_income_pence: i64,
    works_with_under_represented_communities: bool,
    region: Region,
    postcode: String,
    communities_served: Vec<Community>,
    goals: String,
    funding_route: FundingRoute,
    had_leadership_support_before: bool,
    bursary_eligible: bool,
}

/// One coach asked.
struct Ask {
    id: Uuid,
    /// Index into the coaches; chosen once every request is known.
    coach: Option<usize>,
    created_at: DateTime<Utc>,
    deadline: Deadline,
    status: RequestStatus,
    responded_at: DateTime<Utc>,
    message: Option<&'static str>,
    bursary: Option<(BursaryDecision, DateTime<Utc>)>,
    coaching: Option<Coaching>,
}

struct Coaching {
    id: Uuid,
    status: EngagementStatus,
    started_at: DateTime<Utc>,
    sessions: Vec<(NaiveDate, i32)>,
    closed_at: Option<DateTime<Utc>>,
}

struct Questionnaire {
    engagement_id: Uuid,
    kind: QuestionnaireKind,
    sent_at: DateTime<Utc>,
    reminded_at: Option<DateTime<Utc>>,
    answers: Answers,
    parts_saved: Vec<i16>,
    updated_at: Option<DateTime<Utc>>,
    submitted_at: Option<DateTime<Utc>>,
    coach: Option<CoachAnswers>,
}

struct CoachAnswers {
    hours_given: f64,
    gains: Vec<CoachGain>,
    in_own_words: Option<&'static str>,
}

struct History {
    requests: Vec<Request>,
    questionnaires: Vec<Questionnaire>,
    /// The UK years the history covers, for their bursary places.
    years: Vec<i32>,
}

impl History {
    fn made_up(
        now: DateTime<Utc>,
        coaches: &[Coach],
        holidays: &Holidays,
    ) -> Result<History, OffTheScale> {
        let mut dice = Dice(SEED);
        let today = uk_date(now);
        let first_day = today
            .checked_sub_months(Months::new(MONTHS_OF_HISTORY))
            .unwrap_or(today);
        // A request from the last day would still be waiting for its coach.
        let latest = now - TimeDelta::days(1);
        let mut requests = Vec::new();
        // Calendar months, as the overview counts them: the first and the last only in part.
        let first_month = first_day.with_day(1).unwrap_or(first_day);
        for month in 0..=MONTHS_OF_HISTORY {
            let month_starts = first_month
                .checked_add_months(Months::new(month))
                .unwrap_or(first_month);
            let month_ends = first_month
                .checked_add_months(Months::new(month + 1))
                .unwrap_or(month_starts);
            let starts = month_starts.max(first_day);
            let ends = month_ends.min(later(uk_date(latest), 1));
            let days = (ends - starts).num_days();
            if days <= 0 {
                continue;
            }
            // Word spreads: a few more each month.
            let full_month = 19.0
                + 11.0 * f64::from(month) / f64::from(MONTHS_OF_HISTORY)
                + dice.between(-2, 2) as f64;
            let share = days as f64 / (month_ends - month_starts).num_days().max(1) as f64;
            let count = dice.round(full_month * share);
            let mut times: Vec<DateTime<Utc>> = (0..count)
                .map(|_| {
                    let mut day = later(starts, dice.between(0, days - 1));
                    if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && dice.chance(0.6) {
                        day = later(starts, dice.between(0, days - 1));
                    }
                    let hour = if dice.chance(0.15) {
                        dice.between(18, 22)
                    } else {
                        dice.between(8, 17)
                    };
                    let at = uk_time(day, hour as u32) + minutes(dice.between(0, 59));
                    if at > latest {
                        latest - minutes(dice.between(0, 300))
                    } else {
                        at
                    }
                })
                .collect();
            times.sort_unstable();
            for created_at in times {
                let n = requests.len() + 1;
                requests.push(request(
                    &mut dice,
                    n,
                    created_at,
                    now,
                    holidays,
                    coaches.len() > 1,
                ));
            }
        }
        assign_coaches(&mut dice, &mut requests, coaches, now);
        decide_bursaries(&mut dice, &mut requests, now);
        let mut questionnaires = Vec::new();
        for request in &mut requests {
            for ask in &mut request.asks {
                if let Some(coaching) = &mut ask.coaching {
                    away_from_the_follow_up(coaching, now);
                    questionnaires.extend(questionnaires_of(&mut dice, coaching, now)?);
                }
            }
        }
        let first_year = requests
            .first()
            .map(|r| uk_date(r.created_at()).year())
            .unwrap_or(today.year());
        let years = (first_year..=today.year())
            .filter(|y| (2020..=2100).contains(y))
            .collect();
        Ok(History {
            requests,
            questionnaires,
            years,
        })
    }

    async fn store(
        &self,
        tx: &mut PgConnection,
        coaches: &[Coach],
        now: DateTime<Utc>,
    ) -> Result<(), sqlx::Error> {
        let coach_id = |coach: Option<usize>| {
            coach
                .and_then(|c| coaches.get(c))
                .map(|c| c.id)
                .unwrap_or_default()
        };
        for chunk in self.requests.chunks(1000) {
            let mut sql = QueryBuilder::<Postgres>::new(
                "INSERT INTO leader_requests (id, token_hash, created_at, ended_at, withdrawn_at, \
                 withdrawal_reason, pass_on_consented) ",
            );
            sql.push_values(chunk, |mut row, request| {
                // Nobody holds a token for these pages: a random hash opens nothing.
                row.push_bind(request.id)
                    .push("sha256(uuid_send(gen_random_uuid()))")
                    .push_bind(request.created_at())
                    .push_bind(request.ended_at())
                    .push_bind(request.withdrawal.map(|(at, _)| at))
                    .push_bind(request.withdrawal.and_then(|(_, why)| why))
                    .push_bind(request.pass_on_consented);
            });
            sql.build().execute(&mut *tx).await?;
        }

        // References are numbered in the order the requests were made, as they would have been.
        let mut asks: Vec<(&Request, usize, &Ask)> = self
            .requests
            .iter()
            .flat_map(|r| r.asks.iter().enumerate().map(move |(i, a)| (r, i, a)))
            .collect();
        asks.sort_by_key(|(_, _, ask)| ask.created_at);
        let mut numbers: Vec<i64> = sqlx::query_scalar(
            "SELECT nextval('expression_of_interest_number') FROM generate_series(1, $1)",
        )
        .bind(i64::try_from(asks.len()).unwrap_or(0))
        .fetch_all(&mut *tx)
        .await?;
        numbers.sort_unstable();
        let columns = "INSERT INTO expressions_of_interest (id, reference, submission_id, \
             coach_id, status, leader_name, email, phone, role, organisation_name, \
             organisation_type, registration_number, works_in_health_and_wellbeing, \
             annual_income_pence, works_with_under_represented_communities, region, postcode, \
             communities_served_sealed, goals, funding_route, had_leadership_support_before, \
             bursary_eligible, consented_at, created_at, updated_at, responded_at, \
             response_message, bursary_decision, bursary_decided_at, leader_request_id, position, \
             answer_due_on, first_reminder_on, last_reminder_on, first_reminder_at, \
             last_reminder_at, passed_on_from) ";
        let numbered: Vec<(String, &Request, usize, &Ask)> = asks
            .iter()
            .zip(&numbers)
            .map(|((request, i, ask), number)| {
                let year = uk_date(ask.created_at).year();
                (format!("CL-{year}-{number:06}"), *request, *i, *ask)
            })
            .collect();
        for chunk in numbered.chunks(400) {
            let mut sql = QueryBuilder::<Postgres>::new(columns);
            let sealed = chunk
                .iter()
                .map(|(_, request, _, _)| {
                    let slugs: Vec<&str> = request
                        .leader
                        .communities_served
                        .iter()
                        .map(|c| c.slug())
                        .collect();
                    crate::special_category::seal(
                        crate::special_category::SealedField::CommunitiesServed,
                        &slugs,
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            sql.push_values(
                chunk.iter().zip(sealed),
                |mut row, ((reference, request, i, ask), sealed)| {
                    let leader = &request.leader;
                    let answered_on = uk_date(ask.responded_at);
                    // The worker sends each reminder the morning it falls due.
                    let reminded = |on: NaiveDate| {
                        (ask.status != RequestStatus::Withdrawn && on <= answered_on)
                            .then(|| uk_time(on, 7))
                            .filter(|at| *at <= ask.responded_at)
                    };
                    let updated_at = ask
                        .bursary
                        .map(|(_, at)| at.max(ask.responded_at))
                        .unwrap_or(ask.responded_at);
                    row.push_bind(ask.id)
                        .push_bind(reference.as_str())
                        .push("gen_random_uuid()")
                        .push_bind(coach_id(ask.coach))
                        .push_bind(ask.status)
                        .push_bind(leader.name.as_str())
                        .push_bind(leader.email.as_str())
                        .push_bind(leader.phone.as_deref())
                        .push_bind(leader.role)
                        .push_bind(leader.organisation_name.as_str())
                        .push_bind(leader.organisation_type)
                        .push_bind(leader.registration_number.as_deref())
                        .push_bind(true)
                        .push_bind(leader.annual_income_pence)
                        .push_bind(leader.works_with_under_represented_communities)
                        .push_bind(leader.region)
                        .push_bind(leader.postcode.as_str())
                        .push_bind(sealed)
                        .push_bind(leader.goals.as_str())
                        .push_bind(leader.funding_route)
                        .push_bind(leader.had_leadership_support_before)
                        .push_bind(leader.bursary_eligible)
                        .push_bind(request.created_at())
                        .push_bind(ask.created_at)
                        .push_bind(updated_at)
                        .push_bind(ask.responded_at)
                        .push_bind(ask.message)
                        .push_bind(ask.bursary.map(|(decision, _)| decision))
                        .push_bind(ask.bursary.map(|(_, at)| at))
                        .push_bind(request.id)
                        .push_bind(i16::try_from(*i + 1).unwrap_or(1))
                        .push_bind(ask.deadline.due_on)
                        .push_bind(ask.deadline.first_reminder_on)
                        .push_bind(ask.deadline.last_reminder_on)
                        .push_bind(reminded(ask.deadline.first_reminder_on))
                        .push_bind(reminded(ask.deadline.last_reminder_on))
                        .push_bind(
                            i.checked_sub(1)
                                .and_then(|before| request.asks.get(before))
                                .map(|before| before.id),
                        );
                },
            );
            sql.build().execute(&mut *tx).await?;
        }

        // A request passed on went to the coach its leader named.
        let named: Vec<(Uuid, Uuid)> = self
            .requests
            .iter()
            .filter_map(|r| Some((r.asks.first()?.id, coach_id(r.asks.get(1)?.coach))))
            .collect();
        for chunk in named.chunks(1000) {
            let mut sql = QueryBuilder::<Postgres>::new(
                "INSERT INTO expression_of_interest_alternatives \
                 (expression_of_interest_id, coach_id, preference) ",
            );
            sql.push_values(chunk, |mut row, (ask, coach)| {
                row.push_bind(*ask).push_bind(*coach).push_bind(1_i16);
            });
            sql.build().execute(&mut *tx).await?;
        }

        let coaching: Vec<(&Ask, &Coaching)> = self
            .requests
            .iter()
            .flat_map(|r| &r.asks)
            .filter_map(|ask| Some((ask, ask.coaching.as_ref()?)))
            .collect();
        for chunk in coaching.chunks(1000) {
            let mut sql = QueryBuilder::<Postgres>::new(
                "INSERT INTO engagements (id, expression_of_interest_id, coach_id, status, \
                 started_at, closed_at) ",
            );
            sql.push_values(chunk, |mut row, (ask, coaching)| {
                row.push_bind(coaching.id)
                    .push_bind(ask.id)
                    .push_bind(coach_id(ask.coach))
                    .push_bind(coaching.status)
                    .push_bind(coaching.started_at)
                    .push_bind(coaching.closed_at);
            });
            sql.build().execute(&mut *tx).await?;
        }
        let sessions: Vec<(Uuid, NaiveDate, i32, DateTime<Utc>)> = coaching
            .iter()
            .flat_map(|(_, coaching)| {
                coaching.sessions.iter().map(move |&(held_on, length)| {
                    // Recorded the evening after, or as soon as it could have been.
                    let recorded_at = uk_time(held_on, 18)
                        .min(coaching.closed_at.unwrap_or(now))
                        .max(coaching.started_at);
                    (coaching.id, held_on, length, recorded_at)
                })
            })
            .collect();
        for chunk in sessions.chunks(1000) {
            let mut sql = QueryBuilder::<Postgres>::new(
                "INSERT INTO coaching_sessions (engagement_id, held_on, minutes, recorded_at) ",
            );
            sql.push_values(
                chunk,
                |mut row, (engagement, held_on, length, recorded_at)| {
                    row.push_bind(*engagement)
                        .push_bind(*held_on)
                        .push_bind(*length)
                        .push_bind(*recorded_at);
                },
            );
            sql.build().execute(&mut *tx).await?;
        }

        let scored: Vec<&str> = Measure::ALL.iter().map(|m| m.column()).collect();
        let columns = format!(
            "INSERT INTO questionnaires (engagement_id, kind, sent_at, reminded_at, answers, \
             parts_saved, updated_at, submitted_at, {}, coach_confidence, hours_given, \
             coach_gains, coach_gains_in_own_words) ",
            scored.join(", ")
        );
        for chunk in self.questionnaires.chunks(500) {
            let mut sql = QueryBuilder::<Postgres>::new(columns.as_str());
            sql.push_values(chunk, |mut row, q| {
                let sent_back = q.submitted_at.is_some();
                row.push_bind(q.engagement_id)
                    .push_bind(q.kind)
                    .push_bind(q.sent_at)
                    .push_bind(q.reminded_at)
                    .push_bind(sqlx::types::Json(&q.answers))
                    .push_bind(q.parts_saved.clone())
                    .push_bind(q.updated_at)
                    .push_bind(q.submitted_at);
                // Scored when sent back, by each measure's rules, as the questionnaire page does.
                for &measure in Measure::ALL {
                    let score = (sent_back && q.kind.for_leader())
                        .then(|| measures::score(measure, &q.answers))
                        .flatten();
                    row.push_bind(score);
                }
                let coach = q.coach.as_ref();
                row.push_bind(
                    sent_back
                        .then(|| q.answers.get(&measures::COACH_CONFIDENCE_ITEM))
                        .flatten()
                        .map(f64::from),
                )
                .push_bind(coach.map(|c| c.hours_given))
                .push_bind(
                    coach
                        .map(|c| c.gains.iter().map(|g| g.slug()).collect::<Vec<_>>())
                        .unwrap_or_default(),
                )
                .push_bind(coach.and_then(|c| c.in_own_words));
            });
            sql.build().execute(&mut *tx).await?;
        }

        // Each coaching still open takes one of its coach's places.
        let mut taken = vec![0_i32; coaches.len()];
        for (ask, coaching) in &coaching {
            if coaching.status.is_active()
                && let Some(places) = ask.coach.and_then(|c| taken.get_mut(c))
            {
                *places += 1;
            }
        }
        for (coach, taken) in coaches.iter().zip(taken) {
            if taken > 0 {
                sqlx::query(
                    "UPDATE coaches SET current_leaders = current_leaders + $2 WHERE id = $1",
                )
                .bind(coach.id)
                .bind(taken)
                .execute(&mut *tx)
                .await?;
            }
        }
        for year in &self.years {
            sqlx::query(
                "INSERT INTO bursary_places (year, places) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            )
            .bind(year)
            .bind(BURSARY_PLACES)
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }
}

/// Request `n`, made at `created_at`: its leader, and what each coach asked did.
fn request(
    dice: &mut Dice,
    n: usize,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
    holidays: &Holidays,
    can_pass_on: bool,
) -> Request {
    let leader = leader(dice, n);
    let holidays = holidays.of(leader.region);
    let pass_on_consented = dice.chance(0.85);
    let mut asks = Vec::new();
    let mut withdrawal = None;
    let mut asked_at = created_at;
    for position in 0..2 {
        let mut ask = Ask {
            id: Uuid::new_v4(),
            coach: None,
            created_at: asked_at,
            // The demo is made on a new database, whose deadline is the starting one.
            deadline: Deadline::for_request(
                uk_date(asked_at),
                crate::settings::Terms::STARTING.answer_working_days,
                holidays,
            ),
            status: RequestStatus::Accepted,
            responded_at: asked_at,
            message: None,
            bursary: None,
            coaching: None,
        };
        // Just after midnight the day after the deadline, when the worker runs.
        let expires_at = uk_time(later(ask.deadline.due_on, 1), 0) + minutes(dice.between(1, 15));
        let roll = dice.unit();
        let (withdrawn, declined, expired) = if position == 0 {
            (roll < 0.04, (0.78..0.91).contains(&roll), roll >= 0.91)
        } else {
            (false, (0.75..0.9).contains(&roll), roll >= 0.9)
        };
        if withdrawn {
            let at = part_way(
                asked_at,
                now.min(asked_at + TimeDelta::days(6)),
                0.1 + 0.8 * dice.unit(),
            );
            ask.status = RequestStatus::Withdrawn;
            ask.responded_at = at;
            withdrawal = Some((at, dice.one_of(&WITHDRAWAL_REASONS)));
        } else if expired && expires_at < now {
            ask.status = RequestStatus::Expired;
            ask.responded_at = expires_at;
        } else {
            ask.responded_at = answered_at(dice, asked_at, ask.deadline.due_on, holidays, now);
            if declined {
                ask.status = RequestStatus::Declined;
                ask.message = Some(dice.one_of(&DECLINED));
            } else {
                ask.message = Some(dice.one_of(&ACCEPTED));
                ask.coaching = Some(coaching(dice, ask.responded_at, now));
            }
        }
        let passed_on = matches!(ask.status, RequestStatus::Declined | RequestStatus::Expired)
            && position == 0
            && can_pass_on
            && pass_on_consented
            && dice.chance(0.85);
        asked_at = ask.responded_at;
        asks.push(ask);
        if !passed_on {
            break;
        }
    }
    Request {
        id: Uuid::new_v4(),
        leader,
        pass_on_consented,
        withdrawal,
        asks,
    }
}

/// When a coach answered a request asked at `asked_at`: within ten working days, most within a
/// few, and never after `now`.
fn answered_at(
    dice: &mut Dice,
    asked_at: DateTime<Utc>,
    due_on: NaiveDate,
    holidays: &BTreeSet<NaiveDate>,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let working_days = 1 + dice.below(3) + dice.below(3) + dice.below(5);
    let on = working_days_after(uk_date(asked_at), working_days as u32, holidays).min(due_on);
    let at = uk_time(on, dice.between(8, 18) as u32) + minutes(dice.between(0, 59));
    if at <= now && at > asked_at {
        at
    } else {
        part_way(asked_at, now, 0.2 + 0.7 * dice.unit())
    }
}

/// Coaching from `started_at` as it would run: a session every four to six weeks, most
/// completing after about five, some ending early after one or two; still open if it would
/// close after `now`.
fn coaching(dice: &mut Dice, started_at: DateTime<Utc>, now: DateTime<Utc>) -> Coaching {
    let today = uk_date(now);
    let completes = dice.chance(0.86);
    let count = if completes {
        dice.weighted(&[(4, 15), (5, 60), (6, 25)])
    } else {
        dice.between(1, 2)
    };
    let mut sessions = Vec::new();
    let mut day = later(uk_date(started_at), dice.between(5, 18));
    for n in 0..count {
        if n > 0 {
            day = later(day, dice.between(28, 42));
        }
        day = weekday_from(day);
        sessions.push((day, dice.one_of(&SESSION_MINUTES)));
    }
    let last = sessions.last().map(|(day, _)| *day).unwrap_or(day);
    let close_on = if completes {
        later(last, dice.between(1, 14))
    } else {
        later(last, dice.between(21, 50))
    };
    let closed_at = uk_time(close_on, dice.between(10, 17) as u32) + minutes(dice.between(0, 59));
    if closed_at <= now {
        return Coaching {
            id: Uuid::new_v4(),
            status: if completes {
                EngagementStatus::Completed
            } else {
                EngagementStatus::EndedEarly
            },
            started_at,
            sessions,
            closed_at: Some(closed_at),
        };
    }
    // Open: the sessions held so far, and a first one however recent the start, so the worker
    // never has to remind the coach.
    let first = sessions
        .first()
        .map(|(day, length)| (today.min(*day), *length));
    sessions.retain(|(day, _)| *day <= today);
    if sessions.is_empty() {
        sessions.extend(first);
    }
    Coaching {
        id: Uuid::new_v4(),
        status: EngagementStatus::Active,
        started_at,
        sessions,
        closed_at: None,
    }
}

impl Coaching {
    /// Closes coaching that cannot stay open (its coach has no place for it, or it started too
    /// long ago) after the sessions held so far: completed if there were three or more (the
    /// leader and coach agreeing they had done what they set out to), else ended early.
    fn close_now(&mut self, dice: &mut Dice, now: DateTime<Utc>) {
        let last = self
            .sessions
            .last()
            .map(|(day, _)| *day)
            .unwrap_or(uk_date(self.started_at));
        let close_on = later(last, dice.between(1, 7)).min(uk_date(now));
        let closed_at = (uk_time(close_on, dice.between(10, 17) as u32)
            + minutes(dice.between(0, 59)))
        .min(now - minutes(30))
        .max(self.started_at);
        self.status = if self.sessions.len() >= 3 {
            EngagementStatus::Completed
        } else {
            EngagementStatus::EndedEarly
        };
        self.closed_at = Some(closed_at);
    }
}

/// Chooses the coach of every ask: first, newest first, the coaching still open, from coaches
/// with a place for it (else it closes now); then the other answers and withdrawals; last the
/// expiries, each to a coach whose answers before and after it were not expiries and whose next
/// answer came over a month ago, so that no coach is paused for two expiries in a row, now or
/// when a new request of theirs expires. An expiry that fits no coach becomes a decline.
fn assign_coaches(
    dice: &mut Dice,
    requests: &mut [Request],
    coaches: &[Coach],
    now: DateTime<Utc>,
) {
    let open_since = now
        .checked_sub_months(Months::new(OPEN_AT_MOST_MONTHS))
        .unwrap_or(now);
    let mut places: Vec<i32> = coaches.iter().map(|c| c.places).collect();
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (r, request) in requests.iter().enumerate() {
        for (a, ask) in request.asks.iter().enumerate() {
            if ask.coaching.as_ref().is_some_and(|c| c.status.is_active()) {
                open.push((r, a));
            }
        }
    }
    open.sort_by_key(|&(r, a)| std::cmp::Reverse((requests[r].asks[a].responded_at, r, a)));
    for (r, a) in open {
        let request = &mut requests[r];
        let asked = request.coaches_asked(a);
        let region = request.leader.region;
        let ask = &mut request.asks[a];
        let fits = |c: usize| places[c] > 0 && !asked.contains(&c);
        let chosen = (ask.responded_at > open_since)
            .then(|| choose(dice, coaches, region, fits))
            .flatten();
        match (chosen, &mut ask.coaching) {
            (Some(c), _) => {
                places[c] -= 1;
                ask.coach = Some(c);
            }
            (None, Some(coaching)) => coaching.close_now(dice, now),
            (None, None) => {}
        }
    }

    // Each coach's answers in time order: (when, whether it was an expiry).
    let mut answers: Vec<Vec<(DateTime<Utc>, bool)>> = vec![Vec::new(); coaches.len()];
    let answered = |status: RequestStatus| {
        matches!(
            status,
            RequestStatus::Accepted | RequestStatus::Declined | RequestStatus::Expired
        )
    };
    for request in requests.iter_mut() {
        for a in 0..request.asks.len() {
            let asked = request.coaches_asked(a);
            let region = request.leader.region;
            let ask = &mut request.asks[a];
            if ask.status == RequestStatus::Expired {
                continue;
            }
            if ask.coach.is_none() {
                ask.coach = choose(dice, coaches, region, |c| !asked.contains(&c));
            }
            if let Some(c) = ask.coach
                && answered(ask.status)
            {
                answers[c].push((ask.responded_at, false));
            }
        }
    }
    for answers in &mut answers {
        answers.sort_unstable();
    }

    let settled = now - TimeDelta::days(30);
    for request in requests.iter_mut() {
        for a in 0..request.asks.len() {
            let asked = request.coaches_asked(a);
            let region = request.leader.region;
            let ask = &mut request.asks[a];
            if ask.status != RequestStatus::Expired {
                continue;
            }
            let at = ask.responded_at;
            let may_expire = |c: usize| {
                let Some(theirs) = answers.get(c) else {
                    return false;
                };
                let i = theirs.partition_point(|(t, _)| *t < at);
                let before = i == 0 || theirs.get(i - 1).is_some_and(|(_, expired)| !expired);
                let after = theirs
                    .get(i)
                    .is_some_and(|(t, expired)| !expired && *t <= settled);
                !asked.contains(&c) && before && after
            };
            let expired = match choose(dice, coaches, region, may_expire) {
                Some(c) => {
                    ask.coach = Some(c);
                    true
                }
                None => {
                    ask.status = RequestStatus::Declined;
                    ask.message = Some(dice.one_of(&DECLINED));
                    ask.coach = choose(dice, coaches, region, |c| !asked.contains(&c));
                    false
                }
            };
            if let Some(theirs) = ask.coach.and_then(|c| answers.get_mut(c)) {
                let i = theirs.partition_point(|(t, _)| *t < at);
                theirs.insert(i, (at, expired));
            }
        }
    }
}

/// A coach that `fits`, from the leader's own region a third of the time when one there does.
fn choose(
    dice: &mut Dice,
    coaches: &[Coach],
    region: Region,
    fits: impl Fn(usize) -> bool,
) -> Option<usize> {
    let fitting: Vec<usize> = (0..coaches.len()).filter(|&c| fits(c)).collect();
    let nearby: Vec<usize> = fitting
        .iter()
        .copied()
        .filter(|&c| coaches.get(c).is_some_and(|coach| coach.region == region))
        .collect();
    let from = if !nearby.is_empty() && dice.chance(0.35) {
        &nearby
    } else {
        &fitting
    };
    from.get(dice.below(from.len())).copied()
}

/// Staff decide each bursary still open to decide within a few working days: most approved,
/// declined once a year's places are all approved.
fn decide_bursaries(dice: &mut Dice, requests: &mut [Request], now: DateTime<Utc>) {
    let mut approved: std::collections::BTreeMap<i32, i32> = Default::default();
    for request in requests.iter_mut() {
        if request.leader.funding_route != FundingRoute::Bursary {
            continue;
        }
        for ask in &mut request.asks {
            if !matches!(ask.status, RequestStatus::Accepted | RequestStatus::Expired) {
                continue;
            }
            let on = later(uk_date(ask.created_at), dice.between(1, 5));
            let at = (uk_time(weekday_from(on), dice.between(9, 16) as u32)
                + minutes(dice.between(0, 59)))
            .min(now)
            .max(ask.created_at + minutes(60));
            let year = approved.entry(uk_date(at).year()).or_default();
            let approve = dice.chance(0.88) && *year < BURSARY_PLACES;
            if approve {
                *year += 1;
            }
            ask.bursary = Some((BursaryDecision::new(approve), at));
        }
    }
}

/// Coaching that closed within two days of six months ago moves to just after: the worker's
/// own reckoning of six months (in the database's time zone) must not find a follow-up due
/// that the history thought not yet due, or the other way round.
fn away_from_the_follow_up(coaching: &mut Coaching, now: DateTime<Utc>) {
    let Some(closed_at) = coaching.closed_at else {
        return;
    };
    let boundary = now
        .checked_sub_months(Months::new(FOLLOW_UP_MONTHS.unsigned_abs()))
        .unwrap_or(now);
    let margin = TimeDelta::days(2);
    if closed_at > boundary - margin && closed_at <= boundary + margin {
        coaching.closed_at = Some(boundary + margin);
    }
}

/// Every questionnaire due for `coaching` by `now`, answered or not.
fn questionnaires_of(
    dice: &mut Dice,
    coaching: &Coaching,
    now: DateTime<Utc>,
) -> Result<Vec<Questionnaire>, OffTheScale> {
    let outlook = Outlook::new(dice, coaching.status != EngagementStatus::EndedEarly);
    let mut sent = vec![(
        QuestionnaireKind::LeaderBaseline,
        coaching.started_at,
        0.75,
        0.0,
    )];
    if let Some(closed_at) = coaching.closed_at {
        sent.push((QuestionnaireKind::LeaderEnd, closed_at, 0.6, outlook.gain));
        sent.push((QuestionnaireKind::CoachEnd, closed_at, 0.7, 0.0));
        if let Some(follow_up) =
            closed_at.checked_add_months(Months::new(FOLLOW_UP_MONTHS.unsigned_abs()))
            && follow_up <= now
        {
            sent.push((
                QuestionnaireKind::LeaderFollowUp,
                follow_up,
                0.45,
                outlook.gain_kept,
            ));
        }
    }
    let mut made = Vec::new();
    for (kind, sent_at, rate, gain) in sent {
        let week = sent_at + TimeDelta::days(REMINDER_AFTER_DAYS);
        let submitted_at = dice.chance(rate).then(|| {
            if dice.chance(0.75) {
                sent_at + minutes(dice.between(120, 4 * 24 * 60))
            } else {
                week + minutes(dice.between(60, 3 * 24 * 60))
            }
        });
        let submitted_at = submitted_at.filter(|at| *at <= now);
        // Unanswered a week on, the one reminder went (a little early rather than be owed).
        let reminded_at = match submitted_at {
            Some(at) => (at > week).then_some(week),
            None => (week - TimeDelta::hours(2) <= now).then_some(week.min(now)),
        };
        let parts = kind.parts();
        let (parts_answered, updated_at) = match submitted_at {
            Some(at) => (parts.len(), Some(at)),
            // Some start, save a part or two and leave it there.
            None if kind.for_leader() && dice.chance(0.25) => (
                dice.between(1, 2) as usize,
                Some((sent_at + minutes(dice.between(30, 3 * 24 * 60))).min(now)),
            ),
            None => (0, None),
        };
        let mut answers = Answers::new();
        for part in parts.iter().take(parts_answered) {
            for item in part.items() {
                let value = if kind.for_leader() {
                    outlook.answer(dice, &item, gain)
                } else {
                    dice.weighted(&COACH_CONFIDENCE)
                };
                answers.set(&item, (!dice.chance(0.03)).then_some(value))?;
            }
        }
        let coach = (!kind.for_leader() && submitted_at.is_some()).then(|| CoachAnswers {
            hours_given: 4.0 + 0.5 * dice.between(0, 22) as f64,
            gains: {
                let mut gains: Vec<CoachGain> = CoachGain::ALL
                    .iter()
                    .copied()
                    .filter(|_| dice.chance(0.4))
                    .collect();
                if gains.is_empty() {
                    gains.extend(CoachGain::ALL.get(dice.below(CoachGain::ALL.len())));
                }
                gains
            },
            in_own_words: dice.chance(0.2).then(|| dice.one_of(&GAINS_IN_OWN_WORDS)),
        });
        made.push(Questionnaire {
            engagement_id: coaching.id,
            kind,
            sent_at,
            reminded_at,
            answers,
            parts_saved: (0..parts_answered)
                .filter_map(|p| i16::try_from(p).ok())
                .collect(),
            updated_at,
            submitted_at,
            coach,
        });
    }
    Ok(made)
}

/// Where a leader stands on each item at the start of their coaching, and how far it moves
/// them: about a third of a point an item by its close (less when it ended early), with some
/// leaders worse off; most of that kept six months on.
struct Outlook {
    start: Vec<(&'static str, f64)>,
    gain: f64,
    gain_kept: f64,
}

impl Outlook {
    fn new(dice: &mut Dice, completed: bool) -> Outlook {
        // Some leaders feel better about everything than others.
        let mood = 0.6 * (dice.unit() - 0.5);
        let start = QuestionnaireKind::LeaderBaseline
            .parts()
            .iter()
            .flat_map(|part| part.items())
            .map(|item| {
                let (low, high) = usual_at_the_start(&item);
                let value = low - 0.25
                    + (high - low + 0.5) * dice.unit()
                    + better(&item) * mood * reach(&item);
                (item.id, value)
            })
            .collect();
        let spread = dice.unit() + dice.unit() + dice.unit() - 1.5;
        let gain = if completed { 0.3 } else { 0.1 } + 0.7 * spread;
        let gain_kept = gain * (0.7 + 0.4 * dice.unit()) + 0.2 * (dice.unit() - 0.5);
        Outlook {
            start,
            gain,
            gain_kept,
        }
    }

    /// The leader's answer to `item` after moving `gain` item points the better way.
    fn answer(&self, dice: &mut Dice, item: &Item, gain: f64) -> u8 {
        let start = self
            .start
            .iter()
            .find(|(id, _)| *id == item.id)
            .map(|(_, value)| *value)
            .unwrap_or(f64::from(item.scale.min));
        let value = dice.round(start + better(item) * gain * reach(item));
        value.clamp(i64::from(item.scale.min), i64::from(item.scale.max)) as u8
    }
}

/// The answers most leaders give to `item` as their coaching starts: confident enough, often
/// lonely, middling wellbeing, feeling isolated as a leader.
fn usual_at_the_start(item: &Item) -> (f64, f64) {
    if item.id == ONS_LONELY_ITEM.id || item.id == PROGRAMME_ITEMS[2].id {
        (3.0, 4.0)
    } else if ONS4_ITEMS.iter().any(|i| i.id == item.id) {
        (4.0, 7.0)
    } else if GSE_ITEMS.iter().any(|i| i.id == item.id)
        || UCLA_ITEMS.iter().any(|i| i.id == item.id)
        || PROGRAMME_ITEMS.iter().any(|i| i.id == item.id)
    {
        (2.0, 3.0)
    } else {
        let (min, max) = (f64::from(item.scale.min), f64::from(item.scale.max));
        (min, max)
    }
}

/// +1 when a higher answer to `item` is better, -1 when lower is (loneliness, anxiety,
/// isolation).
fn better(item: &Item) -> f64 {
    let lower_is_better = UCLA_ITEMS.iter().any(|i| i.id == item.id)
        || item.id == ONS_LONELY_ITEM.id
        || item.id == ONS4_ITEMS[3].id
        || item.id == PROGRAMME_ITEMS[2].id;
    if lower_is_better { -1.0 } else { 1.0 }
}

/// How many points a change of one item point is on `item`'s scale: the 0 to 10 wellbeing
/// scales move further.
fn reach(item: &Item) -> f64 {
    if item.scale.max - item.scale.min >= 10 {
        2.5
    } else {
        1.0
    }
}

fn leader(dice: &mut Dice, n: usize) -> Leader {
    let first = dice.one_of(&FIRST_NAMES);
    let surname = dice.one_of(&SURNAMES);
    let email_name: String = format!("{first}.{surname}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    let (region, areas) = dice.weighted(&REGIONS);
    let area = areas.get(dice.below(areas.len())).copied().unwrap_or("E");
    let postcode = format!(
        "{area}{} {}{}{}",
        dice.between(1, 20),
        dice.between(1, 9),
        dice.one_of(&INWARD_LETTERS),
        dice.one_of(&INWARD_LETTERS)
    );
    let organisation_type = dice.weighted(&ORGANISATION_TYPES);
    let registration_number = registration_number(dice, organisation_type, region);
    let pounds: i64 = match dice.weighted(&[(0, 35), (1, 35), (2, 30)]) {
        0 => 100 * dice.between(60, 499),
        1 => 100 * dice.between(500, 1499),
        _ => 500 * dice.between(300, 998),
    };
    let works_with_under_represented_communities = dice.chance(0.4);
    let mut communities_served = Vec::new();
    if works_with_under_represented_communities {
        let wanted = dice.between(1, 3) as usize;
        while communities_served.len() < wanted {
            if let Some(&community) = Community::ALL.get(dice.below(Community::ALL.len()))
                && !communities_served.contains(&community)
            {
                communities_served.push(community);
            }
        }
        communities_served.sort_unstable();
    }
    let had_leadership_support_before = dice.chance(0.35);
    // The bursary rules themselves decide who may ask for one (with the starting limits: the
    // demo is made on a new database).
    let bursary_eligible = assess(
        &EligibilityQuestions {
            organisation_type,
            works_in_health_and_wellbeing: true,
            annual_income: Money::from_pounds(pounds.unsigned_abs()),
            works_with_under_represented_communities,
            had_leadership_support_before,
        },
        &crate::settings::Terms::STARTING.income_limits(),
    )
    .bursary;
    let funding_route = if bursary_eligible && dice.chance(0.18) {
        FundingRoute::Bursary
    } else if dice.chance(0.6) {
        FundingRoute::Organisation
    } else {
        FundingRoute::Funder
    };
    Leader {
        name: format!("{first} {surname}"),
        email: format!("{email_name}.{n}@{EMAIL_DOMAIN}"),
        phone: dice
            .chance(0.5)
            .then(|| format!("07700 900{:03}", dice.below(1000))),
        role: dice.one_of(&ROLES),
        organisation_name: format!(
            "{} {} {}",
            dice.one_of(&PLACES),
            dice.one_of(&FOCUSES),
            dice.one_of(&KINDS)
        ),
        organisation_type,
        registration_number,
        annual_income_pence: pounds * 100,
        works_with_under_represented_communities,
        region,
        postcode,
        communities_served,
        goals: format!("{} {}", dice.one_of(&CHALLENGES), dice.one_of(&HOPES)),
        funding_route,
        had_leadership_support_before,
        bursary_eligible,
    }
}

/// A charity or company number in the form its register uses, for most organisations that
/// have one.
fn registration_number(
    dice: &mut Dice,
    organisation_type: OrganisationType,
    region: Region,
) -> Option<String> {
    let digits = |dice: &mut Dice, n: u32| {
        format!(
            "{:0width$}",
            dice.between(0, 10_i64.pow(n) - 1),
            width = n as usize
        )
    };
    match organisation_type {
        OrganisationType::RegisteredCharity
        | OrganisationType::CharitableIncorporatedOrganisation
            if dice.chance(0.85) =>
        {
            Some(match region {
                Region::Scotland => format!("SC0{}", digits(dice, 5)),
                Region::NorthernIreland => format!("NIC10{}", digits(dice, 4)),
                _ => format!("11{}", digits(dice, 5)),
            })
        }
        OrganisationType::CharitableCompany
        | OrganisationType::CommunityInterestCompany
        | OrganisationType::SocialEnterprise
            if dice.chance(0.6) =>
        {
            Some(match region {
                Region::Scotland => format!("SC{}", digits(dice, 6)),
                Region::NorthernIreland => format!("NI{}", digits(dice, 6)),
                _ => format!("1{}", digits(dice, 7)),
            })
        }
        _ => None,
    }
}

/// Where leaders are, weighted roughly as small health and wellbeing charities are, with the
/// postcode areas of each region.
const REGIONS: [((Region, &[&str]), u32); 12] = [
    ((Region::NorthEast, &["NE", "SR", "DH", "TS", "DL"]), 5),
    (
        (Region::NorthWest, &["M", "L", "PR", "CH", "BB", "CA", "WA"]),
        11,
    ),
    (
        (
            Region::YorkshireAndTheHumber,
            &["LS", "S", "BD", "HU", "YO", "HD"],
        ),
        9,
    ),
    ((Region::EastMidlands, &["NG", "DE", "LE", "LN", "NN"]), 7),
    (
        (Region::WestMidlands, &["B", "CV", "WV", "HR", "ST", "WR"]),
        9,
    ),
    (
        (Region::EastOfEngland, &["CB", "NR", "IP", "CO", "PE", "LU"]),
        8,
    ),
    ((Region::London, &["E", "N", "SE", "SW", "W", "NW"]), 18),
    (
        (Region::SouthEast, &["BN", "RG", "OX", "ME", "GU", "SO"]),
        12,
    ),
    (
        (Region::SouthWest, &["BS", "EX", "PL", "TR", "BA", "GL"]),
        8,
    ),
    ((Region::Wales, &["CF", "SA", "LL", "NP"]), 4),
    ((Region::Scotland, &["EH", "G", "AB", "DD", "IV", "KY"]), 7),
    ((Region::NorthernIreland, &["BT"]), 2),
];

/// The letters a postcode's last part may use.
const INWARD_LETTERS: [char; 20] = [
    'A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'L', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'W', 'X', 'Y',
    'Z',
];

const ORGANISATION_TYPES: [(OrganisationType, u32); 6] = [
    (OrganisationType::RegisteredCharity, 35),
    (OrganisationType::CharitableIncorporatedOrganisation, 20),
    (OrganisationType::CharitableCompany, 12),
    (OrganisationType::CommunityInterestCompany, 12),
    (OrganisationType::CommunityOrVoluntaryGroup, 14),
    (OrganisationType::SocialEnterprise, 7),
];

/// How confident coaches say they feel as coaches, at a coaching's close.
const COACH_CONFIDENCE: [(u8, u32); 4] = [(2, 5), (3, 20), (4, 50), (5, 25)];

const SESSION_MINUTES: [i32; 7] = [45, 50, 60, 60, 60, 75, 90];

const FIRST_NAMES: [&str; 40] = [
    "Sarah",
    "Mohammed",
    "Emma",
    "Oliver",
    "Aaliyah",
    "James",
    "Grace",
    "Daniel",
    "Nadia",
    "Rebecca",
    "Samuel",
    "Yasmin",
    "Michael",
    "Claire",
    "Adebola",
    "Laura",
    "David",
    "Shabana",
    "Kirsty",
    "Connor",
    "Rachel",
    "Imran",
    "Lucy",
    "Ewan",
    "Bronwen",
    "Patrick",
    "Sunita",
    "Harriet",
    "Kemi",
    "Gareth",
    "Fiona",
    "Ravi",
    "Eilidh",
    "Tom",
    "Naomi",
    "Olu",
    "Catherine",
    "Ahmed",
    "Jess",
    "Sinead",
];

const SURNAMES: [&str; 40] = [
    "Smith",
    "Khan",
    "Jones",
    "Brown",
    "Williams",
    "Taylor",
    "Davies",
    "Evans",
    "Thomas",
    "Roberts",
    "Walker",
    "Wright",
    "Robinson",
    "Thompson",
    "White",
    "Hughes",
    "Edwards",
    "Green",
    "Hall",
    "Wood",
    "Harris",
    "Clarke",
    "Patel",
    "Ahmed",
    "Begum",
    "Okoro",
    "Mensah",
    "Murphy",
    "Kelly",
    "Stewart",
    "Morrison",
    "Reid",
    "Campbell",
    "Byrne",
    "Nowak",
    "Santos",
    "Chowdhury",
    "Ibrahim",
    "Lloyd",
    "McAllister",
];

const ROLES: [&str; 12] = [
    "Chief executive",
    "Director",
    "Manager",
    "Coordinator",
    "Founder and director",
    "Service manager",
    "Operations manager",
    "Project lead",
    "Chief officer",
    "Centre manager",
    "Development manager",
    "Head of services",
];

/// Invented places, like the demo coaches' organisations'.
const PLACES: [&str; 24] = [
    "Ashby Vale",
    "Brackenridge",
    "Coldwater Heath",
    "Dunmore Cross",
    "Elmsworth",
    "Fairhollow",
    "Glenbrook",
    "Hartwell Green",
    "Kestrel Bay",
    "Larkfield Row",
    "Marrowby",
    "Northolme",
    "Oakhurst Lane",
    "Pennwick",
    "Redmarsh",
    "Saltmere",
    "Tollbridge",
    "Wexley Down",
    "Yarrowfield",
    "Brindlecombe",
    "Caddon Mill",
    "Fenwold",
    "Haverleigh",
    "Stonecastle Vale",
];

const FOCUSES: [&str; 16] = [
    "Carers",
    "Mental Health",
    "Wellbeing",
    "Recovery",
    "Dementia Support",
    "Young People's Wellbeing",
    "Community Health",
    "Peer Support",
    "Bereavement",
    "Disability Advice",
    "Men's Health",
    "Women's Wellbeing",
    "Refugee Wellbeing",
    "Older People's",
    "Deaf Wellbeing",
    "Food and Health",
];

const KINDS: [&str; 12] = [
    "Network",
    "Project",
    "Trust",
    "Hub",
    "Centre",
    "Collective",
    "Alliance",
    "Association",
    "Cafe",
    "Foundation",
    "Partnership",
    "Group",
];

const CHALLENGES: [&str; 10] = [
    "I stepped up from a frontline role last year and I am still finding my feet as a leader.",
    "Our main grant ends next year and I need to plan how we keep our services going.",
    "I manage a small team and a lot of volunteers, and I want to get better at difficult conversations.",
    "Our board is new and I want to build a better working relationship with our chair.",
    "Demand for our services has doubled and I am struggling to decide what comes first.",
    "I founded the organisation five years ago and want to think about what comes next.",
    "We are starting to work with the local NHS and I want to do it well.",
    "I often feel isolated in my role and have nobody to think things through with.",
    "We are merging with a neighbouring charity and I will be leading the new organisation.",
    "I lead a group run entirely by volunteers and want to make it less dependent on me.",
];

const HOPES: [&str; 8] = [
    "I would value a coach who understands small charities.",
    "I want to come out of this with a clear plan for the next two years.",
    "I hope to look after my own wellbeing better while doing this.",
    "I would like to grow in confidence as a leader.",
    "I want to find a way to lead that I can keep up without burning out.",
    "I would like someone to challenge my thinking.",
    "I would like to talk to someone who has led through something similar.",
    "I want to be a better manager for my team.",
];

const ACCEPTED: [&str; 6] = [
    "I would be glad to work with you. I will email you this week to arrange our first session.",
    "Thank you for getting in touch. What you describe is close to my own experience, and I would be happy to coach you.",
    "Yes, happily. Let us start with a call to get to know each other and agree how we will work.",
    "I would be pleased to. I have some time on Tuesday and Thursday mornings: I will be in touch.",
    "Thank you for asking me. I think I can help, and I look forward to meeting you.",
    "Of course. I will send you a few dates for a first conversation.",
];

const DECLINED: [&str; 5] = [
    "Thank you for asking me. I am sorry, I do not have space at the moment; I hope another coach can help.",
    "I am sorry: I know your organisation through a partner, so another coach would be better placed.",
    "Unfortunately my own work is very busy for the next few months and I could not give you the time you deserve.",
    "Thank you, and I am sorry to say no. I think a coach with more experience of the NHS would help you more.",
    "I am about to go on leave for a while, so I cannot start new coaching now. I am sorry.",
];

const WITHDRAWAL_REASONS: [Option<&str>; 5] = [
    Some("I have found support closer to home for now."),
    Some("Our funding changed and I cannot commit the time at the moment."),
    Some("I am going on leave and will ask again when I am back."),
    None,
    None,
];

const GAINS_IN_OWN_WORDS: [&str; 4] = [
    "Coaching another leader made me look again at how I lead my own team.",
    "It reminded me why I work in this sector.",
    "I learned a lot about a part of the sector I did not know.",
    "Good to be reminded that every small charity faces the same hard choices.",
];
