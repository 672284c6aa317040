//! The directory and profiles, on a real database: filters, search, ranking, pagination, and
//! what the public may and may not see.

use crate::helpers::{TestApp, coach, spawn_app};
use app::coaches::demo::NewCoach;
use app::vocabulary::{Community, Language, Region, SessionFormat, Theme};
use chrono::NaiveDate;

/// Five coaches who differ in one way each from the default.
async fn five_coaches(app: &TestApp) {
    app.add_coaches(&[
        coach("Amara Okafor"),
        NewCoach {
            region: Region::Wales,
            postcode_area: "CF",
            languages: vec![Language::English, Language::Welsh],
            ..coach("Bethan Pritchard")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            communities: vec![Community::Carers],
            ..coach("Callum MacLeod")
        },
        NewCoach {
            formats: vec![SessionFormat::Phone],
            communities: vec![Community::Disabled],
            ..coach("Dev Gill")
        },
        NewCoach {
            accepting_new_leaders: false,
            next_opening: NaiveDate::from_ymd_opt(2027, 3, 1),
            ..coach("Ewa Nowak")
        },
    ])
    .await;
}

#[tokio::test]
async fn the_directory_lists_every_published_coach_with_a_count() {
    let app = spawn_app().await;
    five_coaches(&app).await;

    let page = app.get_page("/coaches").await;

    assert_eq!(page.status, 200);
    assert_eq!(page.result_count(), Some(5));
    assert_eq!(page.card_slugs().len(), 5);
    // Accepting coaches first.
    assert_eq!(
        page.card_slugs().last().map(String::as_str),
        Some("ewa-nowak")
    );
    assert!(
        page.html
            .contains("Not accepting new leaders now. Next opening: 1 March 2027")
    );
}

#[tokio::test]
async fn each_filter_narrows_the_results() {
    let app = spawn_app().await;
    five_coaches(&app).await;

    for (query, expected) in [
        ("region=wales", vec!["bethan-pritchard"]),
        ("language=welsh", vec!["bethan-pritchard"]),
        ("theme=board-and-governance", vec!["callum-macleod"]),
        ("community=carers", vec!["callum-macleod"]),
        ("format=phone", vec!["dev-gill"]),
        ("community=disabled-people&format=phone", vec!["dev-gill"]),
        ("region=wales&theme=board-and-governance", vec![]),
    ] {
        let page = app.get_page(&format!("/coaches?{query}")).await;
        assert_eq!(page.card_slugs(), expected, "{query}");
        assert_eq!(page.result_count(), Some(expected.len() as u64), "{query}");
    }

    let accepting = app.get_page("/coaches?accepting=yes").await;
    assert_eq!(accepting.result_count(), Some(4));
    assert!(!accepting.card_slugs().contains(&"ewa-nowak".to_string()));
}

#[tokio::test]
async fn a_coach_at_capacity_counts_as_not_accepting() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            capacity: 2,
            current_leaders: 2,
            ..coach("Full Coach")
        },
        coach("Open Coach"),
    ])
    .await;

    let page = app.get_page("/coaches?accepting=yes").await;

    assert_eq!(page.card_slugs(), ["open-coach"]);
    let all = app.get_page("/coaches").await;
    assert_eq!(all.card_slugs(), ["open-coach", "full-coach"]);
}

#[tokio::test]
async fn unknown_and_malformed_parameters_are_ignored_keeping_the_rest() {
    let app = spawn_app().await;
    five_coaches(&app).await;

    for query in [
        "region=mars&page=abc&utm_source=x",
        "page=-1&theme=",
        "accepting=maybe",
        "%ZZ=%ZZ&q=%",
    ] {
        let page = app.get_page(&format!("/coaches?{query}")).await;
        assert_eq!(page.status, 200, "{query}");
        assert!(page.result_count().is_some(), "{query}");
    }
    let kept = app.get_page("/coaches?region=mars&language=welsh").await;
    assert_eq!(kept.card_slugs(), ["bethan-pritchard"]);
}

/// The first coach a search for `q` lists.
async fn first_found(app: &TestApp, q: &str) -> Option<String> {
    let page = app
        .get_page(&format!("/coaches?q={}", q.replace(' ', "+")))
        .await;
    page.card_slugs().into_iter().next()
}

