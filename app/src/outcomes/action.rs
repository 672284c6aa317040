//! `POST /questionnaires/{token}`: saves one part, then goes to the next part, or back to the
//! page saying it is saved, or (the last part's "Send my answers") sends the whole back. An
//! answer off its scale, or hours that are not a number, are sent back by their fields with
//! everything else kept, and nothing is saved.

use super::db::{self, PartAnswers, Saved};
use super::measures::Answers;
use super::{CoachGain, Part};
use crate::forms::post::{FormPost, done};
use crate::forms::{CONTROL_CHARACTER_MESSAGE, FieldErrors, has_control_character};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;

/// The fields every part has; its items are read from the fields as sent.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PartForm {
    part: String,
    action: String,
}

/// Hours given, as a coach types them: blank, or a number from 0 to 500.
pub fn parse_hours(typed: &str) -> Result<Option<f64>, &'static str> {
    let lower = typed.trim().to_lowercase();
    let typed = ["hours", "hour", "hrs", "hr", "h"]
        .iter()
        .find_map(|unit| lower.strip_suffix(unit))
        .unwrap_or(&lower)
        .trim();
    if typed.is_empty() {
        return Ok(None);
    }
    match typed.parse::<f64>() {
        Ok(h) if !h.is_finite() => Err("Enter the hours as a number, like 7.5"),
        Ok(h) if !(0.0..=500.0).contains(&h) => Err("Enter a number of hours from 0 to 500"),
        // Kept to the nearest tenth of an hour.
        Ok(h) => Ok(Some((h * 10.0).round() / 10.0)),
        Err(_) => Err("Enter the hours as a number, like 7.5"),
    }
}

/// Reads one part's answers from the fields sent, or the messages by their fields.
pub fn read_part(part: Part, sent: &[(String, String)]) -> Result<PartAnswers, FieldErrors> {
    let mut errors = FieldErrors::new();
    let value = |name: &str| {
        sent.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut answers = PartAnswers::default();
    let mut check = Answers::new();
    for item in part.items() {
        let typed = value(item.id);
        let chosen = if typed.is_empty() || typed == super::pages::SKIP {
            None
        } else {
            match typed.parse::<u8>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.add(item.id, "Choose one of the answers shown");
                    continue;
                }
            }
        };
        match check.set(&item, chosen) {
            Ok(()) => answers.items.push((item, chosen)),
            Err(off) => errors.add(item.id, off.to_string()),
        }
    }
    if part == Part::Coaching {
        match parse_hours(&value("coach-hours")) {
            Ok(hours) => answers.hours_given = hours,
            Err(message) => errors.add("coach-hours", message),
        }
        for (name, typed) in sent {
            if name == "coach-gains" {
                match CoachGain::from_slug(typed) {
                    Some(gain) if !answers.gains.contains(&gain) => answers.gains.push(gain),
                    Some(_) => {}
                    None => errors.add("coach-gains", "Choose from the list"),
                }
            }
        }
        let own_words = value("coach-gains-own-words");
        if has_control_character(&own_words, true) {
            errors.add("coach-gains-own-words", CONTROL_CHARACTER_MESSAGE);
        } else if own_words.chars().count() > 2_000 {
            errors.add("coach-gains-own-words", "Use 2,000 characters or fewer");
        } else if !own_words.is_empty() {
            answers.gains_in_own_words = Some(own_words);
        }
    }
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

