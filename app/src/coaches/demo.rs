//! Demo coaches: realistic, clearly fictional people (every place in their organisations' names
//! is invented, every email address is at example.org, and every phone number is in Ofcom's
//! range reserved for drama). Between them the first 72 cover every region, theme, community,
//! language, session format and availability state. Loaded by `make run` into an empty
//! database and by `make seed` on request; never otherwise.

use super::draft::CoachStatus;
use crate::vocabulary::{Community, Language, LivedExperience, Region, SessionFormat, Theme};
use chrono::{Days, NaiveDate};
use sqlx::{PgPool, Postgres, QueryBuilder};

/// How many coaches the demo data has.
pub const DEMO_COACHES: usize = 72;

/// A coach as stored, including what is private (email, phone) and what is not yet public
/// (status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCoach {
    pub slug: String,
    pub status: CoachStatus,
    pub name: String,
    pub pronouns: Option<&'static str>,
    pub role: &'static str,
    pub organisation: String,
    pub region: Region,
    pub postcode_area: &'static str,
    pub bio: String,
    pub how_i_coach: &'static str,
    pub themes: Vec<Theme>,
    pub communities: Vec<Community>,
    /// Published with the coach's consent (the demo's coaches gave it).
    pub lived_experience: Vec<LivedExperience>,
    pub languages: Vec<Language>,
    pub formats: Vec<SessionFormat>,
    pub accepting_new_leaders: bool,
    pub capacity: i32,
    pub current_leaders: i32,
    pub next_opening: Option<NaiveDate>,
    pub email: String,
    pub phone: Option<String>,
}

const FIRST_NAMES: [(&str, Option<&str>); 36] = [
    ("Amara", Some("she/her")),
    ("Tomasz", Some("he/him")),
    ("Priya", Some("she/her")),
    ("Declan", Some("he/him")),
    ("Ngozi", Some("she/her")),
    ("Rhys", Some("he/him")),
    ("Mei", Some("she/her")),
    ("Kwame", None),
    ("Siobhan", Some("she/her")),
    ("Arjun", Some("he/him")),
    ("Fatima", None),
    ("Callum", Some("he/him")),
    ("Alex", Some("they/them")),
    ("Bethan", Some("she/her")),
    ("Hamza", Some("he/him")),
    ("Oluwaseun", Some("he/him")),
    ("Joanna", None),
    ("Sami", Some("they/them")),
    ("Gwen", Some("she/her")),
    ("Kofi", Some("he/him")),
    ("Leila", Some("she/her")),
    ("Euan", None),
    ("Aisha", Some("she/her")),
    ("Marek", Some("he/him")),
    ("Chloe", Some("she/her")),
    ("Tariq", Some("he/him")),
    ("Niamh", Some("she/her")),
    ("Dev", Some("he/him")),
    ("Ruth", None),
    ("Jordan", Some("they/them")),
    ("Hannah", Some("she/her")),
    ("Ibrahim", Some("he/him")),
    ("Carys", Some("she/her")),
    ("Femi", Some("he/him")),
    ("Zainab", Some("she/her")),
    ("Morgan", Some("they/them")),
];

const SURNAMES: [&str; 36] = [
    "Okafor",
    "Nowak",
    "Sharma",
    "O'Connor",
    "Adeyemi",
    "Pritchard",
    "Chen",
    "Mensah",
    "Byrne",
    "Patel",
    "Hussain",
    "MacLeod",
    "Kowalski",
    "Griffiths",
    "Rahman",
    "Adebayo",
    "Evans",
    "Begum",
    "Jones",
    "Asante",
    "Haddad",
    "Fraser",
    "Ahmed",
    "Lewandowski",
    "Taylor",
    "Malik",
    "Doherty",
    "Gill",
    "Cohen",
    "Campbell",
    "Williams",
    "Osei",
    "Bello",
    "Ali",
    "Hughes",
    "Novak",
];

const ROLES: [&str; 10] = [
    "Chief executive",
    "Director",
    "Founder and director",
    "Chief officer",
    "Head of services",
    "Operations director",
    "Coordinator",
    "Managing director",
    "Development manager",
    "Centre manager",
];

