//! Serde's, toml's and serde_json's messages about a case file, said in
//! Swedish. They come in English only; the common patterns ("unknown field
//! `x`, expected …", "invalid type: …, expected …", a date that does not
//! exist, a syntax error) are taken apart and said again from their parts.
//! A message no pattern knows is given whole, inside a Swedish sentence.

use super::Syntax;

/// The Swedish wording of a parse message.
pub(super) fn swedish(message: &str, syntax: Syntax) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, after) = rest.split_once('`').unwrap_or((rest, ""));
        return if after.starts_with(", there are no fields") {
            format!("okänd nyckel `{field}`; här får inga nycklar stå")
        } else {
            format!("okänd nyckel `{field}`")
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        return format!("nyckeln `{}` saknas", quoted(rest));
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        return format!("nyckeln `{}` står två gånger", quoted(rest));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        return format!("okänt värde `{}`", quoted(rest));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return match expected {
            "" => format!("fel typ: {}", unexpected(found)),
            _ => format!("fel typ: här ska det stå {}, inte {}", expected_sv(expected), unexpected(found)),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return match expected {
            "" => format!("ogiltigt värde: {}", unexpected(found)),
            _ => format!("ogiltigt värde: här ska det stå {}, inte {}", expected_sv(expected), unexpected(found)),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (length, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!("fel antal ({length}): här ska det vara {}", expected_sv(expected));
    }
    if let Some(said) = date(message) {
        return said;
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return "värdet har inte någon av de former som får stå här".to_owned();
    }
    let said = match syntax {
        Syntax::Toml => toml_syntax(message),
        Syntax::Json => json_syntax(message),
    };
    said.unwrap_or_else(|| match syntax {
        Syntax::Toml => format!("TOML-filen går inte att läsa här: {message}"),
        Syntax::Json => format!("JSON-filen går inte att läsa här: {message}"),
    })
}

/// The text up to the closing backtick.
fn quoted(rest: &str) -> &str {
    rest.split_once('`').map_or(rest, |(word, _)| word)
}

/// The messages of the case's own date types (`dates.rs`), and toml's
/// ("invalid date, expected day between 01 and 28").
fn date(message: &str) -> Option<String> {
    let toml = [
        ("invalid date-time", "ogiltigt datum eller ogiltig tid"),
        ("invalid datetime", "ogiltigt datum eller ogiltig tid"),
        ("invalid date", "ogiltigt datum"),
        ("invalid time", "ogiltig tid"),
        ("invalid offset", "ogiltig tidszon"),
    ];
    for (prefix, said) in toml {
        if let Some(rest) = message.strip_prefix(prefix) {
            return Some(match rest.strip_prefix(", expected ") {
                Some(expected) => format!("{said}: {}", datetime_expected(expected)),
                None => said.to_owned(),
            });
        }
    }
    let (text, rest) = message.strip_prefix('`')?.split_once("` ")?;
    let said = if rest.starts_with("is not a real date and time") {
        format!("`{text}` är inte ett giltigt datum med klockslag; skriv det som ÅÅÅÅ-MM-DD med klockslaget efter ett T, t.ex. 2026-11-20T13:00")
    } else if rest.starts_with("is not a real date") {
        format!("`{text}` är inte ett giltigt datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-20")
    } else if rest.starts_with("has a time, but") {
        format!("`{text}` har en tid, men här ska det bara stå ett datum; skriv ÅÅÅÅ-MM-DD")
    } else if rest.starts_with("has a time zone") {
        format!("`{text}` har en tidszon; skriv svensk lokal tid utan tidszon, t.ex. 2026-11-20T13:00")
    } else {
        return None;
    };
    Some(said)
}

/// What toml's date reader expected: "day between 01 and 28".
fn datetime_expected(expected: &str) -> String {
    if let Some((unit, range)) = expected.split_once(" between ") {
        let unit = match unit {
            "day" | "days" => Some("dagen"),
            "month" | "months" => Some("månaden"),
            "hour" | "hours" => Some("timmen"),
            "minute" | "minutes" => Some("minuten"),
            "second" | "seconds" => Some("sekunden"),
            _ => None,
        };
        if let Some(unit) = unit {
            return format!("{unit} ska vara mellan {}", range.replace(" and ", " och "));
        }
    }
    match expected {
        "a four-digit year (YYYY)" => "här ska det stå ett fyrsiffrigt år (ÅÅÅÅ)".to_owned(),
        "a two-digit month (MM)" => "här ska det stå en tvåsiffrig månad (MM)".to_owned(),
        "a two-digit day (DD)" => "här ska det stå en tvåsiffrig dag (DD)".to_owned(),
        _ => format!("här väntas {}", expected.replace(" or ", " eller ")),
    }
}

/// What serde expected, in Swedish.
fn expected_sv(expected: &str) -> String {
    let said = match expected {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "ett heltal (0 eller större)",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" | "an integer" => "ett heltal",
        "f32" | "f64" | "a number" => "ett tal",
        "a string" | "a borrowed string" => "en text",
        "a boolean" => "true eller false",
        "a character" => "ett tecken",
        "a sequence" => "en lista",
        "a map" => "en tabell",
        "unit" => "inget värde",
        "a date, YYYY-MM-DD" => "ett datum, ÅÅÅÅ-MM-DD",
        "a date and time, YYYY-MM-DDTHH:MM" => "ett datum med tid, t.ex. 2026-11-20T13:00",
        "a date (YYYY-MM-DD) or words such as \"Omgående\"" => "ett datum (ÅÅÅÅ-MM-DD) eller ord som \"Omgående\"",
        _ => {
            if expected.starts_with("struct ") || expected.starts_with("a table") {
                return "en tabell".to_owned();
            }
            if let Some(rest) = expected.strip_prefix("one of ") {
                return format!("något av {}", rest.replace(", or ", ", eller ").replace(" or ", " eller "));
            }
            if expected.starts_with('`') {
                return expected.replace(" or ", " eller ");
            }
            return expected.to_owned();
        }
    };
    said.to_owned()
}

/// What serde found instead (serde's `Unexpected`), in Swedish.
fn unexpected(found: &str) -> String {
    let unquote = |s: &str| s.trim_matches('`').to_owned();
    if let Some(text) = found.strip_prefix("string ") {
        return format!("texten {text}");
    }
    if let Some(n) = found.strip_prefix("integer ").or_else(|| found.strip_prefix("floating point ")) {
        return format!("talet {}", unquote(n));
    }
    if let Some(b) = found.strip_prefix("boolean ") {
        return format!("värdet {}", unquote(b));
    }
    if let Some(c) = found.strip_prefix("character ") {
        return format!("tecknet {c}");
    }
    match found {
        "sequence" => "en lista".to_owned(),
        "map" => "en tabell".to_owned(),
        "unit value" | "null" => "ett tomt värde (null)".to_owned(),
        _ => found.to_owned(),
    }
}

/// toml's syntax errors: "<what>, expected <list>".
fn toml_syntax(message: &str) -> Option<String> {
    let (what, expected) = match message.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (message, None),
    };
    let said = if what.starts_with("duplicate key") {
        "nyckeln står två gånger"
    } else {
        match what {
            "unclosed table" => "tabellrubriken saknar sin avslutande `]`",
            "unclosed array table" => "listrubriken saknar sin avslutande `]]`",
            "unclosed array" => "listan saknar sin avslutande `]`",
            "unclosed inline table" => "tabellen saknar sin avslutande `}`",
            "invalid basic string" | "invalid string" => "texten inom citattecken är ogiltig",
            "invalid multi-line basic string" => "den flerradiga texten är ogiltig",
            "invalid literal string" => "texten inom apostrofer är ogiltig",
            "missing escaped value" => "ett tecken saknas efter `\\`",
            "string values must be quoted" => "text måste stå inom citattecken",
            "key with no value" | "missing value for key" => "nyckeln saknar värde",
            "missing value" => "ett värde saknas",
            "invalid value" => "ogiltigt värde",
            "missing comma between array elements" => "ett kommatecken saknas mellan listans poster",
            "missing comma between key-value pairs" => "ett kommatecken saknas mellan nycklarna",
            "missing assignment between key-value pairs" => "`=` saknas mellan nyckeln och värdet",
            "extra comma in array" => "ett kommatecken för mycket i listan",
            "extra comma in inline table" => "ett kommatecken för mycket i tabellen",
            "extra `=`" | "extra assignment between key-value pairs" => "ett `=` för mycket",
            "unexpected key or value" => "en nyckel eller ett värde står där det inte får stå",
            "unexpected content" | "unexpected content between comment and newline" => {
                "det står något här som inte hör hemma här"
            }
            "invalid unquoted key" | "invalid key" => "ogiltig nyckel",
            "unquoted keys cannot be empty" => "en nyckel utan citattecken får inte vara tom",
            "invalid key-value pair" => "ogiltig rad: här ska det stå nyckel = värde",
            "missing opening quote" => "det inledande citattecknet saknas",
            "invalid integer number" => "ogiltigt heltal",
            "invalid float" => "ogiltigt decimaltal",
            "invalid boolean" => "ogiltigt värde: skriv true eller false",
            "unexpected leading zero" => "ett tal får inte börja med 0",
            "invalid comment character" => "ogiltigt tecken i kommentaren",
            "carriage return must be followed by newline" => "en vagnretur (CR) måste följas av en radbrytning",
            _ => return None,
        }
    };
    // Where the words say what to do, the list adds nothing.
    let says_it = matches!(what, "string values must be quoted");
    Some(match expected {
        Some(list) if !says_it => format!("{said}; här väntas {}", toml_expected(list)),
        _ => said.to_owned(),
    })
}

/// toml's list of what it expected: `]`, newline, key, …
fn toml_expected(list: &str) -> String {
    let items: Vec<String> = list
        .split(", ")
        .map(|item| match item {
            "nothing" => "ingenting".to_owned(),
            "newline" => "en radbrytning".to_owned(),
            "key" => "en nyckel".to_owned(),
            "value" => "ett värde".to_owned(),
            "letters" => "bokstäver".to_owned(),
            "numbers" | "digits" => "siffror".to_owned(),
            "characters" => "tecken".to_owned(),
            "printable characters" => "skrivbara tecken".to_owned(),
            "basic string" => "text inom citattecken".to_owned(),
            "literal string" => "text inom apostrofer".to_owned(),
            other => other.to_owned(),
        })
        .collect();
    match items.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} eller {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

/// serde_json's syntax errors.
fn json_syntax(message: &str) -> Option<String> {
    let said = match message {
        "EOF while parsing a list" => "filen tar slut mitt i en lista",
        "EOF while parsing an object" => "filen tar slut mitt i ett objekt",
        "EOF while parsing a string" => "filen tar slut mitt i en text",
        "EOF while parsing a value" => "filen tar slut där ett värde ska stå",
        "expected `:`" => "här ska det stå `:`",
        "expected `,` or `]`" => "här ska det stå `,` eller `]`",
        "expected `,` or `}`" => "här ska det stå `,` eller `}`",
        "expected ident" => "här ska det stå true, false eller null",
        "expected value" => "här ska det stå ett värde",
        "expected `\"`" => "här ska det stå `\"`",
        "invalid escape" => "ogiltig escape-sekvens efter `\\`",
        "invalid number" => "ogiltigt tal",
        "number out of range" => "talet är för stort",
        "invalid unicode code point" => "ogiltig Unicode-kodpunkt",
        "key must be a string" => "nyckeln ska stå inom \"dubbla citattecken\"",
        "trailing comma" => "det står ett kommatecken efter den sista posten",
        "trailing characters" => "det står något efter JSON-dokumentets slut",
        "unexpected end of hex escape" => "escape-sekvensen `\\u` tar slut för tidigt",
        "recursion limit exceeded" => "filen är för djupt nästlad",
        _ if message.starts_with("control character") => "ett styrtecken (U+0000–U+001F) står i en text",
        _ => return None,
    };
    Some(said.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_patterns_are_said_from_their_parts() {
        let sv = |m: &str| swedish(m, Syntax::Toml);
        assert_eq!(sv("unknown field `valid_untill`, expected `date` or `valid_until`"), "okänd nyckel `valid_untill`");
        assert_eq!(sv("missing field `name`"), "nyckeln `name` saknas");
        assert_eq!(sv("unknown variant `kommunen`, expected one of `kommun`, `region`"), "okänt värde `kommunen`");
        assert_eq!(
            sv("invalid type: string \"en timme\", expected u32"),
            "fel typ: här ska det stå ett heltal (0 eller större), inte texten \"en timme\""
        );
        assert_eq!(
            sv("invalid type: integer `5`, expected a string"),
            "fel typ: här ska det stå en text, inte talet 5"
        );
        assert_eq!(
            sv("`2026-02-30` is not a real date; write it as YYYY-MM-DD, e.g. 2026-11-20"),
            "`2026-02-30` är inte ett giltigt datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2026-11-20"
        );
        assert_eq!(sv("unclosed table, expected `]`"), "tabellrubriken saknar sin avslutande `]`; här väntas `]`");
        assert_eq!(
            sv("invalid date, expected day between 01 and 28"),
            "ogiltigt datum: dagen ska vara mellan 01 och 28"
        );
        assert_eq!(sv("string values must be quoted, expected literal string"), "text måste stå inom citattecken");
        assert_eq!(sv("something new"), "TOML-filen går inte att läsa här: something new");
        assert_eq!(swedish("trailing comma", Syntax::Json), "det står ett kommatecken efter den sista posten");
        assert_eq!(swedish("something new", Syntax::Json), "JSON-filen går inte att läsa här: something new");
    }
}
