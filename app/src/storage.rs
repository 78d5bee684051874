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
/// The name a learner last handed a workshop in under (filled in on the next hand-in).
pub const LEARNER_NAME_KEY: &str = "cloudhop.learner-name";
/// When the learner last exported their record (milliseconds since the epoch).
pub const EXPORTED_KEY: &str = "cloudhop.exported";
/// Every key cloudhop writes starts with this ("Erase all my data" removes them all).
pub const KEY_PREFIX: &str = "cloudhop.";
/// How many kept-aside progress records are kept (the newest); each reset or import adds
/// one, so without a bound they would pile up until storage is full.
pub const MAX_KEPT_RECORDS: usize = 5;
/// How many kept-aside scenarios are kept per lab (the newest).
pub const MAX_KEPT_SCENARIOS: usize = 3;

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

thread_local! {
    /// Put before every key in the browser's store: empty for a standalone copy, the
    /// package's prefix inside a SCORM package, so that the two never
    /// share a key on one origin.
    static PREFIX: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Prefix every key from now on (inside a SCORM package; see [`PREFIX`]).
pub fn set_prefix(prefix: &str) {
    PREFIX.with(|p| *p.borrow_mut() = prefix.to_string());
}

/// The key as the browser stores it (the `storage` event names it so).
pub fn stored_key(key: &str) -> String {
    PREFIX.with(|p| format!("{}{key}", p.borrow()))
}

/// The app's name for a key as the browser stores it, or `None` for a key of another copy
/// (a standalone one, or another package).
fn app_key(stored: &str) -> Option<String> {
    PREFIX.with(|p| {
        let p = p.borrow();
        let rest = stored.strip_prefix(p.as_str())?;
        // Unprefixed: a package's keys (`scorm.…`) are not the standalone copy's.
        (p.is_empty() && rest.starts_with(KEY_PREFIX) || !p.is_empty()).then(|| rest.to_string())
    })
}

/// Every key of this copy, by the app's names.
fn app_keys() -> Vec<String> {
    let Some(s) = store() else { return vec![] };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| app_key(&k))
        .collect()
}

/// Read a key.
pub fn get(key: &str) -> Option<String> {
    store()?.get_item(&stored_key(key)).ok().flatten()
}

/// Write a key; an error says why (quota, storage off).
pub fn set(key: &str, value: &str) -> Result<(), String> {
    let s = store().ok_or("this browser does not allow saving data for this page")?;
    s.set_item(&stored_key(key), value).map_err(|_| {
        "the browser refused to save (storage may be full or switched off)".to_string()
    })
}

/// Remove a key.
pub fn remove(key: &str) {
    if let Some(s) = store() {
        let _ = s.remove_item(&stored_key(key));
    }
}

/// Milliseconds since the epoch, for backup key names.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A fresh key `<prefix><ms>` not in use yet (two values kept in one millisecond, for
/// example a reset right after an import, get different keys).
fn fresh_key(prefix: &str) -> String {
    let mut ms = now_ms();
    while get(&format!("{prefix}{ms}")).is_some() {
        ms += 1;
    }
    format!("{prefix}{ms}")
}

/// Keep a value aside under a fresh backup key and return the key. Only the newest
/// [`MAX_KEPT_RECORDS`] kept records stay.
pub fn keep_aside(raw: &str) -> Result<String, String> {
    keep_aside_under(BACKUP_PREFIX, raw)
}

/// [`keep_aside`] for the record whose backups start with `prefix` (a workshop's record
/// keeps its own, see [`workshop_backup_prefix`]).
pub fn keep_aside_under(prefix: &str, raw: &str) -> Result<String, String> {
    let key = fresh_key(prefix);
    set(&key, raw)?;
    prune(prefix, MAX_KEPT_RECORDS);
    Ok(key)
}

/// Prefix of the kept-aside copies of workshop `id`'s progress record (apart from the
/// course's, which the Progress page lists and imports).
pub fn workshop_backup_prefix(id: &str) -> String {
    format!("{}.backup.", cloudhop_core::workshop::progress_key(id))
}

/// Prefix of the workshops a learner has opened in this browser: `<prefix><id>` holds the
/// workshop as its learner file (`cloudhop_core::workshop::link::to_file`), so that workshop
/// pages still open after a reload, from a bookmark or in another tab.
pub const WORKSHOP_FILE_PREFIX: &str = "cloudhop.workshop-file.";

