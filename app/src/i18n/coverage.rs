//! The catalogue's completeness, checked like xgettext would: the source files that write text
//! for people are read, the string literals that read as text are picked out, and each must be
//! an English key of `ZH`. A message added in English without its Chinese fails here, naming
//! the text and where it is.
//!
//! Literals are found by a small Rust lexer (comments, char literals and lifetimes skipped,
//! escapes and `\` line continuations read as the compiler reads them). Left out: `#[cfg(test)]`
//! modules and files, and the arguments of log, panic and assert macros and of `.expect()`.
//! A format string (of `format!`, `write!` or `#[error]`) has each placeholder read as `{}`
//! and `{{`/`}}` as one brace, as the catalogue writes it.

use super::catalogue::{entries, message_to_chinese, to_chinese};
use crate::domain::{DliStatus, FIELDS, FORM_GROUPS, StatusGroup, row_lists};
use std::path::{Path, PathBuf};

/// Where the domain and the server write text for people, under the crate's directory.
const SOURCES: &[&str] = &["src/domain", "src/error.rs", "src/server"];

/// Server files that write no text for people: the history store's SQL and its errors (which
/// `server::errors::from_store` logs and replaces with `AppError::StoreUnavailable`), and the
/// configuration's messages, which the operator reads when the portal refuses to start.
const NOT_FOR_PEOPLE: &[&str] = &[
    "src/server/store",
    "src/server/config.rs",
    "src/server/access/config.rs",
];

/// Macros whose text goes to the log or to a developer, never to a page.
const SILENT_MACROS: &[&str] = &[
    "trace",
    "debug",
    "info",
    "warn",
    "error",
    "event",
    "info_span",
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
];

/// Macros whose first string is a format string.
const FORMAT_MACROS: &[&str] = &["format", "write", "writeln", "format_args"];

/// Literals that read as text but are never shown to anyone as they are.
const NOT_SHOWN: &[&str] = &[
    // serde's errors for a stored request body that no longer parses: logged, never shown.
    "an object of logger name to level",
    "an object of field path to message",
    "checkpoint_mode must be 1 or 2, not {}",
    // Looked for in DLI's own message (`server::errors::field_named_in`).
    "no queue named",
];

/// The starts of whole pages served outside the app, written in both languages at once: the
/// sign-in page `access::gate` answers before any page language exists.
const ENGLISH_ONLY_PAGES: &[&str] = &["<!DOCTYPE html>"];

/// Pieces that are shown only inside whole messages put together elsewhere; each whole message
/// must be a key (and is what the catalogue translates).
const PIECES: &[(&str, &[&str])] = &[
    (
        // `parse::rows::unique_rows` ends each editor's "already used" text with the row.
        "{} row {}.",
        &[
            "This option is already set in row {}.",
            "This logger already has a level in row {}.",
            "This key is already used in row {}.",
        ],
    ),
    (
        "This option is already set in",
        &["This option is already set in row {}."],
    ),
    (
        "This logger already has a level in",
        &["This logger already has a level in row {}."],
    ),
    (
        "This key is already used in",
        &["This key is already used in row {}."],
    ),
];

/// A literal that reads as text for people, and where it is.
#[derive(Debug)]
struct Found {
    text: String,
    file: String,
    line: usize,
}

/// Whether a literal reads as text for people: a sentence or a phrase starting with a capital
/// ("Give the job a name.", "Stopping the job"), or one with two or more lowercase words, such
/// as the pieces that go inside other messages ("it cannot be reached", "{} failed {} times").
/// Single words (labels such as "Running") are left to `every_table_text_has_chinese`, which
/// reads the tables themselves.
fn reads_as_text(text: &str) -> bool {
    let text = text.trim();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let words = tokens
        .iter()
        .filter(|token| token.chars().all(|c| c.is_alphabetic() || c == '\''))
        .count();
    let starts_capital = text.chars().next().is_some_and(char::is_uppercase);
    let sentence = text.ends_with(['.', '?', '!']) && tokens.len() >= 2;
    (starts_capital && tokens.len() >= 2) || sentence || words >= 2
}

