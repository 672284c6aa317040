//! The directory's search results, kept in memory by each server process until a coach changes.
//!
//! The directory changes a few times a day and is read all the time, so a page of results is
//! read from PostgreSQL once and then answered from here. Every change to `coaches` tells every
//! listening process (`NOTIFY directory_changed`, from a trigger, sent when the change commits),
//! and each one drops everything it kept. Results are answered from memory only while this
//! process is listening: one that has lost its connection cannot hear of changes, so it reads
//! afresh, answers what it kept only when the database cannot be reached (the directory stays
//! up while it is down; once it is known to be down, at once, without waiting for a
//! connection), and keeps nothing new until it listens again, when it starts afresh.
//!
//! The programme's settings are kept the same way: they change rarely and every page reads
//! them.
//!
//! A page is kept per search and UK day (the day sets the order and who is "accepting now").

use super::directory::{DirectoryPage, DirectoryQuery};
use super::{CoachOption, CoachProfile, Slug};
use crate::matching::db::Suggestible;
use chrono::NaiveDate;
use sqlx::PgPool;
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::{Duration, Instant};

/// The channel the `coaches_directory_changed` trigger notifies.
pub const CHANNEL: &str = "directory_changed";
/// Pages kept at most (a page is about 30 KB): past this, all are dropped and kept afresh.
/// Searches people repeat come back within seconds; one-off searches cost a query each.
pub const MAX_PAGES: usize = 2_000;
/// Suggestions rank coaches by how many requests wait for them, which change without a coach
/// changing: what they read is kept this long at most.
pub const SUGGESTIBLE_FOR: Duration = Duration::from_secs(60);
/// How long the listening connection may be quiet before it is checked.
const CHECK_EVERY: Duration = Duration::from_secs(10);
/// How soon a lost connection is tried again.
const RECONNECT_EVERY: Duration = Duration::from_millis(500);

type Key = (DirectoryQuery, NaiveDate);

#[derive(Debug, Default)]
pub struct DirectoryCache {
    kept: RwLock<Kept>,
    /// Moves on at every change: what was read before a change is not kept after it.
    generation: AtomicU64,
    listening: AtomicBool,
    /// The database could not be reached when last tried, and nobody listens since: what is
    /// kept is answered at once, and the rest refused at once, rather than each request waiting
    /// for a connection that will not come.
    database_down: AtomicBool,
}

/// What is kept: pages of results, profiles (or that a slug is not published) by slug and day,
/// the coaches accepting now (the ask form's list of others), and every published coach as the
/// suggestions rank them (with when they were read).
#[derive(Debug, Default)]
struct Kept {
    pages: HashMap<Key, Arc<DirectoryPage>>,
    profiles: HashMap<(String, NaiveDate), Option<Arc<CoachProfile>>>,
    accepting: Option<Arc<Vec<CoachOption>>>,
    suggestible: Option<(NaiveDate, Instant, Arc<Vec<Suggestible>>)>,
    /// Every value of the programme's settings (`programme_settings` notifies the same
    /// channel when it changes).
    settings: Option<Arc<Vec<crate::settings::SettingValue>>>,
}

impl DirectoryCache {
    pub fn new() -> Arc<DirectoryCache> {
        Arc::new(DirectoryCache::default())
    }

    /// The page for `query` on `today`: kept, or searched for and kept.
    pub async fn page(
        &self,
        pool: &PgPool,
        query: &DirectoryQuery,
        today: NaiveDate,
    ) -> Result<Arc<DirectoryPage>, sqlx::Error> {
        let key = (query.clone(), today);
        self.kept_or_read(
            |kept| kept.pages.get(&key).cloned(),
            async { Ok(Arc::new(super::db::search(pool, query, today).await?)) },
            |kept, page| insert_bounded(&mut kept.pages, key.clone(), page),
        )
        .await
    }

    /// The published coach at `slug` as their profile reads on `today`, or `None`.
    pub async fn published(
        &self,
        pool: &PgPool,
        slug: &Slug,
        today: NaiveDate,
    ) -> Result<Option<Arc<CoachProfile>>, sqlx::Error> {
        let key = (slug.as_str().to_string(), today);
        self.kept_or_read(
            |kept| kept.profiles.get(&key).cloned(),
            async {
                Ok(super::db::find_published(pool, slug, today)
                    .await?
                    .map(Arc::new))
            },
            |kept, found| insert_bounded(&mut kept.profiles, key.clone(), found),
        )
        .await
    }

    /// Every published coach accepting now but `except`, by name.
    pub async fn accepting_options(
        &self,
        pool: &PgPool,
        except: &Slug,
    ) -> Result<Vec<CoachOption>, sqlx::Error> {
        let all = self
            .kept_or_read(
                |kept| kept.accepting.clone(),
                async { Ok(Arc::new(super::db::accepting_options(pool).await?)) },
                |kept, all| kept.accepting = Some(all),
            )
            .await?;
        Ok(all
            .iter()
            .filter(|option| option.slug != except.as_str())
            .cloned()
            .collect())
    }

