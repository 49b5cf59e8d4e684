//! A stable hash for fingerprints that must not change between runs, platforms or
//! postlint versions (GitLab Code Quality fingerprints, the index cache's key): std's
//! hasher is randomly seeded, and a cryptographic crate is more than this needs.

/// Two FNV-1a 64-bit hashes with different offsets: 32 hex digits, stable across runs,
/// platforms and postlint versions (no dependency on a hasher's random seed).
pub fn fingerprint(parts: &[&str]) -> String {
    let hash = |offset: u64| {
        let mut hash = offset;
        for part in parts {
            for byte in part.bytes().chain(std::iter::once(0)) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    };
    format!("{:016x}{:016x}", hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        let a = fingerprint(&["_posts/a.md", "IMG002", "query parameter `w` is given twice", "1"]);
        assert_eq!(a, fingerprint(&["_posts/a.md", "IMG002", "query parameter `w` is given twice", "1"]));
        assert_eq!(a.len(), 32);
        assert_ne!(a, fingerprint(&["_posts/a.md", "IMG002", "query parameter `w` is given twice", "2"]));
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]), "parts are separated");
    }
}
