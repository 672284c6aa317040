//! `/staff/team`: admins look after Cascade's staff. They invite staff and admins, change a
//! member's role, disable and enable accounts, and reset the two-step sign-in of someone who
//! lost their app and recovery codes. Nobody changes their own account here, and every change
//! is audited; at least one enabled admin always remains, because an admin acts only on others.

use crate::access::current_caller;
use crate::error::AppError;
use crate::forms::fields::{ErrorSummary, TextField};
use crate::forms::{Submitted, error_of, value_or};
use crate::ui::{Notice, ScrollTable, or_error_page};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One member of staff, as admins see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: Uuid,
    pub name: String,
    pub email: String,
    pub admin: bool,
    pub disabled: bool,
    /// Has set a password (an invitation not yet taken up has not).
    pub password_set: bool,
    pub second_factor_set: bool,
    /// The demo's staff account on a demo site, which signs in without a second factor.
    pub exempt: bool,
    /// The admin looking.
    pub you: bool,
}

/// What an admin may do to another member of staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamChange {
    MakeAdmin,
    MakeStaff,
    Disable,
    Enable,
    ResetTwoStep,
}

impl TeamChange {
    pub const ALL: [TeamChange; 5] = [
        TeamChange::MakeAdmin,
        TeamChange::MakeStaff,
        TeamChange::Disable,
        TeamChange::Enable,
        TeamChange::ResetTwoStep,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            TeamChange::MakeAdmin => "make-admin",
            TeamChange::MakeStaff => "make-staff",
            TeamChange::Disable => "disable",
            TeamChange::Enable => "enable",
            TeamChange::ResetTwoStep => "reset-two-step",
        }
    }

    pub fn from_slug(slug: &str) -> Option<TeamChange> {
        TeamChange::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            TeamChange::MakeAdmin => "Make admin",
            TeamChange::MakeStaff => "Make staff (not admin)",
            TeamChange::Disable => "Disable",
            TeamChange::Enable => "Enable",
            TeamChange::ResetTwoStep => "Reset two-step sign-in",
        }
    }

    /// What is said once it is done.
    pub fn done(self) -> &'static str {
        match self {
            TeamChange::MakeAdmin => "is now an admin",
            TeamChange::MakeStaff => "is now staff, not an admin",
            TeamChange::Disable => "is disabled and signed out everywhere",
            TeamChange::Enable => "is enabled and can sign in again",
            TeamChange::ResetTwoStep => {
                "has had two-step sign-in reset: they set up an app again when they next sign in"
            }
        }
    }

    /// Whether it applies to `member` as they are now.
    pub fn applies_to(self, member: &TeamMember) -> bool {
        match self {
            TeamChange::MakeAdmin => !member.admin && !member.disabled,
            TeamChange::MakeStaff => member.admin && !member.disabled,
            TeamChange::Disable => !member.disabled,
            TeamChange::Enable => member.disabled,
            TeamChange::ResetTwoStep => member.second_factor_set && !member.disabled,
        }
    }
}