    /// Every published coach as suggestions see them, with the requests waiting for each as they
    /// were at most [`SUGGESTIBLE_FOR`] ago.
    pub async fn suggestible(
        &self,
        pool: &PgPool,
        today: NaiveDate,
    ) -> Result<Arc<Vec<Suggestible>>, sqlx::Error> {
        let read_at = Instant::now();
        self.kept_or_read(
            |kept| match &kept.suggestible {
                Some((day, read_at, all))
                    if *day == today && read_at.elapsed() < SUGGESTIBLE_FOR =>
                {
                    Some(all.clone())
                }
                _ => None,
            },
            async {
                Ok(Arc::new(
                    crate::matching::db::suggestible(pool, today).await?,
                ))
            },
            |kept, all| kept.suggestible = Some((today, read_at, all)),
        )
        .await
    }

    /// Every value of the programme's settings, from which each request's terms are worked out
    /// (see `settings::provide_terms`).
    pub async fn programme_settings(
        &self,
        pool: &PgPool,
    ) -> Result<Arc<Vec<crate::settings::SettingValue>>, sqlx::Error> {
        self.kept_or_read(
            |kept| kept.settings.clone(),
            async { Ok(Arc::new(crate::settings::db::values(pool).await?)) },
            |kept, all| kept.settings = Some(all),
        )
        .await
    }

    /// What `find` finds kept; or what `read` reads, kept by `keep`. While this process is not
    /// listening, what it kept may be out of date: it reads afresh, and answers what it kept
    /// only when the database cannot be reached (so the directory stays up while it is down).
    async fn kept_or_read<T: Clone>(
        &self,
        find: impl Fn(&Kept) -> Option<T>,
        read: impl Future<Output = Result<T, sqlx::Error>>,
        keep: impl FnOnce(&mut Kept, T),
    ) -> Result<T, sqlx::Error> {
        let kept = self.read(&find);
        if self.is_listening() {
            if let Some(kept) = kept {
                return Ok(kept);
            }
        } else if self.database_down.load(Ordering::Acquire) {
            return kept.ok_or(sqlx::Error::PoolTimedOut);
        }
        let generation = self.generation.load(Ordering::Acquire);
        match read.await {
            Ok(fresh) => {
                self.keep(generation, |kept| keep(kept, fresh.clone()));
                Ok(fresh)
            }
            Err(error) if crate::database::is_unavailable(&error) => {
                if !self.is_listening() {
                    self.database_down.store(true, Ordering::Release);
                }
                match kept {
                    Some(kept) => {
                        tracing::debug!(%error, "database unavailable: answered from memory");
                        Ok(kept)
                    }
                    None => Err(error),
                }
            }
            Err(error) => Err(error),
        }
    }

    fn read<T>(&self, find: impl FnOnce(&Kept) -> Option<T>) -> Option<T> {
        find(&self.kept.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Keeps what was read at `generation`, unless the directory has changed since or nobody
    /// would tell this process of a change.
    fn keep(&self, generation: u64, keep: impl FnOnce(&mut Kept)) {
        if !self.listening.load(Ordering::Acquire) {
            return;
        }
        let mut kept = self.kept.write().unwrap_or_else(|e| e.into_inner());
        // Checked under the lock that `forget` takes: a change cannot slip in between.
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        keep(&mut kept);
    }

    /// The directory changed (or may have, unheard): drops every page kept.
    pub fn forget(&self) {
        let mut kept = self.kept.write().unwrap_or_else(|e| e.into_inner());
        self.generation.fetch_add(1, Ordering::AcqRel);
        *kept = Kept::default();
    }

    /// How many pages of results are kept (for metrics and tests).
    pub fn pages_kept(&self) -> usize {
        self.kept
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .pages
            .len()
    }

    pub fn is_listening(&self) -> bool {
        self.listening.load(Ordering::Acquire)
    }

    fn set_listening(&self, listening: bool) {
        self.listening.store(listening, Ordering::Release);
    }

    /// Listens for changes on a connection of its own (made with `pool`'s settings, not taken
    /// from it), reconnecting whenever it is lost, for as long as the cache is in use.
    pub fn listen(self: &Arc<Self>, pool: &PgPool) {
        let own = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_lazy_with(PgConnectOptions::clone(&pool.connect_options()));
        let cache = Arc::downgrade(self);
        tokio::spawn(listen(cache, own));
    }
}

/// Inserts into `map`, first emptying it when it holds [`MAX_PAGES`] already.
fn insert_bounded<K: std::hash::Hash + Eq, V>(map: &mut HashMap<K, V>, key: K, value: V) {
    if map.len() >= MAX_PAGES {
        map.clear();
    }
    map.insert(key, value);
}

async fn listen(cache: Weak<DirectoryCache>, pool: PgPool) {
    loop {
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                // Reconnecting is done here, where it is known.
                listener.eager_reconnect(false);
                match listener.listen(CHANNEL).await {
                    Ok(()) => {
                        let Some(listening) = cache.upgrade() else {
                            return;
                        };
                        // Whatever changed while nobody listened.
                        listening.forget();
                        listening.database_down.store(false, Ordering::Release);
                        listening.set_listening(true);
                        drop(listening);
                        tracing::debug!("listening for directory changes");
                        if !hear_changes(&cache, &mut listener).await {
                            return;
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "could not listen for directory changes");
                    }
                }
            }
            Err(error) => {
                tracing::debug!(%error, "no connection to listen for directory changes");
                if crate::database::is_unavailable(&error)
                    && let Some(cache) = cache.upgrade()
                {
                    cache.database_down.store(true, Ordering::Release);
                }
            }
        }
        match cache.upgrade() {
            // What was kept is answered only while the database cannot be reached; nothing new
            // is kept, and all is dropped once listening again.
            Some(cache) => cache.set_listening(false),
            None => return,
        }
        tokio::time::sleep(RECONNECT_EVERY).await;
    }
}

