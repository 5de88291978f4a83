//! Every command-line type, in one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "sipform",
    version,
    about = "Renders Swedish SIP forms (samordnad individuell plan) from a case file to PDF"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// The language of sipform's own messages: sv (svenska) or en. Without
    /// it, Swedish when the locale (LC_ALL, LC_MESSAGES, LANG) is Swedish,
    /// and for `new`, whose starter is Swedish; English otherwise.
    #[arg(long, global = true, value_enum, value_name = "LANGUAGE", env = "SIPFORM_MESSAGES")]
    pub messages: Option<MessagesArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessagesArg {
    Sv,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render forms of a case to PDF.
    Render(RenderArgs),
    /// Check a case file and report what is wrong, without rendering.
    Check(CheckArgs),
    /// Render blank forms to fill in by hand (the paper reserve routine).
    Blank(BlankArgs),
    /// Write a commented starter case file, in Swedish, to fill in.
    New(NewArgs),
    /// Print the example case (Anna, 27) as TOML.
    Example,
    /// Print the JSON Schema of a case file.
    Schema,
    /// Rewrite a format-1 case file as format 2, keeping its comments.
    Upgrade(UpgradeArgs),
    /// Measure how easy each form's fixed text is to read (LIX).
    Lix(LixArgs),
    /// Serve the web form and the HTTP API on this machine.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen. Only this machine (loopback) unless --token-file is
    /// given; port 0 picks a free port, printed at the start.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDRESS:PORT")]
    pub addr: std::net::SocketAddr,

    /// The organisation's profile, for every request (see `render --org`).
    #[arg(long, value_name = "FILE")]
    pub org: Option<PathBuf>,

    /// A file holding the bearer token every API call must carry
    /// (`Authorization: Bearer TOKEN`); required to listen beyond loopback.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,

    /// Your own templates, as for `render`.
    #[arg(long, value_name = "DIR", env = "SIPFORM_TEMPLATES")]
    pub templates: Option<PathBuf>,

    /// Renders at a time; the number of cores by default.
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,

    /// Renders that may wait for a worker; more are answered 503.
    #[arg(long, default_value_t = 16, value_name = "N")]
    pub queue: usize,

    /// Seconds a request may wait and render before it is answered 503.
    #[arg(long, default_value_t = 60, value_name = "SECONDS")]
    pub timeout: u64,

    /// Seconds a request's head, and then its body, may take to arrive; a
    /// slower client is cut off, so it cannot hold a connection.
    #[arg(long, default_value_t = 10, value_name = "SECONDS")]
    pub read_timeout: u64,

    /// The web form at `/`: served on loopback (`auto`), or always, or
    /// never. It has no sign-in of its own: beyond loopback, serve it only
    /// behind your organisation's sign-in.
    #[arg(long, value_enum, default_value_t = WebForm::Auto)]
    pub web: WebForm,
}

/// Whether `sipform serve` serves the web form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WebForm {
    /// On loopback only, where the Host check guards it.
    Auto,
    On,
    Off,
}

#[derive(Debug, Args)]
pub struct LixArgs {
    /// The forms to measure; without them, every form the case has the data
    /// for, and every blank form.
    #[arg(value_name = "FORM")]
    pub forms: Vec<String>,

    /// The case whose forms are measured; the example case by default. Only
    /// the forms' own words are measured (with the names they mention), not
    /// the texts the case records.
    #[arg(long, value_name = "FILE")]
    pub case: Option<PathBuf>,

    /// How to print the figures.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// The same options as `render`, so the words measured are the words a
    /// render prints: `--to person`, `--convener-copy`, `--protected`.
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The case files (TOML or JSON), or folders of them. More than one is a
    /// batch, rendered on every core.
    #[arg(required = true, value_name = "CASE")]
    pub cases: Vec<PathBuf>,

    /// The form to render: invitation (kallelse), consent (samtycke), plan (sip),
    /// followup (uppfoljning) or envelope (kuvert). Without it, every form the
    /// case has the data for.
    #[arg(short, long, conflicts_with = "all")]
    pub form: Option<String>,

    /// Render every form the case has the data for (the default).
    #[arg(long)]
    pub all: bool,

    /// Where to write: a PDF file with --form, a folder with --all.
    /// Defaults to `<case>-<form>.pdf` in the current folder, or the current folder.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// Also write calendar files (.ics) beside the invitation: the meeting,
    /// and the next follow-up when the plan has one.
    #[arg(long)]
    pub ics: bool,

    /// Print what the case knows and leave the rest as room to write by
    /// hand: a form the case has no data for comes out blank, with the
    /// person's name and personnummer.
    #[arg(long)]
    pub with_blanks: bool,