#[tokio::test]
async fn search_finds_names_organisations_themes_and_words_from_profiles() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            organisation: "Tamsworthy Recovery Collective".into(),
            ..coach("Amara Okafor")
        },
        NewCoach {
            themes: vec![Theme::IncomeGeneration],
            bio: "I rebuilt our fundraising after we lost a big contract.".into(),
            ..coach("Bethan Pritchard")
        },
        coach("Callum MacLeod"),
    ])
    .await;

    for (q, expected) in [
        ("okafor", "amara-okafor"),
        ("Tamsworthy", "amara-okafor"),
        ("income generation", "bethan-pritchard"),
        ("fundraising", "bethan-pritchard"),
        // English stemming: "contracts" finds "contract".
        ("contracts", "bethan-pritchard"),
    ] {
        assert_eq!(first_found(&app, q).await.as_deref(), Some(expected), "{q}");
    }
    let none = app.get_page("/coaches?q=astrophysics").await;
    assert_eq!(none.result_count(), Some(0));
    assert!(none.html.contains("No coaches match your search"));
}

#[tokio::test]
async fn typos_and_partial_words_still_find_the_obvious_coach() {
    let app = spawn_app().await;
    app.add_coaches(&[
        coach("Amara Okafor"),
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            ..coach("Bethan Pritchard")
        },
        NewCoach {
            themes: vec![Theme::Wellbeing],
            ..coach("Callum MacLeod")
        },
    ])
    .await;

    for (q, expected) in [
        ("Okafr", "amara-okafor"),
        ("okafor amara", "amara-okafor"),
        ("Pritchrd", "bethan-pritchard"),
        ("govrnance", "bethan-pritchard"),
        ("strat", "amara-okafor"),
        ("wellbeing and resilence", "callum-macleod"),
    ] {
        assert_eq!(first_found(&app, q).await.as_deref(), Some(expected), "{q}");
    }
}

#[tokio::test]
async fn better_matches_rank_higher_and_accepting_coaches_come_first() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            bio: "Governance came up once in my career.".into(),
            ..coach("Bio Mention")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            ..coach("Theme Match")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            organisation: "Governance Matters Forum".into(),
            accepting_new_leaders: false,
            ..coach("Best But Full")
        },
    ])
    .await;

    let page = app.get_page("/coaches?q=governance").await;

    assert_eq!(
        page.card_slugs(),
        ["theme-match", "bio-mention", "best-but-full"]
    );
}