/// Drops the cache at each change until the connection is lost (`true`) or the cache is no
/// longer in use (`false`).
async fn hear_changes(cache: &Weak<DirectoryCache>, listener: &mut PgListener) -> bool {
    loop {
        // `try_recv` says when the connection is lost (`recv` would reconnect silently, and
        // changes made meanwhile would go unheard).
        match tokio::time::timeout(CHECK_EVERY, listener.try_recv()).await {
            Ok(Ok(Some(_))) => match cache.upgrade() {
                Some(cache) => cache.forget(),
                None => return false,
            },
            Ok(Ok(None)) => {
                tracing::warn!("lost the connection that listens for directory changes");
                return true;
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "lost the connection that listens for directory changes");
                return true;
            }
            Err(_) if cache.strong_count() == 0 => return false,
            // Quiet for a while: a connection dropped on the way (a firewall's idle timeout, a
            // failover) says nothing until it is used, so it is asked to answer.
            Err(_) => {
                let answered = tokio::time::timeout(
                    Duration::from_secs(3),
                    sqlx::query("SELECT 1").execute(&mut *listener),
                )
                .await;
                if !matches!(answered, Ok(Ok(_))) {
                    tracing::warn!(
                        "the connection that listens for directory changes stopped answering"
                    );
                    return true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coaches::directory::Matched;

    fn page(total: u64) -> Arc<DirectoryPage> {
        Arc::new(DirectoryPage {
            coaches: Vec::new(),
            total,
            page: 1,
            matched: Matched::Exactly,
        })
    }

    fn key(text: &str) -> Key {
        let query = DirectoryQuery {
            text: Some(text.to_string()),
            page: 1,
            ..DirectoryQuery::default()
        };
        (
            query,
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap_or_default(),
        )
    }

    fn keep_page(cache: &DirectoryCache, key: Key, generation: u64) {
        cache.keep(generation, |kept| {
            kept.pages.insert(key, page(1));
        });
    }

    fn is_kept(cache: &DirectoryCache, key: &Key) -> bool {
        cache.read(|kept| kept.pages.get(key).cloned()).is_some()
    }

    #[test]
    fn nothing_is_kept_while_not_listening() {
        let cache = DirectoryCache::default();
        keep_page(&cache, key("a"), 0);
        assert!(!is_kept(&cache, &key("a")));
        cache.set_listening(true);
        keep_page(&cache, key("a"), 0);
        assert!(is_kept(&cache, &key("a")));
    }

    #[test]
    fn what_was_read_before_a_change_is_not_kept_after_it() {
        let cache = DirectoryCache::default();
        cache.set_listening(true);
        let read_at = cache.generation.load(Ordering::Acquire);
        keep_page(&cache, key("a"), read_at);
        cache.forget();
        assert_eq!(cache.pages_kept(), 0, "a change drops what was kept");
        keep_page(&cache, key("b"), read_at);
        assert!(!is_kept(&cache, &key("b")), "read before the change");
        keep_page(&cache, key("b"), cache.generation.load(Ordering::Acquire));
        assert!(is_kept(&cache, &key("b")), "read after it");
    }

    #[test]
    fn a_full_map_starts_afresh() {
        let mut map = HashMap::new();
        for n in 0..MAX_PAGES {
            insert_bounded(&mut map, n, ());
        }
        assert_eq!(map.len(), MAX_PAGES);
        insert_bounded(&mut map, MAX_PAGES, ());
        assert_eq!(map.len(), 1);
        assert!(map.contains_key(&MAX_PAGES));
    }
}
