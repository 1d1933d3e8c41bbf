//! What the window holds between commands: the open province file and the recent list.

use daftar::bindings::AppState;
use daftar::store::{default_actor, Store};
use daftar::{recent, AppError, Problem};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use tauri::AppHandle;

pub struct Shell {
    /// The application, for dialogs; attached once the window exists.
    app: OnceLock<AppHandle>,
    store: Mutex<Option<Store>>,
    /// Documents saved in this session: the page opens one by its index, never by a path.
    saved: Mutex<Vec<PathBuf>>,
    recent_list: PathBuf,
    startup_error: Mutex<Option<AppError>>,
    /// Progress of a long import, readable while the store is busy with it.
    progress: Mutex<Option<daftar::bindings::IntakeProgress>>,
    /// Files chosen in a dialog and waiting for a second step (an import after its preview, a
    /// template after its year is answered), by kind, with the years they may be filed under.
    /// They belong to the open province file: opening, creating or closing one forgets them.
    pending: Mutex<HashMap<PendingKind, (Vec<i32>, PathBuf)>>,
    // Batches (issue 14 item 3): progress readable while the store is busy, and the cancel
    // flag the batch asks between agencies.
    batch_progress: Mutex<Option<daftar::reports::BatchProgress>>,
    batch_cancel: std::sync::atomic::AtomicBool,
    /// A file that failed to open because it is damaged: its backups can be listed and restored.
    damaged: Mutex<Option<PathBuf>>,
    /// Warnings of backups made by themselves, until the page asks.
    warnings: Mutex<Vec<String>>,
}

/// What a file chosen in a dialog waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PendingKind {
    Template,
    PastResults,
    National,
    /// The national system's transfer of self-assessments.
    NationalTransfer,
}

fn no_file() -> AppError {
    AppError {
        code: "app.no_file".into(),
        message: "هیچ پروندهٔ استانی باز نیست؛ نخست پرونده‌ای را باز کنید یا بسازید.".into(),
        details: vec![],
    }
}

