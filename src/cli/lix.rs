//! `sipform lix`: how easy each form's own words are to read, as LIX.

use sipform::model::{FormModel, Lix};
use sipform::{case, Error, FormKind};

use super::args::{LixArgs, OutputFormat};
use super::render::{options, organisation, renderer};
use super::{exit, report};

pub fn run(args: LixArgs) -> u8 {
    match measure(&args) {
        Ok(rows) => {
            print(&rows, args.format);
            exit::OK
        }
        Err(e) => {
            report::error(&e, args.format);
            report::code(&e)
        }
    }
}

/// One measured form: its name ("plan", "blank plan") and its LIX.
struct Row {
    form: String,
    lix: Lix,
}

fn measure(args: &LixArgs) -> Result<Vec<Row>, Error> {
    let org = organisation(args.common.rules.org.as_deref())?;
    let options = options(&args.common, org.as_ref().map(|(o, _)| o), false)?;
    let renderer = renderer(args.common.templates.as_deref(), org)?;
    let loaded = match &args.case {
        Some(path) => case::load(path)?,
        None => case::from_bytes("example.toml", None, sipform::EXAMPLE.as_bytes().to_vec())?,
    };
    let asked = args.forms.iter().map(|f| f.parse::<FormKind>()).collect::<Result<Vec<_>, _>>()?;
    let (filled, blank) = if asked.is_empty() {
        (renderer.available_with(&loaded.case, &options), renderer.blank_forms())
    } else {
        (asked, Vec::new())
    };
    let mut rows = Vec::new();
    let mut add = |form: String, model: FormModel| rows.push(Row { form, lix: model.lix() });
    for kind in filled {
        add(kind.to_string(), renderer.model(&loaded, kind, &options)?);
    }
    for kind in blank {
        add(format!("blank {kind}"), renderer.blank_model(&loaded.case.language, kind, &options)?);
    }
    Ok(rows)
}

fn print(rows: &[Row], format: OutputFormat) {
    match format {
        OutputFormat::Human => {
            println!("{:<20} {:>5} {:>6} {:>10} {:>10}", "form", "LIX", "words", "sentences", "long words");
            for r in rows {
                let l = r.lix;
                println!("{:<20} {:>5.1} {:>6} {:>10} {:>10}", r.form, l.value, l.words, l.sentences, l.long_words);
            }
        }
        OutputFormat::Json => {
            let list: Vec<_> = rows
                .iter()
                .map(|r| serde_json::json!({ "form": r.form, "lix": (r.lix.value * 10.0).round() / 10.0, "words": r.lix.words, "sentences": r.lix.sentences, "long_words": r.lix.long_words }))
                .collect();
            println!("{}", serde_json::to_string_pretty(&serde_json::json!({ "forms": list })).expect("JSON"));
        }
    }
}
