//! Time-zone abbreviations printed after a time ("3:15 PM EST"): their offsets from UTC to the minute, and
//! which zone an abbreviation shared by several places means.

/// Minutes in an hour, to write the offsets below as hours and minutes.
const HOUR: i32 = 60;

/// Abbreviations news pages print after a time, with their offsets east of UTC in minutes. Zones off the
/// whole hour keep their minutes: India +05:30, Nepal +05:45, central Australia +09:30, Newfoundland
/// -03:30.
///
/// An abbreviation that several zones share stands here for the one news pages mean most often; a place
/// named in the same dateline can say otherwise (see [`SHARED`]):
/// - IST is India Standard Time (+05:30), not Irish Standard Time (+01:00) nor Israel Standard Time
///   (+02:00): of the three, Indian pages print it by far the most.
/// - CST is US Central Standard Time (-06:00), not China Standard Time (+08:00) nor Cuba (-05:00):
///   Chinese pages mostly print "Beijing time" or an offset, US pages print CST.
/// - BST is British Summer Time (+01:00), not Bangladesh (+06:00, which its own pages write BDT).
const ZONES: &[(&str, i32)] = &[
    ("GMT", 0),
    ("UTC", 0),
    ("Z", 0),
    ("BST", HOUR),
    ("CET", HOUR),
    ("CEST", 2 * HOUR),
    ("EET", 2 * HOUR),
    ("EEST", 3 * HOUR),
    ("EST", -5 * HOUR),
    ("EDT", -4 * HOUR),
    ("CST", -6 * HOUR),
    ("CDT", -5 * HOUR),
    ("MST", -7 * HOUR),
    ("MDT", -6 * HOUR),
    ("PST", -8 * HOUR),
    ("PDT", -7 * HOUR),
    ("NST", -3 * HOUR - 30),
    ("NDT", -2 * HOUR - 30),
    ("IST", 5 * HOUR + 30),
    ("NPT", 5 * HOUR + 45),
    ("JST", 9 * HOUR),
    ("KST", 9 * HOUR),
    ("ACST", 9 * HOUR + 30),
    ("ACDT", 10 * HOUR + 30),
    ("AEST", 10 * HOUR),
    ("AEDT", 11 * HOUR),
];

/// Abbreviations shared by several zones: the other zone an abbreviation means when the dateline names one
/// of these places (a country, its people or a city), as a whole word in any case.
const SHARED: &[(&str, &[&str], i32)] = &[
    // Irish Standard Time (Ireland's summer time).
    (
        "IST",
        &["ireland", "irish", "dublin", "cork", "galway", "limerick"],
        HOUR,
    ),
    // Israel Standard Time.
    (
        "IST",
        &["israel", "israeli", "jerusalem", "tel aviv", "haifa"],
        2 * HOUR,
    ),
    // China Standard Time (Taiwan's zone is written CST too).
    (
        "CST",
        &[
            "china",
            "chinese",
            "beijing",
            "shanghai",
            "shenzhen",
            "guangzhou",
            "taiwan",
            "taipei",
        ],
        8 * HOUR,
    ),
];

/// `s` without a trailing zone abbreviation, and that zone's offset east of UTC in minutes (0 when there is
/// none). `context` is the whole line the date stands in: a place named there settles an abbreviation
/// that several zones share.
#[must_use]
pub fn split_zone<'a>(s: &'a str, context: &str) -> (&'a str, i32) {
    if let Some((rest, last)) = s.rsplit_once(' ')
        && let Some(minutes) = offset(last, context)
    {
        return (rest.trim_end(), minutes);
    }
    (s, 0)
}

/// The offset east of UTC in minutes of the zone `abbreviation` means in a line reading `context`.
#[must_use]
pub fn offset(abbreviation: &str, context: &str) -> Option<i32> {
    let (_, default) = ZONES.iter().find(|(z, _)| *z == abbreviation)?;
    let context = context.to_lowercase();
    let named = SHARED.iter().find(|(z, places, _)| {
        *z == abbreviation && places.iter().any(|place| names_word(&context, place))
    });
    Some(named.map_or(*default, |(_, _, minutes)| *minutes))
}

/// Whether `text` holds `word` with no letter or digit directly before or after it.
fn names_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_keep_their_minutes() {
        for (zone, minutes) in [
            ("IST", 330),
            ("NPT", 345),
            ("ACST", 570),
            ("ACDT", 630),
            ("NST", -210),
            ("NDT", -150),
            ("EST", -300),
            ("GMT", 0),
        ] {
            assert_eq!(offset(zone, ""), Some(minutes), "{zone}");
        }
        assert_eq!(offset("XYZ", ""), None);
        // Abbreviations are upper case: "ist" is a word (German "is"), not a zone.
        assert_eq!(offset("ist", ""), None);
    }

    #[test]
    fn shared_abbreviations_default_and_yield_to_a_named_place() {
        assert_eq!(offset("IST", "Updated: Mar 03, 2019 10:00 IST"), Some(330));
        assert_eq!(
            offset("IST", "By Aoife Byrne, Dublin | 10:00 IST"),
            Some(60)
        );
        assert_eq!(offset("IST", "JERUSALEM | 10:00 IST"), Some(120));
        assert_eq!(
            offset("IST", "By Noa Levi, Tel Aviv | 10:00 IST"),
            Some(120)
        );
        assert_eq!(offset("CST", "March 3, 2019 10:00 CST"), Some(-360));
        assert_eq!(offset("CST", "By Li Wei, Beijing | 10:00 CST"), Some(480));
        // A place inside another word is no place: "Corkscrew", "Chinatown".
        assert_eq!(offset("IST", "Corkscrew Lane | 10:00 IST"), Some(330));
        assert_eq!(offset("CST", "Chinatown | 10:00 CST"), Some(-360));
        // A place settles only the abbreviations it shares: Dublin says nothing of CST.
        assert_eq!(offset("CST", "Dublin | 10:00 CST"), Some(-360));
    }

    #[test]
    fn a_trailing_zone_is_split_off() {
        assert_eq!(
            split_zone("March 3, 2019 10:00 NPT", ""),
            ("March 3, 2019 10:00", 345)
        );
        assert_eq!(
            split_zone("March 3, 2019 10:00", ""),
            ("March 3, 2019 10:00", 0)
        );
    }
}
