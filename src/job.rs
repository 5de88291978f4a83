//! One job: a case in, its forms and calendar files out, in memory. The
//! command line writes them to disk and the server sends them; both call
//! [`Renderer::job`], so which forms a case gets, the check of all of them
//! before any is made, and which calendar file goes with which form live
//! here once.

use crate::calendar::Event;
use crate::case::Loaded;
use crate::diagnostic::{Diagnostic, Said};
use crate::error::Error;
use crate::forms::FormKind;
use crate::model::{ModelOptions, Pick};
use crate::{check, invalid, Renderer};

/// What to make from a case.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// One form, or every form the case has the data for.
    pub form: Option<FormKind>,
    /// Calendar files for the meetings the forms are about.
    pub ics: bool,
    pub options: &'a ModelOptions,
    /// What the files are named after: `<stem>-<form>.pdf`,
    /// `<stem>-<meeting>.ics`.
    pub stem: &'a str,
    /// The one form's own file name (`-o plan.pdf`), when there is one.
    pub file_name: Option<&'a str>,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Made {
    Form(FormKind),
    Calendar(Event),
}

/// One file of a job's output.
#[derive(Debug)]
pub struct File {
    pub name: String,
    pub made: Made,
    pub bytes: Vec<u8>,
    /// For a form, the model the template read (`/data.json`).
    pub data: Option<Vec<u8>>,
}

impl File {
    pub fn media_type(&self) -> &'static str {
        match self.made {
            Made::Form(_) => "application/pdf",
            Made::Calendar(_) => "text/calendar",
        }
    }
}

/// A job done: its files, and the warnings met on the way.
#[derive(Debug)]
pub struct Done {
    pub files: Vec<File>,
    pub warnings: Vec<Diagnostic>,
}

impl Renderer {
    /// The forms to make of a case: the one asked for, or every one it has
    /// the data for. A case with none is an error that says why.
    pub fn forms_of(
        &self,
        loaded: &Loaded,
        form: Option<FormKind>,
        options: &ModelOptions,
    ) -> Result<Vec<FormKind>, Error> {
        if let Some(kind) = form {
            return Ok(vec![kind]);
        }
        let kinds = self.available_with(&loaded.case, options);
        if !kinds.is_empty() {
            return Ok(kinds);
        }
        // Perhaps the case has forms that its rules keep from printing.
        let found = check::check(loaded, &options.check);
        if found.iter().any(Diagnostic::is_error) {
            return Err(invalid(loaded, found));
        }
        Err(Error::NoData {
            form: "any",
            reason: Said::new(
                "the case has neither [meeting], [[consents]], [[plans]] nor [[followups]]",
                "ärendet har varken [meeting], [[consents]], [[plans]] eller [[followups]]",
            ),
        })
    }

    /// Makes a case's forms (and calendar files): every form is checked
    /// before any is made, and nothing is returned unless all are made.
    pub fn job(&self, loaded: &Loaded, request: &Request) -> Result<Done, Error> {
        let options = request.options;
        let kinds = self.forms_of(loaded, request.form, options)?;
        let name = |kind: FormKind| match request.file_name.filter(|_| kinds.len() == 1) {
            Some(name) => name.to_owned(),
            None => format!("{}-{}.pdf", request.stem, kind.name()),
        };

        // A file's name is printed too (on a disk, in a mail): checked with
        // the rest, before anything is made.
        let mut found: Vec<Diagnostic> =
            kinds.iter().filter_map(|kind| self.check_file_name(loaded, options, &name(*kind))).collect();
        // For the protected variant the check lays every form out to scan
        // what it prints; those forms are exported as they are, not laid
        // out again.
        let (checked, mut laid_out) = self.check_forms_laid_out(loaded, &kinds, options);
        found.extend(checked);
        if request.form.is_none() {
            found.extend(check::left_out_by_withdrawal(loaded, &options.check));
        }
        found.sort_by_key(|d| std::cmp::Reverse(d.severity));
        if found.iter().any(Diagnostic::is_error) {
            return Err(invalid(loaded, found));
        }

        let mut files = Vec::with_capacity(kinds.len() + 2);
        for kind in &kinds {
            let (pdf, data) = if let Some(at) = laid_out.iter().position(|(k, _, _)| k == kind) {
                let (_, doc, data) = laid_out.swap_remove(at);
                let protected = ModelOptions { protected: true, ..options.clone() };
                (self.export_protected(loaded, *kind, &protected, &doc, &data)?, data)
            } else if options.with_blanks {
                // A blank form for a case without its data is the one path
                // with checks of its own.
                let rendered = self.render(loaded, *kind, options)?;
                (rendered.pdf, rendered.data)
            } else {
                // Checked above.
                let rendered = self.render_checked(loaded, *kind, options, Vec::new())?;
                (rendered.pdf, rendered.data)
            };
            files.push(File { name: name(*kind), made: Made::Form(*kind), bytes: pdf, data: Some(data) });
        }
        if request.ics {
            let followup = calendar_followup(loaded, &kinds, options);
            let options = ModelOptions { pick: Pick { followup, ..options.pick }, ..options.clone() };
            for event in [Event::Meeting, Event::Followup] {
                if !kinds.iter().any(|k| event_goes_with(event, *k)) {
                    continue;
                }
                let held = followup.filter(|i| loaded.case.followups.get(*i).is_some_and(|f| f.held()));
                if let (Event::Followup, Some(i)) = (event, held) {
                    // Said, rather than left out in silence or replaced by
                    // another follow-up's event.
                    found.extend(check::held_followup_calendar(loaded, &options.check, i));
                    continue;
                }
                if let Some(ics) = self.calendar(loaded, event, &options)? {
                    let name = format!("{}-{}.ics", request.stem, event.name());
                    if let Some(d) = self.check_file_name(loaded, &options, &name) {
                        return Err(invalid(loaded, vec![d]));
                    }
                    files.push(File { name, made: Made::Calendar(event), bytes: ics.into_bytes(), data: None });
                }
            }
        }
        Ok(Done { files, warnings: found })
    }
}

