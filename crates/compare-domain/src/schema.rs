//! The catalog's JSON Schema, generated from the Rust types so that it
//! cannot drift from what the widget reads.

use crate::model::Catalog;

/// Where the schema is published beside the catalog.
pub const SCHEMA_FILE: &str = "catalog.schema.json";

/// The schema as pretty JSON text, ending in a newline.
pub fn catalog_schema_json() -> String {
    let mut schema = schemars::schema_for!(Catalog);
    schema.insert("$id".into(), SCHEMA_FILE.into());
    // The tools are listed in the catalog or kept in a tools file: one of the two.
    schema.insert("oneOf".into(), serde_json::json!([{ "required": ["tools"] }, { "required": ["tools_file"] }]));
    schema.insert(
        "description".into(),
        "Catalog of the tool comparison widget, schema version 1. Generated from the Rust types; \
         run validate-catalog for the checks a schema cannot express (unknown references, duplicates)."
            .into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schema must be what the types generate; regenerate with
    /// `cargo run -p compare-domain --bin catalog-schema > public/catalog.schema.json`.
    #[test]
    fn the_published_schema_matches_the_types() {
        let committed = include_str!("../../../public/catalog.schema.json");
        assert!(
            committed == catalog_schema_json(),
            "public/catalog.schema.json is out of date: regenerate it with \
             `cargo run -p compare-domain --bin catalog-schema > public/catalog.schema.json`"
        );
    }

    #[test]
    fn the_schema_states_the_rules_editors_can_check() {
        let schema: serde_json::Value = serde_json::from_str(&catalog_schema_json()).unwrap();
        let defs = &schema["$defs"];
        assert_eq!(defs["Review"]["properties"]["verdict"]["enum"], serde_json::json!(["ship", "skip"]));
        assert_eq!(defs["Tool"]["properties"]["id"]["pattern"], "^[a-z0-9._-]{1,64}$");
        assert_eq!(schema["required"], serde_json::json!(["version"]));
        assert_eq!(schema["oneOf"], serde_json::json!([{ "required": ["tools"] }, { "required": ["tools_file"] }]));
    }
}
