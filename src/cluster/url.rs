//! A story's URL as clustering compares it: the same page whatever scheme, mobile or AMP host, tracking
//! parameters, trailing slash or fragment it was saved with. Ids keep their own canonical form
//! (`model::canonical_url`), which this never changes.

/// Query parameters that say who sent a reader, not which page: dropped. `utm_*` is matched by prefix.
const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gclsrc",
    "msclkid",
    "yclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "_ga",
    "_gl",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "cmpid",
    "cmp",
    "ocid",
    "smid",
    "smtyp",
    "ns_mchannel",
    "ns_source",
    "ns_campaign",
    "ns_linkname",
    "ns_fee",
    "at_medium",
    "at_campaign",
    "itm_source",
    "itm_medium",
    "itm_campaign",
    "partner",
    "src",
    "source",
    "share",
    "amp",
    "outputtype",
    "rss",
    "feature",
    "mbid",
    "spm",
];

/// Host labels in front of a site's name that serve the same pages in another dress.
const HOST_PREFIXES: &[&str] = &["www.", "m.", "mobile.", "amp.", "www2."];

/// The form of `url` under which copies of one page compare equal: host without `www.`/`m.`/`amp.`,
/// path without AMP segments or trailing slash, query without tracking parameters (the rest sorted), no
/// scheme and no fragment. `None` for what names no single page: not http(s), no host, or the site's
/// front page.
#[must_use]
pub fn story_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let mut host = parsed.host_str()?.to_ascii_lowercase();
    while let Some(rest) = HOST_PREFIXES
        .iter()
        .find_map(|p| host.strip_prefix(p).filter(|r| r.contains('.')))
    {
        host = rest.to_owned();
    }
    let host = host.trim_end_matches('.').to_owned();
    let mut segments: Vec<String> = parsed
        .path_segments()
        .map(|s| {
            s.filter(|seg| !seg.is_empty() && !seg.eq_ignore_ascii_case("amp"))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let Some(last) = segments.last_mut() {
        for suffix in [".amp.html", ".amp"] {
            if let Some(stem) = last.strip_suffix(suffix).filter(|s| !s.is_empty()) {
                *last = if suffix == ".amp.html" {
                    format!("{stem}.html")
                } else {
                    stem.to_owned()
                };
                break;
            }
        }
    }
    let mut query: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            !k.starts_with("utm_") && !TRACKING.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if segments.is_empty() && query.is_empty() {
        return None;
    }
    query.sort();
    let mut out = host;
    for seg in &segments {
        out.push('/');
        out.push_str(seg);
    }
    for (i, (k, v)) in query.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if !v.is_empty() {
            out.push('=');
            out.push_str(v);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::story_url;

    #[test]
    fn variants_of_one_page_compare_equal() {
        let plain = story_url("https://www.example.com/world/2024/storm-hits-coast");
        assert_eq!(
            plain.as_deref(),
            Some("example.com/world/2024/storm-hits-coast")
        );
        for variant in [
            "http://example.com/world/2024/storm-hits-coast",
            "https://m.example.com/world/2024/storm-hits-coast/",
            "https://amp.example.com/world/2024/storm-hits-coast",
            "https://www.example.com/amp/world/2024/storm-hits-coast",
            "https://www.example.com/world/2024/storm-hits-coast/amp/",
            "https://www.example.com/world/2024/storm-hits-coast.amp",
            "https://WWW.Example.COM/world/2024/storm-hits-coast#comments",
            "https://www.example.com/world/2024/storm-hits-coast?utm_source=rss&utm_medium=feed",
            "https://www.example.com/world/2024/storm-hits-coast?fbclid=abc&ref=twitter",
            "  https://www.example.com/world/2024/storm-hits-coast?outputType=amp  ",
        ] {
            assert_eq!(story_url(variant), plain, "{variant}");
        }
    }

    #[test]
    fn what_tells_pages_apart_is_kept() {
        assert_ne!(
            story_url("https://example.com/story?id=1"),
            story_url("https://example.com/story?id=2")
        );
        assert_eq!(
            story_url("https://example.com/story?b=2&a=1&utm_campaign=x").as_deref(),
            Some("example.com/story?a=1&b=2")
        );
        assert_ne!(
            story_url("https://example.com/World/Story"),
            story_url("https://example.com/world/story")
        );
        assert_eq!(
            story_url("https://example.com/news/page.amp.html").as_deref(),
            Some("example.com/news/page.html")
        );
    }

    #[test]
    fn what_names_no_single_page_is_none() {
        for url in [
            "",
            "not a url",
            "file:///home/ana/page.html",
            "mailto:desk@example.com",
            "https://www.example.com/",
            "https://example.com",
            "https://example.com/?utm_source=x",
        ] {
            assert_eq!(story_url(url), None, "{url:?}");
        }
    }
}