/// Every workshop kept under [`WORKSHOP_FILE_PREFIX`]: `(id, file text)`.
pub fn workshop_files() -> Vec<(String, String)> {
    app_keys()
        .into_iter()
        .filter_map(|k| {
            let id = k.strip_prefix(WORKSHOP_FILE_PREFIX)?.to_string();
            Some((id, get(&k)?))
        })
        .collect()
}

/// Remove all but the newest `keep` keys starting with `prefix`.
fn prune(prefix: &str, keep: usize) {
    let keys = keys_with(prefix);
    for k in keys.iter().skip(keep) {
        remove(k);
    }
}

/// When a kept-aside value was kept, from its key's name (milliseconds since the epoch).
pub fn kept_at(key: &str) -> u64 {
    key.rsplit('.')
        .next()
        .and_then(|t| t.parse().ok())
        .unwrap_or(0)
}

/// All keys starting with `prefix`, newest first (the names end in a time).
fn keys_with(prefix: &str) -> Vec<String> {
    let mut keys: Vec<String> = app_keys()
        .into_iter()
        .filter(|k| k.starts_with(prefix))
        .collect();
    cloudhop_core::order::sort_by(&mut keys, |a, b| kept_at(b).cmp(&kept_at(a)));
    keys
}

/// All backup keys of progress records, newest first.
pub fn backup_keys() -> Vec<String> {
    keys_with(BACKUP_PREFIX)
}

/// All kept-aside lab scenarios, newest first.
pub fn lab_backup_keys() -> Vec<String> {
    keys_with(LAB_BACKUP_PREFIX)
}

/// Remove every key cloudhop wrote in this browser. Returns how many were removed.
pub fn erase_all() -> usize {
    let keys = keys_with(KEY_PREFIX);
    for k in &keys {
        remove(k);
    }
    keys.len()
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
    let key = fresh_key(&prefix);
    set(&key, raw)?;
    prune(&prefix, MAX_KEPT_SCENARIOS);
    Ok(key)
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
    load_record(PROGRESS_KEY, BACKUP_PREFIX)
}

/// [`load_progress`] for the record under `key`, kept aside under `backup_prefix`.
pub fn load_record(key: &str, backup_prefix: &str) -> Loaded {
    if store().is_none() {
        return Loaded {
            progress: Progress::default(),
            can_save: false,
            notice: Some("This browser does not let cloudhop save data, so progress will last only until the page is closed. Use Export on the Progress page to keep it.".into()),
        };
    }
    let raw = get(key);
    let loaded = progress::load(raw.as_deref());
    let where_kept = if backup_prefix == BACKUP_PREFIX {
        "You can download the kept copy from the Progress page, under \"Kept-aside records\"."
            .to_string()
    } else {
        format!("It is in this browser's storage under keys starting with {backup_prefix}")
    };
    match loaded.kept_aside {
        None => Loaded {
            progress: loaded.progress,
            notice: None,
            can_save: true,
        },
        Some(aside) => match keep_aside_under(backup_prefix, &aside.raw) {
            Ok(_) => Loaded {
                progress: loaded.progress,
                can_save: true,
                notice: Some(format!(
                    "Your saved progress could not be read ({}). It has been kept aside, unchanged, and a fresh record has started. {where_kept}",
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
    save_record(PROGRESS_KEY, p)
}

/// Save the record under `key`.
pub fn save_record(key: &str, p: &Progress) -> Result<(), String> {
    set(key, &p.to_json())
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // `navigator.storage` is missing outside secure contexts and in old browsers.
    js_sys::Reflect::has(&navigator, &"storage".into())
        .unwrap_or(false)
        .then(|| navigator.storage())
}

/// Whether the browser will keep this site's data under storage pressure (and, in
/// Safari, past seven days without a visit): `None` where it cannot say.
pub async fn persisted() -> Option<bool> {
    let promise = storage_manager()?.persisted().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// Ask the browser to keep this site's data (`navigator.storage.persist()`); it may grant
/// it silently, ask the learner, or refuse. Returns the answer, `None` where there is none.
pub async fn request_persistence() -> Option<bool> {
    let promise = storage_manager()?.persist().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_bool()
}

/// When the record was last exported from this browser (milliseconds since the epoch).
pub fn last_exported() -> Option<u64> {
    get(EXPORTED_KEY)?.parse().ok()
}

/// Note that the record was exported now.
pub fn note_export() {
    let _ = set(EXPORTED_KEY, &now_ms().to_string());
}