/// Invented places, two per region, in `Region::ALL` order.
const PLACES: [[&str; 2]; 12] = [
    ["Kestrelburn", "Hollowhaugh"],
    ["Ashby Fold", "Millbeck"],
    ["Thornsby", "Calderholme"],
    ["Brackenford", "Wrenby"],
    ["Stonebridge Heath", "Larkhill Vale"],
    ["Fenwick St Clare", "Reedham Staithe"],
    ["Northgate", "Riverside Quay"],
    ["Hollowmere", "Chalkdown"],
    ["Tamsworthy", "Combe Merrow"],
    ["Aberllyn", "Cwm Dderwen"],
    ["Glenbrannoch", "Kirkmuir"],
    ["Ballymorne", "Carrickdale"],
];

/// Real postcode areas in each region, in `Region::ALL` order. A region's coaches take them in
/// turn; those near the Welsh border (see [`BORDER_AREAS`]) may coach in Welsh.
const POSTCODE_AREAS: [&[&str]; 12] = [
    &["NE", "SR", "DH", "TS", "DL"],
    &["M", "L", "PR", "CH", "BB", "CA", "WA"],
    &["LS", "S", "BD", "HU", "YO", "HD"],
    &["NG", "DE", "LE", "LN", "NN"],
    &["B", "SY", "CV", "WV", "HR", "ST", "WR"],
    &["CB", "NR", "IP", "CO", "PE", "LU"],
    &["E", "N", "SE", "SW", "W", "NW"],
    &["BN", "RG", "OX", "ME", "GU", "SO"],
    &["BS", "EX", "PL", "TR", "BA", "GL"],
    &["CF", "SA", "LL", "NP", "SY"],
    &["EH", "G", "AB", "DD", "IV", "KY"],
    &["BT"],
];

/// English postcode areas on the Welsh border: Chester, Shrewsbury, Hereford.
const BORDER_AREAS: [&str; 3] = ["CH", "SY", "HR"];

/// Languages of communities across England, for coaches who speak one.
const COMMUNITY_LANGUAGES: [Language; 16] = [
    Language::Urdu,
    Language::Polish,
    Language::Punjabi,
    Language::Bengali,
    Language::Gujarati,
    Language::Arabic,
    Language::Somali,
    Language::Romanian,
    Language::Portuguese,
    Language::Tamil,
    Language::Turkish,
    Language::Yoruba,
    Language::Cantonese,
    Language::Hindi,
    Language::Spanish,
    Language::Mandarin,
];

/// The organisation focus whose leaders work with the Deaf community (and coach in BSL).
const DEAF_COMMUNITY: &str = "Deaf Community";

const FOCUSES: [&str; 15] = [
    "Carers",
    "Mental Health",
    "Wellbeing",
    "Recovery",
    "Disability Rights",
    "Community Health",
    "Women's Health",
    "Men's Shed",
    "Peer Support",
    "Older People's",
    "Young People's",
    "Refugee Wellbeing",
    "Deaf Community",
    "Food and Health",
    "Social Prescribing",
];

const KINDS: [&str; 10] = [
    "Network",
    "Trust",
    "Collective",
    "Forum",
    "Project",
    "Alliance",
    "Hub",
    "Partnership",
    "Centre",
    "Association",
];

const BACKGROUNDS: [&str; 10] = [
    "Before that I managed community services for a housing association.",
    "I started as a volunteer and never left.",
    "I came to the sector from nursing.",
    "I set the organisation up with two friends at a kitchen table.",
    "Before that I worked in local government, commissioning health services.",
    "I trained as a youth worker.",
    "I spent ten years in fundraising before I became a chief executive.",
    "I came to the UK as a refugee and have worked in community health ever since.",
    "I cared for my mother for many years, which is how I found the sector.",
    "I used to run a social enterprise café that employs people in recovery.",
];