#[tokio::test]
async fn results_are_paginated_and_every_page_says_how_many_there_are() {
    let app = spawn_app().await;
    let coaches: Vec<NewCoach> = (0..30)
        .map(|i| coach(&format!("Coach Number {i:02}")))
        .collect();
    app.add_coaches(&coaches).await;

    let first = app.get_page("/coaches").await;
    let second = app.get_page("/coaches?page=2").await;
    let third = app.get_page("/coaches?page=3").await;
    let beyond = app.get_page("/coaches?page=9").await;

    assert_eq!(first.card_slugs().len(), 12);
    assert_eq!(second.card_slugs().len(), 12);
    assert_eq!(third.card_slugs().len(), 6);
    for page in [&first, &second, &third, &beyond] {
        assert_eq!(page.result_count(), Some(30));
    }
    let mut seen: Vec<String> =
        [first.card_slugs(), second.card_slugs(), third.card_slugs()].concat();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 30, "no coach twice, none missed");
    assert!(first.html.contains(r#"href="/coaches?page=2" rel="next""#));
    assert!(third.html.contains("Page 3 of 3"));
    assert!(beyond.card_slugs().is_empty());
    assert!(beyond.html.contains("there is no page 9 of results"));
}

#[tokio::test]
async fn pagination_keeps_the_search() {
    let app = spawn_app().await;
    let coaches: Vec<NewCoach> = (0..14)
        .map(|i| NewCoach {
            region: Region::Wales,
            postcode_area: "CF",
            ..coach(&format!("Welsh Coach {i:02}"))
        })
        .collect();
    app.add_coaches(&coaches).await;

    let page = app.get_page("/coaches?q=welsh+coach&region=wales").await;

    assert!(
        page.html
            .contains(r#"href="/coaches?q=welsh+coach&amp;region=wales&amp;page=2""#)
    );
}

#[tokio::test]
async fn only_published_coaches_are_ever_shown() {
    let app = spawn_app().await;
    app.add_coaches(&[
        coach("Shown Coach"),
        NewCoach {
            status: app::coaches::draft::CoachStatus::Draft,
            ..coach("Draft Coach")
        },
        NewCoach {
            status: app::coaches::draft::CoachStatus::PendingApproval,
            ..coach("Pending Coach")
        },
        NewCoach {
            status: app::coaches::draft::CoachStatus::Hidden,
            ..coach("Hidden Coach")
        },
    ])
    .await;

    let all = app.get_page("/coaches?q=coach").await;
    assert_eq!(all.card_slugs(), ["shown-coach"]);
    for slug in ["draft-coach", "pending-coach", "hidden-coach", "nobody"] {
        let profile = app.get_page(&format!("/coaches/{slug}")).await;
        assert_eq!(profile.status, 404, "{slug}");
        assert!(profile.html.contains("Coach not found"), "{slug}");
        assert!(!profile.html.contains("Ask this coach"), "{slug}");
        let ask = app.get_page(&format!("/coaches/{slug}/ask")).await;
        assert_eq!(ask.status, 404, "{slug}");
    }
}

#[tokio::test]
async fn a_profile_shows_everything_public_and_never_contact_details() {
    let app = spawn_app().await;
    app.add_coaches(&[NewCoach {
        pronouns: Some("she/her"),
        communities: vec![Community::Rural],
        formats: vec![SessionFormat::Video, SessionFormat::Phone],
        email: "amara.private@example.org".into(),
        phone: Some("07700 900555".into()),
        ..coach("Amara Okafor")
    }])
    .await;

    let page = app.get_page("/coaches/amara-okafor").await;

    assert_eq!(page.status, 200);
    assert!(page.html.contains("<title>Amara Okafor – Cascade</title>"));
    for public in [
        "(she/her)",
        "Director, Northgate Wellbeing Trust",
        "Region: London, E postcode area.",
        "Strategy and planning",
        "Rural communities",
        "I coach in English.",
        "Remote sessions by video call and phone call.",
        "Accepting new leaders now",
        r#"href="/coaches/amara-okafor/ask""#,
    ] {
        assert!(page.html.contains(public), "{public}");
    }
    let directory = app.get_page("/coaches").await;
    for html in [&page.html, &directory.html] {
        assert!(!html.contains("amara.private"));
        assert!(!html.contains("900555"));
    }
}

#[tokio::test]
async fn a_full_coach_offers_similar_coaches_who_are_accepting() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            themes: vec![Theme::BoardAndGovernance, Theme::Wellbeing],
            capacity: 1,
            current_leaders: 1,
            ..coach("Full Coach")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance, Theme::Wellbeing],
            ..coach("Most Alike")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance],
            ..coach("Somewhat Alike")
        },
        NewCoach {
            themes: vec![Theme::BoardAndGovernance, Theme::Wellbeing],
            accepting_new_leaders: false,
            ..coach("Alike But Closed")
        },
    ])
    .await;

    let page = app.get_page("/coaches/full-coach").await;

    assert!(!page.html.contains("Ask this coach"));
    assert_eq!(page.card_slugs(), ["most-alike", "somewhat-alike"]);
}