#[server(endpoint = "staff_team")]
pub async fn staff_team() -> Result<Vec<TeamMember>, AppError> {
    let admin = crate::access::require_account(crate::access::Access::Admin)?;
    let state = crate::state::app_state()?;
    let mut team = db::team(&state.pool, admin.id).await?;
    for member in &mut team {
        member.exempt = state.demo
            && member
                .email
                .eq_ignore_ascii_case(crate::accounts::demo::DEMO_STAFF);
    }
    Ok(team)
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let invited = query.get("invited");
    let changed = query
        .get("changed")
        .and_then(|slug| TeamChange::from_slug(&slug));
    let who = query.get("who").unwrap_or_default();
    let submitted = Submitted::current("team-invite");
    let errors = submitted
        .as_ref()
        .map(|s| s.errors.clone())
        .unwrap_or_default();
    let notice = submitted.as_ref().and_then(|s| s.notice.clone());
    let change_notice = Submitted::current("team-change").and_then(|s| s.notice);
    let role = value_or(&submitted, "role", "staff");
    let list = Suspend::new(async move {
        or_error_page(staff_team().await, |team| view! { <TeamTable team /> })
    });
    view! {
        <Title text="Staff team" />
        <div class="container">
            <p class="back-link"><a href="/staff">"Staff"</a></p>
            <h1 id="main-heading" tabindex="-1">"Staff team"</h1>
            {invited.map(|email| view! { <div class="notice" role="status"><p>{format!("Invitation sent to {email}. Its link is in the outbox if there is no mail server.")}</p></div> })}
            {changed.map(|change| view! { <div class="notice" role="status"><p>{format!("{who} {}.", change.done())}</p></div> })}
            <Notice notice=change_notice />
            <p>"Staff moderate profiles, follow requests and coaching, decide bursaries and read the overview. Admins do all that, and look after the staff team. Everyone on staff signs in with a password and a code from an authenticator app. You cannot change your own account here: ask another admin."</p>
            <Suspense fallback=|| ()>{list}</Suspense>
            <h2 id="invite">"Invite a member of staff"</h2>
            <p>"They get an email with a link, valid for 7 days, to set a password; then they set up an authenticator app."</p>
            <Notice notice />
            <ErrorSummary errors />
            <form method="post" action="/staff/team" novalidate class="narrow-form" data-testid="team-invite">
                <TextField name="name" label="Their name".into() value=value_or(&submitted, "name", "") error=error_of(&submitted, "name") autocomplete="off" />
                <TextField name="email" label="Their email address".into() value=value_or(&submitted, "email", "") error=error_of(&submitted, "email") input_type="email" autocomplete="off" />
                <fieldset class="field">
                    <legend>"Role"</legend>
                    <div class="radio">
                        <input type="radio" id="role-staff" name="role" value="staff" checked=role != "admin" />
                        <label for="role-staff">"Staff"</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id="role-admin" name="role" value="admin" checked=role == "admin" />
                        <label for="role-admin">"Admin: also looks after the staff team"</label>
                    </div>
                </fieldset>
                <button type="submit" class="button">"Send invitation"</button>
            </form>
        </div>
    }
    .into_any()
}