#[test]
fn every_text_for_people_has_chinese() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let keys: Vec<&str> = entries().map(|(en, _)| *en).collect();
    let mut missing = Vec::new();
    for found in texts_for_people(root) {
        let needed = keys_needed(&found.text);
        for text in needed.into_iter().filter(|text| !keys.contains(text)) {
            missing.push(format!("{}:{}: {text:?}", found.file, found.line));
        }
    }
    assert!(
        missing.is_empty(),
        "{} English text(s) have no Chinese in i18n/catalogue.rs:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

/// The keys a literal needs: itself, the whole messages it is a piece of, or none.
fn keys_needed(text: &str) -> Vec<&str> {
    if let Some((_, wholes)) = PIECES.iter().find(|(piece, _)| *piece == text) {
        return wholes.to_vec();
    }
    let english_only = ENGLISH_ONLY_PAGES.iter().any(|page| text.starts_with(page));
    if english_only || NOT_SHOWN.contains(&text) {
        Vec::new()
    } else {
        vec![text]
    }
}

/// The tables hold single-word labels the literal scan does not pick out ("Running", "Tags").
#[test]
fn every_table_text_has_chinese() {
    let groups = FORM_GROUPS.iter().map(|(title, _)| *title);
    let fields = FIELDS.iter().flat_map(|info| [info.label, info.help]);
    let statuses = DliStatus::ALL.into_iter().map(DliStatus::label);
    let status_groups = StatusGroup::ALL.into_iter().map(StatusGroup::label);
    let choices = row_lists::ALL.into_iter().flat_map(|rows| {
        let labels = rows.columns.iter().flat_map(|column| column.choices);
        // A choice shown as its own value (a log level) is a wire value, not a text.
        labels
            .filter(|(value, label)| value != label)
            .map(|(_, label)| *label)
    });
    let missing: Vec<&str> = groups
        .chain(fields)
        .chain(statuses)
        .chain(status_groups)
        .chain(choices)
        .filter(|text| to_chinese(text).is_none())
        .collect();
    assert!(missing.is_empty(), "no Chinese for: {missing:#?}");
}

/// What the islands outside the form show through `Lang::message` is found without the form's
/// words: the statuses and their groups, and every text the server and `AppError` write.
#[test]
fn statuses_and_server_texts_are_messages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let statuses = DliStatus::ALL.into_iter().map(DliStatus::label);
    let status_groups = StatusGroup::ALL.into_iter().map(StatusGroup::label);
    let mut missing: Vec<String> = statuses
        .chain(status_groups)
        .filter(|text| message_to_chinese(text).is_none())
        .map(str::to_owned)
        .collect();
    let from_server = texts_for_people(root)
        .into_iter()
        .filter(|found| found.file.starts_with("src/server") || found.file == "src/error.rs");
    for found in from_server {
        let needed = keys_needed(&found.text);
        for text in needed
            .into_iter()
            .filter(|text| message_to_chinese(text).is_none())
        {
            missing.push(format!("{}:{}: {text:?}", found.file, found.line));
        }
    }
    assert!(missing.is_empty(), "not among the messages: {missing:#?}");
}

/// Every entry is found by its own English: a fixed text gives its Chinese, and a template
/// filled with sample values gives its Chinese filled with the same values. An entry listed
/// after one that matches it first (a template that swallows another text) fails here.
#[test]
fn every_entry_translates_its_own_english() {
    for (en, zh) in entries() {
        let samples: Vec<String> = (0..en.matches("{}").count())
            .map(|slot| (701 + slot).to_string())
            .collect();
        let (mut english, mut chinese) = (en.to_string(), zh.to_string());
        for sample in &samples {
            english = english.replacen("{}", sample, 1);
        }
        for (slot, sample) in samples.iter().enumerate() {
            chinese = chinese.replace(&format!("{{{slot}}}"), sample);
            chinese = chinese.replacen("{}", sample, 1);
        }
        assert_eq!(to_chinese(&english), Some(chinese), "{en}");
    }
}

