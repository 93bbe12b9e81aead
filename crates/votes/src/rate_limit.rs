//! Vote changes per client address per minute, counted in memory (a
//! restart forgets them, which only ever lets a few more through). The
//! address is only ever a key here: nothing stores it.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub struct RateLimit {
    per_minute: u32,
    windows: Mutex<HashMap<IpAddr, (Instant, u32)>>,
}

impl RateLimit {
    /// `per_minute` 0 lets everything through.
    pub fn new(per_minute: u32) -> RateLimit {
        RateLimit { per_minute, windows: Mutex::new(HashMap::new()) }
    }

    /// Whether `client` may send one more change at `now`; `Err` holds the
    /// seconds until it may.
    pub fn admit(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let mut windows = self.windows.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if windows.len() > 100_000 {
            windows.retain(|_, (start, _)| now.duration_since(*start) < WINDOW);
        }
        let (start, used) = windows.entry(client).or_insert((now, 0));
        if now.duration_since(*start) >= WINDOW {
            (*start, *used) = (now, 0);
        }
        if *used >= self.per_minute {
            return Err((WINDOW - now.duration_since(*start)).as_secs().max(1));
        }
        *used += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_allowance_per_minute_and_others_theirs() {
        let limit = RateLimit::new(2);
        let (one, two): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        let start = Instant::now();
        assert_eq!(limit.admit(one, start), Ok(()));
        assert_eq!(limit.admit(one, start), Ok(()));
        assert_eq!(limit.admit(one, start + Duration::from_secs(20)), Err(40));
        assert_eq!(limit.admit(two, start), Ok(()));
        assert_eq!(limit.admit(one, start + WINDOW), Ok(()));
    }

    #[test]
    fn zero_turns_it_off() {
        let limit = RateLimit::new(0);
        let client = "192.0.2.1".parse().unwrap();
        assert!((0..1000).all(|_| limit.admit(client, Instant::now()).is_ok()));
    }
}
