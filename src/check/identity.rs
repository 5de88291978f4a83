//! Personnummer and samordningsnummer: written form, a real date, the check digit.

use super::Checker;
use crate::case::locate::Step;
use crate::case::personal_number::{self, Problem};
use crate::diagnostic::Diagnostic;

pub(super) fn run(c: &mut Checker) {
    let today = c.today();
    let case = c.case;
    let mut numbers = vec![(vec![Step::Key("person"), Step::Key("personal_number")], &case.person.personal_number)];
    for (i, g) in case.guardians.iter().enumerate() {
        if let Some(n) = &g.personal_number {
            numbers.push((vec![Step::Key("guardians"), Step::Index(i), Step::Key("personal_number")], n));
        }
    }
    for (path, number) in numbers {
        if super::text::is_placeholder(number) {
            continue;
        }
        if let Err(problem) = personal_number::parse(number, today) {
            let hint = match problem {
                Problem::Format => {
                    "write YYYYMMDD-NNNN (or YYMMDD-NNNN; `+` instead of `-` for someone 100 or older)".to_owned()
                }
                Problem::NotADate => "check the date digits; a samordningsnummer adds 60 to the day (61–91)".to_owned(),
                Problem::CheckDigit { expected } => {
                    format!(
                        "check the number against the ID document; with these digits the last one would be {expected}"
                    )
                }
            };
            let hint_sv = match problem {
                Problem::Format => {
                    "skriv ÅÅÅÅMMDD-NNNN (eller ÅÅMMDD-NNNN; `+` i stället för `-` för den som är 100 år eller äldre)"
                        .to_owned()
                }
                Problem::NotADate => {
                    "kontrollera datumsiffrorna; i ett samordningsnummer är dagen ökad med 60 (61–91)".to_owned()
                }
                Problem::CheckDigit { expected } => {
                    format!("jämför numret med id-handlingen; med de här siffrorna skulle den sista vara {expected}")
                }
            };
            c.push(
                &path,
                Diagnostic::error("personal-number", format!("`{number}` {problem}"))
                    .sv(format!("`{number}` {}", problem.swedish()))
                    .hint(hint)
                    .hint_sv(hint_sv),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn a_wrong_check_digit_is_an_error() {
        assert_eq!(codes(&with("19990101-2386", "19990101-2387")), ["personal-number"]);
    }

    #[test]
    fn an_impossible_birth_date_is_an_error() {
        assert_eq!(codes(&with("19990101-2386", "19990230-2386")), ["personal-number"]);
    }

    #[test]
    fn every_written_form_is_accepted() {
        for n in ["199901012386", "990101-2386", "9901012386", "19990161-2383"] {
            assert_eq!(codes(&with("19990101-2386", n)), Vec::<&str>::new(), "{n}");
        }
        assert_eq!(codes(&with("19990101-2386", "1999-01-01")), ["personal-number"]);
    }

    #[test]
    fn guardians_numbers_are_checked_when_given() {
        let text =
            with("[[units]]", "[[guardians]]\nname = \"Sofia\"\npersonal_number = \"19810322-4527\"\n\n[[units]]");
        assert!(codes(&text).contains(&"personal-number"));
    }
}