#[tokio::test]
async fn the_search_server_function_answers_json_for_islands() {
    let app = spawn_app().await;
    five_coaches(&app).await;

    let response = app
        .client
        .post(app.url("/api/search_coaches"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body("query[region]=wales&query[accepting_only]=false&query[page]=1")
        .send()
        .await
        .expect("an answer");

    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["total"], 1);
    assert_eq!(body["coaches"][0]["slug"], "bethan-pritchard");
    assert!(body["coaches"][0].get("email").is_none());
}

#[tokio::test]
async fn a_name_organisation_or_theme_one_letter_out_finds_the_coach_on_the_first_page() {
    let app = spawn_app().await;
    // Enough other coaches that a fuzzy match by shared letters alone would bury the one meant.
    let mut coaches: Vec<NewCoach> = (0..30)
        .map(|i| NewCoach {
            organisation: format!("Mainway Health Partnership {i:02}"),
            ..coach(&format!("Maisie Mailer {i:02}"))
        })
        .collect();
    coaches.push(NewCoach {
        organisation: "Ashgrove Carers Alliance".into(),
        themes: vec![Theme::BoardAndGovernance],
        ..coach("Malik Hussain")
    });
    app.add_coaches(&coaches).await;

    for q in [
        "Maik",                     // a letter missing
        "Mallik",                   // a letter added
        "Mailk",                    // two letters swapped
        "Malek",                    // a letter wrong
        "Ashgrvoe",                 // the organisation, swapped
        "Ashgrove Carrers Aliance", // the organisation, two words out
        "goverance",                // the theme
        "Hussian Malik",            // both names, one swapped
    ] {
        let page = app
            .get_page(&format!("/coaches?q={}", q.replace(' ', "+")))
            .await;
        assert!(
            page.card_slugs().contains(&"malik-hussain".to_string()),
            "{q}: {:?}",
            page.card_slugs()
        );
    }
    let near = app.get_page("/coaches?q=Maik").await;
    assert!(
        near.html
            .contains("No exact matches for “Maik”. Similar spellings: 1 coach found")
    );
    // Words two letters out are not near.
    let far = app.get_page("/coaches?q=Mlk").await;
    assert!(!far.card_slugs().contains(&"malik-hussain".to_string()));
}

#[tokio::test]
async fn exact_words_come_before_word_starts_before_near_spellings() {
    let app = spawn_app().await;
    app.add_coaches(&[
        coach("Sian Evans"),
        coach("Siana Morgan"),
        coach("Sain Jones"),
    ])
    .await;

    let exact = app.get_page("/coaches?q=sian").await;
    assert_eq!(
        exact.card_slugs(),
        ["sian-evans"],
        "the word as typed, first"
    );
    let started = app.get_page("/coaches?q=siana").await;
    assert_eq!(started.card_slugs(), ["siana-morgan"]);
    let starts = app.get_page("/coaches?q=sia").await;
    assert_eq!(starts.card_slugs(), ["sian-evans", "siana-morgan"]);
    assert!(starts.html.contains("for words starting “sia”"));
    let near = app.get_page("/coaches?q=saina").await;
    assert!(near.html.contains("Similar spellings"));
    assert!(near.card_slugs().contains(&"siana-morgan".to_string()));
}

#[tokio::test]
async fn search_covers_the_communities_coaches_know_and_the_languages_they_speak() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            communities: vec![Community::Refugees],
            ..coach("Amara Okafor")
        },
        NewCoach {
            languages: vec![Language::English, Language::Somali],
            ..coach("Bethan Pritchard")
        },
        coach("Callum MacLeod"),
    ])
    .await;

    assert_eq!(
        first_found(&app, "refugees").await.as_deref(),
        Some("amara-okafor")
    );
    assert_eq!(
        first_found(&app, "asylum").await.as_deref(),
        Some("amara-okafor")
    );
    assert_eq!(
        first_found(&app, "Somali").await.as_deref(),
        Some("bethan-pritchard")
    );
    assert_eq!(
        first_found(&app, "Somalli").await.as_deref(),
        Some("bethan-pritchard")
    );
    assert_eq!(
        app.get_page("/coaches?q=somali").await.card_slugs().len(),
        1
    );
}

#[tokio::test]
async fn a_renamed_coach_is_no_longer_found_by_the_old_name() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Malik Hussain")]).await;
    sqlx::query("UPDATE coaches SET name = 'Rafi Hussain' WHERE slug = 'malik-hussain'")
        .execute(&app.pool)
        .await
        .unwrap();

    assert!(
        app.get_page("/coaches?q=Maik")
            .await
            .card_slugs()
            .is_empty()
    );
    assert_eq!(
        first_found(&app, "Rafy").await.as_deref(),
        Some("malik-hussain")
    );
}

