//! One row per story: the copies of a story (the same id in several files, or a group of copies) give way
//! to the fullest of them, and are kept beside it for "Same story elsewhere".

use super::Groups;
use crate::model::{ArticleId, IdMap, Placed};

/// How much more text a copy needs to stand for its story over one of a fuller layout: a tenth. A page
/// and its text dump hold the same article give or take a line of the site's ("Share this story"); the
/// saved page, whose layout is read more surely, stands for them then.
const MORE_TEXT: u32 = 10;

/// Whether a copy with `a` (shingles, layout rank) is fuller than one with `b`: a tenth more text
/// ([`MORE_TEXT`]), or about as much in a fuller layout.
fn fuller(a: (u32, u8), b: (u32, u8)) -> bool {
    let clearly_more = |x: u32, y: u32| {
        u64::from(x) * u64::from(MORE_TEXT) > u64::from(y) * (u64::from(MORE_TEXT) + 1)
    };
    if clearly_more(a.0, b.0) {
        return true;
    }
    !clearly_more(b.0, a.0) && a.1 > b.1
}

/// Keeps one item per story in `items` (in their order): of each group of copies, the fullest (a tenth
/// more text, else a saved page or note before a scraped dump before a feed entry, then the first). Returns
/// every copy of each story that has more than one, by the id of the one kept, in `items`' order and the
/// kept one first.
pub fn collapse<T: Placed + Clone>(items: &mut Vec<T>, groups: &Groups) -> IdMap<Vec<T>> {
    let mut best: IdMap<(u32, u8, usize, usize)> = IdMap::default();
    let keys: Vec<ArticleId> = items.iter().map(|i| groups.group_of(i.id())).collect();
    for (i, (item, key)) in items.iter().zip(&keys).enumerate() {
        let rank = (groups.fullness(item.id()), item.fullness());
        best.entry(*key)
            .and_modify(|b| {
                if fuller(rank, (b.0, b.1)) {
                    (b.0, b.1, b.2) = (rank.0, rank.1, i);
                }
                b.3 += 1;
            })
            .or_insert((rank.0, rank.1, i, 1));
    }
    if best.len() == items.len() {
        return IdMap::default();
    }
    let mut copies: IdMap<Vec<T>> = IdMap::default();
    for (i, (item, key)) in items.iter().zip(&keys).enumerate() {
        let Some(&(_, _, lead, count)) = best.get(key) else {
            continue;
        };
        if count > 1 && lead != i {
            copies
                .entry(items[lead].id())
                .or_insert_with(|| vec![items[lead].clone()])
                .push(item.clone());
        }
    }
    let mut i = 0;
    items.retain(|_| {
        let keep = best.get(&keys[i]).is_some_and(|b| b.2 == i);
        i += 1;
        keep
    });
    copies
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Signals;
    use crate::model::{Format, Headline};
    use std::path::PathBuf;

    fn headline(id: u128, path: &str, format: Format) -> Headline {
        Headline {
            id: ArticleId(id),
            path: PathBuf::from(path),
            entry: 0,
            format,
            section: None,
            title: format!("Story {id}"),
            byline: None,
            published: None,
            url: None,
            source: None,
            modified: None,
        }
    }

    #[test]
    fn the_fullest_copy_stands_for_the_story() {
        let url = Some("https://example.com/story");
        let long: String = (0..200)
            .map(|n| format!("w{n}"))
            .collect::<Vec<_>>()
            .join(" ");
        let groups = Groups::new([
            (ArticleId(1), Signals::of(url, "Story one", "lead", "short")),
            (ArticleId(2), Signals::of(None, "x", "y", "z")),
            (ArticleId(3), Signals::of(url, "Story one", "lead", &long)),
        ]);
        let mut items = vec![
            headline(1, "feed.xml", Format::Feed),
            headline(2, "other.txt", Format::Scraped),
            headline(1, "again.xml", Format::Feed),
            headline(3, "page.txt", Format::Scraped),
        ];
        let copies = collapse(&mut items, &groups);
        let ids: Vec<u128> = items.iter().map(|h| h.id.0).collect();
        assert_eq!(ids, vec![2, 3]);
        let of_3: Vec<&str> = copies[&ArticleId(3)]
            .iter()
            .map(|h| h.path.to_str().unwrap())
            .collect();
        assert_eq!(of_3, vec!["page.txt", "feed.xml", "again.xml"]);
        assert!(!copies.contains_key(&ArticleId(2)));
    }
}