/// The literals of every source file that reads as text for people.
fn texts_for_people(root: &Path) -> Vec<Found> {
    let mut files = Vec::new();
    for source in SOURCES {
        rust_files(&root.join(source), &mut files);
    }
    let skipped: Vec<PathBuf> = NOT_FOR_PEOPLE.iter().map(|path| root.join(path)).collect();
    files.retain(|file| !skipped.iter().any(|skip| file.starts_with(skip)));
    let mut scanned = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("a source file reads");
        scanned.push((file, literals(&tokens(&source))));
    }
    // A file that a `#[cfg(test)] mod name;` declares is test code as a whole.
    let test_files: Vec<PathBuf> = scanned
        .iter()
        .flat_map(|(file, scan)| {
            scan.test_modules
                .iter()
                .flat_map(|name| module_files(file, name))
        })
        .collect();
    let mut found = Vec::new();
    for (file, scan) in scanned {
        if test_files.contains(file) {
            continue;
        }
        let name = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (text, line) in scan
            .texts
            .into_iter()
            .filter(|(text, _)| reads_as_text(text))
        {
            found.push(Found {
                text,
                file: name.clone(),
                line,
            });
        }
    }
    assert!(
        found.len() > 100,
        "the scan found too little: {} texts",
        found.len()
    );
    found
}

fn rust_files(path: &Path, files: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("a source folder reads")
            .map(|entry| entry.expect("a folder entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, files);
        }
    } else if path.extension().is_some_and(|ext| ext == "rs") {
        files.push(path.to_owned());
    }
}

/// The files `mod name;` in `declared_in` may stand for.
fn module_files(declared_in: &Path, name: &str) -> [PathBuf; 2] {
    let folder = declared_in.parent().unwrap_or(Path::new(""));
    let stem = declared_in.file_stem().and_then(|stem| stem.to_str());
    let folder = match stem {
        Some("mod" | "lib" | "main") => folder.to_owned(),
        Some(stem) => folder.join(stem),
        None => folder.to_owned(),
    };
    [
        folder.join(format!("{name}.rs")),
        folder.join(name).join("mod.rs"),
    ]
}

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Punct(char),
    /// A string literal as the compiler reads it, the line it starts on, and whether it is a
    /// byte string (never text).
    Str {
        value: String,
        line: usize,
        bytes: bool,
    },
}

/// The tokens of a Rust file, comments left out; enough of Rust's lexer to find literals.
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let (mut at, mut line, mut out) = (0, 1, Vec::new());
    while at < chars.len() {
        let c = chars[at];
        let next = chars.get(at + 1).copied();
        if c == '\n' {
            line += 1;
            at += 1;
        } else if c.is_whitespace() {
            at += 1;
        } else if c == '/' && next == Some('/') {
            while at < chars.len() && chars[at] != '\n' {
                at += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while at < chars.len() {
                if chars[at] == '/' && chars.get(at + 1) == Some(&'*') {
                    (depth, at) = (depth + 1, at + 2);
                } else if chars[at] == '*' && chars.get(at + 1) == Some(&'/') {
                    (depth, at) = (depth - 1, at + 2);
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[at] == '\n');
                    at += 1;
                }
            }
        } else if c == '"' {
            let start = line;
            let (value, end) = quoted(&chars, at + 1, &mut line);
            out.push(Token::Str {
                value,
                line: start,
                bytes: false,
            });
            at = end;
        } else if c == '\'' {
            at = after_quote(&chars, at);
        } else if c.is_alphanumeric() || c == '_' {
            let start = at;
            while at < chars.len() && (chars[at].is_alphanumeric() || chars[at] == '_') {
                at += 1;
            }
            let word: String = chars[start..at].iter().collect();
            let prefix = matches!(word.as_str(), "r" | "br" | "b" | "c" | "cr");
            match chars.get(at) {
                Some('"' | '#') if prefix && word.contains('r') => {
                    let start = line;
                    if let Some((value, end)) = raw(&chars, at, &mut line) {
                        let bytes = word.starts_with('b');
                        out.push(Token::Str {
                            value,
                            line: start,
                            bytes,
                        });
                        at = end;
                    } else {
                        out.push(Token::Word(word));
                    }
                }
                Some('"') if prefix => {
                    let start = line;
                    let (value, end) = quoted(&chars, at + 1, &mut line);
                    out.push(Token::Str {
                        value,
                        line: start,
                        bytes: word == "b",
                    });
                    at = end;
                }
                Some('\'') if word == "b" => at = after_quote(&chars, at),
                _ => out.push(Token::Word(word)),
            }
        } else {
            out.push(Token::Punct(c));
            at += 1;
        }
    }
    out
}

