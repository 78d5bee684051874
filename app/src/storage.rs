//! The browser's `localStorage`, for progress and preferences. Every call tolerates a
//! missing or failing store (private windows, full quota, storage switched off): the app
//! keeps working and tells the learner that progress will not be kept.

use cloudhop_core::progress::{self, Progress};

/// Where progress is stored.
pub const PROGRESS_KEY: &str = "cloudhop.progress";
/// Prefix of keys holding values that could not be read, kept aside untouched.
pub const BACKUP_PREFIX: &str = "cloudhop.progress.backup.";
/// Prefix of keys holding lab scenarios (from links or saved exercise work) that could not
/// be read, kept aside untouched: `cloudhop.lab.backup.<lab>.<ms>`.
pub const LAB_BACKUP_PREFIX: &str = "cloudhop.lab.backup.";
/// The theme preference (`light`, `dark` or absent for the system's).
pub const THEME_KEY: &str = "cloudhop.theme";

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Read a key.
pub fn get(key: &str) -> Option<String> {
    store()?.get_item(key).ok().flatten()
}

/// Write a key; an error says why (quota, storage off).
pub fn set(key: &str, value: &str) -> Result<(), String> {
    let s = store().ok_or("this browser does not allow saving data for this page")?;
    s.set_item(key, value).map_err(|_| {
        "the browser refused to save (storage may be full or switched off)".to_string()
    })
}

/// Remove a key.
pub fn remove(key: &str) {
    if let Some(s) = store() {
        let _ = s.remove_item(key);
    }
}

/// Milliseconds since the epoch, for backup key names.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Keep a value aside under a fresh backup key and return the key.
pub fn keep_aside(raw: &str) -> Result<String, String> {
    let key = format!("{BACKUP_PREFIX}{}", now_ms());
    set(&key, raw).map(|_| key)
}

/// All keys starting with `prefix`, oldest first (the names end in a time).
fn keys_with(prefix: &str) -> Vec<String> {
    let Some(s) = store() else { return vec![] };
    let n = s.length().unwrap_or(0);
    let mut keys: Vec<String> = (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    cloudhop_core::order::sort(&mut keys);
    keys
}

/// All backup keys of progress records, oldest first.
pub fn backup_keys() -> Vec<String> {
    keys_with(BACKUP_PREFIX)
}

/// All kept-aside lab scenarios, oldest first.
pub fn lab_backup_keys() -> Vec<String> {
    keys_with(LAB_BACKUP_PREFIX)
}

/// Keep a lab scenario that could not be read aside (once: the same text opened again is
/// not stored twice) and return its key.
pub fn keep_lab_state_aside(lab: &str, raw: &str) -> Result<String, String> {
    let prefix = format!("{LAB_BACKUP_PREFIX}{lab}.");
    if let Some(k) = keys_with(&prefix)
        .into_iter()
        .find(|k| get(k).as_deref() == Some(raw))
    {
        return Ok(k);
    }
    let key = format!("{prefix}{}", now_ms());
    set(&key, raw).map(|_| key)
}

/// What loading found.
pub struct Loaded {
    /// The record to use.
    pub progress: Progress,
    /// A message for the learner, if something was wrong.
    pub notice: Option<String>,
    /// Whether saving is safe: false when an unreadable value could not be kept aside (so
    /// saving would overwrite it) or storage is unavailable.
    pub can_save: bool,
}

/// Load progress. A value that cannot be read is kept aside under a backup key and a
/// message for the learner is returned with a fresh record.
pub fn load_progress() -> Loaded {
    if store().is_none() {
        return Loaded {
            progress: Progress::default(),
            can_save: false,
            notice: Some("This browser does not let cloudhop save data, so progress will last only until the page is closed. Use Export on the Progress page to keep it.".into()),
        };
    }
    let raw = get(PROGRESS_KEY);
    let loaded = progress::load(raw.as_deref());
    match loaded.kept_aside {
        None => Loaded {
            progress: loaded.progress,
            notice: None,
            can_save: true,
        },
        Some(aside) => match keep_aside(&aside.raw) {
            Ok(key) => Loaded {
                progress: loaded.progress,
                can_save: true,
                notice: Some(format!(
                    "Your saved progress could not be read ({}). It has been kept aside, unchanged, under the storage key \"{key}\", and a fresh record has started. You can download the kept copy from the Progress page.",
                    aside.reason
                )),
            },
            Err(e) => Loaded {
                progress: loaded.progress,
                can_save: false,
                notice: Some(format!(
                    "Your saved progress could not be read ({}), and it could not be kept aside ({e}). It has been left in place, and nothing new will be saved over it: export your work from the Progress page.",
                    aside.reason
                )),
            },
        },
    }
}

/// Save progress; an error says why it could not be saved.
pub fn save_progress(p: &Progress) -> Result<(), String> {
    set(PROGRESS_KEY, &p.to_json())
}