impl Shell {
    pub fn new(recent_list: PathBuf) -> Self {
        Self {
            app: OnceLock::new(),
            store: Mutex::new(None),
            saved: Mutex::new(Vec::new()),
            recent_list,
            startup_error: Mutex::new(None),
            progress: Mutex::new(None),
            pending: Mutex::new(HashMap::new()),
            batch_progress: Mutex::new(None),
            batch_cancel: std::sync::atomic::AtomicBool::new(false),
            damaged: Mutex::new(None),
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// Keeps a chosen file until its second step; it may be filed under any of `years`.
    pub fn keep_pending(&self, kind: PendingKind, years: Vec<i32>, path: PathBuf) {
        self.pending.lock().expect("not poisoned").insert(kind, (years, path));
    }

    /// The kept file of `kind`, taken, when `year` is one it may be filed under.
    pub fn take_pending(&self, kind: PendingKind, year: i32) -> Option<PathBuf> {
        let taken = self.pending.lock().expect("not poisoned").remove(&kind);
        taken.filter(|(years, _)| years.contains(&year)).map(|(_, path)| path)
    }

    pub fn attach(&self, app: AppHandle) {
        let _ = self.app.set(app);
    }

    /// The application handle, for native dialogs. Attached in `setup`, before any command runs.
    pub fn app(&self) -> &AppHandle {
        self.app.get().expect("the shell is attached to the app before any command runs")
    }

    /// Remembers a saved document; its index is what the page sends to open it.
    pub fn remember_saved(&self, path: PathBuf) -> u32 {
        let mut saved = self.saved.lock().expect("not poisoned");
        saved.push(path);
        (saved.len() - 1) as u32
    }

    pub fn saved_path(&self, index: u32) -> Result<PathBuf, AppError> {
        self.saved.lock().expect("not poisoned").get(index as usize).cloned().ok_or_else(|| AppError {
            code: "report.unknown_document".into(),
            message: "این سند در این نشست ذخیره نشده است؛ آن را دوباره ذخیره کنید.".into(),
            details: vec![],
        })
    }

    /// Open the file named on the command line; a failure is shown on the start screen.
    pub fn open_at_start(&self, path: &Path) {
        if let Err(e) = self.open(path) {
            *self.startup_error.lock().expect("not poisoned") = Some(e);
        }
    }

    pub fn state(&self) -> AppState {
        let province = self.store.lock().expect("not poisoned").as_ref().and_then(|s| s.province().ok());
        AppState {
            province,
            recent: recent::load(&self.recent_list),
            startup_error: self.startup_error.lock().expect("not poisoned").take(),
        }
    }

    pub fn recent_path(&self, index: u32) -> Result<PathBuf, AppError> {
        recent::load(&self.recent_list).get(index as usize).map(|r| PathBuf::from(&r.path)).ok_or_else(|| AppError {
            code: "app.recent_missing".into(),
            message: "این پرونده دیگر در فهرست اخیر نیست یا جابه‌جا شده است؛ آن را با «باز کردن پرونده…» پیدا کنید."
                .into(),
            details: vec![],
        })
    }

    /// Close what is open, then open `path`; remembers it in the recent list.
    pub fn open(&self, path: &Path) -> Result<AppState, AppError> {
        let mut slot = self.store.lock().expect("not poisoned");
        if let Some(mut previous) = slot.take() {
            // release the lock on the previous file first (it may be the same file)
            daftar::backup::before(&mut previous, daftar::backup::BackupReason::Close);
        }
        let opened = daftar::backup::open(path, &default_actor(), false, daftar::backup::local_now());
        *self.damaged.lock().expect("not poisoned") = match &opened {
            Err(e) if e.code() == "backup.damaged" => Some(path.to_path_buf()),
            _ => None,
        };
        let mut store = opened.map_err(|e| e.to_app_error())?;
        self.keep_warnings(&mut store);
        self.adopt(&mut slot, store)
    }

    pub fn create(&self, path: &Path, setup: &daftar::store::NewProvince) -> Result<AppState, AppError> {
        let mut slot = self.store.lock().expect("not poisoned");
        let store = Store::create(path, setup, &default_actor()).map_err(|e| e.to_app_error())?;
        self.adopt(&mut slot, store)
    }

    fn adopt(&self, slot: &mut Option<Store>, store: Store) -> Result<AppState, AppError> {
        self.pending.lock().expect("not poisoned").clear();
        let info = store.province().map_err(|e| e.to_app_error())?;
        // The recent list is a convenience: failing to save it must not fail the open.
        let _ = recent::remember(&self.recent_list, &info);
        *slot = Some(store);
        Ok(AppState { province: Some(info), recent: recent::load(&self.recent_list), startup_error: None })
    }

    fn set_progress(&self, progress: Option<daftar::bindings::IntakeProgress>) {
        *self.progress.lock().expect("not poisoned") = progress;
    }

    /// Imports the chosen files (none: the person cancelled) while the page polls how far it is.
    pub fn import_with_progress<T, E: Problem>(
        &self,
        paths: &[PathBuf],
        import: impl FnOnce(&mut Store, &mut dyn FnMut(usize, usize, &str)) -> Result<T, E>,
    ) -> Result<Option<T>, AppError> {
        if paths.is_empty() {
            return Ok(None);
        }
        let mut progress = |done: usize, total: usize, file: &str| {
            let file = file.to_string();
            self.set_progress(Some(daftar::bindings::IntakeProgress { done: done as u32, total: total as u32, file }));
        };
        let result = self.with_store(|s| import(s, &mut progress));
        self.set_progress(None);
        result.map(Some)
    }

    pub fn progress(&self) -> Option<daftar::bindings::IntakeProgress> {
        self.progress.lock().expect("not poisoned").clone()
    }

    // Batches (issue 14 item 3)
    /// Run a batch on the open store, its progress kept for `batch_progress` and stopped when
    /// `cancel_batch` is called meanwhile.
    pub fn batch<T, E: Problem>(
        &self,
        run: impl FnOnce(&mut Store, &mut dyn FnMut(&daftar::reports::BatchProgress), &dyn Fn() -> bool) -> Result<T, E>,
    ) -> Result<T, AppError> {
        use std::sync::atomic::Ordering;
        self.batch_cancel.store(false, Ordering::SeqCst);
        let mut progress = |p: &daftar::reports::BatchProgress| {
            *self.batch_progress.lock().expect("not poisoned") = Some(p.clone());
        };
        let cancelled = || self.batch_cancel.load(Ordering::SeqCst);
        let result = self.with_document(|s| run(s, &mut progress, &cancelled));
        *self.batch_progress.lock().expect("not poisoned") = None;
        result
    }

    pub fn batch_progress(&self) -> Option<daftar::reports::BatchProgress> {
        self.batch_progress.lock().expect("not poisoned").clone()
    }

    pub fn cancel_batch(&self) {
        self.batch_cancel.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Close the file, backing it up first («on close»).
    pub fn close(&self) {
        if let Some(mut store) = self.store.lock().expect("not poisoned").take() {
            daftar::backup::before(&mut store, daftar::backup::BackupReason::Close);
        }
        self.pending.lock().expect("not poisoned").clear();
    }

    /// `with_store` for a command that lays out a document (a preview, a save, letters): the
    /// memory the layout freed is then handed back to the system (`give_back_freed_memory`).
    pub fn with_document<T, E: Problem>(&self, work: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, AppError> {
        let result = self.with_store(work);
        give_back_freed_memory();
        result
    }

    /// Run `work` on the open store, turning its error into what the UI shows.
    pub fn with_store<T, E: Problem>(&self, work: impl FnOnce(&mut Store) -> Result<T, E>) -> Result<T, AppError> {
        let mut slot = self.store.lock().expect("not poisoned");
        let store = slot.as_mut().ok_or_else(no_file)?;
        let result = work(store).map_err(|e| e.to_app_error());
        self.keep_warnings(store);
        result
    }

    // backups
    fn keep_warnings(&self, store: &mut Store) {
        self.warnings.lock().expect("not poisoned").extend(store.take_warnings());
    }

    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().expect("not poisoned"))
    }

    /// The backups of the open file, or of the damaged file that failed to open.
    pub fn backups(&self) -> Result<daftar::backup::BackupList, AppError> {
        let slot = self.store.lock().expect("not poisoned");
        if let Some(store) = slot.as_ref() {
            let settings = daftar::backup::settings_or_default(Some(store));
            return Ok(daftar::backup::list(store.path(), Some(store.conn()), &settings));
        }
        let damaged = self.damaged.lock().expect("not poisoned").clone().ok_or_else(no_file)?;
        Ok(daftar::backup::list(&damaged, None, &daftar::backup::settings_or_default(None)))
    }

    /// Put a backup in place of the open (or damaged) file and reopen it.
    pub fn restore(&self, choice: &daftar::backup::BackupRef) -> Result<AppState, AppError> {
        let mut slot = self.store.lock().expect("not poisoned");
        let damaged = self.damaged.lock().expect("not poisoned").clone();
        let path = slot.as_ref().map(|s| s.path().to_path_buf()).or(damaged).ok_or_else(no_file)?;
        let settings = daftar::backup::settings_or_default(slot.as_ref());
        let now = daftar::backup::local_now();
        daftar::backup::restore(&mut slot, &path, choice, &settings, &default_actor(), now)
            .map_err(|e| e.to_app_error())?;
        *self.damaged.lock().expect("not poisoned") = None;
        let store = slot.take().ok_or_else(no_file)?;
        self.adopt(&mut slot, store)
    }
}

/// Hands the memory freed after laying out a document back to the system (issue 15 goal 4).
/// glibc keeps what a thread freed in that thread's arena for its next use: after the
/// booklet's preview the app stayed ~60 MB larger for the rest of the day.
fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        // SAFETY: malloc_trim takes no pointer; it only returns glibc's free pages to the kernel.
        unsafe {
            malloc_trim(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use daftar::store::NewProvince;

    fn setup() -> NewProvince {
        NewProvince {
            province: "لرستان".into(),
            office: "سازمان مدیریت و برنامه‌ریزی استان لرستان".into(),
            working_year: 1403,
        }
    }

    #[test]
    fn without_a_file_commands_say_to_open_one() {
        let dir = tempfile::tempdir().unwrap();
        let shell = Shell::new(dir.path().join("recent.json"));
        let err = shell.with_store(|s| daftar::agencies::list(s, "", true)).unwrap_err();
        assert_eq!(err.code, "app.no_file");
        assert!(shell.state().province.is_none());
    }

    #[test]
    fn create_open_close_and_the_recent_list() {
        let dir = tempfile::tempdir().unwrap();
        let shell = Shell::new(dir.path().join("cfg/recent.json"));
        let file = dir.path().join("l.daftar");
        let state = shell.create(&file, &setup()).unwrap();
        assert_eq!(state.province.unwrap().province, "لرستان");
        assert_eq!(state.recent.len(), 1);
        // Reopening the file the window already holds works: the old handle is released first.
        shell.open(&file).unwrap();
        shell.close();
        assert!(shell.state().province.is_none());
        assert_eq!(shell.recent_path(0).unwrap(), file);
        assert_eq!(shell.recent_path(5).unwrap_err().code, "app.recent_missing");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_in_a_closed_folder_opens_and_the_state_says_why_nothing_changes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("closed");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("l.daftar");
        let shell = Shell::new(dir.path().join("recent.json"));
        shell.create(&file, &setup()).unwrap();
        shell.close();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        let binds = std::fs::write(folder.join("probe"), b"").is_err();
        let _ = std::fs::remove_file(folder.join("probe"));
        let opened = binds.then(|| shell.open(&file));
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        let Some(opened) = opened else {
            eprintln!("skipped: this user writes through permissions (root?), so a closed folder cannot be made here");
            return;
        };
        let why = opened.unwrap().province.unwrap().read_only.expect("the state says the file is read-only");
        assert_eq!(shell.state().province.unwrap().read_only.as_deref(), Some(why.as_str()));
        let refused = shell
            .with_store(|s| {
                let input = daftar::agencies::AgencyInput {
                    code: "101".into(),
                    name: "اداره کل آزمون".into(),
                    ..Default::default()
                };
                daftar::agencies::add(s, &input)
            })
            .expect_err("nothing is written");
        assert_eq!((refused.code.as_str(), refused.message.as_str()), ("store.read_only", why.as_str()));
    }

    #[test]
    fn a_file_waiting_for_its_second_step_belongs_to_the_open_province_file() {
        let dir = tempfile::tempdir().unwrap();
        let shell = Shell::new(dir.path().join("recent.json"));
        let chosen = dir.path().join("template-1403.xlsx");
        shell.keep_pending(PendingKind::Template, vec![1403, 1404], chosen.clone());
        assert_eq!(shell.take_pending(PendingKind::National, 1403), None, "another kind");
        assert_eq!(shell.take_pending(PendingKind::Template, 1404), Some(chosen.clone()));
        assert_eq!(shell.take_pending(PendingKind::Template, 1404), None, "taken once");
        shell.keep_pending(PendingKind::PastResults, vec![1402], chosen.clone());
        assert_eq!(shell.take_pending(PendingKind::PastResults, 1401), None, "another year");
        // Opening another province file forgets what was chosen for the one before.
        shell.keep_pending(PendingKind::PastResults, vec![1402], chosen);
        shell.create(&dir.path().join("other.daftar"), &setup()).unwrap();
        assert_eq!(shell.take_pending(PendingKind::PastResults, 1402), None);
    }

    #[test]
    fn a_start_file_that_cannot_be_opened_is_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let shell = Shell::new(dir.path().join("recent.json"));
        shell.open_at_start(&dir.path().join("missing.daftar"));
        assert_eq!(shell.state().startup_error.unwrap().code, "store.not_found");
        assert!(shell.state().startup_error.is_none());
    }
}
