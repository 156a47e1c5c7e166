//! Decoding bytes to text.