const APPROACHES: [&str; 8] = [
    "I listen more than I talk. The sessions are yours: we start from what is on your mind and end with one thing you will try before we next meet.",
    "I use a solution-focused approach: we look at what already works for you and do more of it.",
    "I am warm but direct. I will ask the question you have been avoiding, and help you find your own answer to it.",
    "I draw on action learning. We work on real situations from your week, and I help you test your thinking before you act.",
    "I bring practical tools for planning, prioritising and difficult conversations, and we use the ones that fit you.",
    "I hold a Level 5 coaching qualification and have regular supervision. I believe you are the expert on your organisation.",
    "Expect questions rather than advice. Between sessions I might suggest something to read or try, never homework for its own sake.",
    "I work at your pace. Some sessions are about strategy, some are about getting through a hard month, and both are fine.",
];

/// `count` coaches, the same every time for the same `today`; dates of next openings are
/// relative to `today`.
pub fn coaches(count: usize, today: NaiveDate) -> Vec<NewCoach> {
    let mut slugs = std::collections::HashSet::new();
    (0..count)
        .map(|i| {
            let coach = coach(i, today);
            let mut slug = coach.slug.clone();
            let mut n = 2;
            while !slugs.insert(slug.clone()) {
                slug = format!("{}-{n}", coach.slug);
                n += 1;
            }
            NewCoach { slug, ..coach }
        })
        .collect()
}

fn coach(i: usize, today: NaiveDate) -> NewCoach {
    let (first, pronouns) = FIRST_NAMES[i % FIRST_NAMES.len()];
    let surname = SURNAMES[(i * 5 + i / SURNAMES.len()) % SURNAMES.len()];
    let name = format!("{first} {surname}");
    let region_index = i % Region::ALL.len();
    let region = Region::ALL[region_index];
    let areas = POSTCODE_AREAS[region_index];
    let place = PLACES[region_index][(i / Region::ALL.len()) % 2];
    let organisation = format!(
        "{place} {} {}",
        FOCUSES[(i * 7) % FOCUSES.len()],
        KINDS[(i * 3) % KINDS.len()]
    );

    let mut themes = Vec::new();
    for t in [i % 10, (i * 3 + 1) % 10, (i * 7 + 4) % 10] {
        if !themes.contains(&Theme::ALL[t]) {
            themes.push(Theme::ALL[t]);
        }
    }
    let mut communities = vec![Community::ALL[i % Community::ALL.len()]];
    let second = Community::ALL[(i * 5 + 2) % Community::ALL.len()];
    if i.is_multiple_of(2) && !communities.contains(&second) {
        communities.push(second);
    }
    let focus = FOCUSES[(i * 7) % FOCUSES.len()];
    let postcode_area = areas[(i / Region::ALL.len()) % areas.len()];
    let languages = languages(i, region, postcode_area, focus);
    // Every fifth coach publishes lived experience, with consent: what their first community
    // suggests, where it is something a person lives.
    let lived_experience: Vec<LivedExperience> = if i.is_multiple_of(5) {
        lived_experience_of(communities[0]).into_iter().collect()
    } else {
        Vec::new()
    };
    let formats = match i % 4 {
        1 => vec![SessionFormat::Video],
        2 => vec![SessionFormat::Phone],
        _ => vec![SessionFormat::Video, SessionFormat::Phone],
    };
    let in_days = |days| today.checked_add_days(Days::new(days));
    let (accepting_new_leaders, capacity, current_leaders, next_opening) = match i % 6 {
        // At capacity: accepting in principle, full in practice.
        3 => (true, 2, 2, in_days(60)),
        4 => (false, 3, 1, in_days(120)),
        5 => (false, 4, 0, None),
        _ => (true, 3, i32::try_from(i % 3).unwrap_or(0), None),
    };
    let status = match i {
        66 => CoachStatus::Hidden,
        67 => CoachStatus::PendingApproval,
        68 => CoachStatus::Draft,
        _ => CoachStatus::Published,
    };
    let years = 3 + (i * 7) % 20;
    let bio = format!(
        "I have led {organisation} for {years} years. {} Leaders I coach often want to talk about {} and {}. \
         I know from experience what it takes to serve {}.",
        BACKGROUNDS[i % BACKGROUNDS.len()],
        themes[0].label().to_lowercase(),
        themes[themes.len() - 1].label().to_lowercase(),
        communities[0].label().to_lowercase(),
    );
    let email_name: String = format!("{first}.{surname}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    NewCoach {
        slug: super::Slug::from_name(&name).to_string(),
        status,
        name,
        pronouns,
        role: ROLES[(i * 3) % ROLES.len()],
        organisation,
        region,
        postcode_area,
        bio,
        how_i_coach: APPROACHES[(i * 5) % APPROACHES.len()],
        themes,
        communities,
        lived_experience,
        languages,
        formats,
        accepting_new_leaders,
        capacity,
        current_leaders,
        next_opening,
        email: format!("{email_name}@example.org"),
        phone: (!i.is_multiple_of(3)).then(|| format!("07700 900{:03}", i % 1000)),
    }
}

