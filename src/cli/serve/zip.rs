//! A zip archive of the files a render made, stored without compression:
//! PDFs are compressed already, and a stored archive is a few lines of ours
//! against a crate with its own compressors. The times are fixed, so the
//! same files make the same bytes (APPNOTE.TXT 6.3, sections 4.3 and 4.4).

/// 1980-01-01 00:00, the first time MS-DOS dates can hold.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

pub fn archive(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, bytes) in files {
        let offset = out.len() as u32;
        let crc = crc32(bytes);
        let size = bytes.len() as u32;
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        header_fields(&mut out, crc, size, name);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(bytes);
        // Its central directory entry.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&20u16.to_le_bytes()); // made by: version 2.0
        header_fields(&mut central, crc, size, name);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let start = out.len() as u32;
    out.extend_from_slice(&central);
    // End of central directory.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// The fields a local header and a central entry share, from "version
/// needed" to "extra field length".
fn header_fields(out: &mut Vec<u8>, crc: u32, size: u32, name: &str) {
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
    out.extend_from_slice(&(1u16 << 11).to_le_bytes()); // the name is UTF-8
    out.extend_from_slice(&0u16.to_le_bytes()); // stored
    out.extend_from_slice(&DOS_TIME.to_le_bytes());
    out.extend_from_slice(&DOS_DATE.to_le_bytes());
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zip uses.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_the_standard_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn unzip_reads_back_every_file() {
        let files = vec![("a-plan.pdf".to_owned(), b"%PDF-1.7 one".to_vec()), ("a.ics".to_owned(), b"BEGIN".to_vec())];
        let bytes = archive(&files);
        assert_eq!(bytes, archive(&files), "same files, same bytes");
        let dir = tempfile::tempdir().unwrap();
        let zip = dir.path().join("forms.zip");
        std::fs::write(&zip, &bytes).unwrap();
        // Info-ZIP's unzip (scripts/test installs it): test every entry's
        // checksum, then print each file.
        let unzip = |args: &[&str]| {
            let out = std::process::Command::new("unzip").args(args).arg(&zip).output().expect("unzip runs");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            String::from_utf8(out.stdout).unwrap()
        };
        assert!(unzip(&["-tq"]).contains("No errors"));
        assert_eq!(unzip(&["-Z1"]), "a-plan.pdf\na.ics\n");
        assert_eq!(unzip(&["-p"]), "%PDF-1.7 oneBEGIN");
    }
}
