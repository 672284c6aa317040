//! The eligibility and bursary checker: who may have Cascade coaching and who may have a bursary.
//!
//! - [`rules`]: the pure rules, shared by browser and server.
//! - [`answers`]: the form as typed, parsed into [`EligibilityQuestions`].
//! - [`checker`]: the `/eligibility` page and its island.

pub mod answers;
pub mod checker;
mod organisation;
pub mod rules;

pub use answers::EligibilityAnswers;
pub use checker::EligibilityPage;
pub use organisation::OrganisationType;
pub use rules::{Assessment, EligibilityQuestions, assess};