#[tokio::test]
async fn the_islands_results_function_renders_the_search_in_the_address_as_the_page_does() {
    let app = spawn_app().await;
    five_coaches(&app).await;
    app.add_coaches(&[NewCoach {
        organisation: "<b>Bold</b> & \"Quoted\" Trust".into(),
        ..coach("Malik Hussain")
    }])
    .await;

    let ask = |search: &'static str| {
        app.client
            .post(app.url("/api/coach_results"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .form(&[("search", search)])
            .send()
    };
    let wales: serde_json::Value = ask("region=wales").await.unwrap().json().await.unwrap();
    assert_eq!(wales["total"], 1);
    assert_eq!(wales["count_text"], "1 coach found");
    let page = app.get_page("/coaches?region=wales").await;
    assert!(
        page.html.contains(wales["html"].as_str().unwrap()),
        "the page's own results"
    );

    let near: serde_json::Value = ask("q=Maik").await.unwrap().json().await.unwrap();
    assert_eq!(
        near["count_text"],
        "No exact matches for “Maik”. Similar spellings: 1 coach found"
    );
    let html = near["html"].as_str().unwrap();
    assert!(html.contains(r#"data-slug="malik-hussain""#));
    assert!(
        html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; &quot;Quoted&quot; Trust")
            || html.contains("&lt;b&gt;Bold&lt;/b&gt; &amp; \"Quoted\" Trust"),
        "{html}"
    );
    assert!(!html.contains("<b>Bold"));

    let nonsense: serde_json::Value = ask("region=mars&page=-3&q=%00")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(nonsense["total"], 6, "read leniently, as the address is");
}

#[tokio::test]
async fn only_pages_with_an_island_load_the_wasm() {
    let app = spawn_app().await;
    five_coaches(&app).await;
    for (path, islands) in [
        ("/", false),
        ("/privacy", false),
        ("/impact", false),
        ("/coaches/amara-okafor", false),
        ("/coaches/amara-okafor/ask", false),
        ("/eligibility", true),
        ("/coaches", true),
        ("/coaches?q=nobody", true),
    ] {
        let page = app.get_page(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert_eq!(page.html.contains("<leptos-island"), islands, "{path}");
        assert_eq!(page.html.contains("cascade_bg.wasm"), islands, "{path}");
        assert_eq!(page.html.contains("/pkg/cascade.js"), islands, "{path}");
        assert!(page.html.contains("/pkg/navigation.js"), "{path}");
    }
}

#[tokio::test]
async fn the_databases_labels_are_the_vocabularys() {
    let app = spawn_app().await;
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    pairs.extend(Theme::ALL.iter().map(|t| (t.slug(), t.label())));
    pairs.extend(Community::ALL.iter().map(|c| (c.slug(), c.label())));
    pairs.extend(Language::ALL.iter().map(|l| (l.slug(), l.label())));
    for (slug, label) in pairs {
        let stored: Option<String> = sqlx::query_scalar("SELECT vocabulary_label($1)")
            .bind(slug)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(
            stored.as_deref(),
            Some(label),
            "{slug}: add a migration that redefines vocabulary_label"
        );
    }
}

#[tokio::test]
async fn the_words_of_a_communitys_or_a_themes_label_find_its_coaches() {
    let app = spawn_app().await;
    app.add_coaches(&[
        NewCoach {
            communities: vec![Community::YoungPeople],
            ..coach("Amara Okafor")
        },
        NewCoach {
            communities: vec![Community::Carers],
            themes: vec![Theme::Partnerships],
            ..coach("Bethan Pritchard")
        },
        coach("Callum MacLeod"),
    ])
    .await;
    for (q, expected) in [
        ("children", "amara-okafor"),
        ("unpaid", "bethan-pritchard"),
        ("care system", "bethan-pritchard"),
        ("childern", "amara-okafor"),
    ] {
        assert_eq!(first_found(&app, q).await.as_deref(), Some(expected), "{q}");
    }
}

/// The directory is answered from memory until a coach changes; a change made by any process
/// (here, straight in the database) reaches this one through `NOTIFY directory_changed`.
#[tokio::test]
async fn searches_are_kept_until_a_coach_changes_anywhere() {
    let app = spawn_app().await;
    app.add_coaches(&[coach("Amara Okafor"), coach("Bethan Pritchard")])
        .await;
    listening_for_changes(&app).await;
    let first = app.get_page("/coaches?q=Okafor").await;
    assert!(first.html.contains("Amara Okafor"));

    // A change the process cannot hear of (the trigger off) is not seen: the page was kept.
    sqlx::query("ALTER TABLE coaches DISABLE TRIGGER coaches_directory_changed")
        .execute(&app.pool)
        .await
        .expect("the owner may switch the trigger off");
    sqlx::query("UPDATE coaches SET name = 'Amara Okafor-Reid' WHERE slug = 'amara-okafor'")
        .execute(&app.pool)
        .await
        .expect("renamed");
    let kept = app.get_page("/coaches?q=Okafor").await;
    assert!(
        kept.html.contains("Amara Okafor") && !kept.html.contains("Okafor-Reid"),
        "answered from memory"
    );

    // With the trigger on, the next change is heard, and everything kept is dropped.
    sqlx::query("ALTER TABLE coaches ENABLE TRIGGER coaches_directory_changed")
        .execute(&app.pool)
        .await
        .expect("switched back on");
    sqlx::query("UPDATE coaches SET role = 'Chief executive' WHERE slug = 'bethan-pritchard'")
        .execute(&app.pool)
        .await
        .expect("changed");
    let mut fresh = app.get_page("/coaches?q=Okafor").await;
    for _ in 0..50 {
        if fresh.html.contains("Amara Okafor-Reid") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        fresh = app.get_page("/coaches?q=Okafor").await;
    }
    assert!(
        fresh.html.contains("Amara Okafor-Reid"),
        "heard within a second"
    );
    let profile = app.get_page("/coaches/amara-okafor").await;
    assert!(profile.html.contains("Amara Okafor-Reid"));
}

/// Waits until the server's connection has asked to hear of directory changes (it does so a
/// moment after it starts, and keeps nothing until then).
pub(crate) async fn listening_for_changes(app: &TestApp) {
    for _ in 0..100 {
        let listening: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'LISTEN%directory_changed%'",
        )
        .fetch_one(&app.pool)
        .await
        .expect("pg_stat_activity is readable");
        if listening > 0 {
            // And has marked itself as listening, just after.
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("the server never listened for directory changes");
}
