//! The programme's controlled lists and states: regions, coaching themes, communities,
//! languages, session formats, and (declared beside their owners with the same macro) the
//! states of requests, engagements, bursaries, profiles and revisions, and the kinds of mail
//! and links. Each value has a slug (forms, URLs and the database, where CHECK constraints hold
//! the same lists) and a label (what people read).

/// Declares a controlled list: an enum with `ALL`, `slug`, `label` and `from_slug`, serialised
/// as its slug, and on the server a PostgreSQL `text` (and `text[]`) type, so that rows decode
/// straight into it: a stored value that is not in the list is an error, never a guess.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident => ($slug:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "&'static str")]
        pub enum $name { $($(#[$variant_meta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub const fn slug(self) -> &'static str {
                match self { $($name::$variant => $slug),+ }
            }

            pub const fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn from_slug(slug: &str) -> Option<$name> {
                match slug { $($slug => Some($name::$variant),)+ _ => None }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(slug: String) -> Result<Self, Self::Error> {
                $name::from_slug(&slug).ok_or_else(|| format!("unknown {}: {slug}", stringify!($name)))
            }
        }

        impl From<$name> for &'static str {
            fn from(value: $name) -> &'static str {
                value.slug()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        #[cfg(feature = "ssr")]
        impl sqlx::Type<sqlx::Postgres> for $name {
            fn type_info() -> sqlx::postgres::PgTypeInfo {
                <&str as sqlx::Type<sqlx::Postgres>>::type_info()
            }

            fn compatible(ty: &sqlx::postgres::PgTypeInfo) -> bool {
                <&str as sqlx::Type<sqlx::Postgres>>::compatible(ty)
            }
        }

        #[cfg(feature = "ssr")]
        impl sqlx::postgres::PgHasArrayType for $name {
            fn array_type_info() -> sqlx::postgres::PgTypeInfo {
                <&str as sqlx::postgres::PgHasArrayType>::array_type_info()
            }
        }

        #[cfg(feature = "ssr")]
        impl<'q> sqlx::Encode<'q, sqlx::Postgres> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut sqlx::postgres::PgArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                <&str as sqlx::Encode<'q, sqlx::Postgres>>::encode_by_ref(&self.slug(), buf)
            }
        }

        #[cfg(feature = "ssr")]
        impl<'r> sqlx::Decode<'r, sqlx::Postgres> for $name {
            fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
                let slug = <&str as sqlx::Decode<'r, sqlx::Postgres>>::decode(value)?;
                $name::from_slug(slug).ok_or_else(|| {
                    format!("{slug:?} is not a {} the code knows", stringify!($name)).into()
                })
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// The twelve UK nations and regions.
    Region {
        NorthEast => ("north-east", "North East"),
        NorthWest => ("north-west", "North West"),
        YorkshireAndTheHumber => ("yorkshire-and-the-humber", "Yorkshire and the Humber"),
        EastMidlands => ("east-midlands", "East Midlands"),
        WestMidlands => ("west-midlands", "West Midlands"),
        EastOfEngland => ("east-of-england", "East of England"),
        London => ("london", "London"),
        SouthEast => ("south-east", "South East"),
        SouthWest => ("south-west", "South West"),
        Wales => ("wales", "Wales"),
        Scotland => ("scotland", "Scotland"),
        NorthernIreland => ("northern-ireland", "Northern Ireland"),
    }
}

impl Region {
    /// The regions that share a land border with this one (Northern Ireland's is with the
    /// Republic of Ireland only). For suggesting coaches nearby: same region first, then these.
    pub const fn neighbours(self) -> &'static [Region] {
        use Region::*;
        match self {
            NorthEast => &[NorthWest, YorkshireAndTheHumber, Scotland],
            NorthWest => &[
                NorthEast,
                YorkshireAndTheHumber,
                EastMidlands,
                WestMidlands,
                Wales,
                Scotland,
            ],
            YorkshireAndTheHumber => &[NorthEast, NorthWest, EastMidlands],
            EastMidlands => &[
                YorkshireAndTheHumber,
                NorthWest,
                WestMidlands,
                EastOfEngland,
                SouthEast,
            ],
            WestMidlands => &[NorthWest, EastMidlands, SouthEast, SouthWest, Wales],
            EastOfEngland => &[EastMidlands, London, SouthEast],
            London => &[EastOfEngland, SouthEast],
            SouthEast => &[London, EastOfEngland, EastMidlands, WestMidlands, SouthWest],
            SouthWest => &[SouthEast, WestMidlands, Wales],
            Wales => &[NorthWest, WestMidlands, SouthWest],
            Scotland => &[NorthEast, NorthWest],
            NorthernIreland => &[],
        }
    }
}