/// After a `'` at `at`: past a char literal (`'x'`, `'\n'`, `'\u{201c}'`), or past the quote
/// of a lifetime or label (`'a`, `'static`).
fn after_quote(chars: &[char], at: usize) -> usize {
    match (chars.get(at + 1), chars.get(at + 2)) {
        (Some('\\'), _) => {
            // Past the backslash and the character it escapes, to the closing quote.
            let mut end = at + 3;
            while end < chars.len() && chars[end] != '\'' {
                end += 1;
            }
            end + 1
        }
        (Some(_), Some('\'')) => at + 3,
        _ => at + 1,
    }
}

/// The value of a `"…"` literal whose text starts at `at`, and the index after its closing
/// quote.
fn quoted(chars: &[char], mut at: usize, line: &mut usize) -> (String, usize) {
    let mut value = String::new();
    while at < chars.len() {
        let c = chars[at];
        at += 1;
        match c {
            '"' => break,
            '\n' => {
                *line += 1;
                value.push(c);
            }
            '\\' => {
                let escaped = chars.get(at).copied().unwrap_or('\\');
                at += 1;
                match escaped {
                    'n' => value.push('\n'),
                    't' => value.push('\t'),
                    'r' => value.push('\r'),
                    '0' => value.push('\0'),
                    'x' => {
                        let hex: String = chars[at..at + 2].iter().collect();
                        value.push(char::from(u8::from_str_radix(&hex, 16).unwrap_or(b'?')));
                        at += 2;
                    }
                    'u' => {
                        let close = chars[at..].iter().position(|&c| c == '}').unwrap_or(0);
                        let hex: String = chars[at + 1..at + close].iter().collect();
                        let code = u32::from_str_radix(&hex, 16).ok();
                        value.push(code.and_then(char::from_u32).unwrap_or('?'));
                        at += close + 1;
                    }
                    // A line continuation: the line break and the next line's indent vanish.
                    '\n' => {
                        *line += 1;
                        while at < chars.len() && chars[at].is_whitespace() {
                            *line += usize::from(chars[at] == '\n');
                            at += 1;
                        }
                    }
                    other => value.push(other),
                }
            }
            other => value.push(other),
        }
    }
    (value, at)
}

/// A raw string (`r"…"`, `r#"…"#`) whose `#`s or quote start at `at`; `None` when what follows
/// the prefix is not one.
fn raw(chars: &[char], mut at: usize, line: &mut usize) -> Option<(String, usize)> {
    let hashes = chars[at..].iter().take_while(|&&c| c == '#').count();
    at += hashes;
    if chars.get(at) != Some(&'"') {
        return None;
    }
    let start = at + 1;
    let mut end = start;
    loop {
        let closes = chars.get(end) == Some(&'"')
            && chars[end + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == '#')
                .count()
                == hashes;
        if closes || end >= chars.len() {
            break;
        }
        *line += usize::from(chars[end] == '\n');
        end += 1;
    }
    Some((chars[start..end].iter().collect(), end + 1 + hashes))
}

/// What one file holds: its literals outside test code, log and panic calls (format strings in
/// the catalogue's `{}` form), and the modules it declares as test-only.
#[derive(Default)]
struct Scan {
    texts: Vec<(String, usize)>,
    test_modules: Vec<String>,
}

