//! How an error reaches a person: a stable code, a Persian message that says how to fix
//! it, and details (one line each). The app shows it; the CLI prints it and picks the exit code.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the UI receives when a command fails.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: String,
    pub message: String,
    pub details: Vec<String>,
}

/// Whether the person can fix it (bad input, wrong file, file in use) or it is our fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    User,
    Internal,
}

/// Every module's error enum implements this to travel to the UI and the CLI.
pub trait Problem: std::error::Error {
    fn code(&self) -> &'static str;
    fn fault(&self) -> Fault {
        Fault::User
    }
    fn details(&self) -> Vec<String> {
        Vec::new()
    }
    fn to_app_error(&self) -> AppError {
        AppError { code: self.code().to_string(), message: self.to_string(), details: self.details() }
    }
}

/// The body of a service error's `Problem::code`, `fault` or `details`: the arms for its own
/// variants, after the shared concerns' errors it wraps (`Issued`, `Sheet`, `Agency`, `Store`),
/// which answer with their own code, fault and details.
/// `wrapped_problem!(self.code(), { Self::Locked => "accounts.locked", … })`
macro_rules! wrapped_problem {
    ($self:ident . $method:ident (), { $($arms:tt)* }) => {
        match $self {
            Self::Issued(e) => e.$method(),
            Self::Sheet(e) => e.$method(),
            Self::Agency(e) => e.$method(),
            Self::Store(e) => e.$method(),
            $($arms)*
        }
    };
}
pub(crate) use wrapped_problem;

/// What the system said when a file could not be read or written, as a Persian phrase that fits
/// after «… ممکن نشد:». The system's own words (English, or the OS's language) belong in
/// `details`, never in the message.
pub fn io_reason(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    if is_disk_full(e) {
        return DISK_FULL;
    }
    match e.kind() {
        K::NotFound => "چنین فایل یا پوشه‌ای نیست",
        K::PermissionDenied => "اجازهٔ دسترسی به آن داده نشده است",
        K::ReadOnlyFilesystem => "دیسک آن فقط‌خواندنی است",
        K::AlreadyExists => "فایلی با همین نام از پیش هست",
        K::IsADirectory => "این نشانی یک پوشه است، نه فایل",
        K::NotADirectory => "بخشی از نشانی پوشه نیست",
        K::InvalidFilename | K::InvalidInput => "نام یا نشانی فایل پذیرفتنی نیست",
        K::FileTooLarge => "فایل برای این دیسک بیش از اندازه بزرگ است",
        K::ResourceBusy => "برنامهٔ دیگری فایل را در دست دارد",
        K::UnexpectedEof => "فایل ناقص است و زودتر از انتظار تمام شد",
        K::InvalidData => "محتوای فایل آسیب دیده است",
        _ => OTHER,
    }
}

const DISK_FULL: &str = "دیسک پر است؛ جایی از آن را خالی کنید یا جای دیگری برگزینید";
const OTHER: &str = "سیستم عامل خطایی داد که شرح آن در جزئیات آمده است";

/// No space left (ENOSPC on Unix; ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows).
pub fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull || (cfg!(windows) && matches!(e.raw_os_error(), Some(39) | Some(112)))
}

/// The same phrase for an error a library has already turned into text (zip, the workbook
/// writer, calamine): they wrap the io::Error and keep its «(os error N)», which names it.
pub fn system_reason(text: &str) -> &'static str {
    let code = text.rfind("(os error ").and_then(|at| {
        let rest = &text[at + "(os error ".len()..];
        rest[..rest.find(')')?].parse::<i32>().ok()
    });
    match code {
        Some(code) => io_reason(&std::io::Error::from_raw_os_error(code)),
        None => OTHER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn system_errors_become_persian_phrases() {
        assert_eq!(io_reason(&Error::from(ErrorKind::NotFound)), "چنین فایل یا پوشه‌ای نیست");
        assert_eq!(io_reason(&Error::from(ErrorKind::PermissionDenied)), "اجازهٔ دسترسی به آن داده نشده است");
        assert_eq!(io_reason(&Error::from(ErrorKind::StorageFull)), DISK_FULL);
        assert_eq!(io_reason(&Error::other("zip: bad header")), OTHER);
        for reason in [io_reason(&Error::from(ErrorKind::ReadOnlyFilesystem)), OTHER, DISK_FULL] {
            assert!(!reason.chars().any(|c| c.is_ascii_alphabetic()), "{reason}");
        }
    }

    #[test]
    fn a_library_s_text_is_read_for_its_os_error() {
        // What the workbook writer and zip print when the disk is full or the folder is closed:
        // ENOSPC and EACCES on Unix, ERROR_DISK_FULL and ERROR_ACCESS_DENIED on Windows.
        let (disk_full, access_denied) = if cfg!(windows) { (112, 5) } else { (28, 13) };
        let full = Error::from_raw_os_error(disk_full).to_string();
        assert!(full.contains(&format!("(os error {disk_full})")), "{full}");
        assert_eq!(system_reason(&format!("I/O error: {full}")), DISK_FULL);
        assert!(is_disk_full(&Error::from_raw_os_error(disk_full)));
        let denied = Error::from_raw_os_error(access_denied).to_string();
        assert_eq!(system_reason(&denied), "اجازهٔ دسترسی به آن داده نشده است");
        assert_eq!(system_reason("invalid Zip archive: Could not find EOCD"), OTHER);
        assert_eq!(system_reason("broken (os error x)"), OTHER);
    }

    /// Whatever the system or a library said (io, zip, XML) stays in the details; the message
    /// is Persian but for the file's own name (issue 13).
    #[test]
    fn system_text_goes_to_details_never_the_message() {
        use crate::accounts::AccountsError;
        use crate::sheets::SheetError;
        let io = Error::from(ErrorKind::NotFound).to_string();
        let zip = "invalid Zip archive: Could not find central directory end".to_string();
        let xml = "Xml error: ill-formed document: expected `</row>`".to_string();
        let errors: Vec<Box<dyn Problem>> = vec![
            Box::new(SheetError::Io { file: "a.xlsx".into(), detail: io.clone() }),
            Box::new(SheetError::Damaged { file: "a.xlsx".into(), detail: zip.clone() }),
            Box::new(SheetError::Damaged { file: "a.xlsx".into(), detail: xml.clone() }),
            Box::new(AccountsError::Write { path: "/tmp/ui/wb".into(), detail: io.clone() }),
        ];
        for (e, original) in errors.iter().zip([&io, &zip, &xml, &io]) {
            let app = e.to_app_error();
            let words = app.message.replace("a.xlsx", "").replace("/tmp/ui/wb", "");
            assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{}", app.message);
            assert_eq!(app.details, vec![original.clone()], "{}", app.message);
        }
    }
}
