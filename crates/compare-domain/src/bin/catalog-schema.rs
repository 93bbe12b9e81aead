//! `catalog-schema`: prints the catalog's JSON Schema, generated from the
//! Rust types (published as public/catalog.schema.json).

fn main() {
    print!("{}", compare_domain::schema::catalog_schema_json());
}
