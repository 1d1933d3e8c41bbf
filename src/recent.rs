//! The list of recently opened province files, kept per user (not in any province file).

use crate::fa::JalaliDate;
use crate::store::ProvinceInfo;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

const KEEP: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentFile {
    pub path: String,
    pub file_name: String,
    pub province: String,
    /// The file's working year when last opened, and the folder it is in: two files of one
    /// province differ by these (issue 13). Lists written before them read 0 and "".
    #[serde(default)]
    pub working_year: i32,
    #[serde(default)]
    pub folder: String,
    pub last_opened_jalali: String,
}

/// The recent files still present on disk, newest first. A missing or unreadable list is empty.
pub fn load(list: &Path) -> Vec<RecentFile> {
    std::fs::read(list)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<RecentFile>>(&bytes).ok())
        .unwrap_or_default()
        .into_iter()
        .filter(|r| Path::new(&r.path).is_file())
        .collect()
}

/// Put `info` first in the list and save it; returns the new list.
pub fn remember(list: &Path, info: &ProvinceInfo) -> std::io::Result<Vec<RecentFile>> {
    let mut files = load(list);
    files.retain(|r| r.path != info.path);
    files.insert(
        0,
        RecentFile {
            path: info.path.clone(),
            file_name: info.file_name.clone(),
            province: info.province.clone(),
            working_year: info.working_year,
            folder: Path::new(&info.path).parent().map(|d| d.display().to_string()).unwrap_or_default(),
            last_opened_jalali: JalaliDate::today().to_string(),
        },
    );
    files.truncate(KEEP);
    if let Some(dir) = list.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = list.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(&files)?)?;
    std::fs::rename(&tmp, list)?;
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(path: &Path) -> ProvinceInfo {
        ProvinceInfo {
            path: path.display().to_string(),
            file_name: path.file_name().unwrap().to_string_lossy().into(),
            province: "لرستان".into(),
            office: "دفتر".into(),
            working_year: 1403,
            created_at: String::new(),
            created_at_jalali: String::new(),
            app_version: String::new(),
            read_only: None,
        }
    }

    #[test]
    fn newest_first_without_duplicates_or_missing_files() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("cfg/recent.json");
        let (a, b) = (dir.path().join("a.daftar"), dir.path().join("b.daftar"));
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        remember(&list, &info(&a)).unwrap();
        remember(&list, &info(&b)).unwrap();
        let files = remember(&list, &info(&a)).unwrap();
        assert_eq!(files.iter().map(|f| f.file_name.as_str()).collect::<Vec<_>>(), ["a.daftar", "b.daftar"]);
        assert_eq!(files[0].working_year, 1403);
        assert_eq!(files[0].folder, dir.path().display().to_string());
        // A list written before the year and the folder were kept still reads.
        let old = r#"[{"path":"PATH","file_name":"a.daftar","province":"لرستان","last_opened_jalali":"1403/01/01"}]"#;
        std::fs::write(&list, old.replace("PATH", &a.display().to_string().replace('\\', "\\\\"))).unwrap();
        assert_eq!(load(&list)[0].working_year, 0);
        std::fs::remove_file(&b).unwrap();
        assert_eq!(load(&list).len(), 1);
        std::fs::write(&list, "not json").unwrap();
        assert!(load(&list).is_empty());
    }
}