vocabulary! {
    /// What a coach coaches on.
    Theme {
        StrategyAndPlanning => ("strategy-and-planning", "Strategy and planning"),
        BoardAndGovernance => ("board-and-governance", "Board and governance"),
        IncomeGeneration => ("income-generation-and-sustainability", "Income generation and sustainability"),
        Partnerships => ("partnerships-and-health-and-care", "Partnerships and working with the health and care system"),
        LeadingPeople => ("leading-staff-and-volunteers", "Leading staff and volunteers"),
        Wellbeing => ("wellbeing-and-resilience", "Wellbeing and resilience"),
        EquityDiversityInclusion => ("equity-diversity-and-inclusion", "Equity, diversity and inclusion"),
        LeadingThroughChange => ("leading-through-change", "Leading through change"),
        GrowingServices => ("growing-and-evaluating-services", "Growing and evaluating services"),
        NewLeader => ("being-a-new-leader", "Being a new leader"),
    }
}

vocabulary! {
    /// Communities a coach serves or knows well, and that an organisation serves.
    Community {
        EthnicMinority => ("ethnic-minority-communities", "Ethnic-minority communities"),
        Disabled => ("disabled-people", "Disabled people"),
        Women => ("women", "Women"),
        OlderPeople => ("older-people", "Older people"),
        YoungPeople => ("young-people", "Children and young people"),
        Lgbtq => ("lgbtq-people", "LGBTQ+ people"),
        LowIncome => ("low-income-or-deprived-areas", "People on low incomes or in deprived areas"),
        Rural => ("rural-communities", "Rural communities"),
        Refugees => ("refugees-and-asylum-seekers", "Refugees and people seeking asylum"),
        Carers => ("carers", "Unpaid carers"),
        MentalHealth => ("mental-health-lived-experience", "People with lived experience of mental ill health"),
        Neurodivergent => ("neurodivergent-people", "Neurodivergent people"),
        FaithCommunities => ("faith-communities", "Faith communities"),
    }
}

vocabulary! {
    /// What a coach has lived experience of. Much of it is special-category data under UK GDPR
    /// (health, ethnicity, sexual orientation, religion): a profile shows it only with the
    /// coach's explicit consent, which they can withdraw at once (see `coaches::draft`).
    LivedExperience {
        EthnicMinority => ("being-from-an-ethnic-minority-community", "Being from an ethnic-minority community"),
        Disability => ("disability", "Disability"),
        Deafness => ("being-deaf-or-hard-of-hearing", "Being Deaf or hard of hearing"),
        MentalHealth => ("mental-ill-health", "Mental ill health"),
        Neurodivergence => ("being-neurodivergent", "Being neurodivergent"),
        Recovery => ("addiction-and-recovery", "Addiction and recovery"),
        Lgbtq => ("being-lgbtq", "Being LGBTQ+"),
        Refuge => ("seeking-asylum-or-refuge", "Seeking asylum or refuge"),
        Caring => ("unpaid-caring", "Unpaid caring"),
        LowIncome => ("living-on-a-low-income", "Living on a low income"),
        Faith => ("belonging-to-a-faith-community", "Belonging to a faith community"),
    }
}

