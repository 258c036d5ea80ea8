//! Who wrote a score file: signatures over the body's exact bytes.
//!
//! A judge signs with a private key of their own (Ed25519) that never leaves their machine; the
//! head judge lists each judge's public key in judging.toml, which may then travel through the
//! judges' repo and be read by everyone: knowing a public key lets one check a signature, never
//! make one. Files of earlier builds were signed with a secret the head judge handed out
//! (HMAC-SHA256); those still verify where the head judge's judging.toml keeps that secret.

use base64::Engine;
use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::format::hex;

/// How a digest is written before its hex, in a judge's score file and in a saved merge alike.
pub const DIGEST_PREFIX: &str = "sha256:";

/// The SHA-256 of `bytes` in lower-case hex, as a score file (of its body) and a saved merge (of
/// what follows its digest) carry it after [`DIGEST_PREFIX`]: any edit to those bytes after
/// `judging export` or `judging merge` wrote them shows as a digest that no longer matches.
pub fn digest_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// How a public key is written in judging.toml: `ed25519:` and its 32 bytes in base64.
pub const PUBLIC_PREFIX: &str = "ed25519:";
/// How a private key is kept in the judge's key file.
const SECRET_PREFIX: &str = "ed25519-secret:";

/// A signature as the file's header carries it (hex, without its prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature<'a> {
    /// `hmac-sha256:`, 64 hex digits: a shared secret, from earlier builds.
    Hmac(&'a str),
    /// `ed25519:`, 128 hex digits: the judge's own key.
    Ed25519(&'a str),
}

/// The judge's private signing key.
pub struct PrivateKey(SigningKey);

impl PrivateKey {
    /// A new key from 32 random bytes of the system's generator.
    pub fn generate() -> Result<PrivateKey, String> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed).map_err(|e| format!("the system gave no random bytes: {e}"))?;
        Ok(PrivateKey(SigningKey::from_bytes(&seed)))
    }

    /// The key file's text.
    pub fn to_text(&self) -> String {
        format!("{SECRET_PREFIX}{}\n", b64(self.0.as_bytes()))
    }

    /// A key file's text, read back.
    pub fn from_text(text: &str) -> Result<PrivateKey, String> {
        let bytes = key_bytes(text, SECRET_PREFIX)
            .ok_or_else(|| format!("not a judging key file (it should hold one line, {SECRET_PREFIX}…)"))?;
        Ok(PrivateKey(SigningKey::from_bytes(&bytes)))
    }

    /// The public half, as judging.toml lists it.
    pub fn public(&self) -> String {
        format!("{PUBLIC_PREFIX}{}", b64(self.0.verifying_key().as_bytes()))
    }

    /// The body's signature, in hex.
    pub fn sign(&self, body: &[u8]) -> String {
        hex(&self.0.sign(body).to_bytes())
    }
}

/// The 32 bytes of a key written as `prefix` and base64.
fn key_bytes(text: &str, prefix: &str) -> Option<[u8; 32]> {
    let b = base64::engine::general_purpose::STANDARD.decode(text.trim().strip_prefix(prefix)?).ok()?;
    <[u8; 32]>::try_from(b.as_slice()).ok()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A public key as judging.toml lists it, or why it is not one.
pub fn public_key(text: &str) -> Result<VerifyingKey, String> {
    let what = "write it as `judging key` prints it: ed25519: and 44 characters of base64";
    let bytes = key_bytes(text, PUBLIC_PREFIX).ok_or_else(|| format!("not a public key: {what}"))?;
    let key = VerifyingKey::from_bytes(&bytes).map_err(|_| format!("not a valid Ed25519 key: {what}"))?;
    // A weak key would accept signatures anyone can make.
    if key.is_weak() {
        return Err(format!("a weak key that anyone could sign for: {what}"));
    }
    Ok(key)
}

/// Whether `signature` (hex) is the body's under the public key `listed`.
pub fn ed25519_holds(body: &[u8], listed: &str, signature: &str) -> bool {
    let Ok(key) = public_key(listed) else { return false };
    let Some(bytes) = unhex(signature).and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok()) else {
        return false;
    };
    // verify_strict refuses the malleable encodings plain verify lets through.
    key.verify_strict(body, &ed25519_dalek::Signature::from_bytes(&bytes)).is_ok()
        && key.verify(body, &ed25519_dalek::Signature::from_bytes(&bytes)).is_ok()
}

type HmacSha256 = hmac::Hmac<Sha256>;

/// The HMAC-SHA256 of the body's bytes under a shared secret, in hex (earlier builds' files).
pub fn hmac_sign(body: &[u8], key: &str) -> String {
    use hmac::{KeyInit, Mac};
    // HMAC takes a key of any length.
    let mut mac = HmacSha256::new_from_slice(key.as_bytes()).expect("HMAC accepts any key length");
    mac.update(body);
    hex(&mac.finalize().into_bytes())
}

/// Whether `signature` (hex) is the body's under the shared secret `key`.
pub fn hmac_holds(body: &[u8], key: &str, signature: &str) -> bool {
    use hmac::{KeyInit, Mac};
    let Some(given) = unhex(signature) else { return false };
    let Ok(mut mac) = HmacSha256::new_from_slice(key.as_bytes()) else { return false };
    mac.update(body);
    // verify_slice compares in constant time.
    mac.verify_slice(&given).is_ok()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    text.len().is_multiple_of(2).then_some(())?;
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_holds_only_under_its_own_public_key() {
        let (ana, ben) = (PrivateKey::generate().expect("key"), PrivateKey::generate().expect("key"));
        let body = b"{\"judge\":\"ben\"}";
        let signed = ana.sign(body);
        assert!(ed25519_holds(body, &ana.public(), &signed));
        assert!(!ed25519_holds(body, &ben.public(), &signed), "ana's signature is not ben's");
        assert!(!ed25519_holds(b"{\"judge\":\"ana\"}", &ana.public(), &signed), "another body");
        assert!(!ed25519_holds(body, &ana.public(), &signed[..126]), "cut short");
        let back = PrivateKey::from_text(&ana.to_text()).expect("reads back");
        assert_eq!(back.public(), ana.public());
    }

    #[test]
    fn public_keys_are_checked() {
        let good = PrivateKey::generate().expect("key").public();
        assert!(public_key(&good).is_ok());
        let weak = format!("{PUBLIC_PREFIX}{}", b64(&[0u8; 32]));
        for bad in ["", "ed25519:", "ed25519:AAAA", "hmac:xyz", good.trim_start_matches(PUBLIC_PREFIX), &weak] {
            assert!(public_key(bad).is_err(), "{bad:?}");
        }
        assert!(PrivateKey::from_text("ed25519-secret:AAAA").is_err());
    }
}
