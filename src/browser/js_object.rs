//! Plain JavaScript objects for what the widget hands to the page (the vote
//! event's detail, the iframe's height message), built field by field:
//! serde's serializer for these two objects cost 1 KB of Wasm (gzip).

use js_sys::{Object, Reflect};
use wasm_bindgen::JsValue;

/// An object with these fields, in this order.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in fields {
        // Setting a field on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

/// A string, or `null` for none.
pub fn string_or_null(text: Option<&str>) -> JsValue {
    text.map_or(JsValue::NULL, JsValue::from_str)
}