    /// Also write each form's Typst project to this folder: the templates,
    /// the logos and the form's data, exactly what it compiles from
    /// (`<case>-<form>/templates/form.typ`, `data.json`). For comparing with
    /// the typst CLI, and for anyone customising a template.
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct BlankArgs {
    /// The form: invitation (kallelse), consent (samtycke), plan (sip),
    /// followup (uppfoljning) or envelope (kuvert).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub form: Option<String>,

    /// Every blank form.
    #[arg(long)]
    pub all: bool,

    /// Where to write: a PDF file for one form, a folder with --all.
    /// Defaults to `blank-<form>.pdf` in the current folder.
    #[arg(short, long)]
    pub output: Option<PathBuf>,

    /// The protected variant: no place, address or phone fields.
    #[arg(long)]
    pub protected: bool,

    /// Large print, for readers who need it.
    #[arg(long)]
    pub large_print: bool,

    /// Empty rows in the plan's actions table.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub rows: u32,

    /// The language of the forms.
    #[arg(long, alias = "lang", default_value = "sv")]
    pub language: String,

    /// A second language, printed under each heading, label and sentence
    /// of the first (`--also sv`), so staff and the person read the same page.
    #[arg(long, value_name = "LANGUAGE")]
    pub also: Option<String>,

    /// The organisation's profile for the header and footer. Without it,
    /// `sipform.toml` in the current folder if there is one.
    #[arg(long, value_name = "FILE", env = "SIPFORM_ORG")]
    pub org: Option<PathBuf>,

    /// A folder whose `templates/`, `forms/` and `lang/` files replace the
    /// built-in ones of the same name.
    #[arg(long, value_name = "DIR", env = "SIPFORM_TEMPLATES")]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write it; without it, the file is printed.
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// The case file (TOML or JSON); rewritten in place unless -o is given.
    pub file: PathBuf,

    /// Write the upgraded case here, and leave the file as it is.
    #[arg(short, long, value_name = "OUT", conflicts_with = "check")]
    pub output: Option<PathBuf>,

    /// Only say whether the file needs upgrading: exit 1 if it does, 0 if not.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The case file (TOML or JSON).
    pub case: PathBuf,

    /// Check for printing this form only; without it, for every form the
    /// case has the data for (what `render --all` would meet).
    #[arg(short, long)]
    pub form: Option<String>,

    /// With --with-blanks: what the case lacks is room to write, not an error.
    #[arg(long)]
    pub with_blanks: bool,

    /// The same options as `render`, so that the check meets what the
    /// render would: `--protected` checks for the protected variant too
    /// (always, for a case with `protected` or `violence` set), and then
    /// everything the forms would print is scanned.
    #[command(flatten)]
    pub common: CommonArgs,

    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Exit with 1 when there are warnings.
    #[arg(long)]
    pub strict: bool,
}

/// The print date and the rules that differ between regions.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// The date the forms carry as printed (YYYY-MM-DD). Defaults to the case's
    /// `printed`, else each form's own date, so output depends on input only.
    #[arg(long, value_name = "DATE")]
    pub printed: Option<String>,

    /// How long a consent may run, in months from the day it was given
    /// (default: the organisation's profile, else 12).
    #[arg(long, value_name = "MONTHS")]
    pub consent_months: Option<u32>,

    /// Warn when the meeting is more than this many days after the need was
    /// found (3 weeks in VGR, 30 days in Halland; default: the organisation's
    /// profile, else 21).
    #[arg(long, value_name = "DAYS")]
    pub meeting_within_days: Option<u32>,

    /// The organisation's profile: name, logo, address and defaults. Without
    /// it, `sipform.toml` in the current folder if there is one.
    #[arg(long, value_name = "FILE", env = "SIPFORM_ORG")]
    pub org: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    #[command(flatten)]
    pub rules: RuleArgs,

    /// Which follow-up, counting from 1: the followup form records it (the
    /// last held by default), the followup-invitation invites to it (the
    /// next planned by default).
    #[arg(long, value_name = "N", alias = "evaluation")]
    pub followup: Option<usize>,

    /// Which plan version the plan form prints (the latest by default), or
    /// which consent the consent form prints, counting from 1 (the latest).
    #[arg(long = "version", value_name = "N")]
    pub version: Option<u32>,

    /// Who the invitation is written to: everyone (one letter to all called
    /// and invited), person (the person the plan is for), called (the
    /// huvudmän, who must come) or invited (others, who are welcome).
    #[arg(long, value_enum, default_value_t = Recipient::Everyone)]
    pub to: Recipient,

    /// The protected variant: nothing that can reveal where the person lives
    /// or stays. Always on for a case with `protected` or `violence` set.
    #[arg(long)]
    pub protected: bool,

    /// The convener's own copy of the invitation: adds the safety reminders
    /// for a case with `violence` set.
    #[arg(long)]
    pub convener_copy: bool,

    /// Large print, for readers who need it: 16 pt text (18 pt for my-plan),
    /// tables set as one card a row.
    #[arg(long)]
    pub large_print: bool,

    /// For the envelope form: the sender's return address, lines separated by
    /// `|` ("Vårdcentralen|Box 1|123 45 Ort"). Without it, lines to write on.
    #[arg(long, value_name = "LINES")]
    pub return_address: Option<String>,

    /// For the envelope form: Skatteverket's forwarding address, if it is not
    /// the published "Skatteverket|Box 2820|403 20 Göteborg".
    #[arg(long, value_name = "LINES")]
    pub forwarding_address: Option<String>,

    /// A folder whose `templates/`, `forms/` and `lang/` files replace the
    /// built-in ones of the same name.
    #[arg(long, value_name = "DIR", env = "SIPFORM_TEMPLATES")]
    pub templates: Option<PathBuf>,

    /// The language to print the forms in, if not the case's own `language`
    /// (`--lang sv` for the staff's copy of a plan written for the person in
    /// Arabic).
    #[arg(long, value_name = "LANGUAGE")]
    pub lang: Option<String>,

    /// A second language, printed under each heading, label and sentence
    /// of the first (`--also sv`), so staff and the person read the same page.
    #[arg(long, value_name = "LANGUAGE")]
    pub also: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Recipient {
    Everyone,
    Person,
    Called,
    Invited,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
}
