//! Text that lands where the renderer does not escape it.
//!
//! Leptos escapes text and attributes everywhere but in a few elements: leptos_meta 0.8 writes
//! a page's title into `<title>` as it is, and tachys renders the children of `<textarea>` (and
//! `<script>`, `<style>`, `<noscript>`) as raw text. Anything a person typed that reaches one of
//! those goes through [`escape_raw_text`] first: the page title through [`page_title`] (the
//! `<Title>` formatter every page shares), form text through `forms::fields::TextArea`.

/// `text` made safe for the body of `<title>` or `<textarea>` in server-rendered HTML: the
/// browser decodes the entities back, so the person sees exactly what was typed.
///
/// Only server rendering writes HTML. In the browser the same components set DOM text, which
/// needs no escaping (escaping there would show `&lt;` literally), so the text is returned as is.
pub fn escape_raw_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        let mut escaped = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '&' => escaped.push_str("&amp;"),
                '<' => escaped.push_str("&lt;"),
                '>' => escaped.push_str("&gt;"),
                other => escaped.push(other),
            }
        }
        escaped
    } else {
        text.to_string()
    }
}

/// The document title for a page titled `page`: "`page` – Cascade", or "Cascade" for the home
/// page, escaped for `<title>`.
pub fn page_title(page: &str) -> String {
    if page.is_empty() {
        "Cascade".to_string()
    } else {
        escape_raw_text(&format!("{page} – Cascade"))
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn markup_cannot_close_the_element_it_lands_in() {
        let typed =
            r#"Lee</title><meta http-equiv=refresh content="0;url=https://evil.example/"> & co"#;
        let escaped = escape_raw_text(typed);
        assert!(!escaped.contains('<'));
        assert!(!escaped.contains('>'));
        assert_eq!(
            escaped,
            "Lee&lt;/title&gt;&lt;meta http-equiv=refresh content=\"0;url=https://evil.example/\"&gt; &amp; co"
        );
        assert_eq!(
            escape_raw_text("</textarea><h1>x</h1>"),
            "&lt;/textarea&gt;&lt;h1&gt;x&lt;/h1&gt;"
        );
        assert_eq!(escape_raw_text("Siân O'Connor"), "Siân O'Connor");
    }

    #[test]
    fn titles_name_the_page_then_the_site() {
        assert_eq!(page_title(""), "Cascade");
        assert_eq!(page_title("Find a coach"), "Find a coach – Cascade");
        assert_eq!(page_title("Coaching <b>"), "Coaching &lt;b&gt; – Cascade");
    }
}
