//! Counting recent attempts per key (an internet address, an account) in memory, to slow
//! down bots and password guessing. Counts are never stored: a restart forgets them.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// At most `max` attempts per key in any `window`.
#[derive(Debug)]
pub struct RateLimiter {
    max: usize,
    window: Duration,
    attempts: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl RateLimiter {
    pub fn new(max: usize, window: Duration) -> RateLimiter {
        RateLimiter {
            max,
            window,
            attempts: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt by `key` and says whether it is within the limit.
    pub fn allow(&self, key: &str) -> bool {
        self.allow_at(key, Instant::now())
    }

    /// Takes back `key`'s latest attempt (it succeeded, and limits count failures).
    pub fn forgive(&self, key: &str) {
        if let Ok(mut attempts) = self.attempts.lock()
            && let Some(times) = attempts.get_mut(key)
        {
            times.pop_back();
        }
    }

    fn allow_at(&self, key: &str, now: Instant) -> bool {
        let Ok(mut attempts) = self.attempts.lock() else {
            // A panic while holding the lock: fail open rather than lock everyone out.
            return true;
        };
        // Forget keys that have gone quiet, so the map cannot grow without bound.
        if attempts.len() > 10_000 {
            attempts.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < self.window)
            });
        }
        let times = attempts.entry(key.to_string()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            times.pop_front();
        }
        if times.len() >= self.max {
            return false;
        }
        times.push_back(now);
        true
    }
}

/// Every limit the application applies.
#[derive(Debug)]
pub struct Limits {
    /// Expressions of interest (and failed attempts at one) per internet address.
    pub expressions_of_interest: RateLimiter,
    /// Failed sign-ins per internet address, whatever the account (per account and address,
    /// `accounts::throttle` slows guessing down).
    pub sign_in_per_address: RateLimiter,
    /// Password-reset emails asked for, per internet address and per account.
    pub password_resets: RateLimiter,
    pub password_resets_per_account: RateLimiter,
}

impl Limits {
    /// `requests_per_address`: expressions of interest per address per ten minutes.
    pub fn new(requests_per_address: usize) -> Limits {
        let quarter_hour = Duration::from_secs(15 * 60);
        Limits {
            expressions_of_interest: RateLimiter::new(
                requests_per_address,
                Duration::from_secs(10 * 60),
            ),
            sign_in_per_address: RateLimiter::new(20, quarter_hour),
            password_resets: RateLimiter::new(5, quarter_hour),
            password_resets_per_account: RateLimiter::new(3, quarter_hour),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_up_to_the_limit_per_key_then_refuses_until_the_window_passes() {
        let limiter = RateLimiter::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for _ in 0..3 {
            assert!(limiter.allow_at("a", start));
        }
        assert!(!limiter.allow_at("a", start + Duration::from_secs(1)));
        assert!(limiter.allow_at("b", start), "other keys are counted apart");
        assert!(limiter.allow_at("a", start + Duration::from_secs(61)));
    }

    #[test]
    fn a_forgiven_attempt_no_longer_counts() {
        let limiter = RateLimiter::new(2, Duration::from_secs(60));
        let start = Instant::now();
        assert!(limiter.allow_at("a", start));
        assert!(limiter.allow_at("a", start));
        limiter.forgive("a");
        assert!(
            limiter.allow_at("a", start),
            "the forgiven one freed a place"
        );
        assert!(!limiter.allow_at("a", start));
    }
}