#[component]
fn TeamTable(team: Vec<TeamMember>) -> impl IntoView {
    let you = current_caller().account().map(|a| a.id);
    view! {
        <ScrollTable label="Staff team">
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email address"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Signing in"</th>
                    <th scope="col">"Change"</th>
                </tr>
            </thead>
            <tbody>
                {team
                    .into_iter()
                    .map(|member| {
                        let signing_in = if member.disabled {
                            "Disabled"
                        } else if !member.password_set {
                            "Invited: no password yet"
                        } else if member.second_factor_set {
                            "Password and authenticator app"
                        } else if member.exempt {
                            "Password only: the demo's staff account"
                        } else {
                            "Password; sets up an app at their next sign-in"
                        };
                        let role = if member.admin { "Admin" } else { "Staff" };
                        let is_you = member.you || Some(member.id) == you;
                        let changes = if is_you {
                            view! { <span>"You"</span> }.into_any()
                        } else {
                            let action = format!("/staff/team/{}", member.id);
                            TeamChange::ALL
                                .into_iter()
                                .filter(|change| change.applies_to(&member))
                                .map(|change| {
                                    let label = format!("{}: {}", change.label(), member.name);
                                    view! {
                                        <form method="post" action=action.clone() class="inline-form">
                                            <input type="hidden" name="change" value=change.slug() />
                                            <button type="submit" class="button button-secondary" aria-label=label>{change.label()}</button>
                                        </form>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        };
                        view! {
                            <tr data-testid="team-member">
                                <td>{member.name.clone()}</td>
                                <td>{member.email.clone()}</td>
                                <td>{role}</td>
                                <td>{signing_in}</td>
                                <td>{changes}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </ScrollTable>
    }
}

#[cfg(feature = "ssr")]
pub mod db {
    use super::{TeamChange, TeamMember};
    use crate::access::Account;
    use crate::audit;
    use chrono::{DateTime, Utc};
    use serde_json::json;
    use sqlx::PgPool;
    use uuid::Uuid;

    /// Everyone on staff, admins first, then by name.
    pub async fn team(pool: &PgPool, looking: Uuid) -> Result<Vec<TeamMember>, sqlx::Error> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: Uuid,
            name: String,
            email: String,
            admin: bool,
            disabled: bool,
            password_set: bool,
            second_factor_set: bool,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, name, email, admin, disabled_at IS NOT NULL AS disabled,
                    password_hash IS NOT NULL AS password_set,
                    second_factor_set_at IS NOT NULL AS second_factor_set
             FROM accounts WHERE staff
             ORDER BY disabled_at IS NOT NULL, admin DESC, lower(name), lower(email)",
        )
        .fetch_all(pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| TeamMember {
                you: r.id == looking,
                id: r.id,
                name: r.name,
                email: r.email,
                admin: r.admin,
                disabled: r.disabled,
                password_set: r.password_set,
                second_factor_set: r.second_factor_set,
                exempt: false,
            })
            .collect())
    }

    /// Resets the two-step sign-in of the staff member at `email`, from the server's command
    /// line (an admin locked out, with no other admin to do it): `false` if no staff account
    /// has that address.
    pub async fn reset_from_command_line(
        pool: &PgPool,
        email: &crate::contact::EmailAddress,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = pool.begin().await?;
        let account: Option<Uuid> = sqlx::query_scalar(
            "SELECT id FROM accounts WHERE lower(email) = lower($1) AND staff FOR UPDATE",
        )
        .bind(email.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(account_id) = account else {
            return Ok(false);
        };
        crate::accounts::second_factor::db::reset(&mut tx, account_id).await?;
        audit::record_from_command_line(
            &mut tx,
            "reset two-step sign-in",
            audit::Subject::Account(account_id),
            audit::Details {
                coach_id: None,
                account_id: Some(account_id),
                email: None,
                details: json!({ "second_factor": "reset" }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Why a change was not made.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Refused {
        NotStaff,
        Yourself,
        NoLongerAdmin,
        DoesNotApply,
    }

    impl Refused {
        pub fn notice(self) -> &'static str {
            match self {
                Refused::NotStaff => "That account is not on the staff team.",
                Refused::Yourself => "You cannot change your own account here: ask another admin.",
                Refused::NoLongerAdmin => "You are no longer an admin, so cannot change the team.",
                Refused::DoesNotApply => {
                    "That change does not apply to them as they are now: someone may have changed it already."
                }
            }
        }
    }

    /// Makes `change` to staff member `account_id`, audited, in one transaction: their name
    /// (for the message) when done.
    pub async fn change(
        pool: &PgPool,
        actor: &Account,
        account_id: Uuid,
        change: TeamChange,
        now: DateTime<Utc>,
    ) -> Result<Result<String, Refused>, sqlx::Error> {
        if account_id == actor.id {
            return Ok(Err(Refused::Yourself));
        }
        let mut tx = pool.begin().await?;
        // The enabled admins, locked: two admins acting on each other at once take turns, so
        // the one who acts second is checked against what the first did.
        let admins: Vec<Uuid> = sqlx::query_scalar(
            "SELECT id FROM accounts WHERE staff AND admin AND disabled_at IS NULL
             ORDER BY id FOR UPDATE",
        )
        .fetch_all(&mut *tx)
        .await?;
        if !admins.contains(&actor.id) {
            return Ok(Err(Refused::NoLongerAdmin));
        }
        #[derive(sqlx::FromRow)]
        struct Row {
            name: String,
            email: String,
            admin: bool,
            disabled: bool,
            second_factor_set: bool,
        }
        let member: Option<Row> = sqlx::query_as(
            "SELECT name, email, admin, disabled_at IS NOT NULL AS disabled,
                    second_factor_set_at IS NOT NULL AS second_factor_set
             FROM accounts WHERE id = $1 AND staff FOR UPDATE",
        )
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(member) = member else {
            return Ok(Err(Refused::NotStaff));
        };
        let as_listed = TeamMember {
            id: account_id,
            name: member.name.clone(),
            email: member.email.clone(),
            admin: member.admin,
            disabled: member.disabled,
            password_set: true,
            second_factor_set: member.second_factor_set,
            exempt: false,
            you: false,
        };
        if !change.applies_to(&as_listed) {
            return Ok(Err(Refused::DoesNotApply));
        }
        let state = |admin: bool, disabled: bool| json!({ "role": if admin { "admin" } else { "staff" }, "disabled": disabled });
        let before = state(member.admin, member.disabled);
        let (action, after) = match change {
            TeamChange::MakeAdmin | TeamChange::MakeStaff => {
                let admin = change == TeamChange::MakeAdmin;
                sqlx::query("UPDATE accounts SET admin = $2 WHERE id = $1")
                    .bind(account_id)
                    .bind(admin)
                    .execute(&mut *tx)
                    .await?;
                ("change staff role", state(admin, member.disabled))
            }
            TeamChange::Disable => {
                sqlx::query("UPDATE accounts SET disabled_at = $2 WHERE id = $1")
                    .bind(account_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("DELETE FROM second_factor_challenges WHERE account_id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                crate::accounts::links::retire_all(&mut tx, account_id, now).await?;
                crate::accounts::session::end_all(&mut *tx, account_id).await?;
                ("disable staff account", state(member.admin, true))
            }
            TeamChange::Enable => {
                sqlx::query("UPDATE accounts SET disabled_at = NULL WHERE id = $1")
                    .bind(account_id)
                    .execute(&mut *tx)
                    .await?;
                ("enable staff account", state(member.admin, false))
            }
            TeamChange::ResetTwoStep => {
                crate::accounts::second_factor::db::reset(&mut tx, account_id).await?;
                (
                    "reset two-step sign-in",
                    json!({ "second_factor": "reset" }),
                )
            }
        };
        audit::record(
            &mut tx,
            actor,
            action,
            audit::Subject::Account(account_id),
            Some(before),
            Some(after),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(member.name))
    }
}

#[cfg(feature = "ssr")]
pub mod action {
    use super::TeamChange;
    use crate::accounts::db::NewAccountRole;
    use crate::contact::EmailAddress;
    use crate::forms::post::{FormPost, done};
    use crate::forms::{FieldErrors, required_text};
    use crate::staff::decisions;
    use axum::extract::Path;
    use axum::http::StatusCode;
    use axum::response::Response;
    use serde::Deserialize;
    use uuid::Uuid;

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct InviteForm {
        name: String,
        email: String,
        role: String,
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    pub struct ChangeForm {
        change: String,
    }

    /// `POST /staff/team`: invites a member of staff or an admin.
    pub async fn invite(form: FormPost<InviteForm>) -> Response {
        let Some(actor) = form.caller.account().cloned() else {
            return form.not_found().await;
        };
        let mut errors = FieldErrors::new();
        let name = required_text(
            &mut errors,
            "name",
            &form.fields.name,
            100,
            "Enter their name",
        );
        let email = EmailAddress::parse(&form.fields.email)
            .map_err(|m| errors.add("email", m))
            .ok();
        let role = match form.fields.role.as_str() {
            "staff" => Some(NewAccountRole::Staff),
            "admin" => Some(NewAccountRole::Admin),
            _ => {
                errors.add("role", "Choose staff or admin");
                None
            }
        };
        let (Some(name), Some(email), Some(role)) = (name, email, role) else {
            return form.invalid("team-invite", errors).await;
        };
        let state = &form.state;
        let link = (
            state.public_url.as_str(),
            state.mail_delivery,
            state.clock.now(),
        );
        match decisions::invite(&state.pool, &actor, role, &name, &email, link).await {
            Ok(true) => done(&format!(
                "/staff/team?invited={}",
                crate::ui::encode_path(email.as_str())
            )),
            Ok(false) => {
                errors.add(
                    "email",
                    "There is already an account for this email address",
                );
                form.again(StatusCode::CONFLICT, "team-invite", errors, None)
                    .await
            }
            Err(error) => form.failed("team-invite", error).await,
        }
    }

    /// `POST /staff/team/{account}`: changes another member of staff.
    pub async fn change(Path(account_id): Path<Uuid>, form: FormPost<ChangeForm>) -> Response {
        let form = form.on_page("/staff/team");
        let Some(actor) = form.caller.account().cloned() else {
            return form.not_found().await;
        };
        let Some(change) = TeamChange::from_slug(&form.fields.change) else {
            let notice = "Choose a change from the list.";
            return form
                .refuse(StatusCode::UNPROCESSABLE_ENTITY, "team-change", notice)
                .await;
        };
        let now = form.state.clock.now();
        match super::db::change(&form.state.pool, &actor, account_id, change, now).await {
            Ok(Ok(name)) => done(&format!(
                "/staff/team?changed={}&who={}",
                change.slug(),
                crate::ui::encode_path(&name)
            )),
            Ok(Err(refused)) => {
                form.refuse(StatusCode::CONFLICT, "team-change", refused.notice())
                    .await
            }
            Err(error) => form.failed("team-change", error).await,
        }
    }
}