pub async fn answer(Path(token): Path<String>, form: FormPost<PartForm>) -> Response {
    const FORM: &str = "questionnaire";
    let now = form.state.clock.now();
    let Some(view) = db::view(&form.state.pool, &token, now).await.ok().flatten() else {
        return form.not_found().await;
    };
    let parts = view.kind.parts();
    let Some((index, &part)) = form
        .fields
        .part
        .parse::<usize>()
        .ok()
        .and_then(|i| parts.get(i).map(|p| (i, p)))
    else {
        return form
            .refuse(
                StatusCode::UNPROCESSABLE_ENTITY,
                FORM,
                "Choose a part of the questionnaire to answer",
            )
            .await;
    };
    let answers = match read_part(part, form.sent()) {
        Ok(answers) => answers,
        Err(errors) => return form.invalid(FORM, errors).await,
    };
    let action = form.fields.action.as_str();
    let send = action == "send";
    let saved = db::save_part(&form.state.pool, &token, index, &answers, send, now).await;
    let here = format!("/questionnaires/{token}");
    match saved {
        Ok(Saved::Sent) => done(&here),
        Ok(Saved::Saved) if action == "later" => done(&format!("{here}?part={index}&saved=later")),
        Ok(Saved::Saved) => {
            let next = (index + 1).min(parts.len() - 1);
            done(&format!("{here}?part={next}"))
        }
        Ok(Saved::AlreadySent) => {
            form.refuse(
                StatusCode::CONFLICT,
                FORM,
                "You sent your answers already: thank you.",
            )
            .await
        }
        Ok(Saved::Closed) => {
            form.refuse(
                StatusCode::CONFLICT,
                FORM,
                "This questionnaire has closed, so it can no longer be answered.",
            )
            .await
        }
        Ok(Saved::NotFound) => form.not_found().await,
        Err(error) => form.failed(FORM, error).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn hours_are_a_number_from_0_to_500_to_a_tenth() {
        assert_eq!(parse_hours(""), Ok(None));
        assert_eq!(parse_hours(" 7.5 "), Ok(Some(7.5)));
        assert_eq!(parse_hours("8 hours"), Ok(Some(8.0)));
        assert_eq!(parse_hours("0"), Ok(Some(0.0)));
        assert_eq!(parse_hours("2.25"), Ok(Some(2.3)));
        assert!(parse_hours("501").is_err());
        assert!(parse_hours("-1").is_err());
        assert!(parse_hours("lots").is_err());
        assert!(parse_hours("NaN").is_err());
    }

    #[test]
    fn a_part_keeps_skips_as_skips_and_refuses_answers_off_the_scale() {
        let read = read_part(
            Part::Loneliness,
            &pairs(&[("ucla-companionship", "2"), ("ucla-left-out", "")]),
        )
        .expect("read");
        let answered: Vec<Option<u8>> = read.items.iter().map(|(_, v)| *v).collect();
        assert_eq!(answered, [Some(2), None, None, None]);
        let errors = read_part(
            Part::Loneliness,
            &pairs(&[("ucla-companionship", "4"), ("ons-lonely", "x")]),
        )
        .expect_err("off the scale");
        assert_eq!(
            errors.get("ucla-companionship"),
            Some("Choose one of the answers shown")
        );
        assert_eq!(
            errors.get("ons-lonely"),
            Some("Choose one of the answers shown")
        );
    }

    #[test]
    fn a_coachs_part_reads_gains_hours_and_their_own_words() {
        let read = read_part(
            Part::Coaching,
            &pairs(&[
                ("coach-confidence", "4"),
                ("coach-gains", "coaching-skills"),
                ("coach-gains", "purpose-and-satisfaction"),
                ("coach-hours", "9"),
                ("coach-gains-own-words", "<b>Perspective</b>"),
            ]),
        )
        .expect("read");
        assert_eq!(read.hours_given, Some(9.0));
        assert_eq!(read.gains, [CoachGain::CoachingSkills, CoachGain::Purpose]);
        assert_eq!(
            read.gains_in_own_words.as_deref(),
            Some("<b>Perspective</b>")
        );
        let errors = read_part(
            Part::Coaching,
            &pairs(&[
                ("coach-gains", "fame"),
                ("coach-hours", "a week"),
                ("coach-gains-own-words", "a\u{0}b"),
            ]),
        )
        .expect_err("refused");
        assert!(errors.get("coach-gains").is_some());
        assert!(errors.get("coach-hours").is_some());
        assert_eq!(
            errors.get("coach-gains-own-words"),
            Some(CONTROL_CHARACTER_MESSAGE)
        );
    }
}