/// The follow-up whose event the follow-up calendar file is: the one the
/// follow-up invitation calls to, when it is among the forms, so that the
/// two agree; else `None`, the next planned, which the plan and the
/// follow-up form announce. (The follow-up form's own pick is a follow-up
/// already held, whose event is past.)
fn calendar_followup(loaded: &Loaded, kinds: &[FormKind], options: &ModelOptions) -> Option<usize> {
    if !kinds.contains(&FormKind::FollowupInvitation) {
        return None;
    }
    let kind = FormKind::FollowupInvitation;
    match crate::model::select(&loaded.case, kind, options.pick, options.check.printed) {
        Ok(selection) => selection.followup,
        // A blank invitation (--with-blanks) without a follow-up to call
        // to: the one picked, if any, else the next planned.
        Err(_) => options.pick.followup,
    }
}

/// Which form a meeting's calendar file goes with: the first meeting's with
/// the invitation, a follow-up's with the plan and what follows it (which
/// follow-up: [`calendar_followup`]).
fn event_goes_with(event: Event, kind: FormKind) -> bool {
    match event {
        Event::Meeting => kind == FormKind::Invitation,
        Event::Followup => {
            matches!(kind, FormKind::Plan | FormKind::MyPlan | FormKind::Followup | FormKind::FollowupInvitation)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{case, Resources};

    fn example() -> Loaded {
        case::from_bytes("anna.toml", None, crate::EXAMPLE.as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn a_job_makes_every_form_and_the_calendar_files_that_go_with_them() {
        let renderer = Renderer::new(Resources::embedded()).unwrap();
        let options = ModelOptions::default();
        let request = Request { form: None, ics: true, options: &options, stem: "anna", file_name: None };
        let done = renderer.job(&example(), &request).unwrap();
        let names: Vec<&str> = done.files.iter().map(|f| f.name.as_str()).collect();
        assert!(names.contains(&"anna-plan.pdf") && names.contains(&"anna-invitation.pdf"), "{names:?}");
        assert!(names.contains(&"anna-invitation.ics") && names.contains(&"anna-followup.ics"), "{names:?}");
        for file in &done.files {
            match file.made {
                Made::Form(_) => assert!(file.bytes.starts_with(b"%PDF-") && file.data.is_some()),
                Made::Calendar(_) => assert!(file.bytes.starts_with(b"BEGIN:VCALENDAR")),
            }
        }
    }

    #[test]
    fn one_form_takes_its_own_name_and_only_its_calendar_file() {
        let renderer = Renderer::new(Resources::embedded()).unwrap();
        let options = ModelOptions::default();
        let request = Request {
            form: Some(FormKind::Invitation),
            ics: true,
            options: &options,
            stem: "anna",
            file_name: Some("kallelse.pdf"),
        };
        let done = renderer.job(&example(), &request).unwrap();
        let names: Vec<&str> = done.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["kallelse.pdf", "anna-invitation.ics"]);
    }
}
