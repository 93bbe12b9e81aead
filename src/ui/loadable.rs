//! Something the widget fetches (the catalog, a tool's own file): still
//! loading, here, or failed, with what failed.

use crate::ui::fetch_failure::FetchFailure;

#[derive(Clone)]
pub enum Loadable<T> {
    Loading,
    Ready(T),
    Failed(FetchFailure),
}

impl<T> From<Result<T, FetchFailure>> for Loadable<T> {
    fn from(result: Result<T, FetchFailure>) -> Loadable<T> {
        match result {
            Ok(value) => Loadable::Ready(value),
            Err(failure) => Loadable::Failed(failure),
        }
    }
}