/// The languages coach `i` coaches in: English, and Welsh in Wales (most) and on its border
/// (some), Gaelic in Scotland and Irish in Northern Ireland (some), BSL for leaders of Deaf
/// community organisations, and a community language for some coaches in England.
fn languages(i: usize, region: Region, postcode_area: &str, focus: &str) -> Vec<Language> {
    let turn = i / Region::ALL.len();
    let mut languages = vec![Language::English];
    match region {
        Region::Wales if turn % 3 != 2 => languages.push(Language::Welsh),
        Region::Scotland if turn.is_multiple_of(2) => languages.push(Language::ScottishGaelic),
        Region::NorthernIreland if turn.is_multiple_of(2) => languages.push(Language::Irish),
        Region::Wales | Region::Scotland | Region::NorthernIreland => {}
        _ if BORDER_AREAS.contains(&postcode_area) => languages.push(Language::Welsh),
        _ if i.is_multiple_of(2) => {
            languages.push(COMMUNITY_LANGUAGES[(i / 2) % COMMUNITY_LANGUAGES.len()]);
        }
        _ => {}
    }
    if focus == DEAF_COMMUNITY {
        languages.push(Language::BritishSignLanguage);
    }
    languages
}

/// The lived experience a community suggests, where it is something a person lives.
fn lived_experience_of(community: Community) -> Option<LivedExperience> {
    match community {
        Community::EthnicMinority => Some(LivedExperience::EthnicMinority),
        Community::Disabled => Some(LivedExperience::Disability),
        Community::Lgbtq => Some(LivedExperience::Lgbtq),
        Community::LowIncome => Some(LivedExperience::LowIncome),
        Community::Refugees => Some(LivedExperience::Refuge),
        Community::Carers => Some(LivedExperience::Caring),
        Community::MentalHealth => Some(LivedExperience::MentalHealth),
        Community::Neurodivergent => Some(LivedExperience::Neurodivergence),
        Community::FaithCommunities => Some(LivedExperience::Faith),
        Community::Women | Community::OlderPeople | Community::YoungPeople | Community::Rural => {
            None
        }
    }
}

