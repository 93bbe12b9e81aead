//! A small JSON reader that reads catalog text straight into the model's
//! types, with the JSON path of every shape error and the unknown fields
//! it skipped. It replaces serde_json and serde's derived readers in the
//! widget's Wasm, where they were the largest part of the catalog's code,
//! and the validator uses it too, so both give the same messages.
//!
//! Each type reads itself ([`ReadJson`]) through the [`Reader`]: objects
//! name their known fields, anything else is skipped (without recursion,
//! however deep) and reported as unknown. Messages follow serde's wording
//! ("invalid type: integer `7`, expected a string", "missing field
//! `tools`"), which site owners may already know from other tools.

use std::fmt::Write as _;

use crate::parse::ParseError;

/// A type read from JSON.
pub trait ReadJson: Sized {
    fn read_json(reader: &mut Reader) -> Result<Self, ParseError>;
}

/// A field the reader skipped because the type it read has no such field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownField {
    /// Its JSON path, e.g. `tools[0].taglin`.
    pub path: String,
    /// The fields the object may have, for a "did you mean" hint.
    pub known: &'static [&'static str],
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Field(&'static str),
    Index(usize),
}

pub struct Reader<'t> {
    text: &'t [u8],
    pos: usize,
    path: Vec<Step>,
    unknown: Vec<UnknownField>,
}

/// Reads a whole text as one `T`: nothing but white space may follow it.
/// Returns the unknown fields it skipped too.
pub fn read<T: ReadJson>(text: &str) -> Result<(T, Vec<UnknownField>), ParseError> {
    let mut reader = Reader { text: text.as_bytes(), pos: 0, path: Vec::new(), unknown: Vec::new() };
    let value = T::read_json(&mut reader)?;
    reader.skip_space();
    if reader.pos < reader.text.len() {
        return Err(reader.syntax("trailing characters"));
    }
    Ok((value, reader.unknown))
}

