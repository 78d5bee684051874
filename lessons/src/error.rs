//! Content errors: what is wrong, in which file, on which line.

use std::fmt;

/// One problem in the course content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, as given to the loader (for shipped content `lessons/content/...`).
    pub file: String,
    /// The 1-based line, where there is one.
    pub line: Option<usize>,
    /// What is wrong, for a person.
    pub message: String,
}

impl ContentError {
    /// A problem on a given line.
    pub fn at(file: &str, line: usize, message: String) -> Self {
        ContentError {
            file: file.to_string(),
            line: Some(line),
            message,
        }
    }

    /// A problem with a whole file.
    pub fn file(file: &str, message: String) -> Self {
        ContentError {
            file: file.to_string(),
            line: None,
            message,
        }
    }
}

impl fmt::Display for ContentError {
    /// `file:line: message`, the form editors and terminals link to.
    ///
    /// ```
    /// use cloudhop_lessons::ContentError;
    /// let e = ContentError::at("a.md", 3, "duplicate quiz item id `q1`".into());
    /// assert_eq!(e.to_string(), "a.md:3: duplicate quiz item id `q1`");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ContentError {}