/// Stores coaches, skipping any whose slug is taken. Returns how many were added.
pub async fn insert(pool: &PgPool, coaches: &[NewCoach]) -> Result<u64, sqlx::Error> {
    let mut added = 0;
    for chunk in coaches.chunks(500) {
        let mut sql = QueryBuilder::<Postgres>::new(
            "INSERT INTO coaches (slug, status, name, pronouns, role, organisation, region, \
             postcode_area, bio, how_i_coach, themes, communities, lived_experience_sealed, \
             lived_experience_consented_at, languages, formats, accepting_new_leaders, capacity, \
             current_leaders, next_opening, email, phone, published_at) ",
        );
        let sealed = chunk
            .iter()
            .map(|coach| {
                let slugs: Vec<&str> = coach.lived_experience.iter().map(|l| l.slug()).collect();
                crate::special_category::seal(
                    crate::special_category::SealedField::LivedExperience,
                    &slugs,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        sql.push_values(chunk.iter().zip(sealed), |mut row, (coach, sealed)| {
            row.push_bind(&coach.slug)
                .push_bind(coach.status)
                .push_bind(&coach.name)
                .push_bind(coach.pronouns)
                .push_bind(coach.role)
                .push_bind(&coach.organisation)
                .push_bind(coach.region.slug())
                .push_bind(coach.postcode_area)
                .push_bind(&coach.bio)
                .push_bind(coach.how_i_coach)
                .push_bind(coach.themes.iter().map(|t| t.slug()).collect::<Vec<_>>())
                .push_bind(
                    coach
                        .communities
                        .iter()
                        .map(|c| c.slug())
                        .collect::<Vec<_>>(),
                )
                .push_bind(sealed)
                .push("CASE WHEN ")
                .push_bind_unseparated(!coach.lived_experience.is_empty())
                .push_unseparated(" THEN now() END")
                .push_bind(coach.languages.iter().map(|l| l.slug()).collect::<Vec<_>>())
                .push_bind(coach.formats.iter().map(|f| f.slug()).collect::<Vec<_>>())
                .push_bind(coach.accepting_new_leaders)
                .push_bind(coach.capacity)
                .push_bind(coach.current_leaders)
                .push_bind(coach.next_opening)
                .push_bind(&coach.email)
                .push_bind(&coach.phone)
                .push("CASE WHEN ")
                .push_bind_unseparated(coach.status)
                .push_unseparated(" = 'published' THEN now() END");
        });
        sql.push(" ON CONFLICT (slug) DO NOTHING");
        added += sql.build().execute(pool).await?.rows_affected();
        // A published profile is a trained coach's.
        let slugs: Vec<String> = chunk.iter().map(|coach| coach.slug.clone()).collect();
        crate::readiness::demo::train(pool, &slugs).await?;
    }
    Ok(added)
}

/// Whom the demo coaches coach: new and emerging leaders for those who coach on being a new
/// leader, both stages for about a third of the rest (by their slug, so the same each time),
/// experienced leaders for the others; and the demo coach's one declared conflict, a direct
/// competitor of their organisation.
pub async fn declare_whom_they_coach(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE coaches SET stages = CASE
             WHEN 'being-a-new-leader' = ANY (themes) THEN ARRAY['new']
             WHEN get_byte(decode(md5(slug), 'hex'), 0) % 3 = 0 THEN ARRAY['new', 'experienced']
             ELSE ARRAY['experienced'] END",
    )
    .execute(pool)
    .await?;
    sqlx::query(
        "UPDATE coaches SET conflict_organisations =
             '[{\"name\": \"Kestrelburn Recovery Collective\", \"number\": null}]'
         WHERE slug = $1",
    )
    .bind(crate::accounts::demo::DEMO_COACH_SLUG)
    .execute(pool)
    .await?;
    Ok(())
}

/// Records that this database holds the demo data, for the banner every page then shows.
pub async fn mark_seeded(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO demo_data (seeded_at) SELECT now() WHERE NOT EXISTS (SELECT 1 FROM demo_data)",
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Whether this database holds the demo data.
pub async fn is_seeded(pool: &PgPool) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM demo_data)")
        .fetch_one(pool)
        .await
}

/// Whether the directory has no coaches at all: `make run` loads the demo only then.
pub async fn directory_is_empty(pool: &PgPool) -> Result<bool, sqlx::Error> {
    let any: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM coaches)")
        .fetch_one(pool)
        .await?;
    Ok(!any)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn the_demo_covers_every_value_of_every_list() {
        let demo = coaches(DEMO_COACHES, today());
        let published: Vec<_> = demo
            .iter()
            .filter(|c| c.status == CoachStatus::Published)
            .collect();
        assert!(published.len() >= 60, "{} published", published.len());
        for region in Region::ALL {
            assert!(published.iter().any(|c| c.region == *region), "{region:?}");
        }
        for theme in Theme::ALL {
            assert!(
                published.iter().any(|c| c.themes.contains(theme)),
                "{theme:?}"
            );
        }
        for community in Community::ALL {
            assert!(
                published.iter().any(|c| c.communities.contains(community)),
                "{community:?}"
            );
        }
        for language in Language::ALL {
            assert!(
                published.iter().any(|c| c.languages.contains(language)),
                "{language:?}"
            );
        }
        for format in SessionFormat::ALL {
            assert!(
                published.iter().any(|c| c.formats == vec![*format]),
                "only {format:?}"
            );
        }
    }

    #[test]
    fn languages_fit_where_coaches_are_and_whom_they_serve() {
        let demo = coaches(DEMO_COACHES, today());
        for coach in &demo {
            let speaks = |l| coach.languages.contains(&l);
            if speaks(Language::Welsh) {
                assert!(
                    coach.region == Region::Wales || BORDER_AREAS.contains(&coach.postcode_area),
                    "{} speaks Welsh in {:?} {}",
                    coach.name,
                    coach.region,
                    coach.postcode_area
                );
            }
            assert!(!speaks(Language::ScottishGaelic) || coach.region == Region::Scotland);
            assert!(!speaks(Language::Irish) || coach.region == Region::NorthernIreland);
            assert_eq!(
                speaks(Language::BritishSignLanguage),
                coach.organisation.contains(DEAF_COMMUNITY),
                "{}",
                coach.name
            );
        }
        let welsh_in_wales = demo
            .iter()
            .filter(|c| c.region == Region::Wales && c.languages.contains(&Language::Welsh))
            .count();
        assert!(welsh_in_wales >= 3, "most coaches in Wales speak Welsh");
        assert!(
            demo.iter()
                .any(|c| c.region != Region::Wales && c.languages.contains(&Language::Welsh)),
            "a few on the border do too"
        );
    }

    #[test]
    fn postcode_areas_vary_within_each_region() {
        let demo = coaches(DEMO_COACHES, today());
        for region in Region::ALL {
            let areas: std::collections::HashSet<_> = demo
                .iter()
                .filter(|c| c.region == *region)
                .map(|c| c.postcode_area)
                .collect();
            let known = POSTCODE_AREAS[Region::ALL.iter().position(|r| r == region).unwrap_or(0)];
            assert_eq!(areas.len(), known.len().min(6), "{region:?}: {areas:?}");
        }
    }

    #[test]
    fn some_coaches_publish_lived_experience_apart_from_the_communities_they_serve() {
        let demo = coaches(DEMO_COACHES, today());
        let sharing = demo
            .iter()
            .filter(|c| !c.lived_experience.is_empty())
            .count();
        assert!((5..=20).contains(&sharing), "{sharing} coaches");
    }

    #[test]
    fn the_demo_has_every_availability_state() {
        let demo = coaches(DEMO_COACHES, today());
        let accepting_with_room =
            |c: &&NewCoach| c.accepting_new_leaders && c.current_leaders < c.capacity;
        let full = |c: &&NewCoach| c.accepting_new_leaders && c.current_leaders >= c.capacity;
        let not_accepting_with_date =
            |c: &&NewCoach| !c.accepting_new_leaders && c.next_opening.is_some();
        let not_accepting_without_date =
            |c: &&NewCoach| !c.accepting_new_leaders && c.next_opening.is_none();
        assert!(demo.iter().filter(accepting_with_room).count() >= 30);
        assert!(demo.iter().any(|c| full(&c)));
        assert!(demo.iter().any(|c| not_accepting_with_date(&c)));
        assert!(demo.iter().any(|c| not_accepting_without_date(&c)));
        for status in [
            CoachStatus::Hidden,
            CoachStatus::PendingApproval,
            CoachStatus::Draft,
        ] {
            assert!(demo.iter().any(|c| c.status == status), "{status:?}");
        }
    }

    #[test]
    fn names_and_slugs_are_unique_and_contacts_are_fictional() {
        let demo = coaches(2_000, today());
        let mut slugs: Vec<_> = demo.iter().map(|c| c.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), demo.len());
        let first: std::collections::HashSet<_> = demo[..DEMO_COACHES]
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            first.len(),
            DEMO_COACHES,
            "the demo's names are all different"
        );
        assert!(demo.iter().all(|c| c.email.ends_with("@example.org")));
        assert!(
            demo.iter()
                .filter_map(|c| c.phone.as_deref())
                .all(|p| p.starts_with("07700 900"))
        );
    }

    #[test]
    fn the_demo_is_the_same_every_time() {
        assert_eq!(
            coaches(DEMO_COACHES, today()),
            coaches(DEMO_COACHES, today())
        );
    }
}