fn literals(tokens: &[Token]) -> Scan {
    use Token::{Punct, Str, Word};
    let word = |at: usize, expected: &str| matches!(tokens.get(at), Some(Word(w)) if w == expected);
    let punct = |at: usize, expected: char| tokens.get(at) == Some(&Punct(expected));
    let mut scan = Scan::default();
    let (mut at, mut format_next) = (0, false);
    while at < tokens.len() {
        let cfg_test = punct(at, '#')
            && punct(at + 1, '[')
            && word(at + 2, "cfg")
            && punct(at + 3, '(')
            && word(at + 4, "test")
            && punct(at + 5, ')')
            && punct(at + 6, ']');
        if cfg_test {
            at += 7;
            if word(at, "mod")
                && let (Some(Word(name)), true) = (tokens.get(at + 1), punct(at + 2, ';'))
            {
                scan.test_modules.push(name.clone());
            }
            at = past_item(tokens, at);
            continue;
        }
        match &tokens[at] {
            Word(name) if SILENT_MACROS.contains(&name.as_str()) && punct(at + 1, '!') => {
                at = past_group(tokens, at + 2);
                continue;
            }
            Word(name) if name == "expect" && at > 0 && punct(at - 1, '.') => {
                at = past_group(tokens, at + 1);
                continue;
            }
            Word(name) if FORMAT_MACROS.contains(&name.as_str()) && punct(at + 1, '!') => {
                format_next = true;
            }
            // `#[error("…")]`: thiserror's Display, a format string.
            Word(name)
                if name == "error" && at >= 2 && punct(at - 1, '[') && punct(at + 1, '(') =>
            {
                format_next = true;
            }
            Str { value, line, bytes } => {
                if !bytes {
                    let text = if format_next {
                        template(value)
                    } else {
                        value.clone()
                    };
                    scan.texts.push((text, *line));
                }
                format_next = false;
            }
            _ => {}
        }
        at += 1;
    }
    scan
}

/// The index after the group (`(…)`, `[…]` or `{…}`) that opens at `at`.
fn past_group(tokens: &[Token], mut at: usize) -> usize {
    let mut depth = 0;
    while at < tokens.len() {
        match tokens[at] {
            Token::Punct('(' | '[' | '{') => depth += 1,
            Token::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth <= 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    at
}

/// The index after the item starting at `at`: its other attributes, then up to its `;` or the
/// end of its `{…}` body.
fn past_item(tokens: &[Token], mut at: usize) -> usize {
    while tokens.get(at) == Some(&Token::Punct('#')) {
        at = past_group(tokens, at + 1);
    }
    let mut depth = 0;
    while at < tokens.len() {
        match tokens[at] {
            Token::Punct(';') if depth == 0 => return at + 1,
            Token::Punct('(' | '[') => depth += 1,
            Token::Punct(')' | ']') => depth -= 1,
            Token::Punct('{') if depth == 0 => return past_group(tokens, at),
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => depth -= 1,
            _ => {}
        }
        at += 1;
    }
    at
}

/// A format string as the catalogue writes it: every placeholder (`{name}`, `{:?}`, `{0}`,
/// `{}`) is `{}`, and `{{` / `}}` are the braces they print.
fn template(format: &str) -> String {
    let (mut out, mut chars) = (String::new(), format.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(c);
            }
            ('{', _) => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                out.push_str("{}");
            }
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn the_scan_reads_literals_as_the_compiler_does() {
    let source = r##"
        // "A comment is not text."
        const A: &str = "Tick \u{201c}this\u{201d} or \
                         clear it.";
        fn f<'a>(x: &'a str) -> char { let _ = format!("Use {name} or {{{}}} {:?}.", 1, 2); '"' }
        #[error("There are {0} jobs.")]
        struct E;
        fn g() { tracing::warn!("Logged only."); thing.expect("Never shown."); let r = r#"Raw "text"."#; }
        #[cfg(test)]
        mod tests { const T: &str = "A test text."; }
        #[cfg(test)]
        mod testing;
        const B: &[u8] = b"Bytes are not text.";
        const C: &str = "Last one.";
    "##;
    let scan = literals(&tokens(source));
    let texts: Vec<&str> = scan.texts.iter().map(|(text, _)| text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Tick \u{201c}this\u{201d} or clear it.",
            "Use {} or {{}} {}.",
            "There are {} jobs.",
            "Raw \"text\".",
            "Last one.",
        ]
    );
    assert_eq!(scan.texts[0].1, 3, "the line a literal starts on");
    assert_eq!(scan.test_modules, ["testing"]);
    assert!(reads_as_text("Give the job a name.") && reads_as_text("Stopping the job"));
    assert!(reads_as_text("it cannot be reached") && !reads_as_text("job_running"));
    assert!(!reads_as_text("Running") && !reads_as_text("obs://") && !reads_as_text("1 {}"));
}
