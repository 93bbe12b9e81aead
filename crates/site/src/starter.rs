//! `tool-compare new <dir>`: a starter catalog that builds as it is, with
//! its schema beside it so that an editor checks it while it is written.

use std::path::Path;

use compare_domain::schema::{catalog_schema_json, SCHEMA_FILE};

use crate::site::CATALOG_FILE;

const STARTER: &str = include_str!("../starter/catalog.json");
/// The starter's date, replaced by the day it is made.
const STARTER_DATE: &str = "2026-12-01";

/// Writes `<dir>/catalog.json` and `<dir>/catalog.schema.json`; refuses to
/// replace a file that is there already.
pub fn new_site(dir: &Path) -> Result<String, String> {
    let catalog = dir.join(CATALOG_FILE);
    let schema = dir.join(SCHEMA_FILE);
    for path in [&catalog, &schema] {
        if path.exists() {
            return Err(format!("{} exists already; nothing was written", path.display()));
        }
    }
    std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
    let text = STARTER.replace(STARTER_DATE, &today());
    std::fs::write(&catalog, text).map_err(|err| format!("{}: {err}", catalog.display()))?;
    std::fs::write(&schema, catalog_schema_json()).map_err(|err| format!("{}: {err}", schema.display()))?;
    Ok(format!(
        "tool-compare: wrote {catalog} (two tools, a reviewer, one comparison) and its schema.\n\
         Edit it, then: tool-compare build {catalog} --out {site}",
        catalog = catalog.display(),
        site = dir.join("site").display(),
    ))
}

/// Today's date (UTC) as `YYYY-MM-DD`.
fn today() -> String {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date((seconds / 86_400) as i64)
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_790), "2026-12-03");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn the_starter_is_a_valid_catalog_with_its_schema_named() {
        let (report, catalog) = compare_domain::report::check_catalog_text(STARTER);
        assert!(report.passed() && report.warnings == 0, "{:?}", report.lines);
        let catalog = catalog.unwrap();
        assert_eq!((catalog.tools.len(), catalog.reviewers.len(), catalog.comparisons.len()), (2, 1, 1));
        assert!(STARTER.contains(&format!("\"$schema\": \"{SCHEMA_FILE}\"")));
        assert!(STARTER.contains(STARTER_DATE));
    }
}
