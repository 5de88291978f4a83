//! The organisation's profile (`sipform.toml`, or `--org FILE`): who sends
//! the forms, for their headers and footers, and the defaults that differ
//! between regions.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::case::{SourceFile, Syntax};
use crate::diagnostic::Diagnostic;
use crate::error::{Error, InvalidCase};

/// The profile as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The organisation's name, e.g. "Region Värmland, Vuxenpsykiatrin".
    pub name: String,
    /// A name that does not point to a place, for the protected variant.
    #[serde(default)]
    pub generic_name: Option<String>,
    /// A logo, PNG or SVG, relative to the profile.
    #[serde(default)]
    pub logo: Option<PathBuf>,
    /// The postal address, one line an item. Never printed in the protected variant.
    #[serde(default)]
    pub address: Vec<String>,
    /// The switchboard. Never printed in the protected variant.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub defaults: Defaults,
}

/// Rules and addresses that differ between regions.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// How long a consent may run, in months.
    #[serde(default)]
    pub consent_months: Option<u32>,
    /// Days within which the meeting should be held after the need is found.
    #[serde(default)]
    pub meeting_within_days: Option<u32>,
    /// Skatteverket's forwarding address for post to protected persons.
    #[serde(default)]
    pub forwarding_address: Option<Vec<String>>,
}

/// A logo read from disk, ready for the layout.
#[derive(Debug, Clone)]
pub struct Logo {
    pub bytes: Vec<u8>,
    /// `png` or `svg`, as Typst names the formats.
    pub format: &'static str,
}

/// The largest logo accepted: a header logo is a few kilobytes.
pub const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// The file looked for in the current folder when no `--org` is given.
pub const DEFAULT_FILE: &str = "sipform.toml";

impl Organisation {
    /// Reads a profile; errors are located like a case file's.
    pub fn load(path: &Path) -> Result<(Self, Option<Logo>), Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
        let name = path.display().to_string();
        let text = crate::case::utf8_text(&name, bytes)?;
        let source = SourceFile::new(name, text, Syntax::Toml);
        let org: Organisation = toml::from_str(&source.text).map_err(|e| {
            let span = e.span().map(|s| source.clamp(s));
            let d = Diagnostic::error("organisation", e.message().trim().to_owned())
                .at(span)
                .hint("the keys are name, generic_name, logo, address, phone and [defaults] (see README)");
            Error::Invalid(Box::new(InvalidCase { source: source.clone(), diagnostics: vec![d] }))
        })?;
        let logo = match &org.logo {
            None => None,
            Some(logo) => Some(read_logo(&path.parent().unwrap_or(Path::new(".")).join(logo))?),
        };
        Ok((org, logo))
    }

    /// What the forms print of it: everything, or for a protected person only
    /// a name that does not point to a place.
    pub fn header(&self, protected: bool, logo: Option<&'static str>) -> OrgHeader {
        if protected {
            return OrgHeader { name: self.generic_name.clone().unwrap_or_default(), contact: String::new(), logo };
        }
        let mut contact: Vec<&str> = self.address.iter().map(String::as_str).collect();
        if let Some(phone) = &self.phone {
            contact.push(phone);
        }
        OrgHeader { name: self.name.clone(), contact: contact.join(" · "), logo }
    }
}

/// The organisation as the template receives it.
#[derive(Debug, Clone, Serialize)]
pub struct OrgHeader {
    pub name: String,
    /// Address and phone on one line, for the footer; empty when protected.
    pub contact: String,
    /// The logo's format (`png`, `svg`) when `/logo` holds one.
    pub logo: Option<&'static str>,
}

fn read_logo(path: &Path) -> Result<Logo, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
    let bad = |why: &str| Error::Usage(format!("the logo `{}` {why}", path.display()));
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(bad(&format!("is {} bytes; a logo may be at most {MAX_LOGO_BYTES}", bytes.len())));
    }
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if std::str::from_utf8(&bytes[..bytes.len().min(1024)]).is_ok_and(|head| head.contains("<svg")) {
        "svg"
    } else {
        return Err(bad("is neither PNG nor SVG"));
    };
    crate::layout::Layout::decode_logo(&bytes, format).map_err(|e| bad(&format!("cannot be read ({e})")))?;
    Ok(Logo { bytes, format })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Organisation {
        toml::from_str(
            r#"
name = "Vårdcentralen Hagfors"
generic_name = "Vårdcentralen"
address = ["Box 1", "683 21 Hagfors"]
phone = "0563-100 00"
[defaults]
consent_months = 6
"#,
        )
        .unwrap()
    }

    #[test]
    fn the_protected_header_has_no_address_phone_or_named_place() {
        let header = org().header(true, None);
        assert_eq!(header.name, "Vårdcentralen");
        assert_eq!(header.contact, "");
        let header = org().header(false, None);
        assert_eq!(header.contact, "Box 1 · 683 21 Hagfors · 0563-100 00");
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<Organisation>("name = \"X\"\nadress = []").is_err());
    }
}