/// What a value read by the caller must be, for shape errors.
pub struct Expected(pub &'static str);

impl<'t> Reader<'t> {
    // ---- Positions and errors ----

    /// A syntax error at the current position, with its line and column
    /// (1-based, in bytes, as editors that count bytes show them).
    fn syntax(&self, message: &str) -> ParseError {
        self.syntax_at(self.pos, message)
    }

    fn syntax_at(&self, pos: usize, message: &str) -> ParseError {
        let upto = &self.text[..pos.min(self.text.len())];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = upto.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        ParseError::Syntax { line, column: (upto.len() - line_start + 1).max(1), message: message.to_string() }
    }

    /// The text ended inside a value: reported at its last byte.
    fn eof(&self, while_parsing: &str) -> ParseError {
        self.syntax_at(self.text.len().saturating_sub(1), &format!("EOF while parsing {while_parsing}"))
    }

    /// The current JSON path: `tools[1].name`, or `(catalog)` at the top.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
            }
        }
        if out.is_empty() {
            out.push_str("(catalog)");
        }
        out
    }

    /// A shape error at the current path.
    pub fn shape(&self, message: impl Into<String>) -> ParseError {
        ParseError::Shape { path: self.path(), message: message.into() }
    }

    /// "invalid type: <what is there>, expected <expected>", after reading
    /// what is there (to quote it) or failing on its syntax.
    fn invalid_type(&mut self, expected: &str) -> ParseError {
        let found = match self.peek() {
            Some(b'"') => match self.string_token() {
                Ok(text) => format!("string {text:?}"),
                Err(err) => return err,
            },
            Some(b'[') => "sequence".into(),
            Some(b'{') => "map".into(),
            Some(b't') | Some(b'f') => match self.literal() {
                Ok(Some(value)) => format!("boolean `{value}`"),
                Ok(None) => "null".into(),
                Err(err) => return err,
            },
            Some(b'n') => match self.literal() {
                Ok(_) => "null".into(),
                Err(err) => return err,
            },
            Some(b'-' | b'0'..=b'9') => match self.number_token() {
                Ok(number) => number.describe(),
                Err(err) => return err,
            },
            Some(_) => return self.syntax("expected value"),
            None => return self.eof("a value"),
        };
        self.shape(format!("invalid type: {found}, expected {expected}"))
    }

    // ---- Tokens ----

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.text.get(self.pos) {
            self.pos += 1;
        }
    }

    /// The next byte after white space, not consumed.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.text.get(self.pos).copied()
    }

    /// `true`, `false` or `null` (as `None`).
    fn literal(&mut self) -> Result<Option<bool>, ParseError> {
        for (word, value) in [("true", Some(true)), ("false", Some(false)), ("null", None)] {
            if self.text[self.pos..].starts_with(word.as_bytes()) {
                self.pos += word.len();
                return Ok(value);
            }
        }
        let rest = &self.text[self.pos..];
        if ["true", "false", "null"].iter().any(|word| rest.len() < word.len() && word.as_bytes().starts_with(rest)) {
            return Err(self.eof("a value"));
        }
        Err(self.syntax("expected ident"))
    }

    fn number_token(&mut self) -> Result<Number<'t>, ParseError> {
        let start = self.pos;
        let digits = |reader: &mut Reader| {
            let from = reader.pos;
            while let Some(b'0'..=b'9') = reader.text.get(reader.pos) {
                reader.pos += 1;
            }
            reader.pos - from
        };
        if self.text.get(self.pos) == Some(&b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let int_digits = digits(self);
        if int_digits == 0 || (int_digits > 1 && self.text[int_start] == b'0') {
            return Err(self.syntax("invalid number"));
        }
        let mut integer = true;
        if self.text.get(self.pos) == Some(&b'.') {
            self.pos += 1;
            integer = false;
            if digits(self) == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.text.get(self.pos) {
            self.pos += 1;
            integer = false;
            if let Some(b'+' | b'-') = self.text.get(self.pos) {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.syntax("invalid number"));
            }
        }
        let text = std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("0");
        Ok(Number { text, integer })
    }

    /// A string token at the current position (after white space).
    fn string_token(&mut self) -> Result<String, ParseError> {
        self.skip_space();
        debug_assert_eq!(self.text.get(self.pos), Some(&b'"'));
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            let Some(&byte) = self.text.get(self.pos) else { return Err(self.eof("a string")) };
            match byte {
                b'"' => {
                    out.push_str(self.run(run));
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.run(run));
                    self.pos += 1;
                    self.escape(&mut out)?;
                    run = self.pos;
                }
                0..=0x1f => return Err(self.syntax("control character (\\u0000-\\u001F) found while parsing a string")),
                _ => self.pos += 1,
            }
        }
    }

    /// The text from `start` to the current position: whole UTF-8
    /// characters, since it ends before an ASCII byte.
    fn run(&self, start: usize) -> &'t str {
        std::str::from_utf8(&self.text[start..self.pos]).unwrap_or_default()
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(&byte) = self.text.get(self.pos) else { return Err(self.eof("a string")) };
        self.pos += 1;
        let c = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xd800..=0xdbff => {
                        if !self.text[self.pos..].starts_with(b"\\u") {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&second) {
                            return Err(self.syntax("lone leading surrogate in hex escape"));
                        }
                        let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                        char::from_u32(code).ok_or_else(|| self.syntax("invalid unicode code point"))?
                    }
                    0xdc00..=0xdfff => return Err(self.syntax("lone trailing surrogate in hex escape")),
                    code => char::from_u32(code).ok_or_else(|| self.syntax("invalid unicode code point"))?,
                }
            }
            _ => {
                self.pos -= 1;
                return Err(self.syntax("invalid escape"));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut code = 0;
        for _ in 0..4 {
            let Some(&byte) = self.text.get(self.pos) else { return Err(self.eof("a string")) };
            let digit = (byte as char).to_digit(16).ok_or_else(|| self.syntax("invalid escape"))?;
            code = code * 16 + digit;
            self.pos += 1;
        }
        Ok(code)
    }

    /// Skips a known field's value that the reader has no use for.
    pub fn skip(&mut self) -> Result<(), ParseError> {
        self.skip_value()
    }

    /// Skips one value of any shape, however deeply nested, without
    /// recursion; its syntax is still checked.
    fn skip_value(&mut self) -> Result<(), ParseError> {
        // The closers of the arrays and objects entered, innermost last.
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value.
            match self.peek() {
                Some(b'"') => {
                    self.string_token()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number_token()?;
                }
                Some(b't' | b'f' | b'n') => {
                    self.literal()?;
                }
                Some(b'[') => {
                    self.pos += 1;
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'{') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'}') => self.pos += 1,
                        _ => {
                            open.push(b'}');
                            self.object_key()?;
                            continue;
                        }
                    }
                }
                Some(_) => return Err(self.syntax("expected value")),
                None => return Err(self.eof("a value")),
            }
            // What follows a value inside the arrays and objects entered.
            loop {
                let Some(&closer) = open.last() else { return Ok(()) };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if closer == b'}' {
                            self.object_key()?;
                        } else if self.peek() == Some(b']') {
                            return Err(self.syntax("trailing comma"));
                        }
                        break;
                    }
                    Some(byte) if byte == closer => {
                        self.pos += 1;
                        open.pop();
                    }
                    Some(_) => {
                        return Err(self.syntax(if closer == b']' {
                            "expected `,` or `]`"
                        } else {
                            "expected `,` or `}`"
                        }))
                    }
                    None => return Err(self.eof(if closer == b']' { "a list" } else { "an object" })),
                }
            }
        }
    }

    /// An object's key and its colon.
    fn object_key(&mut self) -> Result<String, ParseError> {
        match self.peek() {
            Some(b'"') => {}
            Some(b'}') => return Err(self.syntax("trailing comma")),
            Some(_) => return Err(self.syntax("key must be a string")),
            None => return Err(self.eof("an object")),
        }
        let key = self.string_token()?;
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                Ok(key)
            }
            Some(_) => Err(self.syntax("expected `:`")),
            None => Err(self.eof("an object")),
        }
    }

    // ---- Typed values ----

    pub fn string(&mut self) -> Result<String, ParseError> {
        match self.peek() {
            Some(b'"') => self.string_token(),
            _ => Err(self.invalid_type("a string")),
        }
    }

    pub fn boolean(&mut self) -> Result<bool, ParseError> {
        match self.peek() {
            Some(b't' | b'f') => match self.literal()? {
                Some(value) => Ok(value),
                None => unreachable!("true or false"),
            },
            _ => Err(self.invalid_type("a boolean")),
        }
    }

    pub fn integer(&mut self) -> Result<i64, ParseError> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {
                let number = self.number_token()?;
                match (number.integer, number.text.parse::<i64>()) {
                    (true, Ok(value)) => Ok(value),
                    (true, Err(_)) => {
                        Err(self.shape(format!("invalid value: integer `{}`, expected i64", number.text)))
                    }
                    (false, _) => Err(self.shape(format!("invalid type: {}, expected i64", number.describe()))),
                }
            }
            _ => Err(self.invalid_type("i64")),
        }
    }

    /// `null` as `None`, else the value `read` reads.
    pub fn optional<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<Option<T>, ParseError> {
        if self.peek() == Some(b'n') {
            self.literal()?;
            return Ok(None);
        }
        read(self).map(Some)
    }

    /// An array, each element read by `element` with its index in the path.
    pub fn array(&mut self, mut element: impl FnMut(&mut Self) -> Result<(), ParseError>) -> Result<usize, ParseError> {
        if self.peek() != Some(b'[') {
            return Err(self.invalid_type("a sequence"));
        }
        self.pos += 1;
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(0);
        }
        let mut count = 0;
        loop {
            self.path.push(Step::Index(count));
            let read = element(self);
            self.path.pop();
            read?;
            count += 1;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    if self.peek() == Some(b']') {
                        return Err(self.syntax("trailing comma"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(count);
                }
                Some(_) => return Err(self.syntax("expected `,` or `]`")),
                None => return Err(self.eof("a list")),
            }
        }
    }

    /// A list of `T`.
    pub fn list<T: ReadJson>(&mut self) -> Result<Vec<T>, ParseError> {
        let mut items = Vec::new();
        self.array(|reader| {
            items.push(T::read_json(reader)?);
            Ok(())
        })?;
        Ok(items)
    }

    /// An array of exactly two values.
    pub fn pair<T>(&mut self, mut read: impl FnMut(&mut Self) -> Result<T, ParseError>) -> Result<[T; 2], ParseError> {
        let mut items = Vec::with_capacity(2);
        let mut extra = 0;
        self.array(|reader| {
            if items.len() < 2 {
                items.push(read(reader)?);
            } else {
                reader.skip_value()?;
                extra += 1;
            }
            Ok(())
        })?;
        let count = items.len() + extra;
        match <[T; 2]>::try_from(items) {
            Ok(pair) if extra == 0 => Ok(pair),
            _ => Err(self.shape(format!("invalid length {count}, expected an array of length 2"))),
        }
    }

    /// An object with the fields `known`: `field` reads the value of the
    /// known field with that index (its name in the path). Unknown fields
    /// are skipped and noted; a field given twice is an error. Returns which
    /// fields were there, as a bit set of their indexes.
    pub fn object(
        &mut self,
        expected: &'static str,
        known: &'static [&'static str],
        mut field: impl FnMut(&mut Self, usize) -> Result<(), ParseError>,
    ) -> Result<u128, ParseError> {
        debug_assert!(known.len() <= 128);
        if self.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.pos += 1;
        let mut seen = 0u128;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(seen);
        }
        loop {
            let key = self.object_key()?;
            match known.iter().position(|name| *name == key) {
                Some(index) if seen & (1 << index) != 0 => {
                    return Err(self.shape(format!("duplicate field `{}`", known[index])));
                }
                Some(index) => {
                    seen |= 1 << index;
                    self.path.push(Step::Field(known[index]));
                    let read = field(self, index);
                    self.path.pop();
                    read?;
                }
                None => {
                    let mut path = self.path();
                    if self.path.is_empty() {
                        path.clear();
                    } else {
                        path.push('.');
                    }
                    path.push_str(&key);
                    self.unknown.push(UnknownField { path, known });
                    self.skip_value()?;
                }
            }
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(seen);
                }
                Some(_) => return Err(self.syntax("expected `,` or `}`")),
                None => return Err(self.eof("an object")),
            }
        }
    }

    /// An object whose keys are data (such as tool ids), each value read by
    /// `entry` with its key; a key given twice is an error.
    pub fn entries(
        &mut self,
        expected: &'static str,
        mut entry: impl FnMut(&mut Self, &str) -> Result<(), ParseError>,
    ) -> Result<(), ParseError> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.pos += 1;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        let mut keys: Vec<String> = Vec::new();
        loop {
            let key = self.object_key()?;
            if keys.contains(&key) {
                return Err(self.shape(format!("duplicate field `{key}`")));
            }
            entry(self, &key)?;
            keys.push(key);
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => return Err(self.syntax("expected `,` or `}`")),
                None => return Err(self.eof("an object")),
            }
        }
    }

    /// The error for a required field that an object read by
    /// [`Reader::object`] lacks, if it does.
    pub fn require(&self, seen: u128, known: &'static [&'static str], required: &[usize]) -> Result<(), ParseError> {
        match required.iter().find(|&&index| seen & (1 << index) == 0) {
            Some(&index) => Err(self.shape(format!("missing field `{}`", known[index]))),
            None => Ok(()),
        }
    }
}