vocabulary! {
    /// Languages a coach can coach in.
    Language {
        English => ("english", "English"),
        Welsh => ("welsh", "Welsh"),
        BritishSignLanguage => ("british-sign-language", "British Sign Language"),
        ScottishGaelic => ("scottish-gaelic", "Scottish Gaelic"),
        Irish => ("irish", "Irish"),
        Arabic => ("arabic", "Arabic"),
        Bengali => ("bengali", "Bengali"),
        Cantonese => ("cantonese", "Cantonese"),
        Gujarati => ("gujarati", "Gujarati"),
        Hindi => ("hindi", "Hindi"),
        Mandarin => ("mandarin", "Mandarin"),
        Polish => ("polish", "Polish"),
        Portuguese => ("portuguese", "Portuguese"),
        Punjabi => ("punjabi", "Punjabi"),
        Romanian => ("romanian", "Romanian"),
        Somali => ("somali", "Somali"),
        Spanish => ("spanish", "Spanish"),
        Tamil => ("tamil", "Tamil"),
        Turkish => ("turkish", "Turkish"),
        Urdu => ("urdu", "Urdu"),
        Yoruba => ("yoruba", "Yoruba"),
    }
}

vocabulary! {
    /// How sessions are held: always remotely.
    SessionFormat {
        Video => ("video", "Video call"),
        Phone => ("phone", "Phone call"),
    }
}

/// Reads a list of slugs, keeping those that are known, once each, in the vocabulary's order
/// (not the order given: see `coaches::db::in_stored_order` for that).
pub fn known_slugs<T: Copy + PartialEq + Ord>(
    slugs: impl IntoIterator<Item = impl AsRef<str>>,
    from_slug: fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut values: Vec<T> = slugs
        .into_iter()
        .filter_map(|s| from_slug(s.as_ref()))
        .collect();
    values.sort();
    values.dedup();
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_regions_neighbour_each_other_and_never_themselves() {
        for region in Region::ALL {
            assert!(!region.neighbours().contains(region), "{region:?}");
            for other in region.neighbours() {
                assert!(
                    other.neighbours().contains(region),
                    "{region:?} neighbours {other:?} but not back"
                );
            }
        }
        assert!(Region::London.neighbours().contains(&Region::SouthEast));
        assert!(Region::Wales.neighbours().contains(&Region::SouthWest));
        assert!(!Region::London.neighbours().contains(&Region::Wales));
        assert!(Region::NorthernIreland.neighbours().is_empty());
    }

    fn check<T: Copy + std::fmt::Debug + PartialEq>(
        all: &[T],
        slug: fn(T) -> &'static str,
        from_slug: fn(&str) -> Option<T>,
    ) {
        let mut seen = std::collections::HashSet::new();
        for &value in all {
            let s = slug(value);
            assert!(seen.insert(s), "duplicate slug {s}");
            assert_eq!(from_slug(s), Some(value));
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{s} is not a slug"
            );
        }
        assert_eq!(from_slug("not-in-the-list"), None);
    }

    #[test]
    fn slugs_are_unique_and_round_trip() {
        check(Region::ALL, Region::slug, Region::from_slug);
        check(Theme::ALL, Theme::slug, Theme::from_slug);
        check(Community::ALL, Community::slug, Community::from_slug);
        check(Language::ALL, Language::slug, Language::from_slug);
        check(
            LivedExperience::ALL,
            LivedExperience::slug,
            LivedExperience::from_slug,
        );
        check(
            SessionFormat::ALL,
            SessionFormat::slug,
            SessionFormat::from_slug,
        );
    }

    #[test]
    fn there_are_twelve_regions_and_ten_themes() {
        assert_eq!(Region::ALL.len(), 12);
        assert_eq!(Theme::ALL.len(), 10);
    }

    #[test]
    fn known_slugs_drops_unknown_and_repeated_values() {
        assert_eq!(
            known_slugs(["wales", "mars", "london", "wales"], Region::from_slug),
            vec![Region::London, Region::Wales]
        );
    }

    #[test]
    fn serialises_as_the_slug() {
        assert_eq!(
            serde_json::to_string(&Theme::NewLeader).ok().as_deref(),
            Some("\"being-a-new-leader\"")
        );
        assert_eq!(
            serde_json::from_str::<Region>("\"wales\"").ok(),
            Some(Region::Wales)
        );
        assert!(serde_json::from_str::<Region>("\"mars\"").is_err());
    }
}
