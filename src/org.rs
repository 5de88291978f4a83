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
    /// A logo for the protected variant, which otherwise prints none: a
    /// unit's or region's logo can say where a person is seen.
    #[serde(default)]
    pub protected_logo: Option<PathBuf>,
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
    /// The age from which a young person consents beside the guardians
    /// (for example 15); none by default, when only the guardians consent.
    #[serde(default)]
    pub young_person_consent_age: Option<u32>,
}

/// The logos a profile names, read from disk.
#[derive(Debug, Clone, Default)]
pub struct Logos {
    pub normal: Option<Logo>,
    /// Drawn on protected forms; without it they have no logo.
    pub protected: Option<Logo>,
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
    pub fn load(path: &Path) -> Result<(Self, Logos), Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
        let name = path.display().to_string();
        let text = crate::case::utf8_text(&name, bytes)?;
        let source = SourceFile::new(name, text, Syntax::Toml);
        let org: Organisation = toml::from_str(&source.text).map_err(|e| {
            let span = e.span().map(|s| source.clamp(s));
            let d = Diagnostic::error("organisation", e.message().trim().to_owned())
                .sv(format!("profilen går inte att läsa här: {}", e.message().trim()))
                .at(span)
                .hint(
                    "the keys are name, generic_name, logo, protected_logo, address, phone and [defaults] (see README)",
                )
                .hint_sv(
                    "nycklarna är name, generic_name, logo, protected_logo, address, phone och [defaults] (se README)",
                );
            Error::Invalid(Box::new(InvalidCase { source: source.clone(), diagnostics: vec![d] }))
        })?;
        let folder = path.parent().unwrap_or(Path::new("."));
        let read = |logo: &Option<PathBuf>| logo.as_ref().map(|l| read_logo(&folder.join(l))).transpose();
        let logos = Logos { normal: read(&org.logo)?, protected: read(&org.protected_logo)? };
        Ok((org, logos))
    }

    /// What the forms print of it: everything, or for a protected person only
    /// a name that does not point to a place, and the protected logo if the
    /// profile has one. `logos` are the formats of the logos loaded.
    pub fn header(&self, protected: bool, logos: LogoFormats) -> OrgHeader {
        if protected {
            return OrgHeader {
                name: self.generic_name.clone().unwrap_or_default(),
                contact: String::new(),
                logo: logos.protected.map(|format| LogoRef { path: PROTECTED_LOGO_PATH, format }),
            };
        }
        let mut contact: Vec<&str> = self.address.iter().map(String::as_str).collect();
        if let Some(phone) = &self.phone {
            contact.push(phone);
        }
        OrgHeader {
            name: self.name.clone(),
            contact: contact.join(" · "),
            logo: logos.normal.map(|format| LogoRef { path: LOGO_PATH, format }),
        }
    }
}

/// Where templates find the logos: `image("/logo")`.
pub const LOGO_PATH: &str = "/logo";
pub const PROTECTED_LOGO_PATH: &str = "/protected-logo";

/// The formats (`png`, `svg`) of the logos loaded, if any.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogoFormats {
    pub normal: Option<&'static str>,
    pub protected: Option<&'static str>,
}

/// The organisation as the template receives it.
#[derive(Debug, Clone, Serialize)]
pub struct OrgHeader {
    pub name: String,
    /// Address and phone on one line, for the footer; empty when protected.
    pub contact: String,
    /// The logo to draw, if any.
    pub logo: Option<LogoRef>,
}

/// A logo as the template reads it: `image(path, format: format)`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct LogoRef {
    pub path: &'static str,
    pub format: &'static str,
}

fn read_logo(path: &Path) -> Result<Logo, Error> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read { path: path.into(), source })?;
    let bad = |why: &str, varför: &str| {
        Error::usage(format!("the logo `{}` {why}", path.display()), format!("logotypen `{}` {varför}", path.display()))
    };
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(bad(
            &format!("is {} bytes; a logo may be at most {MAX_LOGO_BYTES}", bytes.len()),
            &format!("är {} byte; en logotyp får vara högst {MAX_LOGO_BYTES}", bytes.len()),
        ));
    }
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if std::str::from_utf8(&bytes[..bytes.len().min(1024)]).is_ok_and(|head| head.contains("<svg")) {
        "svg"
    } else {
        return Err(bad("is neither PNG nor SVG", "är varken PNG eller SVG"));
    };
    crate::layout::Layout::decode_logo(&bytes, format)
        .map_err(|e| bad(&format!("cannot be read ({e})"), &format!("går inte att läsa ({e})")))?;
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
        let header = org().header(true, LogoFormats::default());
        assert_eq!(header.name, "Vårdcentralen");
        assert_eq!(header.contact, "");
        let header = org().header(false, LogoFormats::default());
        assert_eq!(header.contact, "Box 1 · 683 21 Hagfors · 0563-100 00");
    }

    #[test]
    fn a_protected_form_draws_only_the_protected_logo() {
        let only_normal = LogoFormats { normal: Some("png"), protected: None };
        assert!(org().header(true, only_normal).logo.is_none());
        assert_eq!(org().header(false, only_normal).logo.map(|l| l.path), Some(LOGO_PATH));
        let both = LogoFormats { normal: Some("png"), protected: Some("svg") };
        let logo = org().header(true, both).logo.unwrap();
        assert_eq!((logo.path, logo.format), (PROTECTED_LOGO_PATH, "svg"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(toml::from_str::<Organisation>("name = \"X\"\nadress = []").is_err());
    }
}