struct Number<'t> {
    text: &'t str,
    integer: bool,
}

impl Number<'_> {
    /// How a message names it: integer `7`, floating point `1.5`, quoted
    /// as written (reading it as a float would only reword it, and the
    /// Wasm would carry float parsing for this message alone).
    fn describe(&self) -> String {
        let kind = if self.integer { "integer" } else { "floating point" };
        format!("{kind} `{}`", self.text)
    }
}

impl ReadJson for String {
    fn read_json(reader: &mut Reader) -> Result<String, ParseError> {
        reader.string()
    }
}

/// Writes `text` as a JSON string literal (also a JavaScript one).
pub fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Result<Vec<String>, ParseError> {
        read::<Vec<String>>(text).map(|(value, _)| value)
    }

    impl<T: ReadJson> ReadJson for Vec<T> {
        fn read_json(reader: &mut Reader) -> Result<Vec<T>, ParseError> {
            reader.list()
        }
    }

    #[test]
    fn strings_unescape_as_json_says() {
        let text = r#"["plain", "tab\t \"quoted\" back\\slash \/ \u00e9 \ud83d\ude00", "日本語"]"#;
        assert_eq!(strings(text).unwrap(), ["plain", "tab\t \"quoted\" back\\slash / é 😀", "日本語"]);
    }

    #[test]
    fn written_strings_read_back() {
        let original = "a \"b\" \\ c\nd\u{1}é😀";
        let mut out = String::from("[");
        write_string(&mut out, original);
        out.push(']');
        assert_eq!(strings(&out).unwrap(), [original]);
    }

    #[test]
    fn syntax_errors_say_what_and_where() {
        let cases = [
            ("[\"a\",]", "trailing comma", 1, 6),
            ("[\"a\" \"b\"]", "expected `,` or `]`", 1, 6),
            ("[\"a\\q\"]", "invalid escape", 1, 5),
            ("[\"a\u{1}\"]", "control character (\\u0000-\\u001F) found while parsing a string", 1, 4),
            ("[\"\\ud800\"]", "lone leading surrogate in hex escape", 1, 9),
            ("[\n  \"a\",\n  x]", "expected value", 3, 3),
            ("[\"a\"] x", "trailing characters", 1, 7),
            ("[\"a\"", "EOF while parsing a list", 1, 4),
            ("[\"a", "EOF while parsing a string", 1, 3),
        ];
        for (text, message, line, column) in cases {
            match strings(text).unwrap_err() {
                ParseError::Syntax { line: l, column: c, message: m } => {
                    assert_eq!((m.as_str(), l, c), (message, line, column), "{text:?}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn skipped_values_are_checked_and_may_nest_deeply() {
        #[derive(Debug)]
        struct Empty;
        impl ReadJson for Empty {
            fn read_json(reader: &mut Reader) -> Result<Empty, ParseError> {
                reader.object("struct Empty", &[], |_, _| Ok(()))?;
                Ok(Empty)
            }
        }
        let deep = format!(
            r#"{{"x":{}1{}, "y": {{"a": [true, false, null, -1.5e3, "s"]}}}}"#,
            "[".repeat(50_000),
            "]".repeat(50_000)
        );
        let (_, unknown) = read::<Empty>(&deep).unwrap();
        assert_eq!(unknown.iter().map(|u| u.path.as_str()).collect::<Vec<_>>(), ["x", "y"]);
        let broken = r#"{"x": {"a": [1, 2}}"#;
        assert!(matches!(read::<Empty>(broken), Err(ParseError::Syntax { .. })));
        assert!(matches!(read::<Empty>(r#"{"x": 01}"#), Err(ParseError::Syntax { .. })));
    }

    #[test]
    fn numbers_are_integers_or_named_in_the_message() {
        struct Count(i64);
        impl ReadJson for Count {
            fn read_json(reader: &mut Reader) -> Result<Count, ParseError> {
                reader.integer().map(Count)
            }
        }
        assert_eq!(read::<Count>("-42").unwrap().0 .0, -42);
        assert_eq!(
            read::<Count>("1.5").err().unwrap().to_string(),
            "(catalog): invalid type: floating point `1.5`, expected i64"
        );
        assert_eq!(
            read::<Count>("99999999999999999999").err().unwrap().to_string(),
            "(catalog): invalid value: integer `99999999999999999999`, expected i64"
        );
        assert_eq!(
            read::<Count>("\"7\"").err().unwrap().to_string(),
            "(catalog): invalid type: string \"7\", expected i64"
        );
    }
}
